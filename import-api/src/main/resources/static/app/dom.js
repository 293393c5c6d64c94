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

// Chromium moves the focus of a control that gets disabled (a button while its request runs) to <body>, which
// would send a keyboard user back to the top of the page. The control the focus left that way is remembered:
// enabled again, it takes the focus back; replaced by a re-render, show() gives the focus to its successor.
let lostWithFocus = null;
document.addEventListener('focusin', () => { lostWithFocus = null; });
document.addEventListener('focusout', (e) => { lostWithFocus = e.target.disabled ? e.target : null; });
// a click elsewhere is the user moving on: nothing is given the focus back after it
document.addEventListener('pointerdown', () => { lostWithFocus = null; }, true);
new MutationObserver(() => {
  const control = lostWithFocus;
  if (control && !control.disabled && control.isConnected && focusFell()) {
    lostWithFocus = null;
    control.focus({ preventScroll: true });
  }
}).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['disabled'] });

function focusFell() {
  return !document.activeElement || document.activeElement === document.body;
}

/** Gives an element the focus, a heading too (made focusable from script only, tabindex -1). */
export function focusOn(element) {
  if (!element) return;
  if (/^H[1-6]$/.test(element.tagName) && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: true });
}

/** What finds an element again in a redrawn page: its id, else (a row's button) its tag and accessible name. */
function selectorOf(element) {
  if (element.id) return '#' + CSS.escape(element.id);
  const name = element.getAttribute('aria-label');
  return name ? element.tagName.toLowerCase() + '[aria-label="' + CSS.escape(name) + '"]' : null;
}

/**
 * Replaces what a container shows. Keyboard focus inside it (or lost from a control of it that was disabled)
 * returns to the same element in what replaced it (same id, or same name for a row's button); with none, to the
 * first heading of the new content (its logical successor: e.g. a job's new status after "Confirm"), rather
 * than falling to <body>.
 */
export function show(container, ...children) {
  const active = focusFell() ? lostWithFocus : document.activeElement;
  const hadFocus = Boolean(active && active !== document.body && container.contains(active));
  const selector = hadFocus ? selectorOf(active) : null;
  container.replaceChildren();
  append(container, children);
  if (hadFocus && container.isConnected) {
    const again = selector ? container.querySelector(selector) : null;
    if (again) again.focus({ preventScroll: true });
    if (focusFell()) focusOn(container.querySelector('h1, h2, h3'));
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

// A table wider than its box scrolls sideways inside it: the keyboard must reach it too (arrow keys scroll it once
// it has the focus), so a wrap that scrolls is a tab stop, a region named by the table's caption; one that fits is
// neither (no extra tab stop, no extra landmark).
const scrollers = typeof ResizeObserver === 'function' ? new ResizeObserver(entries => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth + 1) {
      target.setAttribute('tabindex', '0');
      target.setAttribute('role', 'region');
      target.setAttribute('aria-label', target.dataset.caption || 'Table');
    } else {
      ['tabindex', 'role', 'aria-label'].forEach(name => target.removeAttribute(name));
    }
  }
}) : null;

/** A table; columns: [{label, value: row => node|text, num: bool}]; stacks into cards on narrow screens. */
export function table(columns, rows, { caption, empty = 'Nothing to show.' } = {}) {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  const wrap = h('div', { class: 'table-wrap', 'data-caption': caption || null },
    h('table', { class: 'stack' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c =>
        h('td', { class: c.num ? 'num' : (c.cell ? 'cell' : null), 'data-label': c.label }, c.value(row))))))));
  if (scrollers) scrollers.observe(wrap);
  return wrap;
}

/** A definition list of counters, e.g. created / updated / errors. */
export function counters(entries) {
  return h('dl', { class: 'counters' }, entries.map(([label, value, id]) =>
    h('div', {}, h('dt', {}, label), h('dd', { 'data-counter': id || null }, value))));
}
