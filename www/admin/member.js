// The member screen of the team's app (/admin/members/{id}): name and email, the status
// (Available/Away by hand, with a reason; "until" and today's hours from §8), the weekly hours
// (<bookable-hours>), date overrides and time off (<bookable-overrides>), calendars (ICS URL,
// CalDAV with a write-only password and write-back; the member's `calendarErrors`), and Save:
// `PUT /members/{id}` with the stored fields this screen does not edit kept as they are. A §9
// error of the server shows at the field its `path` names. A manager reads it and sets the status.
import '../bookable-hours.js';
import { engine } from '../shared/engine.js';
import { h } from '../shared/dom.js';
import { appLocale, stretches, weekdayTime } from './when.js';

const CSS_URL = new URL('./member.css', import.meta.url).href;
/** The fields of a stored member that are answers, never parts of a `PUT` body. */
const ANSWER_ONLY = ['id', 'updatedAt', 'feedUrl', 'calendarErrors'];

function linkStyles() {
  if (!document.querySelector(`link[href="${CSS_URL}"]`)) document.head.append(h('link', { rel: 'stylesheet', href: CSS_URL }));
}

/** A text field with its label and its error (`aria-describedby`, `aria-invalid` when wrong). */
function field(id, label, attrs = {}, help = '') {
  const input = h('input', { id, name: id, class: 'm-input', 'aria-describedby': `${id}-error${help ? ` ${id}-help` : ''}`, ...attrs });
  const error = h('p', { class: 'm-error', id: `${id}-error`, hidden: true });
  const node = h('div', { class: 'm-field' }, h('label', { for: id }, label), input, help ? h('p', { class: 'm-help', id: `${id}-help` }, help) : null, error);
  return { input, error, node };
}

function setError(f, text) {
  if (text) f.input.setAttribute('aria-invalid', 'true');
  else f.input.removeAttribute('aria-invalid');
  f.error.textContent = text || '';
  f.error.hidden = !text;
}

