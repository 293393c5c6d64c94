// The column mapping step: what was detected, the first rows exactly as parsed, and for each column of
// the file the field it feeds (suggested by the API, changeable). Required fields nothing feeds are named.
import { problemView } from '../api.js';
import { h, table } from '../dom.js';

const DELIMITERS = [['', 'Detected'], [',', 'Comma ,'], [';', 'Semicolon ;'], ['TAB', 'Tab'], ['|', 'Pipe |']];
const ENCODINGS = [['', 'Detected'], ['UTF-8', 'UTF-8'], ['ISO-8859-1', 'ISO-8859-1 (Latin-1)'],
  ['windows-1252', 'Windows-1252'], ['UTF-16', 'UTF-16']];

function slug(text) {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'value';
}

export function mappingEditor({ sample, spec, mapping, options, onChange, onReread }) {
  const fields = spec.fields.filter(f => f.type !== 'family');
  const families = spec.fields.filter(f => f.type === 'family');
  const status = h('p', { id: 'mapping-status', role: 'status' });
  const problemBox = h('div');

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
    const doubled = Object.entries(used).filter(([, columns]) => columns.length > 1);
    status.replaceChildren();
    if (missing.length) {
      status.append(h('span', { class: 'missing' }, 'Required fields without a column: ' + missing.join(', ') + '.'));
    } else {
      status.append(h('span', {}, 'Every required field has a column.'));
    }
    for (const [field, columns] of doubled) {
      status.append(' ', h('span', { class: 'missing' }, columns.join(' and ') + ' both feed ' + field + ': only the first is used.'));
    }
    onChange();
  }

  function selectFor(column, index) {
    const current = mapping[column] || '';
    const known = fields.some(f => f.name === current) || current === '';
    const select = h('select', { id: 'map-' + index, 'data-column': column,
      onchange: (e) => { mapping[column] = e.target.value; refreshStatus(); } },
      h('option', { value: '' }, '— ignore this column —'),
      fields.map(f => h('option', { value: f.name, selected: f.name === current }, f.name + (f.required ? ' (required)' : ''))),
      families.map(f => {
        const member = f.name.replace(/\*$/, '') + slug(column);
        return h('option', { value: member, selected: member === current }, member + ' (' + f.name + ')');
      }),
      !known && !families.some(f => current === f.name.replace(/\*$/, '') + slug(column))
        ? h('option', { value: current, selected: true }, current) : null);
    return select;
  }

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

  const previewColumns = sample.header.map((name, i) => ({ label: name || '(column ' + (i + 1) + ')', value: r => r[i] ?? '', cell: true }));
  const rows = sample.records.map(record => record);

  const mappingRows = sample.header.map((column, index) => ({ column, index }));
  const mappingTable = table([
    { label: 'Column in your file', value: r => h('label', { for: 'map-' + r.index }, r.column || '(column ' + (r.index + 1) + ')') },
    { label: 'First value', value: r => (sample.records[0] ? sample.records[0][r.index] ?? '' : ''), cell: true },
    { label: 'Imported as', value: r => selectFor(r.column, r.index) },
  ], mappingRows, { caption: 'Column mapping' });

  const warnings = [...(sample.header_warnings || []), ...(sample.mapping_problems || [])];
  const element = h('div', {},
    facts,
    warnings.length ? h('ul', { class: 'notice' }, warnings.map(w => h('li', {}, w))) : null,
    workbook ? problemBox : h('details', {}, h('summary', {}, 'Wrong delimiter or garbled characters? Choose them yourself'),
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'delimiter' }, 'Delimiter'), delimiter),
        h('div', { class: 'field' }, h('label', { for: 'encoding' }, 'Encoding'), encoding),
        reread),
      problemBox),
    h('h3', {}, 'First rows, as read'),
    h('div', { id: 'sample-preview' }, table(previewColumns, rows, { caption: 'First rows of the file', empty: 'The file has a header but no rows.' })),
    sample.truncated ? h('p', { class: 'hint' }, 'Showing the first ' + rows.length + ' rows of a larger file.') : null,
    h('h3', {}, 'Column mapping'),
    h('p', { class: 'hint' }, 'Each column of your file feeds the field chosen here; ignored columns are not imported.'),
    h('div', { id: 'mapping' }, mappingTable),
    status);
  refreshStatus();
  return element;
}
