// The picker's calendar: which month is shown, which day is selected and which has the grid's
// focus, over the month grid and the day's times. Months are clamped to those MonthSlots allows;
// a month shown selects its first day with times unless told otherwise. It reports a month or day
// shown (for `bookable:month` and `bookable:day`) and a time chosen.
import { PlainDate, clampMonth } from '../shared/plain-date.js';
import { DayTimes } from './day-times.js';
import { MonthGrid } from './month-grid.js';

export class PickerCalendar {
  #o;
  #grid;
  #times;
  #slots = null; // MonthSlots
  #month = null; // PlainYearMonth shown
  #min = null;
  #max = null;
  #focus = null; // PlainDate with the grid's tab stop
  #selected = null; // PlainDate

  /**
   * `{ root, t, formats, heading, firstDay, rtl, zone, hostLabel, render, ready, onMonth, onDay, onSlot }`:
   * `zone()` the zone shown, `hostLabel(slot)` a time's "with …" or null, `render()` redraws the
   * element, `ready()` whether moves are reported yet, `onMonth(month, days)` and
   * `onDay(date, slots)` shown, `onSlot(slot)` a time chosen.
   */
  constructor(options) {
    this.#o = options;
    const { root, t, formats, heading, firstDay, rtl } = options;
    this.#grid = new MonthGrid({
      root, t, formats, heading, firstDay, rtl, focus: () => this.#focus,
      onMonth: (delta) => this.#moveMonth(delta), onFocus: (date) => this.#moveFocus(date), onPick: (date, byPointer) => this.#pickDay(date, byPointer),
    });
    this.#times = new DayTimes({
      t, formats, heading, onPick: (start) => this.#pickSlot(start),
      onNextAvailable: (date) => this.show(date.toPlainYearMonth(), { select: date, focus: date }),
    });
    this.calendar = this.#grid.calendar;
    this.times = this.#times.section;
  }

  get month() {
    return this.#month;
  }

  get selected() {
    return this.#selected;
  }

  /** What is shown, to carry over to a calendar rebuilt in another locale. */
  get state() {
    return { slots: this.#slots, month: this.#month, min: this.#min, max: this.#max, focus: this.#focus, selected: this.#selected };
  }
  set state(s) {
    ({ slots: this.#slots, month: this.#month, min: this.#min, max: this.#max, focus: this.#focus, selected: this.#selected } = s);
  }

  /**
   * Starts on `slots` (MonthSlots): `keep`'s day if it still has times, else the first day with
   * times, else today's month. Returns the day selected (or null).
   */
  start(slots, keep) {
    this.#slots = slots;
    this.bounds();
    const first = keep && this.#days(keep.toPlainYearMonth()).has(keep.toString()) ? keep : slots.firstAvailable(this.#min, this.#o.zone());
    this.#month = first ? first.toPlainYearMonth() : this.#min;
    this.#selected = first;
    this.#focus = first || slots.today(this.#o.zone());
    return first;
  }

  /** The months that can be shown, again (now moved, or the zone changed). */
  bounds() {
    ({ min: this.#min, max: this.#max } = this.#slots.range(this.#o.zone()));
  }

  /** Now moved on to `ms`: the times are asked for again. */
  setNow(ms) {
    this.#slots.setNow(ms);
    this.bounds();
  }

  /**
   * Now moved on to `ms`: the month is shown again, unless `slot` (the time being confirmed, or
   * false) is no longer offered; returns whether it is (true without one).
   */
  moveOn(ms, slot) {
    this.setNow(ms);
    if (slot && !this.slotsOn(PlainDate.from(slot.localStart)).some((x) => x.start === slot.start)) return false;
    this.show(this.#month);
    return true;
  }

  /** The slots of a day. */
  slotsOn(date) {
    return this.#slots.slotsOn(date, this.#o.zone());
  }

  /** Shows the times in the zone now in force: the same day if it has times there. */
  zoneChanged() {
    this.bounds();
    const sel = this.#selected;
    const keep = sel && this.#days(sel.toPlainYearMonth()).has(sel.toString()) ? sel : undefined;
    this.show(keep ? keep.toPlainYearMonth() : clampMonth(this.#month, this.#min, this.#max), { select: keep });
  }

  /** Shows `month` with `select` or its first day with times; reports the month and day if they changed. */
  show(month, { select, focus } = {}) {
    month = clampMonth(month, this.#min, this.#max);
    const monthChanged = !month.equals(this.#month);
    const before = this.#selected;
    this.#month = month;
    const days = this.#days(month);
    let sel = select !== undefined ? select : this.#selected;
    if (!sel || !sel.toPlainYearMonth().equals(month) || !days.has(sel.toString())) {
      const first = days.keys().next().value;
      sel = first ? PlainDate.from(first) : null;
    }
    this.#selected = sel;
    if (focus) this.#focus = focus;
    else if (!this.#focus || !this.#focus.toPlainYearMonth().equals(month)) this.#focus = sel || month.toPlainDate({ day: 1 });
    this.#o.render();
    if (focus && this.#grid.hasFocus()) this.#grid.focusCell(this.#focus);
    if (!this.#o.ready()) return;
    if (monthChanged) this.#o.onMonth(month, days);
    if (sel && !sel.equals(before)) this.#o.onDay(sel, days.get(sel.toString()) || []);
  }

  /** Draws the month and the selected day's times (throws the engine's error). */
  render() {
    const month = this.#month;
    const days = this.#days(month);
    const today = this.#slots.today(this.#o.zone());
    if (!this.#focus || !this.#focus.toPlainYearMonth().equals(month)) {
      const first = days.keys().next().value;
      this.#focus = first ? PlainDate.from(first) : today.toPlainYearMonth().equals(month) ? today : month.toPlainDate({ day: 1 });
    }
    this.#grid.render({ month, available: days, selected: this.#selected, focus: this.#focus, today, min: this.#min, max: this.#max });
    const sel = this.#selected && days.has(this.#selected.toString()) ? this.#selected : null;
    this.#times.render({
      date: sel, slots: sel ? days.get(sel.toString()) : [], month, monthHasDays: days.size > 0, hostLabel: this.#o.hostLabel,
      nextAvailable: () => this.#slots.firstAvailable(month.add({ months: 1 }), this.#o.zone()),
    });
  }

  renderSkeleton() {
    this.#grid.renderSkeleton();
    this.#times.renderSkeleton();
  }

  /** Focus back on the time starting at `start`, else on the grid's day. */
  focusTime(start) {
    if (!this.#times.focusTime(start)) this.#grid.focusCell(this.#focus);
  }

  #days(month) {
    return this.#slots ? this.#slots.days(month, this.#o.zone()) : new Map();
  }

  #moveMonth(delta) {
    const month = clampMonth(this.#month.add({ months: delta }), this.#min, this.#max);
    if (month.equals(this.#month)) return;
    this.show(month, { focus: null });
  }

  #moveFocus(date) {
    const month = date.toPlainYearMonth();
    if (!clampMonth(month, this.#min, this.#max).equals(month)) return;
    this.#focus = date;
    if (!month.equals(this.#month)) this.show(month, { focus: date });
    else this.#grid.setTabStop(date);
    this.#grid.focusCell(date);
  }

  #pickDay(date, byPointer) {
    const days = this.#days(this.#month);
    if (!days.has(date.toString())) return;
    const changed = !date.equals(this.#selected);
    this.#selected = date;
    this.#focus = date;
    this.render();
    if (byPointer || this.#grid.hasFocus()) this.#grid.focusCell(date);
    if (byPointer) this.#times.reveal();
    if (changed && this.#o.ready()) this.#o.onDay(date, days.get(date.toString()));
  }

  #pickSlot(start) {
    const slot = this.slotsOn(this.#selected).find((s) => s.start === start);
    if (slot) this.#o.onSlot(slot);
  }
}
