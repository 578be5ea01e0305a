// The details step of <bookable-picker> (name, email, notes), the POST to the page's `action` and
// the confirmation's .ics: loaded with import() only by a page that has an `action`, so a page
// without one loads none of it. Its text is in the i18n tables; its few styles are a constructed
// sheet (nothing inline, strict CSP). It sees only what `details(step)` is given, never the
// element's DOM or state:
//   step = { form, t, action, detail, adoptStyles(sheet), booked(detail, calendarLink), taken() }
import { h } from '../shared/dom.js';

// Its colours are the element's own `--_*` properties (bookable-picker.css): each a `--bookable-*`
// an owner may set, with a default in the light and the dark scheme — never a bare `--bookable-*`,
// which has no value unless the owner set one.
const CSS = `.details{display:grid;gap:.75rem;margin:1rem 0}.details label{display:block;font-weight:600;margin-bottom:.25rem}
.details input,.details textarea{box-sizing:border-box;width:100%;font:inherit;color:var(--_text);background:var(--_surface);border:1px solid var(--_field-line);border-radius:6px;padding:.5rem .6rem}
.details input:focus-visible,.details textarea:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.details textarea{min-height:5rem;resize:vertical}.details [aria-invalid=true]{border-color:var(--_danger);border-width:2px}
.field-error,.send-error{color:var(--_danger);margin:.25rem 0 0}.send-error{background:var(--_danger-surface);padding:.5rem .75rem;border-radius:6px}
.details .optional{font-weight:400;color:var(--_muted)}.ics{display:inline-block;margin:.5rem 0;color:var(--_accent);font-weight:600}`;
let sheet = null;

// the reference server's limits (server/server.mjs readBooking): checked here first
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;
const FIELDS = [
  { name: 'name', type: 'text', autocomplete: 'name', max: 200, required: true },
  { name: 'email', type: 'email', autocomplete: 'email', max: 254, required: true },
  { name: 'notes', max: 2000 },
];

/** The visitor's input as the server reads it, or the key of a message for each bad field. */
export function check({ name, email, notes }) {
  const len = (s) => [...s].length;
  const errors = {};
  if (!name) errors.name = 'nameRequired';
  else if (len(name) > 200) errors.name = 'tooLong';
  if (!email) errors.email = 'emailRequired';
  else if (len(email) > 254) errors.email = 'tooLong';
  else if (!EMAIL.test(email)) errors.email = 'emailInvalid';
  if (len(notes) > 2000) errors.notes = 'tooLong';
  return errors;
}

/** RFC 5545 TEXT (§3.3.11), lines folded at 75 octets (§3.1). */
const icsText = (s) => s.replace(/[\\;,]/g, '\\$&').replace(/\r?\n/g, '\\n');
function fold(line) {
  const enc = new TextEncoder();
  let out = '';
  let n = 0;
  for (const ch of line) {
    const size = enc.encode(ch).length;
    if (n + size > 75) {
      out += '\r\n ';
      n = 1;
    }
    out += ch;
    n += size;
  }
  return out;
}
const icsTime = (iso) => new Date(iso).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');

/** A one-event calendar (a VEVENT in UTC) for the booking `{ id, start, end, title }` (its UID: the booking's id). */
export function ics({ id, start, end, title }, now = Date.now()) {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bookable//picker//EN', 'METHOD:PUBLISH', 'BEGIN:VEVENT',
    `UID:${icsText(id)}`, `DTSTAMP:${icsTime(now)}`, `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsText(title)}`, 'END:VEVENT', 'END:VCALENDAR',
  ].map(fold).join('\r\n') + '\r\n';
}

/**
 * Shows the details form in `step.form` (an empty container of the confirm step) and POSTs it to
 * `step.action` with `step.detail`'s start and hosts. `adoptStyles(sheet)` adds the form's styles
 * to the element; `booked(detail, calendarLink)` reports a booking (the select detail with the
 * attendee and the server's `booking`; an "Add to calendar" link); `taken()` a 409.
 */
