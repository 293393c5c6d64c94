// One import: live progress (every 2 s while it runs), Pause / Resume / Cancel, the dry run's preview with
// Confirm / Discard, and the result with its error report, a link to the records it changed and "Revert this
// import" (views/revert.js). A revert is shown as a job like any other, with what it deleted.
import { api, download, problemView } from '../api.js';
import { announce, counters, h, show, table } from '../dom.js';
import { bytes, dateTime, isLive, number, percent, statusLabel, statusTone, until } from '../format.js';
import { revertSection } from './revert.js';
import { reviewPanel } from './review.js';

const POLL_MS = 2000;
const CANCELLABLE = ['AWAITING_UPLOAD', 'PENDING', 'INGESTING', 'PREVIEW_READY', 'APPLYING', 'PAUSED'];
const PAUSABLE = ['PENDING', 'INGESTING', 'APPLYING'];
const RECORDS = { restaurants: 'restaurants', dishes: 'restaurants', reviews: 'restaurants', products: 'products', customers: 'purchases', purchases: 'purchases', inventory: 'products' };
// kinds whose records the records view lists by the import that changed them (job_id)
const LISTED_BY_JOB = ['restaurants', 'dishes', 'reviews', 'products'];

function delimiterName(delimiter) {
  return { ',': 'comma', ';': 'semicolon', '\t': 'tab', TAB: 'tab', '|': 'pipe' }[delimiter] || delimiter;
}

