// The web UI's shell: sign-in, the navigation and a small hash router. Each view renders into a page of its
// own in <main> and may return a cleanup (e.g. to stop polling) that runs when the user moves on.
import { completeSignIn, expired, session, signIn, signOut } from './auth.js';
import { problemView } from './api.js';
import { h, show } from './dom.js';
import { newImportView } from './views/new-import.js';
import { jobView } from './views/job.js';
import { historyView } from './views/history.js';
import { recordsView } from './views/records.js';
import { outboxView, deadLettersView } from './views/admin.js';
import { webhooksView } from './views/webhooks.js';
import { webhookView } from './views/webhook.js';
import { settingsView } from './views/settings.js';

const main = document.getElementById('main');
let cleanup = null;

const routes = [
  [/^#\/?$/, () => newImportView],
  [/^#\/imports\/new$/, () => newImportView],
  [/^#\/signed-out$/, () => newImportView],
  [/^#\/imports\/([0-9a-fA-F-]{36})$/, (m) => (el, ctx) => jobView(el, ctx, m[1])],
  [/^#\/history(?:\?.*)?$/, () => historyView],
  [/^#\/records\/(restaurants|products|purchases)(?:\/([^/?]+))?(?:\?.*)?$/, (m) => (el, ctx) => recordsView(el, ctx, m[1], m[2])],
  [/^#\/webhooks$/, () => webhooksView],
  [/^#\/webhooks\/([0-9a-fA-F-]{36})$/, (m) => (el, ctx) => webhookView(el, ctx, m[1])],
  [/^#\/settings$/, () => settingsView],
  [/^#\/admin\/outbox$/, () => outboxView, true],
  [/^#\/admin\/dead-letters$/, () => deadLettersView, true],
];

function navKey(hash) {
  if (hash.startsWith('#/history') || /^#\/imports\/[0-9a-f-]{36}/i.test(hash)) return 'history';
  if (hash.startsWith('#/records')) return 'records';
  if (hash.startsWith('#/webhooks')) return 'webhooks';
  if (hash.startsWith('#/settings')) return 'settings';
  if (hash.startsWith('#/admin/outbox')) return 'outbox';
  if (hash.startsWith('#/admin/dead-letters')) return 'dead-letters';
  return 'new';
}

function renderShell(current) {
  const signedIn = Boolean(current);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (!signedIn) return;
  const who = current.user;
  document.getElementById('who-name').textContent = who.name + (who.tenant ? ' · ' + who.tenant : '') + (who.admin ? ' · admin' : '');
  document.querySelectorAll('.admin-only').forEach(item => { item.hidden = !who.admin; });
  const key = navKey(window.location.hash);
  document.querySelectorAll('[data-nav]').forEach(link => {
    if (link.dataset.nav === key) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}

function signedOutView(message) {
  show(main,
    h('h1', {}, 'Import your CSV files'),
    h('section', { class: 'card' },
      message ? h('p', { class: 'notice', role: 'status' }, message) : null,
      h('p', {}, 'Restaurants, dishes, reviews, products, store inventory, customers and purchases: upload a file, check the column mapping, preview what would change, then import it with every row accounted for.'),
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'sign-in', onclick: () => signIn() }, 'Sign in'))));
}

async function route() {
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a view's cleanup must not stop the next view */ }
    cleanup = null;
  }
  const current = session();
  renderShell(current);
  const hash = window.location.hash || '#/';
  if (!current) {
    if (expired()) {
      await signIn(hash);
      return;
    }
    signedOutView(hash === '#/signed-out' ? 'You are signed out.' : null);
    return;
  }
  for (const [pattern, view, adminOnly] of routes) {
    const match = hash.match(pattern);
    if (!match) continue;
    if (adminOnly && !current.user.admin) break;
    // each view renders into a page of its own: one still loading when the address changes again (a quick
    // click, a link followed at once) then writes into its detached page, never over the newer view
    const page = h('div', { class: 'page' }, h('p', { class: 'loading' }, 'Loading…'));
    show(main, page);
    main.focus({ preventScroll: true });
    try {
      const done = await view(match)(page, { user: current.user, navigate }) || null;
      if (page.isConnected) cleanup = done;
      else if (done) done();
    } catch (problem) {
      show(page, h('h1', {}, 'Something went wrong'), problemView(h, problem));
    }
    return;
  }
  show(main, h('h1', {}, 'Page not found'),
    h('p', {}, 'There is no page at this address. ', h('a', { href: '#/imports/new' }, 'Start a new import'), '.'));
}

export function navigate(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

async function start() {
  document.getElementById('sign-out').addEventListener('click', () => signOut());
  try {
    await completeSignIn();
  } catch (problem) {
    renderShell(null);
    show(main, h('h1', {}, 'Sign-in failed'), problemView(h, problem),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => signIn('#/') }, 'Sign in again')));
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
