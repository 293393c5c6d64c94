// The user's imports (an admin's: everyone's), newest first, with filters kept in the address so a
// filtered list can be bookmarked and the back button works.
import { api } from '../api.js';
import { h, show, table } from '../dom.js';
import { dateTime, number, statusLabel, statusTone } from '../format.js';

const STATUSES = ['AWAITING_UPLOAD', 'PENDING', 'INGESTING', 'PREVIEW_READY', 'APPLYING', 'COMPLETED',
  'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLING', 'CANCELLED', 'PAUSED'];
const KINDS = ['restaurants', 'dishes', 'reviews', 'products', 'inventory', 'customers', 'purchases'];
const SIZE = 20;

function queryOf(hash) {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

export async function historyView(main, { navigate, user }) {
  const query = queryOf(window.location.hash);
  const page = Math.max(0, parseInt(query.get('page') || '0', 10) || 0);
  const filters = { status: query.get('status') || '', kind: query.get('kind') || '', file_name: query.get('file_name') || '' };
  const params = new URLSearchParams({ page: String(page), size: String(SIZE) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const result = await api.get('/api/imports?' + params.toString());
  const title = user.admin ? 'All imports' : 'Your imports';

  const go = (changes) => {
    const next = new URLSearchParams();
    const merged = { ...filters, page: '0', ...changes };
    for (const [key, value] of Object.entries(merged)) if (value && !(key === 'page' && value === '0')) next.set(key, value);
    const text = next.toString();
    navigate('#/history' + (text ? '?' + text : ''));
  };

  const status = h('select', { id: 'filter-status' }, h('option', { value: '' }, 'Any status'),
    STATUSES.map(s => h('option', { value: s, selected: s === filters.status }, statusLabel(s))));
  const kind = h('select', { id: 'filter-kind' }, h('option', { value: '' }, 'Any kind'),
    KINDS.map(k => h('option', { value: k, selected: k === filters.kind }, k)));
  const name = h('input', { type: 'search', id: 'filter-file', value: filters.file_name, placeholder: 'part of a file name' });
  const form = h('form', { class: 'row', role: 'search', 'aria-label': 'Filter imports',
    onsubmit: (e) => { e.preventDefault(); go({ status: status.value, kind: kind.value, file_name: name.value.trim() }); } },
    h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Status'), status),
    h('div', { class: 'field' }, h('label', { for: 'filter-kind' }, 'Kind'), kind),
    h('div', { class: 'field' }, h('label', { for: 'filter-file' }, 'File'), name),
    h('button', { type: 'submit' }, 'Filter'),
    (filters.status || filters.kind || filters.file_name)
      ? h('button', { type: 'button', class: 'secondary', onclick: () => go({ status: '', kind: '', file_name: '' }) }, 'Clear') : null);

  const rows = table([
    { label: 'File', value: j => h('a', { href: '#/imports/' + j.job_id, class: 'job-link' }, j.file_name) },
    { label: 'Kind', value: j => j.kind },
    { label: 'Status', value: j => h('span', { class: 'badge ' + statusTone(j.status) }, statusLabel(j.status)) },
    { label: 'Created', value: j => number(j.progress.created), num: true },
    { label: 'Updated', value: j => number(j.progress.updated), num: true },
    { label: 'Errors', value: j => number(j.progress.errors), num: true },
    { label: 'Started', value: j => dateTime(j.timestamps.started_at) },
    user.admin ? { label: 'Owner', value: j => j.owner + (j.tenant ? ' · ' + j.tenant : '') } : null,
  ].filter(Boolean), result.items, { caption: title, empty: 'No imports match. ' });

  show(main,
    h('h1', {}, title),
    h('section', { class: 'card' }, form),
    h('section', { class: 'card', id: 'history' },
      h('p', { class: 'hint', role: 'status' }, number(result.total_items) + ' import' + (result.total_items === 1 ? '' : 's')),
      rows,
      result.total_pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', class: 'secondary', disabled: page === 0, onclick: () => go({ page: String(page - 1) }) }, 'Newer'),
        h('span', {}, 'Page ' + (page + 1) + ' of ' + result.total_pages),
        h('button', { type: 'button', class: 'secondary', disabled: page + 1 >= result.total_pages, onclick: () => go({ page: String(page + 1) }) }, 'Older'))
        : null));
  return null;
}
