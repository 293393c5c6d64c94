// What the webhook pages share: the endpoint's fields, how its state and event types read, and the box that
// shows a signing secret the one time the API gives it out.
import { h } from '../dom.js';
import { field, listOf } from '../fields.js';
import { dateTime } from '../format.js';

const EXAMPLES = 'Comma-separated: an event type (IMPORT_JOB_COMPLETED), a prefix with * (IMPORT_JOB_*, RESTAURANT_*) or * for every event.';

/** The create form's fields, keyed by their wire names (where the API's errors point). */
export function webhookFields() {
  const fields = {
    url: field('webhook-url', 'Endpoint URL', h('input', { type: 'url', name: 'url', autocomplete: 'url',
      placeholder: 'https://hooks.example.com/bulk-import', maxlength: 2000 }),
    'Events are POSTed here as JSON, signed (Standard Webhooks). It must be https and reachable from the internet.'),
    event_types: field('webhook-events', 'Event types', h('input', { type: 'text', name: 'event_types', value: 'IMPORT_JOB_*',
      spellcheck: 'false', autocapitalize: 'characters' }), EXAMPLES),
    description: field('webhook-description', 'Description (optional)', h('input', { type: 'text', name: 'description',
      maxlength: 500, placeholder: 'e.g. CRM sync' })),
  };
  return {
    fields,
    elements: Object.values(fields).map(f => f.element),
    body: () => ({
      url: fields.url.control.value.trim(),
      event_types: listOf(fields.event_types.control.value),
      description: fields.description.control.value.trim() || undefined,
    }),
  };
}

export function eventTypeChips(types) {
  return h('ul', { class: 'chips', 'aria-label': 'Event types' }, types.map(t => h('li', { class: 'chip' }, t)));
}

const REASONS = {
  OWNER: 'by its owner',
  GONE: 'the receiver answered 410 Gone',
  FAILING: 'every attempt failed for days',
};

/** Enabled / disabled (and why) as a badge. */
export function stateBadge(endpoint) {
  if (endpoint.enabled) {
    return endpoint.failing_since
      ? h('span', { class: 'badge warn', 'data-state': 'failing' }, 'Enabled, failing')
      : h('span', { class: 'badge ok', 'data-state': 'enabled' }, 'Enabled');
  }
  const why = REASONS[endpoint.disabled_reason] || endpoint.disabled_reason;
  return h('span', { class: 'badge bad', 'data-state': 'disabled' }, 'Disabled' + (why ? ': ' + why : ''));
}

export function failingSince(endpoint) {
  return endpoint.failing_since ? 'failing since ' + dateTime(endpoint.failing_since) : 'no failures';
}

/** The delivery status as a badge with words. */
export function deliveryBadge(delivery) {
  const tone = { DELIVERED: 'ok', PENDING: 'live', FAILED: 'bad' }[delivery.status] || '';
  const label = { DELIVERED: 'Delivered', PENDING: 'Pending', FAILED: 'Failed' }[delivery.status] || delivery.status;
  return h('span', { class: 'badge ' + tone, 'data-delivery-status': delivery.status, 'data-delivery-id': delivery.id }, label);
}

// A new endpoint's secret goes from the create form to the endpoint's page in memory only: a reload,
// another tab or the back button never shows it again, as the API never does.
let handedOver = null;

export function handOverSecret(id, secret) {
  handedOver = { id, secret };
}

export function takeSecret(id) {
  const taken = handedOver && handedOver.id === id ? handedOver.secret : null;
  handedOver = null;
  return taken;
}

/** The secret, once: read-only, selectable, with a Copy button and the warning that it is shown this once. */
export function secretBox(secret, heading, extraNote = null) {
  const input = h('input', { type: 'text', id: 'webhook-secret', value: secret, readonly: true, spellcheck: 'false',
    autocomplete: 'off', class: 'secret', 'aria-describedby': 'webhook-secret-note' });
  const status = h('p', { id: 'copy-status', class: 'hint', role: 'status' });
  const copy = h('button', { type: 'button', id: 'copy-secret', class: 'secondary', onclick: async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(secret);
      status.textContent = 'Copied to the clipboard.';
    } catch (e) {
      // no clipboard access (an old browser, a denied permission): the text is selected for Ctrl+C
      status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  } }, 'Copy');
  return h('section', { class: 'card secret-box', id: 'secret-box', tabindex: '-1', 'aria-labelledby': 'secret-heading' },
    h('h2', { id: 'secret-heading' }, heading),
    h('p', { id: 'webhook-secret-note', class: 'notice' },
      h('strong', {}, 'Copy this signing secret now: you won\'t see it again. '),
      'Your receiver checks each delivery\'s webhook-signature header with it. Lost it? Rotate the secret for a new one.',
      extraNote ? ' ' + extraNote : null),
    h('div', { class: 'field wide' }, h('label', { for: 'webhook-secret' }, 'Signing secret'),
      h('div', { class: 'copy-row' }, input, copy)),
    status);
}
