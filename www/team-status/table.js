// The availability table of <bookable-team-status>: one row a member (status, source, reason,
// until, today's hours, assigned / max, the next assignee marked) and, for a manager, each row's
// buttons. It draws an engine answer; every time shown is a wall time the engine gave
// (`localDateTime`), formatted by Intl in UTC. Text goes in as text, never as markup.
import { localDateTime } from '../pkg/bookable.js';
import { h } from '../shared/dom.js';
import { wallMs } from '../shared/format.js';

const ms = (iso) => Date.parse(iso);

/** Formats of one locale for the table's wall times. */
export class TableFormats {
  constructor(locale) {
    this.time = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });
    this.dayTime = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
    this.num = new Intl.NumberFormat(locale, { useGrouping: false });
  }
}

/**
 * Draws `answer` (the engine's team status) into a `<tbody>`'s rows.
 * `view`: { t, fmt, zone, now, names, zones, counts, manage }.
 */
export function tableRows(answer, view) {
  const { t, fmt, zone, now, names, zones, counts, manage } = view;
  const today = localDateTime(now, zone).slice(0, 10);
  const wall = (iso) => {
    const local = localDateTime(ms(iso), zone);
    return { local, text: (local.slice(0, 10) === today ? fmt.time : fmt.dayTime).format(wallMs(local)) };
  };
  return answer.members.map((m) => {
    const name = names[m.id] || m.id;
    const isNext = answer.next === m.id;
    const until = m.until ? wall(m.until) : null;
    const hours = m.hoursToday.map((r) => {
      const [a, b] = [wall(r.start).local, wall(r.end).local];
      // a range within one local date as the locale writes it ("1:30 – 5:30 PM"); across midnight, two times
      return a.slice(0, 10) === b.slice(0, 10) ? fmt.time.formatRange(wallMs(a), wallMs(b)) : `${fmt.time.format(wallMs(a))} – ${fmt.time.format(wallMs(b))}`;
    });
    const c = counts[m.id] || { assigned: 0, max: null };
    const assigned = c.max == null ? t('noLimit', { assigned: fmt.num.format(c.assigned) }) : t('ofMax', { assigned: fmt.num.format(c.assigned), max: fmt.num.format(c.max) });
    const reason = m.reason == null ? '' : m.source === 'schedule' ? t(m.reason) : m.reason;
    const head = h('th', { scope: 'row', role: 'rowheader', class: 'member' },
      h('span', { class: 'name', part: 'name' }, name),
      isNext ? h('span', { class: 'next', part: 'next-badge' }, t('next')) : null,
      zones[m.id] ? h('span', { class: 'zone', part: 'zone' }, zones[m.id].replace(/_/g, ' ')) : null);
    const cells = [
      head,
      h('td', { role: 'cell', 'data-label': t('colStatus') }, h('span', { class: `status ${m.status}`, part: `status status-${m.status}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), t(m.status))),
      h('td', { role: 'cell', class: 'source', 'data-label': t('colSource') }, t(m.source)),
      h('td', { role: 'cell', class: 'reason', 'data-label': t('colReason') }, reason),
      h('td', { role: 'cell', class: 'until', 'data-label': t('colUntil') }, until ? h('time', { datetime: m.until }, until.text) : t('noChange')),
      h('td', { role: 'cell', class: 'hours', 'data-label': t('colHours') }, hours.length ? h('ul', { class: 'ranges' }, ...hours.map((r) => h('li', {}, r))) : t('notWorking')),
      h('td', { role: 'cell', class: 'assigned', 'data-label': t('colAssigned') }, assigned),
    ];
    if (manage) {
      // the visible text first in each button's name (WCAG 2.5.3), then whose row it is
      const named = (key) => ({ 'aria-label': `${t(key)}, ${name}` });
      const toggle = m.status === 'away' ? 'setAvailable' : 'setAway';
      cells.push(h('td', { role: 'cell', class: 'actions', 'data-label': t('colActions') }, h('div', { class: 'buttons' },
        h('button', { type: 'button', part: 'button toggle', 'data-action': 'toggle', 'data-member': m.id, ...named(toggle) }, t(toggle)),
        h('button', { type: 'button', part: 'button release', 'data-action': 'release', 'data-member': m.id, disabled: c.assigned === 0, ...named('release') }, t('release')))));
    }
    return h('tr', { role: 'row', part: isNext ? 'row row-next' : 'row', 'data-member': m.id, 'data-status': m.status, class: isNext ? 'is-next' : null }, ...cells);
  });
}

/** The header row's cells. */
export function headerRow(t, manage) {
  const cols = ['colMember', 'colStatus', 'colSource', 'colReason', 'colUntil', 'colHours', 'colAssigned', ...(manage ? ['colActions'] : [])];
  return h('tr', { role: 'row' }, ...cols.map((k) => h('th', { scope: 'col', role: 'columnheader' }, t(k))));
}
