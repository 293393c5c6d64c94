// Operators' pages (admin role): the outbox's dead events with replay, and the work queue's dead letters
// with redrive. Both go through the API, which forwards to the relay and the worker with the admin's token.
import { api, Problem, problemView } from '../api.js';
import { announce, h, show, table } from '../dom.js';
import { dateTime, number } from '../format.js';

export async function outboxView(main) {
  const status = new URLSearchParams(window.location.hash.split('?')[1] || '').get('status') || 'DEAD';
  const problemBox = h('div', { id: 'admin-problem' });
  const list = h('section', { class: 'card', id: 'outbox-events' });
  const note = h('input', { type: 'text', id: 'replay-note', placeholder: 'e.g. bus was throttled, INC-42', maxlength: 1000,
    'aria-describedby': 'replay-note-hint' });
  show(main, h('h1', {}, 'Outbox: dead events'),
    h('section', { class: 'card' },
      h('p', {}, 'Events the relay gave up on (too many failed attempts, or refused by the bus). Replaying puts them back in line with their attempts reset; the note is kept on each event.'),
      h('div', { class: 'field' }, h('label', { for: 'replay-note' }, 'Why are you replaying? (required)'), note,
        h('p', { id: 'replay-note-hint', class: 'hint' }, 'Kept with each replayed event as its audit trail.')),
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'replay-all', onclick: (e) => replayAll(e.target) }, 'Replay every dead event'))),
    problemBox, list);

  function needNote() {
    if (note.value.trim()) return note.value.trim();
    show(problemBox, problemView(h, new Problem(0, 'A note is required', 'Write why you replay first: the note is required, it stays with each event.')));
    note.focus();
    return null;
  }

  async function replayOne(event, button) {
    const text = needNote();
    if (!text) return;
    button.disabled = true;
    try {
      await api.post('/api/admin/outbox/events/' + event.id + '/replay', { note: text });
      announce('Event replayed.');
      await load();
    } catch (problem) {
      button.disabled = false;
      show(problemBox, problemView(h, problem));
    }
  }

  async function replayAll(button) {
    const text = needNote();
    if (!text) return;
    button.disabled = true;
    try {
      const result = await api.post('/api/admin/outbox/events/replay', { status: 'DEAD', note: text });
      announce(result.replayed + ' events replayed.');
      show(problemBox, h('p', { class: 'success', role: 'status' }, number(result.replayed) + ' events replayed.'));
      await load();
    } catch (problem) {
      show(problemBox, problemView(h, problem));
    } finally {
      button.disabled = false;
    }
  }

  async function load() {
    const page = await api.get('/api/admin/outbox/events?status=' + encodeURIComponent(status) + '&size=100');
    show(list, h('h2', {}, number(page.total) + ' ' + status.toLowerCase() + ' events'),
      table([
        { label: 'Type', value: e => e.type },
        { label: 'Aggregate', value: e => e.aggregate_type + ' ' + e.aggregate_id, cell: true },
        { label: 'Attempts', value: e => number(e.attempts), num: true },
        { label: 'Last error', value: e => e.last_error || '–', cell: true },
        { label: 'Created', value: e => dateTime(e.created_at) },
        { label: 'Action', value: e => { const b = h('button', { type: 'button', class: 'secondary', 'aria-label': 'Replay ' + e.type + ' ' + e.id, onclick: () => replayOne(e, b) }, 'Replay'); return b; } },
      ], page.items, { caption: 'Dead outbox events', empty: 'No dead events: everything was published.' }));
  }

  try {
    await load();
  } catch (problem) {
    show(list, problemView(h, problem));
  }
  return null;
}

export async function deadLettersView(main) {
  const problemBox = h('div', { id: 'admin-problem' });
  const list = h('section', { class: 'card', id: 'dead-letters' });
  show(main, h('h1', {}, 'Work queue: dead letters'),
    h('section', { class: 'card' }, h('p', {}, 'Work messages that failed too often and moved to the dead-letter queue; their imports show as failed with the reason. Redrive sends a message back to work once its cause is fixed.')),
    problemBox, list);

  async function redrive(letter, button) {
    button.disabled = true;
    try {
      await api.post('/api/admin/dead-letters/' + letter.id + '/redrive');
      announce('Message redriven.');
      await load();
    } catch (problem) {
      button.disabled = false;
      show(problemBox, problemView(h, problem));
    }
  }

  async function load() {
    const letters = await api.get('/api/admin/dead-letters?open=true&size=100');
    show(list, h('h2', {}, number(letters.length) + ' open dead letters'),
      table([
        { label: 'Event', value: d => d.event_type || 'unreadable message' },
        { label: 'Import', value: d => (d.job_id ? h('a', { href: '#/imports/' + d.job_id }, d.job_id.slice(0, 8) + '…') : '–') },
        { label: 'Reason', value: d => d.reason || '–', cell: true },
        { label: 'Receives', value: d => number(d.receive_count), num: true },
        { label: 'Received', value: d => dateTime(d.received_at) },
        { label: 'Action', value: d => { const b = h('button', { type: 'button', class: 'secondary', 'aria-label': 'Redrive ' + (d.event_type || 'message') + ' ' + d.id, onclick: () => redrive(d, b) }, 'Redrive'); return b; } },
      ], letters, { caption: 'Open dead letters', empty: 'The dead-letter queue is empty.' }));
  }

  try {
    await load();
  } catch (problem) {
    show(list, problemView(h, problem));
  }
  return null;
}
