// The message box: slash commands from what the bot registered, options as pills, choices and real autocomplete,
// and the checks Discord's client makes before it sends (required options, choices, lengths, numbers).

const SUB_COMMAND = 1, SUB_COMMAND_GROUP = 2, STRING = 3, INTEGER = 4, BOOLEAN = 5, USER = 6, CHANNEL = 7, ROLE = 8, NUMBER = 10;

// "daily set", "question", …: one entry per runnable command path, as Discord's picker lists them.
function entries(commands) {
  const list = [];
  for (const command of commands.filter(c => (c.type ?? 1) === 1)) {
    const base = { command, locked: command.default_member_permissions ? BigInt(command.default_member_permissions) : 0n };
    const subs = (command.options ?? []).filter(o => o.type === SUB_COMMAND || o.type === SUB_COMMAND_GROUP);
    if (subs.length === 0) {
      list.push({ ...base, label: command.name, path: [], description: command.description, options: command.options ?? [] });
      continue;
    }
    for (const sub of subs) {
      if (sub.type === SUB_COMMAND) {
        list.push({ ...base, label: `${command.name} ${sub.name}`, path: [sub.name], description: sub.description, options: sub.options ?? [] });
      } else {
        for (const leaf of (sub.options ?? []).filter(o => o.type === SUB_COMMAND)) {
          list.push({ ...base, label: `${command.name} ${sub.name} ${leaf.name}`, path: [sub.name, leaf.name], description: leaf.description, options: leaf.options ?? [] });
        }
      }
    }
  }
  return list;
}

