// The bookings list (/admin/bookings): bookings by day in the viewer's zone, filtered by page,
// member, status and dates (`GET /bookings?page=&member=&status=&from=&to=`, kept in the
// address); a host cancels one (with a reason) or moves it to another start the page offers
// now (the engine on the page's public answer, as the visitor's picker would offer it).
import { h } from '../shared/dom.js';
import { computeSlots } from '../pkg/bookable.js';
import { at, publicPage } from './api.js';
import { alertBox, input, say, select } from './form.js';
import { dateText, dateTime, dayKey, time, viewerZone } from './when.js';

const DAY = 86_400_000;
const addDays = (key, n) => new Date(Date.parse(`${key}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** The instant of a local date's midnight in the browser's zone. */
const midnight = (key) => new Date(`${key}T00:00`).toISOString();

export async function mount(main, { api, params, session, announce }) {
  const member = session.role === 'member';
  const [all, { members }] = await Promise.all([api('GET', '/pages'), api('GET', '/members')]);
  // a member filters by the pages it is on
  const pages = member ? all.pages.filter((p) => p.members.some((m) => m.id === session.member)) : all.pages;
  const today = dayKey(new Date().toISOString(), viewerZone);
  const problem = alertBox();
  const list = h('div', { class: 'days' });
  const count = h('p', { class: 'hint', role: 'status' });

  const filters = h(
    'form',
    { class: 'card filters', novalidate: true, 'aria-label': 'Filters' },
    select('Page', [['', 'Every page'], ...pages.map((p) => [p.id, p.title])], { path: 'page', value: params.page ?? '' }),
    member ? null : select('Member', [['', 'Every member'], ...members.map((m) => [m.id, m.name])], { path: 'member', value: params.member ?? '' }),
    select(
      'Status',
      [
        ['', 'Any'],
        ['confirmed', 'Confirmed'],
        ['cancelled', 'Cancelled'],
      ],
      { path: 'status', value: params.status ?? '' },
    ),
    input('From', { path: 'from', type: 'date', value: params.from ?? today }),
    input('To', { path: 'to', type: 'date', value: params.to ?? addDays(today, 30) }),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
  );
  main.append(h('h1', {}, 'Bookings'), filters, problem, count, list);

  const names = new Map(members.map((m) => [m.id, m.name]));

  let stopped = false;
  let latest = 0; // the last load asked for: an earlier one answering later is dropped
  async function load(focusId) {
    if (stopped) return; // the app has moved to another screen
    const mine = ++latest;
    list.setAttribute('aria-busy', 'true');
    say(problem, '');
    const q = new URLSearchParams();
    for (const k of ['page', 'member', 'status', 'from', 'to']) {
      const v = filters.elements[k]?.value;
      if (v) q.set(k, v);
    }
    history.replaceState(history.state, '', `/admin/bookings?${q}`);
    const query = new URLSearchParams();
    for (const k of ['page', 'member', 'status']) if (q.get(k)) query.set(k, q.get(k));
    if (q.get('from')) query.set('from', midnight(q.get('from')));
    if (q.get('to')) query.set('to', midnight(addDays(q.get('to'), 1)));
    let bookings;
    try {
      ({ bookings } = await api('GET', `/bookings?${query}`));
    } catch (e) {
      if (mine === latest) {
        say(problem, e.message);
        list.removeAttribute('aria-busy');
      }
      return;
    }
    if (stopped || mine !== latest) return;
    list.removeAttribute('aria-busy');
    const days = new Map();
    for (const b of bookings) {
      const key = dayKey(b.start, viewerZone);
      if (!days.has(key)) days.set(key, []);
      days.get(key).push(b);
    }
    list.replaceChildren(
      ...[...days].map(([key, items]) => h('section', { class: 'day', 'aria-labelledby': `day-${key}` }, h('h2', { id: `day-${key}` }, dateText(key)), h('ul', { class: 'bookings' }, ...items.map(item)))),
    );
    count.textContent = `${bookings.length} ${bookings.length === 1 ? 'booking' : 'bookings'}; times in ${viewerZone}.`;
    if (focusId) list.querySelector(`[data-booking="${CSS.escape(focusId)}"]`)?.focus();
  }

  function item(b) {
    const who = b.attendee ? `${b.attendee.name}${b.attendee.email ? ` <${b.attendee.email}>` : ''}` : '';
    const hosts = (b.names ?? b.hosts ?? []).join(', ') || b.hosts.map((x) => names.get(x) ?? x).join(', ');
    const rowProblem = alertBox();
    const panel = h('div', { class: 'panel' });
    const li = h(
      'li',
      { class: `booking ${b.status}`, 'data-booking': b.id, tabindex: '-1' },
      h('p', { class: 'when' }, h('strong', {}, `${time(b.start, viewerZone)}–${time(b.end, viewerZone)}`), ` ${b.title}`),
      h('p', {}, `${who} · with ${hosts}`),
      h('p', { class: 'muted' }, b.status === 'cancelled' ? `Cancelled${b.reason ? `: ${b.reason}` : ''}` : 'Confirmed'),
      rowProblem,
      panel,
    );
    if (b.status !== 'confirmed') return li;
    const label = `${b.attendee?.name ?? ''} at ${dateTime(b.start, viewerZone)}`;
    const cancelBtn = h('button', { type: 'button', 'aria-label': `Cancel the booking of ${label}`, 'aria-expanded': 'false' }, 'Cancel…');
    const moveBtn = h('button', { type: 'button', 'aria-label': `Reschedule the booking of ${label}`, 'aria-expanded': 'false' }, 'Reschedule…');
    li.insertBefore(h('div', { class: 'actions' }, cancelBtn, moveBtn), rowProblem);

    // Escape closes an open form and gives focus back to its button
    panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close(cancelBtn.getAttribute('aria-expanded') === 'true' ? cancelBtn : moveBtn);
    });
    function open(btn, content) {
      for (const x of [cancelBtn, moveBtn]) x.setAttribute('aria-expanded', String(x === btn));
      panel.replaceChildren(content);
      content.querySelector('textarea, select, button')?.focus();
    }
    function close(btn) {
      btn.setAttribute('aria-expanded', 'false');
      panel.replaceChildren();
      btn.focus();
    }

    cancelBtn.addEventListener('click', () => {
      if (cancelBtn.getAttribute('aria-expanded') === 'true') return close(cancelBtn);
      const reason = h('textarea', { id: `reason-${b.id}`, rows: '2', maxlength: '2000' });
      const form = h(
        'form',
        { class: 'inline', novalidate: true },
        h('label', { for: reason.id }, 'Reason (optional; the attendee is told)'),
        reason,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Cancel booking'), h('button', { type: 'button', class: 'quiet', 'data-keep': '' }, 'Keep it')),
      );
      form.querySelector('[data-keep]').addEventListener('click', () => close(cancelBtn));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        say(rowProblem, '');
        try {
          await api('POST', `${at('bookings', b.id)}/cancel`, reason.value.trim() ? { reason: reason.value.trim() } : {});
          announce(`Booking of ${label} cancelled.`);
          await load(b.id);
        } catch (e) {
          say(rowProblem, e.message);
        }
      });
      open(cancelBtn, form);
    });

    moveBtn.addEventListener('click', async () => {
      if (moveBtn.getAttribute('aria-expanded') === 'true') return close(moveBtn);
      say(rowProblem, '');
      let slots;
      try {
        const answer = await publicPage(b.page);
        slots = computeSlots({ ...answer.request, now: new Date().toISOString() }).slots.filter((s) => s.start !== b.start).slice(0, 500);
      } catch (e) {
        say(rowProblem, `The page's times could not be read: ${e.message}`);
        return;
      }
      if (!slots.length) {
        say(rowProblem, 'The page offers no other time now.');
        return;
      }
      const choice = h('select', { id: `start-${b.id}` }, ...slots.map((s) => h('option', { value: s.start }, dateTime(s.start, viewerZone))));
      const form = h(
        'form',
        { class: 'inline', novalidate: true },
        h('label', { for: choice.id }, `New start (${viewerZone})`),
        choice,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Move booking'), h('button', { type: 'button', class: 'quiet', 'data-keep': '' }, 'Keep the time')),
      );
      form.querySelector('[data-keep]').addEventListener('click', () => close(moveBtn));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        say(rowProblem, '');
        try {
          const { booking } = await api('POST', `${at('bookings', b.id)}/reschedule`, { start: choice.value });
          announce(`Booking of ${b.attendee?.name ?? ''} moved to ${dateTime(booking.start, viewerZone)}.`);
          await load(b.id);
        } catch (e) {
          say(rowProblem, e.message);
        }
      });
      open(moveBtn, form);
    });
    return li;
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  await load();
  return () => {
    stopped = true;
  };
}
