// Building the page from data without innerHTML: every value from the API or a file is text, never markup.

/** h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text', child, [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked' || name === 'selected' || name === 'disabled' || name === 'hidden') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

/**
 * Replaces what a container shows. Keyboard focus inside it returns to the element of the same id in what
 * replaced it, rather than falling to <body> with every re-render.
 */
export function show(container, ...children) {
  const active = document.activeElement;
  const focused = active && active !== document.body && active.id && container.contains(active) ? active.id : null;
  container.replaceChildren();
  append(container, children);
  if (focused) {
    const again = document.getElementById(focused);
    if (again && container.contains(again)) again.focus({ preventScroll: true });
  }
  return container;
}

/** Says something to screen readers without moving focus. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // a fresh node makes screen readers read it even when the text repeats
  setTimeout(() => { region.textContent = text; }, 50);
}

/** A table; columns: [{label, value: row => node|text, num: bool}]; stacks into cards on narrow screens. */
export function table(columns, rows, { caption, empty = 'Nothing to show.' } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'stack' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c =>
        h('td', { class: c.num ? 'num' : (c.cell ? 'cell' : null), 'data-label': c.label }, c.value(row))))))));
}

/** A definition list of counters, e.g. created / updated / errors. */
export function counters(entries) {
  return h('dl', { class: 'counters' }, entries.map(([label, value, id]) =>
    h('div', {}, h('dt', {}, label), h('dd', { 'data-counter': id || null }, value))));
}
