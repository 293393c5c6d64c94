// Webhooks: the tenant's endpoints (an admin's: every tenant's) and the form that adds one. A new endpoint
// opens on its own page, which shows its signing secret that once.
import { api } from '../api.js';
import { h, show, table } from '../dom.js';
import { clearProblems, showProblem } from '../fields.js';
import { dateTime, number } from '../format.js';
import { eventTypeChips, failingSince, handOverSecret, stateBadge, webhookFields } from './webhook-parts.js';

export async function webhooksView(main, { navigate }) {
  const page = await api.get('/api/webhooks?size=100');
  const form = webhookFields();
  const formProblem = h('div', { id: 'webhook-form-problem' });
  const button = h('button', { type: 'submit', id: 'create-webhook' }, 'Add webhook');

  async function create(event) {
    event.preventDefault();
    button.disabled = true;
    clearProblems(form.fields, formProblem);
    try {
      const created = await api.post('/api/webhooks', form.body());
      handOverSecret(created.id, created.secret);
      navigate('#/webhooks/' + created.id);
    } catch (problem) {
      button.disabled = false;
      // the SSRF policy's refusal is about the URL: it goes under the URL field
      showProblem(problem, form.fields, formProblem, { 'webhook-target-refused': 'url' });
    }
  }

  show(main,
    h('h1', {}, 'Webhooks'),
    h('section', { class: 'card', id: 'webhooks', 'aria-labelledby': 'webhooks-heading' },
      h('h2', { id: 'webhooks-heading' }, number(page.total_items) + ' webhook' + (page.total_items === 1 ? '' : 's')),
      table([
        { label: 'URL', value: w => h('a', { href: '#/webhooks/' + w.id, class: 'webhook-link' }, w.url), cell: true },
        { label: 'Description', value: w => w.description || '–', cell: true },
        { label: 'Event types', value: w => eventTypeChips(w.event_types) },
        { label: 'State', value: w => stateBadge(w) },
        { label: 'Failures', value: w => failingSince(w) },
        { label: 'Created', value: w => dateTime(w.created_at) },
      ], page.items, { caption: 'Your webhooks', empty: 'No webhooks yet: add one below to have events POSTed to your system.' })),
    h('section', { class: 'card', 'aria-labelledby': 'new-webhook-heading' },
      h('h2', { id: 'new-webhook-heading' }, 'Add a webhook'),
      h('p', { class: 'hint' }, 'Every delivery is signed with the endpoint\'s own secret and retried for about a day when your endpoint fails. Send a test from its page once it is added.'),
      h('form', { id: 'webhook-form', novalidate: true, onsubmit: create },
        form.elements, formProblem, h('div', { class: 'actions' }, button))));
  return null;
}
