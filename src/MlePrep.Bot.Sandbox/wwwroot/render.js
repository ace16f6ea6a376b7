// Renders messages the way Discord's client does. Every piece of bot text goes through escapeHtml before markup is
// added, and only the markup built here reaches innerHTML.

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// A Date holds ±8.64e15 ms; past that it is "Invalid Date", and formatting it throws a RangeError.
const isValidDate = date => Number.isFinite(date.getTime());

// <t:unix:style> in the viewer's own zone, as Discord shows it. "R" is relative to the sandbox's simulated now.
export function formatTimestamp(date, style, now) {
  const f = options => new Intl.DateTimeFormat(undefined, options).format(date);
  switch (style) {
    case 't': return f({ hour: '2-digit', minute: '2-digit' });
    case 'T': return f({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
    case 'd': return f({ day: '2-digit', month: '2-digit', year: 'numeric' });
    case 'D': return f({ day: 'numeric', month: 'long', year: 'numeric' });
    case 'F': return f({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    case 'R': return relative(date - now);
    case 'clock': return f({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    default: return f({ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
}

function relative(ms) {
  const units = [['year', 31536e6], ['month', 2592e6], ['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(ms) >= size || unit === 'second') return format.format(Math.round(ms / size), unit);
  }
  return '';
}

// Inline markdown on one line of text. Code spans, links, mentions and timestamps become placeholders first, so the
// emphasis rules never run inside them.
function inline(text, ctx) {
  const saved = [];
  const keep = html => `\u0000${saved.push(html) - 1}\u0000`;
  let s = text
    .replace(/`([^`]+)`/g, (_, code) => keep(`<code>${escapeHtml(code)}</code>`))
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label, url) => keep(link(url, escapeHtml(label))))
    .replace(/https?:\/\/[^\s<>)]+/g, url => keep(link(url, escapeHtml(url))))
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (markup, unix, style) => {
      const date = new Date(Number(unix) * 1000);
      // Out of range: shown as typed, like any text that is not valid markup.
      if (!isValidDate(date)) return keep(escapeHtml(markup));
      return keep(`<time class="ts" datetime="${date.toISOString()}" title="${escapeHtml(formatTimestamp(date, 'F', ctx.now()))}">${escapeHtml(formatTimestamp(date, style, ctx.now()))}</time>`);
    })
    .replace(/<@&(\d+)>/g, (_, id) => keep(`<span class="mention">@${escapeHtml(ctx.roleName(id))}</span>`))
    .replace(/<@!?(\d+)>/g, (_, id) => keep(`<span class="mention">@${escapeHtml(ctx.userName(id))}</span>`))
    .replace(/<#(\d+)>/g, (_, id) => keep(`<span class="mention">#${escapeHtml(ctx.channelName(id))}</span>`));
  s = escapeHtml(s)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(.+?)__/g, '<u>$1</u>')
    .replace(/~~(.+?)~~/g, '<s>$1</s>')
    .replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|\W)_(?!\s)(.+?)_(?!\w)/g, '$1<em>$2</em>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => saved[Number(i)]);
}

function link(url, label) {
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
}

// Block markdown: code blocks, headings, -# subtext, quotes and bullet lists; other lines keep their line breaks.
export function markdown(text, ctx) {
  const parts = String(text ?? '').split(/```(?:[a-z]*\n)?([\s\S]*?)```/);
  return parts.map((part, i) => (i % 2 === 1 ? `<pre><code>${escapeHtml(part)}</code></pre>` : blocks(part, ctx))).join('');
}

function blocks(text, ctx) {
  const out = [];
  let list = null;
  for (const line of text.split('\n')) {
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (bullet) {
      list ??= [];
      list.push(`<li>${inline(bullet[1], ctx)}</li>`);
      continue;
    }
    if (list) {
      out.push(`<ul>${list.join('')}</ul>`);
      list = null;
    }
    let m;
    if ((m = /^-#\s+(.*)$/.exec(line))) out.push(`<small class="subtext">${inline(m[1], ctx)}</small>\n`);
    else if ((m = /^#{1,3}\s+(.*)$/.exec(line))) out.push(`<h3>${inline(m[1], ctx)}</h3>`);
    else if ((m = /^>\s?(.*)$/.exec(line))) out.push(`<blockquote>${inline(m[1], ctx)}</blockquote>`);
    else out.push(`${inline(line, ctx)}\n`);
  }
  if (list) out.push(`<ul>${list.join('')}</ul>`);
  return out.join('').replace(/\n$/, '');
}

function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

function text(tag, className, value) {
  const node = el(tag, className);
  node.textContent = value;
  return node;
}

export function isVisibleTo(message, memberId) {
  return (message.flags & EPHEMERAL) === 0 || message.interaction_metadata?.user?.id === memberId;
}

export function avatar(name, isBot, index) {
  const node = text('span', `avatar ${isBot ? 'bot' : `c${index % 3 + 1}`}`, name.slice(0, 1).toUpperCase());
  node.setAttribute('aria-hidden', 'true');
  return node;
}

const USED = { 2: 'used a command', 3: 'pressed a button', 5: 'submitted a form' };

// One node per message, each rendered on its own: a message the page cannot show becomes a note in its place
// instead of leaving the whole channel unrefreshed.
export function renderMessageList(messages, ctx) {
  return messages.map(message => {
    try {
      return renderMessage(message, ctx);
    } catch (error) {
      console.error('Could not render message', message?.id, error);
      const li = text('li', 'message unrenderable', `⚠ The sandbox could not show this message (${error.name}: ${error.message}).`);
      li.dataset.id = message?.id ?? '';
      return li;
    }
  });
}

// ctx: now(), userName(id), roleName(id), channelName(id), memberIndex(id), onButton(message, button), onSelect(message, select, values, button),
// failure(messageId)
export function renderMessage(message, ctx) {
  const li = el('li', 'message');
  li.dataset.id = message.id;
  const ephemeral = (message.flags & EPHEMERAL) !== 0;
  if (ephemeral) li.classList.add('ephemeral');
  const user = message.interaction_metadata?.user;
  if (user) {
    li.append(text('div', 'used', `↳ ${ctx.userName(user.id)} ${USED[message.interaction_metadata.type] ?? 'used the app'}`));
  }
  li.append(avatar(message.author.username, message.author.bot, 0));
  const body = el('div', 'body');
  const head = el('div', 'head');
  head.append(text('span', 'author', message.author.username));
  if (message.author.bot) head.append(text('span', 'badge', 'APP'));
  const sent = new Date(message.timestamp);
  if (isValidDate(sent)) {
    const time = text('time', 'time', formatTimestamp(sent, 'f', ctx.now()));
    time.dateTime = sent.toISOString();
    head.append(time);
  }
  body.append(head);

  if (message.flags & LOADING) {
    body.append(text('div', 'thinking', `${message.author.username} is thinking`));
  } else {
    if (message.content) {
      const content = el('div', 'content', markdown(message.content, ctx));
      if (message.edited_timestamp) content.append(text('span', 'edited', ' (edited)'));
      body.append(content);
    } else if (message.edited_timestamp) {
      head.append(text('span', 'edited', '(edited)'));
    }
    for (const embed of message.embeds ?? []) body.append(renderEmbed(embed, ctx));
    // As in Discord, an attachment an embed already shows is not shown again.
    const shown = new Set((message.embeds ?? []).map(e => e.image?.url).filter(Boolean));
    for (const attachment of message.attachments ?? []) {
      if (!shown.has(attachment.url)) body.append(renderAttachment(attachment));
    }
    for (const row of message.components ?? []) body.append(renderRow(message, row, ctx));
  }
  if (message.thread) {
    body.append(text('div', 'thread-chip', `🧵 Thread: ${message.thread.name}`));
  }
  const failure = ctx.failure(message.id);
  if (failure) body.append(text('div', 'failed', failure));
  if (ephemeral) body.append(text('div', 'only-you', '👁 Only you can see this'));
  li.append(body);
  return li;
}

function renderEmbed(embed, ctx) {
  const node = el('div', 'embed');
  if (embed.color !== undefined && embed.color !== null) {
    node.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, '0')}`;
  }
  if (embed.author?.name) node.append(text('div', 'embed-footer', embed.author.name));
  if (embed.title) node.append(el('div', 'embed-title', inline(embed.title, ctx)));
  if (embed.description) node.append(el('div', 'embed-description', `<div class="content">${markdown(embed.description, ctx)}</div>`));
  if (embed.fields?.length) {
    const fields = el('div', 'embed-fields');
    for (const field of embed.fields) {
      const f = el('div', `embed-field${field.inline ? ' inline' : ''}`);
      f.append(el('div', 'embed-field-name', inline(field.name, ctx)));
      f.append(el('div', 'content', markdown(field.value, ctx)));
      fields.append(f);
    }
    node.append(fields);
  }
  if (embed.image?.url) {
    const image = attachmentImage(embed.image.url, embed.image.width, embed.image.height);
    if (image) node.append(image);
  }
  const stamp = new Date(embed.timestamp ?? NaN);
  const footer = [embed.footer?.text, isValidDate(stamp) ? formatTimestamp(stamp, 'f', ctx.now()) : null].filter(Boolean).join(' • ');
  if (footer) node.append(text('div', 'embed-footer', footer));
  return node;
}

// Files the bot uploaded, from the page's own origin (the emulator serves the same path); other URLs are not loaded.
function attachmentImage(url, width, height) {
  let path;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  if (!path.startsWith('/attachments/')) return null;
  const image = document.createElement('img');
  image.className = 'embed-image';
  image.src = path;
  image.alt = '';
  if (width && height) {
    image.width = width;
    image.height = height;
  }
  return image;
}

function renderAttachment(attachment) {
  const image = attachment.content_type?.startsWith('image/') ? attachmentImage(attachment.url, attachment.width, attachment.height) : null;
  if (image) {
    image.alt = attachment.description ?? attachment.filename;
    return image;
  }
  return text('div', 'attachment', `📎 ${attachment.filename}`);
}

// A string select: pick the options, then send the choice (Discord sends it when the menu closes).
function renderSelect(message, component, ctx) {
  const node = el('div', 'select');
  const select = document.createElement('select');
  select.multiple = (component.max_values ?? 1) > 1;
  select.size = Math.min(component.options?.length ?? 1, 10);
  select.dataset.customId = component.custom_id;
  select.title = component.placeholder ?? '';
  for (const option of component.options ?? []) {
    const o = document.createElement('option');
    o.value = option.value;
    o.textContent = option.label;
    o.selected = option.default === true;
    select.append(o);
  }
  const send = text('button', 'btn s2', 'Choose');
  send.type = 'button';
  send.addEventListener('click', () => ctx.onSelect(message, component, [...select.selectedOptions].map(o => o.value), send));
  if (component.placeholder) node.append(text('div', 'select-placeholder', component.placeholder));
  node.append(select, send);
  return node;
}

function renderRow(message, row, ctx) {
  const node = el('div', 'row');
  for (const component of row.components ?? []) {
    if (component.type === 3) {
      node.append(renderSelect(message, component, ctx));
      continue;
    }
    if (component.type !== 2) continue;
    const label = [component.emoji?.name, component.label].filter(Boolean).join(' ');
    if (component.style === 5) {
      const a = text('a', 'btn s5', `${label} ↗`);
      a.href = component.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      node.append(a);
      continue;
    }
    const button = text('button', `btn s${component.style}`, label);
    button.type = 'button';
    button.disabled = component.disabled === true;
    button.dataset.customId = component.custom_id;
    button.addEventListener('click', () => ctx.onButton(message, component, button));
    node.append(button);
  }
  return node;
}
