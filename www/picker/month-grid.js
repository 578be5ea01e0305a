// The month grid: a WAI-ARIA grid of one month's days (always six weeks, so the card keeps its
// height), the month's name and the previous/next buttons. Days with times are selectable; the
// keys move a roving focus (arrows, Home/End in the week, PageUp/PageDown by month, with Shift by
// year). The element owns which month, day and focus are shown and is told of each move.
import { h, chevron } from '../shared/dom.js';
import { PlainDate, PlainYearMonth } from '../shared/plain-date.js';

/** The position of `date` in its week row (0 = the locale's first day). */
export const weekColumn = (date, firstDay) => ((date.dayOfWeek % 7) - firstDay + 7) % 7;

/**
 * The day a key moves the focus to from `date`, 'pick' for Enter and Space, or null for other
 * keys. `rtl`: the Right arrow goes back in a right-to-left layout.
 */
export function keyTarget(date, key, { shiftKey = false, firstDay = 1, rtl = false } = {}) {
  const forward = rtl ? -1 : 1;
  const col = weekColumn(date, firstDay);
  switch (key) {
    case 'ArrowLeft': return date.add({ days: -forward });
    case 'ArrowRight': return date.add({ days: forward });
    case 'ArrowUp': return date.add({ days: -7 });
    case 'ArrowDown': return date.add({ days: 7 });
    case 'Home': return date.add({ days: -col });
    case 'End': return date.add({ days: 6 - col });
    case 'PageUp': return date.add({ months: shiftKey ? -12 : -1 });
    case 'PageDown': return date.add({ months: shiftKey ? 12 : 1 });
    case 'Enter':
    case ' ':
      return 'pick';
    default:
      return null;
  }
}

export class MonthGrid {
  #o;