export async function jobView(main, ctx, id) {
  let timer = null;
  let stopped = false;
  let lastStatus = null;
  const problemBox = h('div', { id: 'job-problem' });
  // an action's refusal stays until the next action: the 2 s refresh must not wipe it before it is read
  const actionProblemBox = h('div', { id: 'job-action-problem' });
  const body = h('div', { id: 'job' });
  const title = h('h1', { id: 'job-title' }, 'Import');
  show(main, title, problemBox, actionProblemBox, body);

  async function refresh() {
    if (stopped) return;
    let job;
    try {
      job = await api.get('/api/imports/' + id);
    } catch (problem) {
      if (problem.status === 404) {
        // someone else's import looks exactly like one that does not exist
        show(main, h('h1', {}, 'Import not found'), problemView(h, problem),
          h('p', {}, h('a', { href: '#/history' }, 'Back to your imports')));
        stopped = true;
        return;
      }
      show(problemBox, problemView(h, problem));
      schedule();
      return;
    }
    show(problemBox);
    render(job);
    if (job.status !== lastStatus) {
      if (lastStatus !== null) announce('The import is now ' + statusLabel(job.status).toLowerCase() + '.');
      lastStatus = job.status;
    }
    if (imagePolls > 0) imagePolls = job.images && job.images.failed > 0 ? imagePolls - 1 : 0;
    if (isLive(job.status) || imagePolls > 0) schedule();
  }

  function schedule() {
    if (!stopped) timer = setTimeout(refresh, POLL_MS);
  }

  // after "Retry failed images" the job stays finished while a worker fetches them: the page follows its image
  // counts for a while (until none failed, or 60 s), as it follows a running job
  let imagePolls = 0;

  async function act(action, button, confirmText, then) {
    if (confirmText && !window.confirm(confirmText)) return;
    button.disabled = true;
    show(actionProblemBox);
    try {
      await api.post('/api/imports/' + id + '/' + action);
      if (then) then();
      clearTimeout(timer);
      await refresh();
    } catch (problem) {
      button.disabled = false;
      show(actionProblemBox, problemView(h, problem));
    }
  }

  // the review step (views/review.js): made once, kept across redraws; a correction redraws the page for the
  // refreshed preview
  let review = null;
  function reviewOf(job) {
    if (!review) review = reviewPanel(job, { onChanged: () => { renderedStatus = null; clearTimeout(timer); refresh(); } });
    return review.element;
  }

  // While the status stays, only the live parts (bar, rate, counters, errors) are swapped: focus, an open
  // details element or a half-read table stay where they are. A new status redraws the page.
  let renderedStatus = null;

  function render(job) {
    const fresh = build(job);
    if (renderedStatus === job.status) {
      const holder = h('div', {}, fresh);
      for (const live of holder.querySelectorAll('[data-live]')) {
        const old = document.getElementById(live.id);
        if (old) old.replaceWith(live);
      }
      return;
    }
    const focused = body.contains(document.activeElement) ? document.activeElement.id : null;
    show(body, fresh);
    renderedStatus = job.status;
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  function build(job) {
    title.textContent = job.file_name;
    const p = job.progress;
    const done = p.percentage ?? 0;
    const preview = job.status === 'PREVIEW_READY';
    const controls = [];
    if (job.status === 'PREVIEW_READY') {
      const confirmButton = h('button', { type: 'button', id: 'confirm', onclick: () => act('confirm', confirmButton) }, 'Confirm and import');
      const discardButton = h('button', { type: 'button', id: 'discard', class: 'danger',
        onclick: () => act('cancel', discardButton, 'Discard this preview? Nothing has been written; the file would need uploading again.') }, 'Discard');
      controls.push(confirmButton, discardButton);
    } else if (CANCELLABLE.includes(job.status)) {
      // an all-or-nothing import being applied is not paused: half of it would stay visible for the whole pause
      if (PAUSABLE.includes(job.status) && !(job.atomic && job.status === 'APPLYING')) {
        const pauseButton = h('button', { type: 'button', id: 'pause', onclick: () => act('pause', pauseButton) }, 'Pause');
        controls.push(pauseButton);
      }
      if (job.status === 'PAUSED') {
        const resumeButton = h('button', { type: 'button', id: 'resume', onclick: () => act('resume', resumeButton) }, 'Resume');
        controls.push(resumeButton);
      }
      const cancelButton = h('button', { type: 'button', id: 'cancel', class: 'danger',
        onclick: () => act('cancel', cancelButton, job.status === 'AWAITING_UPLOAD'
          ? 'Cancel this import? Nothing has been read from its file.'
          : 'Cancel this import? It stops at the next batch boundary; rows already imported stay.') }, 'Cancel import');
      controls.push(cancelButton);
    }
    // a failure of the file itself (no data rows, not text...) would fail again: no retry is offered for it
    if (job.status === 'FAILED' && !(job.failure && job.failure.retryable === false)) {
      const retryButton = h('button', { type: 'button', id: 'retry', onclick: () => act('retry', retryButton) }, 'Retry the failed part');
      controls.push(retryButton);
    }
    // a finished product import whose images partly failed: only those images are fetched again, no row is
    // imported again (POST …/retry on a finished import)
    if ((job.status === 'COMPLETED' || job.status === 'COMPLETED_WITH_ERRORS') && job.images && job.images.failed > 0) {
      const retryImagesButton = h('button', { type: 'button', id: 'retry-images',
        onclick: () => act('retry', retryImagesButton, null, () => {
          imagePolls = 30;
          announce('The failed images are being fetched again.');
        }) }, 'Retry failed images');
      controls.push(retryImagesButton);
    }
    return [
      h('section', { class: 'card', 'aria-labelledby': 'job-state' },
        h('h2', { id: 'job-state' }, h('span', { class: 'badge ' + statusTone(job.status), id: 'job-status', 'data-status': job.status }, statusLabel(job.status)),
          ' ', h('span', { class: 'muted' }, job.kind + (job.mode === 'DRY_RUN' ? ' · preview first' : '') + (job.atomic ? ' · all or nothing' : '')
            + (job.priority && job.priority !== 'normal' ? ' · ' + job.priority + ' priority' : ''))),
        job.reverts_job_id ? h('p', { id: 'reverts' }, 'Reverts ', h('a', { href: '#/imports/' + job.reverts_job_id }, 'this import'),
          ': conflicts (records changed since, or pointed at) are its errors.') : null,
        preview ? null : h('progress', { id: 'job-progress', 'data-live': true, max: 100, value: done, 'aria-label': 'Import progress', 'aria-valuetext': percent(done) }),
        preview ? null : h('p', { id: 'job-rate', 'data-live': true },
          // while the file is read the bar is of its bytes, and its rows are an estimate until the end
          // applying while the file is still read: the share is of the rows it is estimated to hold
          p.phase === 'reading' ? 'Reading the file: ' : p.estimated_total_rows ? 'Importing while the file is read: ' : '',
          h('strong', { id: 'job-percentage' }, percent(done)),
          p.estimated_total_rows
            ? h('span', { id: 'job-estimated-rows' }, ' · ' + number(p.rows_read) + ' of about ' + number(p.estimated_total_rows) + ' rows read') : '',
          p.rows_per_second ? ' · ' + number(Math.round(p.rows_per_second)) + ' rows/s' : '',
          isLive(job.status) && job.timestamps.estimated_completion ? ' · done ' + until(job.timestamps.estimated_completion) : ''),
        h('div', { id: 'job-counters', 'data-live': true }, counters(preview ? [
          // nothing is applied yet: what would happen is in the preview below
          ['Rows in file', number(p.total_rows), 'total'], ['Duplicates in the file', number(p.duplicates), 'duplicates'],
          ['Rows with errors', number(p.errors), 'errors'],
          p.skipped ? ['Skipped at review', number(p.skipped), 'skipped'] : null,
        ].filter(Boolean) : [
          [job.reverts_job_id ? 'Changes to undo' : 'Rows in file', number(p.total_rows), 'total'],
          ['Processed', number(p.processed_rows), 'processed'],
          ['Created', number(p.created), 'created'],
          ['Updated', number(p.updated), 'updated'], ['Unchanged', number(p.unchanged), 'unchanged'],
          ['Duplicates', number(p.duplicates), 'duplicates'], ['Errors', number(p.errors), 'errors'],
          p.deleted !== null && p.deleted !== undefined ? ['Deleted', number(p.deleted), 'deleted'] : null,
          p.items !== null && p.items !== undefined ? ['Items', number(p.items), 'items'] : null,
          p.skipped ? ['Skipped at review', number(p.skipped), 'skipped'] : null,
          // a product import's images: fetched and stored, or failed (a row warning each, in the error report)
          job.images && job.images.total > 0 ? ['Images stored', number(job.images.done) + ' of ' + number(job.images.total), 'images-done'] : null,
          job.images && job.images.failed > 0 ? ['Images failed', number(job.images.failed), 'images-failed'] : null,
        ].filter(Boolean))),
        controls.length ? h('div', { class: 'actions' }, controls) : null),
      job.failure ? h('div', { class: 'problem', role: 'alert', id: 'job-failure' },
        h('h2', {}, 'The import failed'), h('p', {}, job.failure.reason), h('p', { class: 'hint' }, 'Code: ' + job.failure.code)) : null,
      job.warnings && job.warnings.length ? h('section', { class: 'card' }, h('h2', {}, 'Warnings'),
        h('ul', { id: 'job-warnings' }, job.warnings.map(w => h('li', {}, w)))) : null,
      job.status === 'PREVIEW_READY' && job.preview ? previewSection(job.preview) : null,
      job.status === 'PREVIEW_READY' ? reviewOf(job) : null,
      resultSection(job),
      revertSection(job, ctx),
      h('div', { id: 'job-errors', 'data-live': true }, errorsSection(job)),
      h('section', { class: 'card' }, h('h2', {}, 'Details'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Import id'), h('dd', {}, h('code', {}, job.job_id)),
          h('dt', {}, 'File'), h('dd', {}, job.file_name + (job.file_size ? ' (' + bytes(job.file_size) + ')' : '')),
          h('dt', {}, 'Read as'), h('dd', {}, [job.encoding, job.delimiter && delimiterName(job.delimiter) + ' separated'].filter(Boolean).join(', ') || '–'),
          h('dt', {}, 'Created'), h('dd', {}, dateTime(job.timestamps.created_at)),
          h('dt', {}, 'Started'), h('dd', {}, dateTime(job.timestamps.started_at)),
          h('dt', {}, 'Finished'), h('dd', {}, dateTime(job.timestamps.completed_at))))];
  }

  function previewSection(preview) {
    const outcomes = [['created', 'Would create'], ['updated', 'Would update'], ['unchanged', 'Unchanged'],
      ['duplicates', 'Duplicates'], ['errors', 'Errors']];
    // rows left out at review: a counter only, no examples
    const skipped = preview.skipped ? [['Skipped', number(preview.skipped), 'preview-skipped']] : [];
    return h('section', { class: 'card', id: 'preview', 'aria-labelledby': 'preview-title' },
      h('h2', { id: 'preview-title' }, 'Preview: what importing would do'),
      h('p', { class: 'hint' }, 'Checked against the database as it is now. Nothing has been written yet.'),
      counters(outcomes.map(([key, label]) => [label, number(preview[key]), 'preview-' + key]).concat(skipped)),
      outcomes.map(([key, label]) => {
        const samples = (preview.samples && preview.samples[key]) || [];
        if (!samples.length) return null;
        return h('details', {}, h('summary', {}, label + ': examples (' + samples.length + ')'), sampleTable(samples));
      }));
  }

  function sampleTable(samples) {
    const columns = [];
    for (const sample of samples) {
      for (const key of Object.keys(sample.values || {})) if (!columns.includes(key)) columns.push(key);
    }
    return table([
      { label: 'Row', value: s => number(s.row_number), num: true },
      samples.some(s => s.message) ? { label: 'Why', value: s => s.message || '', cell: true } : null,
      ...columns.slice(0, 8).map(c => ({ label: c, value: s => valueOf(s, c), cell: true })),
    ].filter(Boolean), samples);
  }

  // an update's sample carries the stored value of each field it changes ("before"): shown as old → new
  function valueOf(sample, column) {
    const now = sample.values && sample.values[column] != null ? String(sample.values[column]) : '';
    if (!sample.before || !(column in sample.before)) return now;
    const was = sample.before[column] != null ? String(sample.before[column]) : '(empty)';
    return h('span', { class: 'change' }, h('del', {}, was), ' → ', h('ins', {}, now || '(empty)'));
  }

  function resultSection(job) {
    if (!['COMPLETED', 'COMPLETED_WITH_ERRORS', 'CANCELLED', 'FAILED'].includes(job.status)) return null;
    const p = job.progress;
    const summary = job.reverts_job_id
      ? (job.status === 'CANCELLED' ? 'Cancelled. Before it stopped: ' : '') + number(p.deleted) + ' deleted, '
        + number(p.updated) + ' given their old values back, ' + number(p.unchanged) + ' already gone, '
        + number(p.errors) + ' conflicts left as they are.'
      : job.status === 'CANCELLED'
      ? 'Cancelled. ' + number(p.created) + ' created and ' + number(p.updated) + ' updated before it stopped.'
      : number(p.created) + ' created, ' + number(p.updated) + ' updated, ' + number(p.unchanged) + ' unchanged, '
        + number(p.duplicates) + ' duplicates, ' + number(p.errors) + ' errors'
        + (p.skipped ? ', ' + number(p.skipped) + ' skipped at review' : '') + '.';
    const hasReport = p.errors > 0 || p.duplicates > 0 || p.skipped > 0;
    const reportButton = h('button', { type: 'button', id: 'error-report', class: 'secondary', onclick: async () => {
      reportButton.disabled = true;
      try {
        await download('/api/imports/' + job.job_id + '/errors.csv', job.file_name.replace(/(\.csv|\.xlsx)?(\.gz)?$/i, '') + '-errors.csv');
        announce('The error report was downloaded.');
      } catch (problem) {
        show(problemBox, problemView(h, problem));
      } finally {
        reportButton.disabled = false;
      }
    } }, 'Download the error report (CSV)');
    const records = RECORDS[job.kind];
    return h('section', { class: 'card', id: 'result', 'aria-labelledby': 'result-title' },
      h('h2', { id: 'result-title' }, 'Result'),
      h('p', { id: 'result-summary', class: job.status === 'COMPLETED' ? 'success' : 'notice' }, summary),
      h('div', { class: 'actions' },
        hasReport ? reportButton : null,
        records && job.status !== 'FAILED' ? h('a', { class: 'button secondary', id: 'records-link',
          href: '#/records/' + records + (LISTED_BY_JOB.includes(job.kind) ? '?job_id=' + job.job_id : '') },
          LISTED_BY_JOB.includes(job.kind) ? 'What this import changed'
            : job.kind === 'inventory' ? 'See the products and their stock' : 'See the imported ' + records) : null,
        h('a', { class: 'button secondary', href: '#/imports/new' }, 'New import')));
  }

  function errorsSection(job) {
    const errors = job.recent_errors || [];
    if (!errors.length) return null;
    return h('section', { class: 'card', 'aria-labelledby': 'errors-title' },
      h('h2', { id: 'errors-title' }, 'Recent errors'),
      table([
        { label: 'Row', value: e => number(e.row_number), num: true },
        { label: 'Line', value: e => (e.line_number ? number(e.line_number) : '–'), num: true },
        { label: 'Column', value: e => e.column || '–' },
        { label: 'Problem', value: e => e.message, cell: true },
      ], errors, { caption: 'Most recent row errors' }));
  }

  await refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
