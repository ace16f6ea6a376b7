// The sandbox page: one server, its channels, a member switcher, the bot's messages live from the emulator, and the
// bot's simulated clock. Everything the page does reaches the bot as a real interaction.
import { avatar, formatTimestamp, isVisibleTo, renderMessageList } from './render.js';
import { createComposer } from './composer.js';
import { openModal } from './modal.js';

const $ = id => document.getElementById(id);

const state = {
  world: null,
  me: null,            // member id
  channel: null,       // channel id
  messages: new Map(), // id → message, all channels
  failures: new Map(), // message id → "This interaction failed"
  clockOffset: 0,      // simulated ms − Date.now()
  nextDaily: null,
};

const simNow = () => new Date(Date.now() + state.clockOffset);
const member = () => state.world.members.find(m => m.id === state.me);

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  return { ok: response.ok, json };
}

function showStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

// Sends an interaction as the current member in the current channel; returns the bot's callback, or null on failure.
async function interact(type, data, messageId) {
  const { ok, json } = await api('/api/interactions', { type, data, member_id: state.me, channel_id: state.channel, message_id: messageId ?? null });
  if (!ok) return null;
  if (json.type === 9) {
    openModal($('modal'), json.data, modalData => {
      interact(5, modalData, messageId).then(reply => { if (!reply) showStatus('This interaction failed.', true); });
    });
  }
  return json;
}

// A click or a choice on a message's component; the control stays disabled until the bot answers.
function onComponent(message, data, control) {
  control.disabled = true;
  state.failures.delete(message.id);
  interact(3, data, message.id).then(reply => {
    control.disabled = false;
    if (!reply) {
      state.failures.set(message.id, 'This interaction failed.');
      renderMessages();
    }
  });
}

const onButton = (message, component, button) => onComponent(message, { custom_id: component.custom_id, component_type: 2 }, button);

const onSelect = (message, component, values, button) => onComponent(message, { custom_id: component.custom_id, component_type: 3, values }, button);

const names = {
  userName: id => state.world.members.find(m => m.id === id)?.name ?? (id === state.world.bot.id ? state.world.bot.name : 'unknown-user'),
  roleName: id => state.world.roles.find(r => r.id === id)?.name ?? 'deleted-role',
  channelName: id => place(id)?.name ?? 'unknown',
};

function renderMessages() {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const ctx = { ...names, now: simNow, onButton, onSelect, failure: id => state.failures.get(id) };
  const shown = [...state.messages.values()]
    .filter(m => m.channel_id === state.channel && isVisibleTo(m, state.me))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const nodes = renderMessageList(shown, ctx);
  if (nodes.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = `This is the start of #${names.channelName(state.channel)}. Type / to talk to the bot.`;
    nodes.push(empty);
  }
  list.replaceChildren(...nodes);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

// A channel of the server, or a thread of one (as Discord lists it: public ones for all, private ones for their members).
const place = id => state.world.channels.find(c => c.id === id) ?? state.world.threads.find(t => t.id === id);
const threadsOf = channelId => state.world.threads.filter(t => t.parent_id === channelId && (t.type !== 12 || t.members.includes(state.me)));

function renderChannels() {
  if (!place(state.channel) || (state.world.threads.some(t => t.id === state.channel) && !threadsOf(place(state.channel).parent_id).some(t => t.id === state.channel))) {
    state.channel = state.world.channels[0].id;
  }
  const entry = (item, text, thread) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.dataset[thread ? 'thread' : 'channel'] = item.name;
    if (thread) button.className = 'thread';
    button.setAttribute('aria-current', String(item.id === state.channel));
    button.addEventListener('click', () => selectChannel(item.id));
    li.append(button);
    return li;
  };
  const nodes = state.world.channels.flatMap(c => [entry(c, `# ${c.name}`, false), ...threadsOf(c.id).map(t => entry(t, `${t.type === 12 ? '🔒' : '🧵'} ${t.name}`, true))]);
  $('channels').replaceChildren(...nodes);
}

function selectChannel(id) {
  state.channel = id;
  const channel = place(id);
  $('channel-name').textContent = channel.name;
  $('channel-topic').textContent = channel.topic ?? (channel.type === 12 ? 'Private thread: only its members and moderators see it' : 'Thread');
  $('composer-input').placeholder = `Type / to use a command in #${channel.name}`;
  renderChannels();
  renderMessages();
}

