// New import: kind and template → file straight to the object store → column mapping from the sample →
// preview first or import now. Each step opens when the one before it is done.
import { api, Problem, problemView, publicGet, uploadFile, uploadInParts } from '../api.js';
import { announce, focusOn, h, show, table } from '../dom.js';
import { showProblem } from '../fields.js';
import { bytes } from '../format.js';
import { mappingEditor } from './mapping.js';
import { notifyMe } from './notify-me.js';

const ACCEPT = '.csv,.tsv,.txt,.gz,.xlsx,text/csv,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function newImportView(main, { navigate, user }) {
  const [{ kinds }, defaults] = await Promise.all([publicGet('/api/templates'),
    // without them the form still works: the box starts unticked
    api.get('/api/me/notifications').then(s => s.email, () => [])]);
  const state = { kind: null, file: null, job: null, sample: null, options: {}, mapping: {}, uploading: false };
  const notify = notifyMe(defaults, user.email);

  const kindSection = h('section', { class: 'card', 'aria-labelledby': 'step-kind' });
  const fileSection = h('section', { class: 'card', 'aria-labelledby': 'step-file' });
  const mappingSection = h('section', { class: 'card', 'aria-labelledby': 'step-mapping' });
  const startSection = h('section', { class: 'card', 'aria-labelledby': 'step-start' });
  show(main, h('h1', {}, 'New import'), kindSection, fileSection, mappingSection, startSection);

  const spec = () => kinds.find(k => k.kind === state.kind);

  function renderKind() {
    const locked = Boolean(state.job);
    const select = h('select', { id: 'kind', disabled: locked, onchange: (e) => { state.kind = e.target.value || null; renderAll(); } },
      h('option', { value: '' }, 'Choose a kind…'),
      kinds.map(k => h('option', { value: k.kind, selected: k.kind === state.kind }, k.kind)));
    const current = spec();
    // the lane the import's work travels in; high is for admins (the API answers 403 to anyone else)
    const priorities = [['normal', 'Normal'], ['low', 'Low: after other work, never starved']]
      .concat(user.admin ? [['high', 'High: ahead of normal and low work']] : []);
    const priority = h('select', { id: 'priority', disabled: locked, onchange: (e) => { state.priority = e.target.value; } },
      priorities.map(([value, label]) => h('option', { value, selected: value === (state.priority || 'normal') }, label)));
    show(kindSection,
      h('h2', { id: 'step-kind' }, '1. What are you importing?'),
      h('div', { class: 'field' }, h('label', { for: 'kind' }, 'Kind of records'), select),
      h('div', { class: 'field' }, h('label', { for: 'priority' }, 'Priority'), priority),
      current ? [
        h('p', {}, current.description),
        h('p', {}, h('a', { class: 'button secondary', id: 'template-link', href: current.template_url, download: current.kind + '-template.csv' },
          'Download the ' + current.kind + ' template (CSV)'), ' ',
          h('a', { class: 'button secondary', id: 'template-link-xlsx', href: current.xlsx_template_url, download: current.kind + '-template.xlsx' },
            'Excel template (.xlsx)')),
        h('details', {}, h('summary', {}, 'Fields of ' + current.kind + ' (' + current.fields.length + ')'),
          table([
            { label: 'Field', value: f => h('code', {}, f.name) },
            { label: 'Type', value: f => f.type },
            { label: 'Required', value: f => (f.required ? 'required' : 'optional') },
            { label: 'What it holds', value: f => f.description, cell: true },
          ], current.fields, { caption: 'Fields of ' + current.kind })),
      ] : h('p', { class: 'hint' }, 'Each kind has its own columns; its template shows them with an example row.'));
  }

  function renderFile() {
    const enabled = Boolean(state.kind);
    fileSection.setAttribute('aria-disabled', String(!enabled));
    if (state.job) {
      show(fileSection, h('h2', { id: 'step-file' }, '2. Choose the file'),
        h('p', { class: 'success', role: 'status' }, 'Uploaded ', h('strong', {}, state.file.name), ' (' + bytes(state.file.size) + ').'),
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: startOver }, 'Start over with another file')));
      return;
    }
    const input = h('input', { type: 'file', id: 'file', accept: ACCEPT, disabled: !enabled,
      'aria-describedby': 'file-hint', onchange: (e) => choose(e.target.files[0]) });
    const zone = h('label', { class: 'dropzone', for: 'file' },
      h('span', {}, 'Drop a CSV file (or a .csv.gz) or an Excel workbook (.xlsx) here, or choose one'), input);
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      if (enabled && e.dataTransfer.files.length) choose(e.dataTransfer.files[0]);
    });
    const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, 'aria-label': 'Upload progress', hidden: !state.uploading });
    const status = h('p', { id: 'upload-status', role: 'status', class: 'hint' });
    const uploadButton = h('button', { type: 'button', id: 'upload', disabled: !enabled || !state.file || state.uploading,
      onclick: () => upload(progress, status, uploadButton) }, 'Upload');
    show(fileSection,
      h('h2', { id: 'step-file' }, '2. Choose the file'),
      zone,
      h('p', { id: 'file-hint', class: 'hint' }, 'UTF-8, UTF-16, Windows-1252 or Latin-1; comma, semicolon, tab or pipe separated; gzip welcome. The file goes straight to storage, not through the API.'),
      state.file ? h('p', { id: 'chosen-file' }, 'Chosen: ', h('strong', {}, state.file.name), ' (' + bytes(state.file.size) + ')') : null,
      h('div', { id: 'upload-problem' }),
      progress, status,
      h('div', { class: 'actions' }, uploadButton));
  }

  function choose(file) {
    if (!file) return;
    if (state.unfinished && state.unfinished.file !== file) {
      // the parts of the file given up on are dropped at once rather than when the upload expires
      api.post('/api/imports/' + state.unfinished.created.job_id + '/cancel').catch(() => {});
      state.unfinished = null;
    }
    state.file = file;
    renderFile();
    announce('Chosen ' + file.name);
  }

  async function upload(progress, status, button) {
    const problemBox = document.getElementById('upload-problem');
    show(problemBox);
    if (state.file.size === 0) {
      show(problemBox, problemView(h, new Problem(0, 'The file is empty', 'There is nothing to import: choose a file with a header row and at least one record.')));
      return;
    }
    state.uploading = true;
    button.disabled = true;
    progress.hidden = false;
    try {
      // a multipart upload that failed part-way is resumed (same file, same job): only the missing parts go
      let created = state.unfinished && state.unfinished.file === state.file ? state.unfinished.created : null;
      if (!created) {
        status.textContent = 'Creating the import…';
        created = await api.post('/api/imports',
          { kind: state.kind, file_name: state.file.name, content_length: state.file.size, mode: 'COMMIT',
            priority: state.priority || 'normal' },
          { 'Idempotency-Key': crypto.randomUUID() });
      }
      let lastAnnounced = -25;
      const onProgress = (loaded, total) => {
        const pct = total ? Math.floor((loaded / total) * 100) : 0;
        progress.value = pct;
        status.textContent = 'Uploading: ' + pct + ' % (' + bytes(loaded) + ' of ' + bytes(total) + ')';
        if (pct - lastAnnounced >= 25) {
          lastAnnounced = pct;
          announce('Upload ' + pct + ' percent');
        }
      };
      if (created.upload.mode === 'multipart') {
        state.unfinished = { file: state.file, created };
        await uploadInParts(created.job_id, created.upload, state.file, onProgress);
        state.unfinished = null;
      } else {
        await uploadFile(created.upload, state.file, onProgress);
      }
      state.job = created;
      state.uploading = false;
      announce('Upload complete. Reading a sample of the file.');
      await loadSample();
      renderAll();
      // the mapping is the next thing to do: bring it into view (on a phone it starts far below the kind's help)
      mappingSection.scrollIntoView({ block: 'start' });
      // the next step: the keyboard goes on from the columns' heading rather than from the file step's
      if (fileSection.contains(document.activeElement)) focusOn(document.getElementById('step-mapping'));
    } catch (problem) {
      state.uploading = false;
      if (state.job) {
        // uploaded but not readable: back to a clean file choice with the reason. A file no option can read has
        // its job failed by the API with that reason; one another option might read is cancelled here (the
        // page offers no other reading at this step), so no job is left awaiting an upload that happened.
        const abandoned = state.job;
        Object.assign(state, { file: null, job: null, sample: null, options: {}, mapping: {} });
        renderAll();
        show(document.getElementById('upload-problem'), problemView(h, problem));
        api.post('/api/imports/' + abandoned.job_id + '/cancel').catch(() => {});
        return;
      }
      button.disabled = false;
      progress.hidden = true;
      status.textContent = '';
      show(problemBox, problemView(h, problem));
    }
  }

  async function loadSample() {
    state.sample = await api.get('/api/imports/' + state.job.job_id + '/sample');
    state.mapping = {};
    for (const column of state.sample.header) {
      state.mapping[column] = state.sample.suggested_mapping[column] || '';
    }
  }

  async function startOver() {
    const job = state.job;
    Object.assign(state, { file: null, job: null, sample: null, options: {}, mapping: {} });
    renderAll();
    // the abandoned job would expire by itself; cancelling says so at once
    if (job) api.post('/api/imports/' + job.job_id + '/cancel').catch(() => {});
  }

  // a workbook is read again from another sheet; a CSV with another encoding or delimiter
  async function reread(encoding, delimiter, sheet) {
    const options = { ...state.options };
    if (sheet !== undefined) {
      if (sheet) options.sheet = sheet; else delete options.sheet;
    } else {
      if (encoding) options.encoding = encoding; else delete options.encoding;
      if (delimiter) options.delimiter = delimiter; else delete options.delimiter;
    }
    await api.patch('/api/imports/' + state.job.job_id, { options });
    state.options = options;
    await loadSample();
    renderAll();
    announce('The file was read again.');
  }

  function renderMapping() {
    mappingSection.setAttribute('aria-disabled', String(!state.sample));
    if (!state.sample) {
      show(mappingSection, h('h2', { id: 'step-mapping' }, '3. Check the columns'),
        h('p', { class: 'hint' }, 'Once the file is uploaded, its first rows and a suggested column mapping show here.'));
      return;
    }
    show(mappingSection, h('h2', { id: 'step-mapping' }, '3. Check the columns'),
      mappingEditor({ sample: state.sample, spec: spec(), mapping: state.mapping, options: state.options,
        onChange: () => renderStart(), onReread: reread }));
  }

  function missingRequired() {
    const targets = new Set(Object.values(state.mapping).filter(Boolean));
    return spec().fields.filter(f => f.required && !targets.has(f.name)).map(f => f.name);
  }

  /**
   * The mapped date columns' sample values written with the year last and slashes or dashes (12/1/2010 8:26): then
   * day and month need an order (dots are day first by themselves). The order the values show, or '' when none of
   * them tells (every day and month 12 or less); null when there are no such values.
   */
  function yearLastOrder() {
    const dated = new Set(spec().fields.filter(f => f.type === 'timestamp' || f.type === 'date').map(f => f.name));
    const columns = state.sample.header.map((name, i) => (dated.has(state.mapping[name]) ? i : -1)).filter(i => i >= 0);
    let seen = false;
    for (const record of state.sample.records) {
      for (const i of columns) {
        const parts = /^\s*(\d{1,2})([/-])(\d{1,2})\2\d{4}(\D|$)/.exec(record[i] || '');
        if (!parts) continue;
        seen = true;
        const [first, second] = [Number(parts[1]), Number(parts[3])];
        if (first > 12 && second <= 12) return 'DMY';
        if (second > 12 && first <= 12) return 'MDY';
      }
    }
    return seen ? '' : null;
  }

  function dateOrderControl() {
    const shown = yearLastOrder();
    if (shown === null && !state.options.date_order) return null;
    if (shown && state.options.date_order === undefined) state.options.date_order = shown;
    const choices = [['', 'Not chosen: such dates are refused'], ['MDY', 'Month first: 12/31/2024 (United States)'],
      ['DMY', 'Day first: 31/12/2024']];
    const select = h('select', { id: 'date-order', onchange: (e) => {
      if (e.target.value) state.options.date_order = e.target.value; else state.options.date_order = null;
    } }, choices.map(([value, label]) => h('option', { value, selected: (state.options.date_order || '') === value }, label)));
    return h('div', { class: 'field' },
      h('label', { for: 'date-order' }, 'Dates with the year last (like 12/1/2010)'), select,
      h('p', { class: 'hint', id: 'date-order-hint' }, shown
        ? 'Your file\'s dates can only be read ' + (shown === 'MDY' ? 'month first' : 'day first') + '.'
        : 'Your file\'s first rows do not tell whether the month or the day comes first: choose how your spreadsheet writes them.'));
  }

  function renderStart() {
    startSection.setAttribute('aria-disabled', String(!state.sample));
    if (!state.sample) {
      show(startSection, h('h2', { id: 'step-start' }, '4. Preview or import'),
        h('p', { class: 'hint' }, 'Choose whether to see what would change first.'));
      return;
    }
    const missing = missingRequired();
    const mode = state.mode || 'DRY_RUN';
    const radio = (value, label, hint) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: 'mode', value, checked: mode === value, onchange: () => { state.mode = value; } }),
      h('span', {}, h('strong', {}, label), h('br'), h('span', { class: 'hint' }, hint)));
    const problemBox = h('div', { id: 'start-problem' });
    const button = h('button', { type: 'button', id: 'start', disabled: missing.length > 0,
      onclick: () => start(button, problemBox) }, 'Start');
    show(startSection, h('h2', { id: 'step-start' }, '4. Preview or import'),
      h('fieldset', {}, h('legend', { class: 'visually-hidden' }, 'How to import'),
        radio('DRY_RUN', 'Preview first', 'Checks every row against the database and shows how many would be created, updated, unchanged, duplicates or errors, with examples. Nothing is written until you confirm.'),
        radio('COMMIT', 'Import now', 'Reads and writes in one go; progress shows live.')),
      dateOrderControl(),
      notify.render(),
      missing.length ? h('p', { class: 'missing', role: 'status' }, 'Map a column to each required field first: ' + missing.join(', ')) : null,
      problemBox,
      h('div', { class: 'actions' }, button));
  }

  async function start(button, problemBox) {
    show(problemBox);
    const notifyOption = notify.option();
    if (notifyOption === null) return;
    button.disabled = true;
    try {
      const options = { ...state.options, column_mapping: { ...state.mapping }, notify: notifyOption };
      await api.patch('/api/imports/' + state.job.job_id, { mode: state.mode || 'DRY_RUN', options });
      await api.post('/api/imports/' + state.job.job_id + '/start');
      navigate('#/imports/' + state.job.job_id);
    } catch (problem) {
      button.disabled = false;
      showProblem(problem, notify.fields(), problemBox);
    }
  }

  function renderAll() {
    renderKind();
    renderFile();
    renderMapping();
    renderStart();
  }

  renderAll();
  return null;
}

