// The column mapping step, mapping first: for each column of the file the field it feeds (proposed by the API,
// changeable), how that proposal was found and a few of the column's values; saved mappings to apply or save;
// then what was detected, and the first rows exactly as parsed in a compact table that scrolls sideways.
import { api, problemView } from '../api.js';
import { announce, h } from '../dom.js';
import { dateTime } from '../format.js';

const DELIMITERS = [['', 'Detected'], [',', 'Comma ,'], [';', 'Semicolon ;'], ['TAB', 'Tab'], ['|', 'Pipe |']];
const ENCODINGS = [['', 'Detected'], ['UTF-8', 'UTF-8'], ['ISO-8859-1', 'ISO-8859-1 (Latin-1)'],
  ['windows-1252', 'Windows-1252'], ['x-MacRoman', 'Mac OS Roman'], ['UTF-16', 'UTF-16']];
/** How many of the file's first rows the page shows under the mapping. */
const PREVIEW_ROWS = 5;

/** matched_by (from the API, or set here) → what the page says, and the badge's tone. */
const MATCHED = {
  exact: ['Same name', 'ok'],
  alias: ['Known alternative name', 'ok'],
  similar: ['Similar name: please check', 'warn'],
  remembered: ['Remembered', 'live'],
  named: ['From saved mapping', 'live'],
  explicit: ['Chosen before', 'live'],
  chosen: ['Chosen by you', 'live'],
};

function slug(text) {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'value';
}