function renderMembers() {
  const nodes = state.world.members.map((m, i) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.member = m.name;
    button.setAttribute('aria-pressed', String(m.id === state.me));
    const label = document.createElement('span');
    label.textContent = m.name;
    const role = document.createElement('small');
    role.textContent = m.manage_guild ? 'Manage Server' : 'Member';
    label.append(role);
    button.append(avatar(m.name, false, i), label);
    button.addEventListener('click', () => selectMember(m.id));
    li.append(button);
    return li;
  });
  $('members').replaceChildren(...nodes);
}

function selectMember(id) {
  state.me = id;
  const me = member();
  const index = state.world.members.indexOf(me);
  $('me-avatar').replaceWith(Object.assign(avatar(me.name, false, index), { id: 'me-avatar' }));
  $('me-name').textContent = me.name;
  $('me-role').textContent = me.manage_guild ? 'Manage Server' : 'Member';
  renderMembers();
  // Private threads differ per member: leave one the new member is not in.
  renderChannels();
  selectChannel(state.channel);
}

let refreshingClock = false;

function renderClock() {
  const now = simNow();
  // Once the post is due, the server knows the following one; ask for it rather than show a time in the past.
  if (state.nextDaily && state.nextDaily <= now.getTime() && !refreshingClock) {
    refreshingClock = true;
    setTimeout(async () => { applyClock((await api('/api/clock')).json); refreshingClock = false; }, 500);
  }
  const next = state.nextDaily > now.getTime() ? ` · next post ${formatTimestamp(new Date(state.nextDaily), 'R', now)}` : '';
  $('sim-time').textContent = `🕒 ${formatTimestamp(now, 'clock', now)}${next}`;
}

function applyClock(json) {
  state.clockOffset = json.now - Date.now();
  state.nextDaily = json.next_daily;
  renderClock();
}

async function moveClock(path) {
  const { ok, json } = await api(path, {});
  if (!ok) {
    showStatus(json.error ?? 'Could not move the clock.', true);
    return;
  }
  showStatus('');
  applyClock(json);
  renderMessages();
}

function connectEvents() {
  const events = new EventSource('/api/events');
  events.addEventListener('snapshot', e => {
    state.messages.clear();
    for (const m of JSON.parse(e.data).messages) state.messages.set(m.id, m);
    renderMessages();
  });
  events.addEventListener('message', e => {
    const m = JSON.parse(e.data);
    state.messages.set(m.id, m);
    if (m.channel_id === state.channel) renderMessages();
  });
  events.addEventListener('message_deleted', e => {
    state.messages.delete(JSON.parse(e.data).id);
    renderMessages();
  });
  events.addEventListener('threads', async () => {
    state.world.threads = (await api('/api/world')).json.threads;
    renderChannels();
  });
  events.addEventListener('commands', async () => {
    state.world.commands = (await api('/api/world')).json.commands;
  });
}

// The bot connects to the emulator while the page loads; wait until it is READY and has registered its commands.
async function loadWorld() {
  for (;;) {
    const { ok, json } = await api('/api/world');
    if (ok && json.ready && json.commands.length) return json;
    showStatus('Waiting for the bot to connect…');
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

async function start() {
  state.world = await loadWorld();
  showStatus('');
  $('guild-name').textContent = state.world.guild.name;
  $('server-icon').textContent = state.world.guild.name.split(/\s+/).map(w => w[0]).join('').slice(0, 3);
  $('server-icon').title = state.world.guild.name;
  state.me = state.world.members[0].id;
  state.channel = state.world.channels[0].id;
  selectMember(state.me);
  selectChannel(state.channel);
  createComposer({ root: document.querySelector('.composer-area'), world: () => state.world, me: member, interact, showError: text => showStatus(text, true) });
  connectEvents();
  $('next-daily').addEventListener('click', () => moveClock('/api/clock/next-daily'));
  $('clock-step').addEventListener('click', () => moveClock('/api/clock/step'));
  applyClock((await api('/api/clock')).json);
  setInterval(renderClock, 1000);
  // Resynchronise with the server's clock now and then; relative timestamps in messages follow it.
  setInterval(async () => { applyClock((await api('/api/clock')).json); renderMessages(); }, 15000);
  document.body.dataset.ready = 'true';
}

start();
