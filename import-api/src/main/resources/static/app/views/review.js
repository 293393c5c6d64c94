// The review step of a dry run (PREVIEW_READY), on the job page: every row problem with its counts per code and
// per column (each a filter), a page at a time, the error report to download, and fixes without a new upload —
// edit refused cells and re-check them, give a column's empty cells a default, skip the rows still refused. Each
// fix is POST /api/imports/{id}/corrections: only the changed rows are checked again and the preview above is
// refreshed (onChanged); Confirm on the job page then imports the corrected rows.
import { api, download, problemView } from '../api.js';
import { announce, h, show, table } from '../dom.js';
import { number } from '../format.js';

const PAGE_SIZE = 20;

// an element id from a column's or a code's name: no spaces or punctuation (two names may meet; ids are for focus)
function safeId(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The panel for one job; its element is kept across the job page's redraws, so filters and edits stay. */
export function reviewPanel(job, { onChanged }) {
  const id = job.job_id;
  const fileName = job.file_name;
  const state = { code: null, column: null, page: 0 };
  // row → column → value typed and not yet re-checked
  const edits = new Map();
  const problemBox = h('div', { id: 'review-problem' });
  const body = h('div', { id: 'review-body' }, h('p', { class: 'muted' }, 'Loading the problems…'));
  const element = h('section', { class: 'card', id: 'review', 'aria-labelledby': 'review-title' },
    h('h2', { id: 'review-title' }, 'Review the problems'),
    h('p', { class: 'hint' }, 'Fix refused rows here without uploading the file again: edit a cell and re-check, '
      + 'give a column a default for its empty cells, or skip the rows that still have errors. '
      + 'The preview above follows every change; nothing is imported until you confirm.'),
    problemBox, body);

  async function load() {
    const query = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE) });
    if (state.code) query.set('code', state.code);
    if (state.column) query.set('column', state.column);
    try {
      render(await api.get('/api/imports/' + id + '/problems?' + query));
    } catch (problem) {
      show(problemBox, problemView(h, problem));
    }
  }

  async function correct(operations, button, done) {
    if (button) button.disabled = true;
    show(problemBox);
    try {
      const outcome = await api.post('/api/imports/' + id + '/corrections', { operations });
      edits.clear();
      state.page = 0;
      announce(done(outcome) + ' ' + number(outcome.rows_with_errors) + ' row'
        + (outcome.rows_with_errors === 1 ? '' : 's') + ' with errors left.');
      await load();
      onChanged();
    } catch (problem) {
      if (button) button.disabled = false;
      show(problemBox, problemView(h, problem));
    }
  }

  function filterList(label, entries, key, none) {
    const list = h('ul', { class: 'filters', 'aria-label': label });
    const choose = (value) => {
      state[key] = value;
      state.page = 0;
      load();
    };
    list.append(h('li', {}, h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(state[key] === null),
      id: 'review-' + key + '-all', onclick: () => choose(null) }, 'All')));
    for (const entry of entries) {
      const value = entry[key];
      // problems of the whole row (its width, a duplicate) have no column and cannot be filtered by one
      if (value === null || value === undefined) continue;
      list.append(h('li', {}, h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(state[key] === value),
        id: 'review-' + key + '-' + safeId(value), 'data-filter': value, onclick: () => choose(value) },
      (none ? none(value) : value) + ' (' + number(entry.count) + ')')));
    }
    return list;
  }

  function valueCell(problem) {
    // a row naming a record that does not exist is checked when applied: not a value to edit here, only to skip
    if (!problem.source_column || problem.code.startsWith('UNKNOWN_')) return problem.value ?? '–';
    const inputId = 'review-value-' + problem.row_number + '-' + safeId(problem.source_column);
    const pending = edits.get(problem.row_number)?.get(problem.source_column);
    return h('span', {},
      h('label', { class: 'visually-hidden', for: inputId }, 'Value of ' + problem.source_column + ' in row ' + problem.row_number),
      h('input', { id: inputId, type: 'text', value: pending ?? problem.value ?? '', maxlength: 1000,
        'data-row': problem.row_number, 'data-column': problem.source_column,
        oninput: (event) => {
          if (!edits.has(problem.row_number)) edits.set(problem.row_number, new Map());
          edits.get(problem.row_number).set(problem.source_column, event.target.value);
          recheck.disabled = false;
        } }));
  }

  const recheck = h('button', { type: 'button', id: 'review-recheck', disabled: true, onclick: () => {
    const operations = [];
    for (const [row, columns] of edits) {
      for (const [column, value] of columns) operations.push({ row, column, value });
    }
    if (operations.length) correct(operations, recheck, (o) => number(o.fixed) + ' of ' + number(o.revalidated) + ' edited rows are valid now.');
  } }, 'Re-check edited rows');

  function render(data) {
    const counts = data.counts;
    const columns = data.columns || [];
    // a column whose cells are missing is the likely one to give a default
    const missing = (data.items.find(p => p.code === 'REQUIRED' && p.source_column) || {}).source_column;
    const defaultColumn = h('select', { id: 'review-default-column' },
      columns.map(c => h('option', { value: c, selected: c === missing }, c)));
    const defaultValue = h('input', { id: 'review-default-value', type: 'text', maxlength: 1000 });
    const defaultButton = h('button', { type: 'submit', class: 'secondary', id: 'review-default' }, 'Set default for empty cells');
    const skipButton = h('button', { type: 'button', class: 'danger', id: 'review-skip', disabled: counts.rows === 0,
      onclick: () => {
        if (!window.confirm('Skip every row that still has errors? They are left out of the import.')) return;
        correct([{ skip: 'rows_with_errors' }], skipButton, (o) => number(o.skipped) + ' rows skipped.');
      } }, 'Skip rows with errors');
    const reportButton = h('button', { type: 'button', class: 'secondary', id: 'review-error-report', onclick: async () => {
      reportButton.disabled = true;
      try {
        await download('/api/imports/' + id + '/errors.csv', fileName.replace(/(\.csv|\.xlsx)?(\.gz)?$/i, '') + '-errors.csv');
        announce('The error report was downloaded.');
      } catch (problem) {
        show(problemBox, problemView(h, problem));
      } finally {
        reportButton.disabled = false;
      }
    } }, 'Download the error report (CSV)');
    recheck.disabled = edits.size === 0;
    show(body,
      h('p', { id: 'review-summary', role: 'status' }, number(counts.rows) + ' row' + (counts.rows === 1 ? '' : 's')
        + ' with problems (' + number(counts.problems) + ' problem' + (counts.problems === 1 ? '' : 's') + ')'
        + (counts.skipped ? ', ' + number(counts.skipped) + ' skipped' : '') + '.'),
      counts.problems ? h('div', { class: 'review-filters' },
        h('h3', { id: 'review-by-code' }, 'By problem'), filterList('Filter by problem', counts.by_code, 'code'),
        h('h3', { id: 'review-by-column' }, 'By column'), filterList('Filter by column', counts.by_column, 'column')) : null,
      table([
        { label: 'Row', value: p => number(p.row_number), num: true },
        { label: 'Column', value: p => p.source_column || p.column || '(whole row)' },
        { label: 'Problem', value: p => h('span', {}, h('code', {}, p.code), ' ', p.message), cell: true },
        { label: 'Value', value: valueCell },
      ], data.items, { caption: 'Row problems', empty: counts.problems ? 'No problem matches these filters.' : 'No rows with problems.' }),
      data.total_pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Problem pages' },
        h('button', { type: 'button', class: 'secondary', id: 'review-previous', disabled: state.page === 0,
          onclick: () => { state.page--; load(); } }, 'Previous'),
        h('span', {}, 'Page ' + (state.page + 1) + ' of ' + data.total_pages),
        h('button', { type: 'button', class: 'secondary', id: 'review-next', disabled: state.page + 1 >= data.total_pages,
          onclick: () => { state.page++; load(); } }, 'Next')) : null,
      h('div', { class: 'actions' }, recheck, counts.rows ? skipButton : null,
        counts.problems || counts.skipped ? reportButton : null),
      columns.length && counts.rows ? h('form', { class: 'review-default', id: 'review-default-form', onsubmit: (event) => {
        event.preventDefault();
        if (!defaultValue.value.trim()) {
          defaultValue.focus();
          return;
        }
        correct([{ column: defaultColumn.value, default: defaultValue.value }], defaultButton,
          // it fills the column's empty cells in every row, the valid ones too (as the CLI's --default)
          (o) => 'The default was given; ' + number(o.fixed) + ' rows are valid now, and ' + number(o.filled)
            + ' valid rows had the cell empty and take it too.');
      } },
      h('h3', {}, 'A default for a column'),
      h('label', { for: 'review-default-column' }, 'Column'), defaultColumn,
      h('label', { for: 'review-default-value' }, 'Value for its empty cells'), defaultValue,
      defaultButton) : null);
  }

  load();
  return { element, reload: load };
}