export function details(step) {
  const { t } = step;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  step.adoptStyles(sheet);

  const inputs = {};
  const errors = {};
  const form = h('form', { class: 'details', part: 'details', novalidate: true, 'aria-labelledby': 'confirm-heading' });
  for (const f of FIELDS) {
    const id = `field-${f.name}`;
    const input = f.type
      ? h('input', { id, name: f.name, type: f.type, autocomplete: f.autocomplete, required: f.required, 'aria-required': f.required ? 'true' : null, spellcheck: f.type === 'email' ? 'false' : null, part: 'field' })
      : h('textarea', { id, name: f.name, rows: 3, part: 'field' });
    errors[f.name] = h('p', { class: 'field-error', id: `${id}-error`, part: 'field-error', hidden: true });
    inputs[f.name] = input;
    form.append(h('div', {}, h('label', { for: id, part: 'field-label' }, t(f.name), f.required ? null : h('span', { class: 'optional' }, ` ${t('optional')}`)), input, errors[f.name]));
  }
  const sendError = h('p', { class: 'send-error', role: 'alert', part: 'send-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary book', part: 'button primary book' }, t('book'));
  form.append(sendError, submit);
  step.form.replaceChildren(form);

  const mark = (name, key) => {
    const input = inputs[name];
    const p = errors[name];
    if (key) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', p.id);
      p.textContent = t(key, { n: FIELDS.find((f) => f.name === name).max });
      p.hidden = false;
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      p.hidden = true;
    }
  };
  for (const [name, input] of Object.entries(inputs)) input.addEventListener('input', () => input.hasAttribute('aria-invalid') && mark(name, null));

  let sending = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault(); // the POST is ours (and the page's CSP has form-action 'none')
    if (sending) return;
    const attendee = { name: inputs.name.value.trim(), email: inputs.email.value.trim(), notes: inputs.notes.value.trim() };
    const bad = check(attendee);
    for (const f of FIELDS) mark(f.name, bad[f.name]);
    sendError.hidden = true;
    const first = FIELDS.find((f) => bad[f.name]);
    if (first) {
      inputs[first.name].focus();
      return;
    }
    if (!attendee.notes) delete attendee.notes;
    const { detail } = step;
    sending = true;
    submit.disabled = true;
    submit.textContent = t('sending');
    form.setAttribute('aria-busy', 'true');
    const fail = (key) => {
      sendError.textContent = t(key);
      sendError.hidden = false;
      submit.textContent = t(key === 'sendError' ? 'retry' : 'book');
    };
    try {
      let res;
      try {
        res = await fetch(new URL(step.action, document.baseURI), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ start: detail.start, hosts: detail.hosts, attendee }),
        });
      } catch {
        return fail('sendError');
      }
      const body = await res.json().catch(() => ({}));
      if (res.status === 201 && body.booking) {
        const b = body.booking;
        const href = `data:text/calendar;charset=utf-8,${encodeURIComponent(ics({ ...b, title: b.title || detail.title }))}`;
        const link = h('a', { class: 'ics', part: 'ics', href, download: 'meeting.ics', type: 'text/calendar' }, t('addCalendar'));
        step.booked({ ...detail, hosts: b.hosts || detail.hosts, names: b.names || detail.names, attendee, booking: b }, link);
        return;
      }
      if (res.status === 409) return step.taken();
      const path = body.error && typeof body.error.path === 'string' ? body.error.path : '';
      const field = res.status === 400 && /^attendee\.(name|email|notes)$/.exec(path);
      if (field) {
        const name = field[1];
        mark(name, body.error.code === 'missing_field' ? `${name}Required` : name === 'email' ? 'emailInvalid' : 'fieldInvalid');
        if (name === 'notes' && body.error.code === 'missing_field') mark(name, 'fieldInvalid');
        inputs[name].focus();
        submit.textContent = t('book');
        return;
      }
      fail(res.status >= 500 ? 'sendError' : 'bookFailed');
    } finally {
      sending = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}
