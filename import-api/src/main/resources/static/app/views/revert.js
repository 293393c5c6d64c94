// "Revert this import" on a finished import: first the preview (what the revert would do now, nothing changed),
// then, confirmed, the revert itself, a job of its own that the page then follows.
import { api, problemView } from '../api.js';
import { counters, h, show, table } from '../dom.js';
import { number } from '../format.js';

const REVERTIBLE = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'CANCELLED'];
const OUTCOMES = { DELETE: 'Deleted', RESTORE: 'Old values back', CHANGED_SINCE: 'Conflict: changed since by a later import',
  REFERENCED: 'Conflict: other records point at it', NO_BEFORE_IMAGE: 'Conflict: no old values recorded',
  PARENT_GONE: 'Conflict: its restaurant from before is gone' };

export function revertSection(job, { navigate }) {
  if (!REVERTIBLE.includes(job.status) || job.reverts_job_id) return null;
  const box = h('div', { id: 'revert-body' });
  const problemBox = h('div', { id: 'revert-problem' });
  const previewButton = h('button', { type: 'button', id: 'revert-preview', class: 'secondary', onclick: async () => {
    previewButton.disabled = true;
    show(problemBox);
    try {
      showPreview(await api.post('/api/imports/' + job.job_id + '/revert?mode=dry-run'));
    } catch (problem) {
      show(problemBox, problemView(h, problem));
    } finally {
      previewButton.disabled = false;
    }
  } }, 'Revert this import…');

  function showPreview(preview) {
    const revertButton = h('button', { type: 'button', id: 'revert-confirm', class: 'danger', onclick: async () => {
      revertButton.disabled = true;
      show(problemBox);
      try {
        const revert = await api.post('/api/imports/' + job.job_id + '/revert');
        navigate('#/imports/' + revert.job_id);
      } catch (problem) {
        revertButton.disabled = false;
        show(problemBox, problemView(h, problem));
      }
    } }, 'Revert now');
    const keepButton = h('button', { type: 'button', id: 'revert-keep', class: 'secondary', onclick: () => show(box) }, 'Keep it');
    show(box,
      h('p', { class: 'hint' }, 'What reverting would do now. Nothing has changed yet; a record another import changed'
        + ' since, or that other records point at, is left as it is and listed in the revert\'s error report.'),
      counters([
        ['Would be deleted', number(preview.would_delete), 'revert-delete'],
        ['Would get their old values back', number(preview.would_restore), 'revert-restore'],
        ['Conflicts (left as they are)', number(preview.conflicts), 'revert-conflicts'],
        ['Already gone', number(preview.already_gone), 'revert-gone'],
      ]),
      preview.examples && preview.examples.length ? h('details', {}, h('summary', {}, 'Examples (' + preview.examples.length + ')'),
        table([
          { label: 'Record', value: e => number(e.record_id), num: true },
          { label: 'What happens', value: e => OUTCOMES[e.outcome] || e.outcome },
          { label: 'Why', value: e => e.message || '', cell: true },
        ], preview.examples, { caption: 'What the revert would do to some records' })) : null,
      preview.changes > 0 ? h('div', { class: 'actions' }, revertButton, keepButton)
        : h('p', { class: 'notice' }, 'Nothing of this import is left to revert.'));
  }

  return h('section', { class: 'card', id: 'revert', 'aria-labelledby': 'revert-title' },
    h('h2', { id: 'revert-title' }, 'Revert'),
    h('p', { class: 'hint' }, 'Delete the records this import created and give the records it changed their old values back.'),
    h('div', { class: 'actions' }, previewButton), problemBox, box);
}