export async function mount(main, ctx) {
  linkStyles();
  const { api, params, session } = ctx;
  const id = params.member;
  const canEdit = session.role === 'owner' || (session.role === 'member' && session.member === id);
  const heading = h('h1', { class: 'm-title', tabindex: '-1' }, id);
  const status = h('section', { class: 'm-card m-status', 'aria-labelledby': 'm-status-title' });
  const form = h('form', { class: 'm-form', novalidate: true, 'aria-labelledby': 'm-title' });
  const formError = h('p', { class: 'm-error m-form-error', id: 'm-form-error', role: 'alert', hidden: true });
  heading.id = 'm-title';
  main.replaceChildren(heading, h('p', { class: 'm-loading' }, 'Loading…'));
  const [{ member }] = await Promise.all([api('GET', `/members/${encodeURIComponent(id)}`), engine()]);
  let stored = member;

  // ---- details
  const name = field('m-name', 'Name', { type: 'text', required: true, autocomplete: 'off', maxlength: '200' });
  const email = field('m-email', 'Email', { type: 'email', autocomplete: 'off' });

  // ---- hours, overrides and time off
  // the app's language: the interface around them is English
  const hours = h('bookable-hours', { id: 'm-hours', 'heading-level': '2', locale: appLocale() });
  const overrides = h('bookable-overrides', { id: 'm-overrides', 'heading-level': '2', locale: appLocale() });

  // ---- calendars
  const calendarList = h('div', { class: 'm-calendars' });
  const calendarErrors = h('div', { class: 'm-calendar-errors', role: 'status' });
  let calendars = [];
  const addIcs = h('button', { type: 'button', class: 'm-button' }, '+ ICS URL');
  const addCaldav = h('button', { type: 'button', class: 'm-button' }, '+ CalDAV calendar');
  addIcs.addEventListener('click', () => {
    calendars.push({ source: { icsUrl: '' } });
    renderCalendars();
    calendars[calendars.length - 1].fields.url.input.focus();
  });
  addCaldav.addEventListener('click', () => {
    calendars.push({ source: { caldav: { url: '' } } });
    renderCalendars();
    calendars[calendars.length - 1].fields.url.input.focus();
  });

  function renderCalendars() {
    calendarList.replaceChildren(...calendars.map((c, i) => {
      const s = c.source;
      const p = `m-cal-${i}`;
      const remove = h('button', { type: 'button', class: 'm-button m-remove' }, `Remove calendar ${i + 1}`);
      remove.addEventListener('click', () => {
        calendars.splice(i, 1);
        renderCalendars();
        addIcs.focus();
      });
      c.fields = {};
      let body;
      if ('icsUrl' in s) {
        c.fields.url = field(`${p}-url`, `Calendar ${i + 1}: ICS feed URL`, { type: 'url', autocomplete: 'off' }, 'https://… the address of a published calendar (.ics).');
        c.fields.url.input.value = s.icsUrl || '';
        body = [c.fields.url.node];
      } else if ('caldav' in s) {
        const d = s.caldav || {};
        c.fields.url = field(`${p}-url`, `Calendar ${i + 1}: CalDAV collection URL`, { type: 'url', autocomplete: 'off' });
        c.fields.username = field(`${p}-username`, 'Username', { type: 'text', autocomplete: 'off' });
        c.fields.password = field(`${p}-password`, 'Password', { type: 'password', autocomplete: 'new-password' }, 'Write-only: never shown again. Leave empty to keep the one stored.');
        c.fields.url.input.value = d.url || '';
        c.fields.username.input.value = d.username || '';
        c.write = h('input', { type: 'checkbox', id: `${p}-write` });
        c.write.checked = !!d.write;
        body = [c.fields.url.node, c.fields.username.node, c.fields.password.node,
          h('div', { class: 'm-check' }, c.write, h('label', { for: `${p}-write` }, 'Write each booking into this calendar'))];
      } else {
        const kind = Object.keys(s).find((k) => k !== 'allDay' && k !== 'tentative') || 'calendar';
        body = [h('p', { class: 'm-help' }, `Calendar ${i + 1}: a ${kind} source given through the API (kept as it is).`)];
      }
      const err = h('p', { class: 'm-error', id: `${p}-error`, hidden: true });
      c.error = err;
      return h('fieldset', { class: 'm-calendar', 'aria-describedby': `${p}-error` }, h('legend', {}, `Calendar ${i + 1}`), ...body, err, remove);
    }));
    if (!calendars.length) calendarList.append(h('p', { class: 'm-help' }, 'No calendars: only the hours above count.'));
    if (!canEdit) {
      for (const el of calendarList.querySelectorAll('input')) el.readOnly = true;
      for (const el of calendarList.querySelectorAll('input[type=checkbox], button')) el.disabled = true;
    }
  }

  function readCalendars() {
    return calendars.map((c) => {
      const s = c.source;
      if ('icsUrl' in s) return { ...s, icsUrl: c.fields.url.input.value.trim() };
      if ('caldav' in s) {
        const d = { url: c.fields.url.input.value.trim() };
        const user = c.fields.username.input.value.trim();
        if (user) d.username = user;
        if (c.fields.password.input.value) d.password = c.fields.password.input.value;
        if (c.write.checked) d.write = true;
        return { caldav: d };
      }
      return s;
    });
  }

  function renderCalendarErrors(list) {
    const items = Array.isArray(list) ? list : [];
    calendarErrors.replaceChildren(...items.map((e) => {
      const where = typeof e.index === 'number' ? `Calendar ${e.index + 1}` : e.path || e.url || 'A calendar';
      const when = e.at || e.since ? ` (since ${e.at || e.since})` : '';
      return h('p', { class: 'm-error m-calendar-error' }, `${where}: ${e.message || e.error || JSON.stringify(e)}${when}`);
    }));
  }

  // ---- status
  // in the app's locale (when.js), at the engine's wall time in the member's zone
  const zoneTime = (instant) => weekdayTime(instant, stored.timezone || 'UTC');
  const statusLine = h('p', { class: 'm-status-line' });
  const statusDetail = h('p', { class: 'm-help' });
  const today = h('p', { class: 'm-help' });
  const reason = field('m-reason', 'Reason (for Away)', { type: 'text', autocomplete: 'off', maxlength: '200' }, 'Lunch, meeting, training… shown to the team.');
  const setAvailable = h('button', { type: 'button', class: 'm-button', 'data-status': 'available' }, 'Set Available');
  const setAway = h('button', { type: 'button', class: 'm-button', 'data-status': 'away' }, 'Set Away');
  const canStatus = canEdit || session.role === 'manager';
  status.append(h('h2', { id: 'm-status-title' }, 'Status'), statusLine, statusDetail, today);
  if (canStatus) status.append(reason.node, h('div', { class: 'm-actions' }, setAvailable, setAway));

  function renderStatus(s) {
    const away = s.status === 'away';
    statusLine.replaceChildren(h('span', { class: away ? 'm-badge m-away' : 'm-badge m-available' }, away ? 'Away' : 'Available'),
      s.reason ? ` — ${s.reason === 'outsideWorkingHours' ? 'outside working hours' : s.reason === 'timeOff' ? 'time off' : s.reason}` : '');
    statusDetail.textContent = `${s.source === 'manual' ? 'Set by hand' : 'From the working hours'}${s.until ? `, until ${zoneTime(s.until)}` : ''}${s.capacity ? ` · ${s.capacity.assigned} / ${s.capacity.max} assigned` : ''}`;
    today.textContent = s.hoursToday && s.hoursToday.length
      ? `Today’s hours (${stored.timezone}): ${stretches(s.hoursToday, stored.timezone || 'UTC')}`
      : `No working hours today (${stored.timezone}).`;
  }
  for (const b of [setAvailable, setAway]) {
    b.addEventListener('click', async () => {
      const body = { status: b.dataset.status };
      const r = reason.input.value.trim();
      if (r && body.status === 'away') body.reason = r;
      try {
        const s = await api('PUT', `/members/${encodeURIComponent(id)}/status`, body);
        setError(reason, '');
        renderStatus(s);
        ctx.announce(`Status: ${s.status === 'away' ? 'Away' : 'Available'}`);
      } catch (e) {
        setError(reason, e.message);
      }
    });
  }

  // ---- the form
  const save = h('button', { type: 'submit', class: 'm-button m-primary' }, 'Save');
  form.append(
    h('section', { class: 'm-card', 'aria-labelledby': 'm-details-title' }, h('h2', { id: 'm-details-title' }, 'Details'), name.node, email.node),
    hours, overrides,
    h('section', { class: 'm-card', 'aria-labelledby': 'm-cal-title' }, h('h2', { id: 'm-cal-title' }, 'Calendars'),
      h('p', { class: 'm-help' }, 'Busy times of these calendars are not offered to visitors.'), calendarErrors, calendarList, h('div', { class: 'm-actions' }, addIcs, addCaldav)),
    formError,
    canEdit ? h('div', { class: 'm-actions m-save' }, save) : h('p', { class: 'm-help' }, 'You can read this member; only the owner and the member may change it.'),
  );

  function fill(m) {
    stored = m;
    heading.textContent = m.name || m.id;
    name.input.value = m.name || '';
    email.input.value = m.email || '';
    hours.value = { timezone: m.timezone, weekly: m.weekly || {} };
    overrides.setAttribute('timezone', m.timezone);
    overrides.value = { overrides: m.overrides || {}, timeOff: m.timeOff || [] };
    calendars = (m.calendars || []).map((source) => ({ source }));
    renderCalendars();
    renderCalendarErrors(m.calendarErrors);
  }
  hours.addEventListener('bookable:change', (e) => overrides.setAttribute('timezone', e.detail.timezone));
  if (!canEdit) {
    for (const el of [name.input, email.input]) el.readOnly = true;
    hours.setAttribute('readonly', '');
    overrides.setAttribute('readonly', '');
    for (const b of [addIcs, addCaldav]) b.disabled = true;
  }

  function body() {
    const out = {};
    for (const [k, v] of Object.entries(stored)) if (!ANSWER_ONLY.includes(k)) out[k] = v;
    out.name = name.input.value.trim();
    const mail = email.input.value.trim();
    if (mail) out.email = mail;
    else delete out.email;
    const hv = hours.value;
    out.timezone = hv.timezone;
    out.weekly = hv.weekly;
    const ov = overrides.value;
    out.overrides = ov.overrides;
    out.timeOff = ov.timeOff;
    for (const k of ['overrides', 'timeOff']) if (!Object.keys(out[k]).length) delete out[k];
    const cals = readCalendars();
    if (cals.length) out.calendars = cals;
    else delete out.calendars;
    return out;
  }

  /** Shows a §9 error at the field its path names; returns whether one was found. */
  function showAt(error) {
    const path = error.path || '';
    if (path === 'name') return setError(name, error.message), name.input;
    if (path === 'email') return setError(email, error.message), email.input;
    if (/^(weekly|timezone)/.test(path) && hours.showError(error)) return hours;
    if (/^(overrides|timeOff)/.test(path) && overrides.showError(error)) return overrides;
    const m = /^calendars\[(\d+)\](?:\.(?:icsUrl|caldav)(?:\.(\w+))?)?/.exec(path);
    if (m && calendars[+m[1]]) {
      const c = calendars[+m[1]];
      const f = c.fields[m[2] || 'url'] || c.fields.url;
      if (f) {
        setError(f, error.message);
        return f.input;
      }
      c.error.textContent = error.message;
      c.error.hidden = false;
      return calendarList;
    }
    return null;
  }

  function focusAt(at) {
    if (at && typeof at.focusError === 'function') at.focusError() || at.scrollIntoView();
    else if (at) {
      if (!at.hasAttribute('tabindex') && !/^(INPUT|BUTTON)$/.test(at.tagName)) at.tabIndex = -1;
      at.focus();
    }
  }

  function clearErrors() {
    for (const f of [name, email]) setError(f, '');
    for (const c of calendars) {
      for (const f of Object.values(c.fields)) setError(f, '');
      c.error.hidden = true;
    }
    formError.hidden = true;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!canEdit) return;
    clearErrors();
    const local = hours.error || overrides.error;
    if (local) {
      const at = showAt(local);
      formError.textContent = 'Check the hours marked below.';
      formError.hidden = false;
      focusAt(at);
      return;
    }
    if (!name.input.value.trim()) {
      setError(name, 'Enter a name.');
      name.input.focus();
      return;
    }
    save.disabled = true;
    try {
      const answer = await api('PUT', `/members/${encodeURIComponent(id)}`, body());
      fill(answer.member);
      ctx.announce('Saved.');
      renderStatus(await api('GET', `/members/${encodeURIComponent(id)}/status`));
    } catch (e) {
      const at = showAt(e);
      formError.textContent = at ? `Not saved: ${e.message}` : `Not saved: ${e.message}${e.path ? ` (at ${e.path})` : ''}`;
      formError.hidden = false;
      focusAt(at || formError);
    } finally {
      save.disabled = false;
    }
  });

  main.replaceChildren(heading, status, form);
  fill(stored);
  renderStatus(await api('GET', `/members/${encodeURIComponent(id)}/status`));
  const timer = setInterval(() => {
    api('GET', `/members/${encodeURIComponent(id)}/status`).then(renderStatus, () => {});
  }, 60e3);
  return () => clearInterval(timer);
}
