// One webhook endpoint: what it is, its actions (test, enable / disable, rotate the secret, delete) and its
// deliveries with Redeliver. The list refreshes every 2 s while a delivery is pending.
import { api, problemView } from '../api.js';
import { announce, h, show, table } from '../dom.js';
import { dateTime, number, until } from '../format.js';
import { deliveryBadge, eventTypeChips, failingSince, secretBox, stateBadge, takeSecret } from './webhook-parts.js';

const POLL_MS = 2000;

export async function webhookView(main, { navigate }, id) {
  let endpoint;
  try {
    endpoint = await api.get('/api/webhooks/' + id);
  } catch (problem) {
    if (problem.status !== 404) throw problem;
    // another tenant's endpoint looks exactly like one that does not exist
    show(main, h('h1', {}, 'Webhook not found'), problemView(h, problem),
      h('p', {}, h('a', { href: '#/webhooks' }, 'Back to your webhooks')));
    return null;
  }
  let timer = null;
  let stopped = false;
  const secretHolder = h('div', { id: 'secret-holder' });
  const problemBox = h('div', { id: 'webhook-problem' });
  const facts = h('section', { class: 'card', id: 'webhook-facts', 'aria-labelledby': 'webhook-title' });
  const deliveries = h('section', { class: 'card', id: 'deliveries', 'aria-labelledby': 'deliveries-heading' });
  show(main, h('h1', { id: 'webhook-title' }, 'Webhook'),
    h('p', {}, h('a', { href: '#/webhooks' }, 'All webhooks')), secretHolder, problemBox, facts, deliveries);

  function showSecret(secret, heading, note) {
    const box = secretBox(secret, heading, note);
    show(secretHolder, box);
    box.focus();
  }

  const created = takeSecret(id);
  if (created) {
    showSecret(created, 'Webhook added');
    announce('Webhook added. Copy its signing secret now: it is shown this once.');
  }

  async function act(button, work) {
    button.disabled = true;
    show(problemBox);
    try {
      await work();
    } catch (problem) {
      show(problemBox, problemView(h, problem));
    } finally {
      button.disabled = false;
    }
  }

  const sendTest = (button) => act(button, async () => {
    await api.post('/api/webhooks/' + id + '/test');
    announce('Test event queued.');
    await loadDeliveries();
  });

  const toggle = (button) => act(button, async () => {
    endpoint = await api.patch('/api/webhooks/' + id, { enabled: !endpoint.enabled });
    announce(endpoint.enabled ? 'Webhook enabled.' : 'Webhook disabled.');
    renderFacts();
    document.getElementById('toggle-enabled').focus();
    await loadDeliveries();
  });

  const rotate = (button) => act(button, async () => {
    const rotated = await api.post('/api/webhooks/' + id + '/rotate-secret');
    endpoint = await api.get('/api/webhooks/' + id);
    renderFacts();
    showSecret(rotated.secret, 'New signing secret',
      'The previous secret also signs every delivery until ' + dateTime(rotated.previous_secret_valid_until) + ', so your receiver can switch over.');
  });

  const remove = (button) => {
    if (!window.confirm('Delete the webhook to ' + endpoint.url + '? Its pending deliveries are dropped; this cannot be undone.')) return;
    act(button, async () => {
      await api.delete('/api/webhooks/' + id);
      announce('Webhook deleted.');
      navigate('#/webhooks');
    });
  };

  function renderFacts() {
    const previousUntil = endpoint.previous_secret_valid_until && new Date(endpoint.previous_secret_valid_until) > new Date()
      ? endpoint.previous_secret_valid_until : null;
    show(facts,
      h('dl', { class: 'facts' },
        h('dt', {}, 'URL'), h('dd', { id: 'webhook-url' }, endpoint.url),
        h('dt', {}, 'Description'), h('dd', {}, endpoint.description || '–'),
        h('dt', {}, 'Event types'), h('dd', {}, eventTypeChips(endpoint.event_types)),
        h('dt', {}, 'State'), h('dd', { id: 'webhook-state' }, stateBadge(endpoint)),
        h('dt', {}, 'Failures'), h('dd', {}, failingSince(endpoint)),
        previousUntil ? [h('dt', {}, 'Previous secret'), h('dd', {}, 'still signs until ' + dateTime(previousUntil))] : null,
        h('dt', {}, 'Added'), h('dd', {}, dateTime(endpoint.created_at) + ' by ' + endpoint.owner)),
      endpoint.enabled ? null : h('p', { class: 'hint' }, 'A disabled webhook receives nothing: enable it to send a test or redeliver.'),
      h('div', { class: 'actions' },
        button('send-test', 'Send test event', sendTest, { disabled: !endpoint.enabled }),
        button('toggle-enabled', endpoint.enabled ? 'Disable' : 'Enable', toggle, { secondary: true }),
        button('rotate-secret', 'Rotate secret', rotate, { secondary: true }),
        button('delete-webhook', 'Delete', remove, { danger: true })));
  }

  function button(buttonId, label, onclick, { disabled = false, secondary = false, danger = false } = {}) {
    const b = h('button', { type: 'button', id: buttonId, disabled, class: danger ? 'danger' : (secondary ? 'secondary' : null),
      onclick: () => onclick(b) }, label);
    return b;
  }

  function redeliver(delivery, b) {
    act(b, async () => {
      await api.post('/api/webhooks/' + id + '/deliveries/' + delivery.id + '/redeliver');
      announce('Delivery queued again.');
      await loadDeliveries();
    });
  }

  async function loadDeliveries() {
    clearTimeout(timer);
    if (stopped) return;
    let page;
    try {
      page = await api.get('/api/webhooks/' + id + '/deliveries?size=50');
    } catch (problem) {
      show(deliveries, h('h2', { id: 'deliveries-heading' }, 'Deliveries'), problemView(h, problem));
      return;
    }
    // the refresh redraws the table: the focused button (Refresh, a Redeliver) keeps the focus
    const focused = deliveries.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') || document.activeElement.id : null;
    show(deliveries,
      h('h2', { id: 'deliveries-heading' }, 'Deliveries (' + number(page.total_items) + ')'),
      table([
        { label: 'Event', value: d => d.event_type },
        { label: 'Status', value: d => deliveryBadge(d) },
        { label: 'Attempts', value: d => number(d.attempts), num: true },
        { label: 'Response', value: d => (d.response_code === null || d.response_code === undefined ? '–' : 'HTTP ' + d.response_code) },
        { label: 'Duration', value: d => (d.duration_ms === null || d.duration_ms === undefined ? '–' : number(d.duration_ms) + ' ms'), num: true },
        { label: 'Last attempt', value: d => dateTime(d.last_attempt_at) },
        { label: 'Next attempt', value: d => (d.status === 'PENDING' ? until(d.next_attempt_at) || '–' : '–') },
        { label: 'Last error', value: d => d.last_error || '–', cell: true },
        { label: 'Action', value: d => { const b = h('button', { type: 'button', class: 'secondary redeliver', disabled: !endpoint.enabled,
          'aria-label': 'Redeliver ' + d.event_type + ' ' + d.id, onclick: () => redeliver(d, b) }, 'Redeliver'); return b; } },
      ], page.items, { caption: 'Deliveries, newest first', empty: 'No deliveries yet: send a test event to see one.' }),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'refresh-deliveries', onclick: () => loadDeliveries() }, 'Refresh')));
    if (focused) {
      const again = [...deliveries.querySelectorAll('button')].find(b => b.getAttribute('aria-label') === focused || b.id === focused);
      if (again) again.focus();
    }
    if (page.items.some(d => d.status === 'PENDING')) timer = setTimeout(loadDeliveries, POLL_MS);
  }

  renderFacts();
  await loadDeliveries();
  return () => { stopped = true; clearTimeout(timer); };
}
