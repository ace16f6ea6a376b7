// A modal (interaction callback type 9) as a dialog; submitting sends the values back as MODAL_SUBMIT data.

const LABEL = 18;
const ACTION_ROW = 1;
const TEXT_INPUT = 4;
const STRING_SELECT = 3;

// The inputs of a modal: text inputs, whether wrapped in Labels (current) or Action Rows (legacy), and string selects in Labels.
function inputsOf(modal) {
  return (modal.components ?? []).flatMap(c => {
    if (c.type === LABEL && [TEXT_INPUT, STRING_SELECT].includes(c.component?.type)) return [{ label: c.label, description: c.description, input: c.component, shape: LABEL }];
    if (c.type === ACTION_ROW) return (c.components ?? []).filter(i => i.type === TEXT_INPUT).map(i => ({ label: i.label, input: i, shape: ACTION_ROW }));
    return [];
  });
}

export function openModal(dialog, modal, submit) {
  const fields = inputsOf(modal);
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.textContent = modal.title;
  form.append(title);
  const controls = fields.map(({ label, description, input }) => {
    const wrapper = document.createElement('label');
    wrapper.append(label ?? input.custom_id);
    if (description) {
      const small = document.createElement('small');
      small.textContent = description;
      wrapper.append(small);
    }
    if (input.type === STRING_SELECT) {
      const select = document.createElement('select');
      select.name = input.custom_id;
      select.multiple = (input.max_values ?? 1) > 1;
      for (const option of input.options ?? []) {
        const choice = document.createElement('option');
        choice.value = option.value;
        choice.textContent = option.description ? `${option.label} (${option.description})` : option.label;
        choice.selected = option.default === true;
        select.append(choice);
      }
      wrapper.append(select);
      form.append(wrapper);
      return select;
    }
    const control = document.createElement(input.style === 2 ? 'textarea' : 'input');
    control.name = input.custom_id;
    control.required = input.required !== false;
    if (input.min_length) control.minLength = input.min_length;
    if (input.max_length) control.maxLength = input.max_length;
    if (input.placeholder) control.placeholder = input.placeholder;
    if (input.value) control.value = input.value;
    wrapper.append(control);
    if (input.max_length) {
      const count = document.createElement('span');
      count.className = 'count';
      const update = () => { count.textContent = `${control.value.length}/${input.max_length}${input.min_length ? ` (at least ${input.min_length})` : ''}`; };
      control.addEventListener('input', update);
      update();
      wrapper.append(count);
    }
    form.append(wrapper);
    return control;
  });
  const menu = document.createElement('menu');
  for (const [value, label] of [['cancel', 'Cancel'], ['submit', 'Submit']]) {
    const button = document.createElement('button');
    button.value = value;
    button.textContent = label;
    if (value === 'cancel') button.formNoValidate = true;
    menu.append(button);
  }
  form.append(menu);
  form.addEventListener('submit', event => {
    if (event.submitter?.value !== 'submit') return;
    const components = fields.map(({ input, shape }, i) => {
      // As Discord sends them: a select's picks in values, a text input's text in value.
      const value = input.type === STRING_SELECT
        ? { type: STRING_SELECT, custom_id: input.custom_id, values: [...controls[i].selectedOptions].map(o => o.value) }
        : { type: TEXT_INPUT, custom_id: input.custom_id, value: controls[i].value };
      return shape === LABEL ? { type: LABEL, component: value } : { type: ACTION_ROW, components: [value] };
    });
    submit({ custom_id: modal.custom_id, components });
  });
  dialog.replaceChildren(form);
  dialog.showModal();
  controls[0]?.focus();
}
