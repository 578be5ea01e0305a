// The team's app's form fields: each labelled, each with its place for an error, each named by
// the path of the body it fills (`event.duration`, `members[2].weight`), so that the server's §9
// error lands at its field.
import { h } from '../shared/dom.js';

let count = 0;
const nextId = () => `f${++count}`;

function wrap(id, label, input, hint) {
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const described = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input, error);
}

/** A text input for `path` (numbers are typed as text: the server reads and judges them). */
export function input(label, { path, value = '', hint, type = 'text', ...attrs } = {}) {
  const id = nextId();
  const el = h('input', { id, name: path, type, 'data-path': path, ...attrs });
  el.value = value ?? '';
  return wrap(id, label, el, hint);
}

/** A select of `[value, text]` options. */
export function select(label, options, { path, value = '', hint, ...attrs } = {}) {
  const id = nextId();
  const el = h('select', { id, name: path, 'data-path': path, ...attrs }, ...options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return wrap(id, label, el, hint);
}

/** A checkbox with its label after it. */
export function checkbox(label, { path, checked = false, ...attrs } = {}) {
  const id = nextId();
  const el = h('input', { id, name: path, type: 'checkbox', 'data-path': path, ...attrs });
  el.checked = checked;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  el.setAttribute('aria-describedby', `${id}-error`);
  return h('div', { class: 'field check' }, el, h('label', { for: id }, label), error);
}

/** A field's value as the body wants it: '' → undefined, a number's text → the number. */
export function number(el) {
  const text = el.value.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Clears every error shown in `root`. */
export function clearErrors(root) {
  for (const el of root.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const p of root.querySelectorAll('.field-error')) {
    p.textContent = '';
    p.hidden = true;
  }
}

/**
 * Shows an error at the field of its `path` (else the field of the longest path it lies in),
 * marks the field invalid and focuses it. Returns the field, or null when none matches.
 */
export function showError(root, error) {
  const fields = [...root.querySelectorAll('[data-path]')];
  const path = error.path ?? '';
  const inside = (p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
  const el = fields.find((f) => f.dataset.path === path) ?? fields.filter((f) => f.dataset.path && inside(f.dataset.path)).sort((a, b) => b.dataset.path.length - a.dataset.path.length)[0];
  if (!el) return null;
  const p = document.getElementById(`${el.id}-error`);
  p.textContent = error.message;
  p.hidden = false;
  el.setAttribute('aria-invalid', 'true');
  el.focus();
  return el;
}

/** A message area (role=alert) for errors that belong to no field. */
export const alertBox = () => h('p', { class: 'problem', role: 'alert', hidden: true });

/** Shows `text` in an alert box (hides it when empty). */
export function say(box, text) {
  box.textContent = text;
  box.hidden = !text;
}