/** Header comparison close to the API's (case, spacing and punctuation ignored) for applying a saved mapping. */
function loose(text) {
  return (text || '').replace(/([a-z])([A-Z])/g, '$1 $2').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

export function mappingEditor({ sample, spec, mapping, options, onChange, onReread }) {
  const fields = spec.fields.filter(f => f.type !== 'family');
  const families = spec.fields.filter(f => f.type === 'family');
  const columns = sample.columns || sample.header.map(name => ({ name, matched_by: null, sample_values: [] }));
  // how each column's field was found; a change here makes it the user's choice
  const how = {};
  columns.forEach((c, i) => { how[i] = c.matched_by; });
  const status = h('p', { id: 'mapping-status', role: 'status' });
  const problemBox = h('div');
  const list = h('ul', { class: 'mapping-list', 'aria-labelledby': 'mapping-heading' });
  const mappingBox = h('div', { id: 'mapping' }, list);

  function targetsUsed() {
    const used = {};
    for (const [column, field] of Object.entries(mapping)) {
      if (field) (used[field] = used[field] || []).push(column);
    }
    return used;
  }

  function refreshStatus() {
    const used = targetsUsed();
    const missing = spec.fields.filter(f => f.required && !used[f.name]).map(f => f.name);
    const doubled = Object.entries(used).filter(([, cols]) => cols.length > 1);
    status.replaceChildren();
    if (missing.length) {
      status.append(h('span', { class: 'missing' }, 'Required fields without a column: ' + missing.join(', ') + '.'));
    } else {
      status.append(h('span', {}, 'Every required field has a column.'));
    }
    for (const [field, cols] of doubled) {
      status.append(' ', h('span', { class: 'missing' }, cols.join(' and ') + ' both feed ' + field + ': only the first is used.'));
    }
    onChange();
  }

  /** The label of how a column's field was found; a column nothing matched says it is not imported. */
  function badge(index) {
    const kept = ['chosen', 'remembered', 'named', 'explicit'].includes(how[index]);
    if (!kept && !mapping[sample.header[index]]) {
      return h('span', { class: 'badge', 'data-matched-by': 'none' }, 'No match: not imported');
    }
    const [label, tone] = MATCHED[how[index]] || ['Chosen', 'live'];
    return h('span', { class: 'badge ' + tone, 'data-matched-by': how[index] || 'chosen' }, label);
  }

  function selectFor(column, index, badgeBox) {
    const current = mapping[column] || '';
    const known = fields.some(f => f.name === current) || current === '';
    return h('select', { id: 'map-' + index, 'data-column': column, 'aria-describedby': 'map-' + index + '-how map-' + index + '-values',
      onchange: (e) => {
        mapping[column] = e.target.value;
        how[index] = 'chosen';
        badgeBox.replaceChildren(badge(index) || '');
        refreshStatus();
      } },
      h('option', { value: '' }, '— ignore this column —'),
      fields.map(f => h('option', { value: f.name, selected: f.name === current }, f.name + (f.required ? ' (required)' : ''))),
      families.map(f => {
        const member = f.name.replace(/\*$/, '') + slug(column);
        return h('option', { value: member, selected: member === current }, member + ' (' + f.name + ')');
      }),
      !known && !families.some(f => current === f.name.replace(/\*$/, '') + slug(column))
        ? h('option', { value: current, selected: true }, current) : null);
  }

  function renderRows() {
    list.replaceChildren(...sample.header.map((column, index) => {
      const badgeBox = h('span', { id: 'map-' + index + '-how', class: 'how' }, badge(index));
      const values = (columns[index] && columns[index].sample_values) || [];
      return h('li', { class: 'mapping-row', 'data-column': column },
        h('div', { class: 'mapping-column' },
          h('label', { for: 'map-' + index }, column || '(column ' + (index + 1) + ')'), ' ', badgeBox),
        h('p', { class: 'hint sample-values', id: 'map-' + index + '-values' },
          values.length ? ['e.g. ', values.map((v, i) => [i ? ', ' : '', h('q', {}, v)])] : 'empty in the first rows'),
        h('div', { class: 'mapping-field' }, selectFor(column, index, badgeBox)));
    }));
  }

  // saved mappings: apply one of the kind's, or save this one under a name (the tenant's team shares them)
  const savedProblem = h('div', { id: 'saved-mapping-problem' });
  const savedStatus = h('p', { id: 'saved-mapping-status', role: 'status', class: 'hint' });
  const savedSelect = h('select', { id: 'saved-mapping' }, h('option', { value: '' }, 'Loading…'));
  let saved = [];
  const applyButton = h('button', { type: 'button', class: 'secondary', id: 'apply-mapping', disabled: true,
    onclick: () => {
      const chosen = saved.find(m => m.id === savedSelect.value);
      if (!chosen) return;
      const byLoose = {};
      Object.entries(chosen.mapping).forEach(([column, field]) => { byLoose[loose(column)] = field; });
      let applied = 0;
      sample.header.forEach((column, index) => {
        const field = column in chosen.mapping ? chosen.mapping[column] : byLoose[loose(column)];
        if (field === undefined) return;
        mapping[column] = field;
        how[index] = 'named';
        applied++;
      });
      renderRows();
      refreshStatus();
      savedStatus.textContent = 'Applied "' + chosen.name + '" to ' + applied + ' of ' + sample.header.length + ' columns.';
      announce(savedStatus.textContent);
    } }, 'Apply');
  async function loadSaved(selectId) {
    try {
      saved = (await api.get('/api/mappings?kind=' + encodeURIComponent(spec.kind))).items;
    } catch (problem) {
      saved = [];
    }
    savedSelect.replaceChildren(saved.length
      ? saved.map(m => h('option', { value: m.id, selected: m.id === selectId }, m.name))
      : h('option', { value: '' }, 'None saved yet'));
    applyButton.disabled = !saved.length;
  }
  const nameInput = h('input', { type: 'text', id: 'mapping-name', maxlength: 100, autocomplete: 'off' });
  const saveButton = h('button', { type: 'button', class: 'secondary', id: 'save-mapping', onclick: async () => {
    savedProblem.replaceChildren();
    const name = nameInput.value.trim();
    if (!name) {
      savedStatus.textContent = 'Give the mapping a name first.';
      nameInput.focus();
      return;
    }
    saveButton.disabled = true;
    try {
      const created = await api.post('/api/mappings', { name, kind: spec.kind, mapping: { ...mapping } });
      nameInput.value = '';
      await loadSaved(created.id);
      savedStatus.textContent = 'Saved as "' + created.name + '": apply it to later files, or import with --mapping on the command line.';
      announce(savedStatus.textContent);
    } catch (problem) {
      savedProblem.replaceChildren(problemView(h, problem));
    } finally {
      saveButton.disabled = false;
    }
  } }, 'Save');
  const savedControls = h('fieldset', { class: 'saved-mappings' }, h('legend', {}, 'Saved mappings'),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'saved-mapping' }, 'Apply saved mapping'), savedSelect),
      applyButton),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'mapping-name' }, 'Save this mapping as…'), nameInput),
      saveButton),
    savedStatus, savedProblem);
  loadSaved();

  const delimiter = h('select', { id: 'delimiter' }, DELIMITERS.map(([value, label]) =>
    h('option', { value, selected: (options.delimiter || '') === value }, label)));
  const encoding = h('select', { id: 'encoding' }, ENCODINGS.map(([value, label]) =>
    h('option', { value, selected: (options.encoding || '') === value }, label)));
  const reread = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    reread.disabled = true;
    problemBox.replaceChildren();
    try {
      await onReread(encoding.value, delimiter.value);
    } catch (problem) {
      reread.disabled = false;
      problemBox.replaceChildren(problemView(h, problem));
    }
  } }, 'Read the file again');

  const delimiterName = { ',': 'comma', ';': 'semicolon', '\t': 'tab', TAB: 'tab', '|': 'pipe' }[sample.delimiter] || sample.delimiter;
  // a workbook: which sheet is read (each with its data rows; hidden ones are read only when chosen)
  const workbook = sample.file_format === 'xlsx';
  const sheet = workbook ? h('select', { id: 'sheet', onchange: async () => {
    sheet.disabled = true;
    problemBox.replaceChildren();
    try {
      await onReread(undefined, undefined, sheet.value);
    } catch (problem) {
      sheet.disabled = false;
      problemBox.replaceChildren(problemView(h, problem));
    }
  } }, (sample.sheets || []).map(s => h('option', { value: s.name, selected: s.name === sample.sheet },
    s.name + ' (' + s.rows + ' rows' + (s.visibility === 'visible' ? '' : ', hidden') + ')'))) : null;
  const facts = workbook ? h('dl', { class: 'facts', id: 'detected' },
    h('dt', {}, 'File'), h('dd', { id: 'detected-format' }, 'Excel workbook (.xlsx)'),
    h('dt', {}, h('label', { for: 'sheet' }, 'Sheet')), h('dd', {}, sheet),
    h('dt', {}, 'Columns'), h('dd', {}, String(sample.header.length))) : h('dl', { class: 'facts', id: 'detected' },
    h('dt', {}, 'Encoding'), h('dd', { id: 'detected-encoding' }, sample.encoding + (sample.encoding_reason ? ' — ' + sample.encoding_reason : '')),
    h('dt', {}, 'Delimiter'), h('dd', { id: 'detected-delimiter' }, delimiterName),
    h('dt', {}, 'Line endings'), h('dd', {}, sample.line_ending || '–'),
    h('dt', {}, 'Compressed'), h('dd', {}, sample.gzip ? 'gzip' : 'no'),
    h('dt', {}, 'Columns'), h('dd', {}, String(sample.header.length)));

  // the first rows as parsed: compact, one line per row, the table scrolls sideways rather than break words
  const rows = sample.records.slice(0, PREVIEW_ROWS);
  const preview = rows.length ? h('div', { class: 'sample-scroll', tabindex: 0, role: 'region', 'aria-label': 'First rows of the file (scrolls sideways)' },
    h('table', { class: 'sample-table' },
      h('caption', { class: 'visually-hidden' }, 'First rows of the file'),
      h('thead', {}, h('tr', {}, sample.header.map((name, i) => h('th', { scope: 'col' }, name || '(column ' + (i + 1) + ')')))),
      h('tbody', {}, rows.map(record => h('tr', {}, sample.header.map((_, i) => {
        const value = record[i] ?? '';
        return h('td', { title: value.length > 40 ? value : null }, value);
      }))))))
    : h('p', { class: 'muted' }, 'The file has a header but no rows.');

  const savedFrom = sample.saved_mapping;
  const savedNote = savedFrom ? h('p', { class: 'success', id: 'saved-mapping-note' },
    savedFrom.matched_by === 'remembered'
      ? 'Remembered: this is the mapping last used for a file with these columns (by ' + savedFrom.updated_by + ', ' + dateTime(savedFrom.updated_at) + '). Check it and change what you need.'
      : 'Proposed from the saved mapping "' + savedFrom.name + '", made for a file with these columns.') : null;

  const warnings = [...(sample.header_warnings || []), ...(sample.mapping_problems || [])];
  const element = h('div', {},
    h('h3', { id: 'mapping-heading' }, 'Column mapping'),
    savedNote,
    h('p', { class: 'hint' }, 'Each column of your file feeds the field chosen here; ignored columns are not imported. The label next to a column says how its field was found.'),
    mappingBox,
    status,
    savedControls,
    warnings.length ? h('ul', { class: 'notice' }, warnings.map(w => h('li', {}, w))) : null,
    h('h3', {}, 'First rows, as read'),
    h('div', { id: 'sample-preview' }, preview),
    sample.records.length > rows.length || sample.truncated
      ? h('p', { class: 'hint' }, 'Showing the first ' + rows.length + ' rows of a larger file.') : null,
    facts,
    workbook ? problemBox : h('details', {}, h('summary', {}, 'Wrong delimiter or garbled characters? Choose them yourself'),
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'delimiter' }, 'Delimiter'), delimiter),
        h('div', { class: 'field' }, h('label', { for: 'encoding' }, 'Encoding'), encoding),
        reread),
      problemBox));
  renderRows();
  refreshStatus();
  return element;
}
