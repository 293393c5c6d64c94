// Form fields that show the API's refusals next to themselves: a problem detail's listed errors name their
// field first ("url is required…", "event_types: 'X' is not…"), so each goes under the control it is about.
import { Problem, problemView } from './api.js';
import { h, show } from './dom.js';

/** A labelled control with its hint and a place for its own error; the control gets the id. */
export function field(id, label, control, hint = null) {
  const error = h('p', { id: id + '-error', class: 'field-error', hidden: true });
  control.id = id;
  control.setAttribute('aria-describedby', (hint ? id + '-hint ' : '') + id + '-error');
  return {
    control,
    element: h('div', { class: 'field' }, h('label', { for: id }, label), control,
      hint ? h('p', { id: id + '-hint', class: 'hint' }, hint) : null, error),
    error(text) {
      error.hidden = !text;
      error.textContent = text || '';
      if (text) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

/** "a@x.com, b@y.org" or one per line → ['a@x.com', 'b@y.org'] */
export function listOf(text) {
  return text.split(/[\s,;]+/).map(s => s.trim()).filter(Boolean);
}

function textOf(error) {
  return typeof error === 'string' ? error : (error.message || error.detail || error.reason || 'invalid value');
}

/**
 * Shows a refusal: each listed error under the field whose wire name it starts with (the longest such
 * name), a problem whose type is in {@code bySlug} under that field, anything else in {@code box}. The
 * first field with an error takes the focus.
 * @param fields wire name → field()
 */
export function showProblem(problem, fields, box, bySlug = {}) {
  const p = problem instanceof Problem ? problem : new Problem(0, 'Something went wrong', problem.message || String(problem));
  Object.values(fields).forEach(f => f.error(null));
  show(box);
  const perField = new Map();
  const rest = [];
  const slug = p.type ? p.type.split('/').pop() : null;
  if (slug && bySlug[slug] && fields[bySlug[slug]]) {
    perField.set(bySlug[slug], [p.detail || p.title]);
  } else {
    const names = Object.keys(fields).sort((a, b) => b.length - a.length);
    for (const error of p.errors || []) {
      const text = textOf(error);
      const name = names.find(n => text.startsWith(n));
      if (name) perField.set(name, [...(perField.get(name) || []), text]);
      else rest.push(text);
    }
  }
  if (!perField.size) {
    show(box, problemView(h, p));
    return;
  }
  for (const [name, texts] of perField) fields[name].error(texts.join(' '));
  if (rest.length) show(box, problemView(h, new Problem(p.status, p.title, rest.join('; '), rest)));
  // the focused control's description (its error) is what a screen reader reads next
  fields[Object.keys(fields).find(n => perField.has(n))].control.focus();
}

/** Clears every field's error and the box. */
export function clearProblems(fields, box) {
  Object.values(fields).forEach(f => f.error(null));
  show(box);
}