  /**
   * `{ root, t, formats, firstDay, rtl, heading, focus, onMonth, onFocus, onPick }`: `heading` the
   * month name's tag (h2…h6), `formats()` the Formats in force, `focus()` the focused day,
   * `onMonth(±1)`, `onFocus(date)` (keys, pointer or script focused a day), `onPick(date, byPointer)`.
   */
  constructor(options) {
    this.#o = options;
    const { t } = options;
    this.prev = h('button', { type: 'button', class: 'nav prev', part: 'nav prev', 'aria-label': t('prevMonth') }, chevron(true));
    this.next = h('button', { type: 'button', class: 'nav next', part: 'nav next', 'aria-label': t('nextMonth') }, chevron(false));
    this.month = h(options.heading, { class: 'month', id: 'month', part: 'month', 'aria-live': 'polite' });
    this.head = h('tr', { role: 'row' });
    this.tbody = h('tbody');
    this.grid = h('table', { role: 'grid', class: 'grid', part: 'grid', 'aria-labelledby': 'month' }, h('thead', {}, this.head), this.tbody);
    this.calendar = h('div', { class: 'calendar', part: 'calendar' }, h('div', { class: 'month-nav', part: 'month-nav' }, this.prev, this.month, this.next), this.grid);

    this.prev.addEventListener('click', () => options.onMonth(-1));
    this.next.addEventListener('click', () => options.onMonth(1));
    this.tbody.addEventListener('keydown', (ev) => this.#onKey(ev));
    this.tbody.addEventListener('focusin', (ev) => {
      // a day focused by pointer or script becomes the grid's one tab stop and the keys' start
      const cell = ev.target.closest('td[data-date]');
      const focus = options.focus();
      if (cell && (!focus || cell.dataset.date !== focus.toString())) options.onFocus(PlainDate.from(cell.dataset.date));
    });
    this.tbody.addEventListener('click', (ev) => {
      const cell = ev.target.closest('td[data-date]');
      if (cell) options.onPick(PlainDate.from(cell.dataset.date), true);
    });
  }

  /** Whether focus is on a day of the grid. */
  hasFocus() {
    return this.tbody.contains(this.#o.root.activeElement);
  }

  /** Focuses the day's cell, if shown. */
  focusCell(date) {
    const cell = date && this.tbody.querySelector(`td[data-date="${date}"]`);
    if (cell) cell.focus();
  }

  /** Makes `date` the grid's one tab stop (roving tabindex). */
  setTabStop(date) {
    const key = String(date);
    for (const cell of this.tbody.querySelectorAll('td[data-date]')) cell.tabIndex = cell.dataset.date === key ? 0 : -1;
  }

  /**
   * Shows `month`: `available` the ISO dates with times, `selected`, `focus` and `today`
   * PlainDates (or null), `min`/`max` the months the buttons reach.
   */
  render({ month, available, selected, focus, today, min, max }) {
    const f = this.#o.formats();
    const t = this.#o.t;
    this.month.textContent = f.month.format(month.utcMs + 14 * 86400e3);
    this.prev.disabled = PlainYearMonth.compare(month, min) <= 0;
    this.next.disabled = PlainYearMonth.compare(month, max) >= 0;
    this.#renderHead();
    const hadFocus = this.hasFocus();
    const first = month.toPlainDate({ day: 1 });
    const sel = selected && selected.toString();
    const foc = focus && focus.toString();
    const now = today && today.toString();
    const cells = [];
    const lead = weekColumn(first, this.#o.firstDay);
    for (let i = 0; i < lead; i++) cells.push(h('td', { role: 'gridcell', class: 'pad' }));
    for (let d = 1; d <= month.daysInMonth; d++) {
      const date = month.toPlainDate({ day: d });
      const key = date.toString();
      const isAvailable = available.has(key);
      const isSelected = key === sel;
      const parts = ['day', isAvailable && 'day-available', isSelected && 'day-selected', key === now && 'day-today'].filter(Boolean).join(' ');
      cells.push(h('td', {
        role: 'gridcell',
        'data-date': key,
        class: isAvailable ? 'day available' : 'day',
        tabindex: key === foc ? '0' : '-1',
        'aria-selected': String(isSelected),
        'aria-disabled': isAvailable ? null : 'true',
        'aria-current': key === now ? 'date' : null,
        'aria-label': f.dayLong.format(date.utcMs) + (key === now ? ` (${t('today')})` : ''),
      }, h('span', { class: 'n', part: parts }, f.num.format(d))));
    }
    while (cells.length < 42) cells.push(h('td', { role: 'gridcell', class: 'pad' }));
    const rows = [];
    for (let r = 0; r < 6; r++) rows.push(h('tr', { role: 'row' }, ...cells.slice(r * 7, r * 7 + 7)));
    this.tbody.replaceChildren(...rows);
    if (hadFocus) this.focusCell(focus);
  }

  /** While loading: the frame of a month, without days. */
  renderSkeleton() {
    this.prev.disabled = true;
    this.next.disabled = true;
    this.month.textContent = '';
    this.#renderHead();
    const rows = [];
    for (let r = 0; r < 6; r++) {
      const row = h('tr', { role: 'row' });
      for (let d = 0; d < 7; d++) row.append(h('td', { role: 'gridcell', class: 'pad' }));
      rows.push(row);
    }
    this.tbody.replaceChildren(...rows);
  }

  /** The weekdays' names, once: short ("Mon"), and narrow ("M") where the calendar is narrow. */
  #renderHead() {
    if (this.head.firstChild) return;
    const f = this.#o.formats();
    for (let i = 0; i < 7; i++) {
      const day = Date.UTC(2023, 0, 1 + ((this.#o.firstDay + i) % 7)); // 2023-01-01 was a Sunday
      this.head.append(h('th', { scope: 'col', abbr: f.weekdayLong.format(day), part: 'weekday' },
        h('span', { class: 'wd' }, f.weekday.format(day)), h('span', { class: 'wd-n', 'aria-hidden': 'true' }, f.weekdayNarrow.format(day))));
    }
  }

  #onKey(ev) {
    const focus = this.#o.focus();
    if (!focus) return;
    const target = keyTarget(focus, ev.key, { shiftKey: ev.shiftKey, firstDay: this.#o.firstDay, rtl: this.#o.rtl });
    if (!target) return;
    ev.preventDefault();
    if (target === 'pick') this.#o.onPick(focus, false);
    else this.#o.onFocus(target);
  }
}