export function createComposer({ root, world, me, interact, showError }) {
  const chip = root.querySelector('#command-chip');
  const pillsNode = root.querySelector('#pills');
  const input = root.querySelector('#composer-input');
  const popup = root.querySelector('#popup');
  const optional = root.querySelector('#optional');
  const error = root.querySelector('#composer-error');

  let entry = null;          // the picked command path
  let pills = [];            // { option, node, input, value }
  let items = [];            // popup items: { label, hint, pick() }
  let selected = 0;
  let autocompleteSeq = 0;

  function reset() {
    entry = null;
    pills = [];
    chip.hidden = true;
    pillsNode.replaceChildren();
    optional.hidden = true;
    input.value = '';
    input.placeholder = 'Type / to use a command';
    error.textContent = '';
    closePopup();
  }

  function showPopup(title, list, note) {
    items = list;
    selected = 0;
    const nodes = [];
    const heading = document.createElement('h4');
    heading.textContent = title;
    nodes.push(heading);
    list.forEach((item, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'option');
      button.setAttribute('aria-selected', String(i === selected));
      const label = document.createElement('span');
      label.textContent = item.label;
      button.append(label);
      if (item.hint) {
        const hint = document.createElement('small');
        hint.textContent = item.hint;
        button.append(hint);
      }
      if (item.lock) {
        const lock = document.createElement('span');
        lock.className = 'lock';
        lock.textContent = item.lock;
        button.append(lock);
      }
      // Keep the focus in the text field, as Discord's picker does.
      button.addEventListener('mousedown', e => e.preventDefault());
      button.addEventListener('click', () => item.pick());
      nodes.push(button);
    });
    if (note) {
      const p = document.createElement('p');
      p.textContent = note;
      nodes.push(p);
    }
    popup.replaceChildren(...nodes);
    popup.hidden = false;
  }

  function closePopup() {
    items = [];
    popup.hidden = true;
    popup.replaceChildren();
  }

  function moveSelection(delta) {
    if (items.length === 0) return;
    selected = (selected + delta + items.length) % items.length;
    popup.querySelectorAll('button').forEach((b, i) => b.setAttribute('aria-selected', String(i === selected)));
  }

  // No command yet: "/que" lists matching commands.
  function suggestCommands() {
    const query = input.value.slice(1).toLowerCase();
    const member = me();
    const list = entries(world().commands)
      .filter(e => e.label.startsWith(query) || e.label.includes(` ${query}`))
      .map(e => ({
        label: `/${e.label}`,
        hint: e.description,
        // Discord hides such commands from members without the permission unless the server allows them; the
        // sandbox's server allows them, so the bot's own check can be tried.
        lock: e.locked && (BigInt(member.permissions) & e.locked) !== e.locked ? '🔒 Manage Server' : '',
        pick: () => pick(e),
      }));
    if (list.length) showPopup(`Commands matching /${query}`, list);
    else showPopup(`No command matches /${query}`, []);
  }

  function pick(e) {
    reset();
    entry = e;
    chip.textContent = `/${e.label}`;
    chip.hidden = false;
    input.placeholder = '';
    for (const option of e.options.filter(o => o.required)) addPill(option, false);
    renderOptional();
    (pills[0]?.input ?? input).focus();
    if (pills.length === 0) suggestOptions();
  }

  function renderOptional() {
    const left = entry.options.filter(o => !o.required && !pills.some(p => p.option.name === o.name));
    optional.replaceChildren();
    optional.hidden = left.length === 0;
    if (left.length === 0) return;
    optional.append(`Optional (${left.length}):`);
    for (const option of left) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `+ ${option.name}`;
      button.title = option.description;
      button.addEventListener('click', () => addPill(option, true));
      optional.append(button);
    }
  }

  // After the command: the free text field lists the options not added yet.
  function suggestOptions() {
    const query = input.value.toLowerCase();
    const left = entry.options.filter(o => !pills.some(p => p.option.name === o.name) && o.name.startsWith(query));
    if (left.length === 0) {
      closePopup();
      return;
    }
    showPopup('Options', left.map(o => ({ label: o.name, hint: `${o.required ? 'required · ' : ''}${o.description}`, pick: () => addPill(o, true) })));
  }

  function addPill(option, focus) {
    const node = document.createElement('label');
    node.className = 'pill';
    node.dataset.option = option.name;
    const name = document.createElement('span');
    name.textContent = option.name;
    const field = document.createElement('input');
    field.autocomplete = 'off';
    field.spellcheck = false;
    field.setAttribute('aria-label', option.name);
    node.append(name, field);
    pillsNode.append(node);
    const pill = { option, node, input: field, value: null };
    pills.push(pill);
    field.addEventListener('focus', () => suggestValues(pill));
    field.addEventListener('input', () => {
      pill.value = null;
      node.classList.remove('invalid');
      suggestValues(pill);
    });
    field.addEventListener('keydown', e => onKey(e, pill));
    input.value = '';
    renderOptional();
    if (focus) field.focus();
  }

  function removePill(pill) {
    pills = pills.filter(p => p !== pill);
    pill.node.remove();
    renderOptional();
    input.focus();
  }

  function choose(pill, name, value) {
    pill.input.value = name;
    pill.value = value;
    pill.node.classList.remove('invalid');
    closePopup();
    const next = pills.find(p => p !== pill && p.input.value === '');
    (next?.input ?? input).focus();
  }

  // The choices of an option: declared ones, the server's channels/roles/members, or the bot's autocomplete.
  function suggestValues(pill) {
    const { option } = pill;
    const typed = pill.input.value.toLowerCase();
    const fixed = fixedChoices(option);
    if (fixed) {
      const list = fixed.filter(c => c.name.toLowerCase().includes(typed)).map(c => ({ label: c.name, pick: () => choose(pill, c.name, c.value) }));
      showPopup(option.name, list, list.length ? '' : 'No choice matches.');
      return;
    }
    if (option.autocomplete) {
      const seq = ++autocompleteSeq;
      // Discord sends the other options as typed so far, unchecked.
      const others = pills.filter(p => p !== pill && p.input.value !== '').map(p => ({ name: p.option.name, type: p.option.type, value: p.value ?? p.input.value }));
      const data = commandData(others, { name: option.name, type: option.type, value: pill.input.value, focused: true });
      interact(4, data).then(reply => {
        if (seq !== autocompleteSeq || document.activeElement !== pill.input) return;
        const list = (reply?.data?.choices ?? []).map(c => ({ label: c.name, pick: () => choose(pill, c.name, c.value) }));
        showPopup(option.name, list, list.length ? '' : 'No suggestions.');
      });
      return;
    }
    showPopup(option.name, [], option.description);
  }

  function fixedChoices(option) {
    if (option.choices?.length) return option.choices;
    const w = world();
    switch (option.type) {
      case BOOLEAN: return [{ name: 'True', value: true }, { name: 'False', value: false }];
      case CHANNEL: return w.channels.map(c => ({ name: `#${c.name}`, value: c.id }));
      case ROLE: return w.roles.map(r => ({ name: `@${r.name}`, value: r.id }));
      case USER: return w.members.map(m => ({ name: m.name, value: m.id }));
      default: return null;
    }
  }

  // One option as Discord sends it, or null when it is not valid (the pill is marked).
  function optionValue(pill) {
    const { option } = pill;
    const text = pill.input.value.trim();
    const invalid = message => {
      pill.node.classList.add('invalid');
      throw new Error(`${option.name}: ${message}`);
    };
    let value = pill.value;
    const fixed = fixedChoices(option);
    if (value === null && fixed) {
      const match = fixed.find(c => c.name.toLowerCase() === text.toLowerCase() || String(c.value).toLowerCase() === text.toLowerCase());
      if (!match) invalid('pick one of the choices.');
      value = match.value;
    }
    if (value === null) value = text;
    if (option.type === INTEGER || option.type === NUMBER) {
      value = Number(value);
      if (!Number.isFinite(value) || (option.type === INTEGER && !Number.isInteger(value))) invalid(option.type === INTEGER ? 'must be a whole number.' : 'must be a number.');
      if (option.min_value !== undefined && value < option.min_value) invalid(`must be at least ${option.min_value}.`);
      if (option.max_value !== undefined && value > option.max_value) invalid(`must be at most ${option.max_value}.`);
    }
    if (option.type === STRING) {
      if (option.min_length && value.length < option.min_length) invalid(`must be at least ${option.min_length} characters long.`);
      if (option.max_length && value.length > option.max_length) invalid(`must be at most ${option.max_length} characters long.`);
    }
    return { name: option.name, type: option.type, value };
  }

  function commandData(options, focused) {
    let list = focused ? [...options, focused] : options;
    const [first, second] = entry.path;
    if (second) list = [{ name: first, type: SUB_COMMAND_GROUP, options: [{ name: second, type: SUB_COMMAND, options: list }] }];
    else if (first) list = [{ name: first, type: SUB_COMMAND, options: list }];
    const data = { name: entry.command.name, type: 1 };
    if (list.length) data.options = list;
    return data;
  }

  function send() {
    error.textContent = '';
    if (!entry) {
      if (input.value.trim()) error.textContent = 'The sandbox talks to the bot through slash commands: type / to pick one.';
      return;
    }
    const missing = entry.options.filter(o => o.required && !pills.some(p => p.option.name === o.name && p.input.value.trim() !== ''));
    for (const option of missing) pills.find(p => p.option.name === option.name)?.node.classList.add('invalid');
    if (missing.length) {
      error.textContent = `${missing.map(o => o.name).join(', ')}: this field is required.`;
      return;
    }
    let options;
    try {
      options = pills.filter(p => p.input.value.trim() !== '').map(optionValue);
    } catch (e) {
      error.textContent = e.message;
      return;
    }
    const data = commandData(options);
    reset();
    input.focus();
    interact(2, data).then(reply => { if (!reply) showError('This interaction failed.'); });
  }

  // Enter picks from the list while choosing a command or a value, or filtering options; with the options list merely
  // open after a command (nothing typed), Enter sends, as in Discord.
  function picking(pill) {
    return pill !== null || entry === null || input.value !== '';
  }

  function onKey(e, pill) {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && items.length) {
      e.preventDefault();
      moveSelection(e.key === 'ArrowDown' ? 1 : -1);
    } else if ((e.key === 'Tab' || (e.key === 'Enter' && picking(pill))) && items.length && !popup.hidden) {
      e.preventDefault();
      items[selected].pick();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape') {
      if (!popup.hidden) closePopup();
      else reset();
    } else if (e.key === 'Backspace' && e.target.value === '') {
      if (pill && !pill.option.required) {
        e.preventDefault();
        removePill(pill);
      } else if (!pill && entry) {
        e.preventDefault();
        const last = pills.filter(p => !p.option.required).at(-1);
        if (last) removePill(last);
        else reset();
      }
    }
  }

  input.addEventListener('input', () => {
    error.textContent = '';
    if (entry) suggestOptions();
    else if (input.value.startsWith('/')) suggestCommands();
    else closePopup();
  });
  input.addEventListener('focus', () => { if (entry) suggestOptions(); });
  input.addEventListener('keydown', e => onKey(e, null));
  input.addEventListener('blur', () => setTimeout(() => { if (!root.contains(document.activeElement)) closePopup(); }, 150));

  return { reset };
}
