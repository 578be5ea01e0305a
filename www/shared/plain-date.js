// Calendar dates without a time or zone, in the spirit of Temporal's PlainDate and PlainYearMonth
// (ISO 8601 calendar): the days and months the elements show. Immutable; `toString()` is the
// ISO form (`2026-03-29`, `2026-03`), which is also the key of a day in maps and `data-date`.
// A date is never derived from an instant here: the engine gives wall times (`localDateTime`).

const DAY_MS = 86400e3;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Days in month `month` (1–12) of `year`. */
function monthDays(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export class PlainDate {
  /** `year`, `month` 1–12, `day` 1–31 (checked: an impossible date throws a RangeError). */
  constructor(year, month, day) {
    if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1 || day > monthDays(year, month)) {
      throw new RangeError(`not a date: ${year}-${month}-${day}`);
    }
    this.year = year;
    this.month = month;
    this.day = day;
    Object.freeze(this);
  }

  /** From `YYYY-MM-DD`, or the date of a wall time `YYYY-MM-DDTHH:MM[:SS]` (the engine's form). */
  static from(text) {
    if (text instanceof PlainDate) return text;
    const m = ISO_DATE.exec(String(text));
    if (!m) throw new RangeError(`not an ISO date: ${text}`);
    return new PlainDate(+m[1], +m[2], +m[3]);
  }

  /** The date `days` whole days after 1970-01-01. */
  static fromEpochDays(days) {
    const d = new Date(days * DAY_MS);
    return new PlainDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }

  /** −1, 0 or 1. */
  static compare(a, b) {
    return Math.sign(a.epochDays - b.epochDays);
  }

  /** Whole days since 1970-01-01. */
  get epochDays() {
    return Date.UTC(this.year, this.month - 1, this.day) / DAY_MS;
  }

  /** This date's midnight as ms in UTC: what `Intl.DateTimeFormat` with `timeZone: 'UTC'` formats as this date. */
  get utcMs() {
    return Date.UTC(this.year, this.month - 1, this.day);
  }

  /** ISO weekday: 1 Monday … 7 Sunday. */
  get dayOfWeek() {
    return ((new Date(this.utcMs).getUTCDay() + 6) % 7) + 1;
  }

  get daysInMonth() {
    return monthDays(this.year, this.month);
  }

  /**
   * `{ days, months, years }` later (negative: earlier). Months and years first, a day past the
   * new month's end constrained to it (Jan 31 + 1 month = Feb 28), as Temporal's default.
   */
  add({ years = 0, months = 0, days = 0 } = {}) {
    let date = this;
    if (years || months) {
      const ym = this.toPlainYearMonth().add({ months: years * 12 + months });
      date = ym.toPlainDate({ day: Math.min(this.day, ym.daysInMonth) });
    }
    return days ? PlainDate.fromEpochDays(date.epochDays + days) : date;
  }

  equals(other) {
    return other instanceof PlainDate && other.year === this.year && other.month === this.month && other.day === this.day;
  }

  toPlainYearMonth() {
    return new PlainYearMonth(this.year, this.month);
  }

  toString() {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }

  toJSON() {
    return this.toString();
  }
}

export class PlainYearMonth {
  constructor(year, month) {
    if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a month: ${year}-${month}`);
    this.year = year;
    this.month = month;
    Object.freeze(this);
  }

  /** From `YYYY-MM` or any form PlainDate.from reads. */
  static from(text) {
    if (text instanceof PlainYearMonth) return text;
    if (text instanceof PlainDate) return text.toPlainYearMonth();
    const m = ISO_MONTH.exec(String(text));
    return m ? new PlainYearMonth(+m[1], +m[2]) : PlainDate.from(text).toPlainYearMonth();
  }

  /** −1, 0 or 1. */
  static compare(a, b) {
    return Math.sign(a.#index - b.#index);
  }

  /** Months since year 0: the order of months. */
  get #index() {
    return this.year * 12 + this.month - 1;
  }

  get daysInMonth() {
    return monthDays(this.year, this.month);
  }

  /** Midnight of the first day, in UTC ms (see PlainDate#utcMs). */
  get utcMs() {
    return Date.UTC(this.year, this.month - 1, 1);
  }

  add({ years = 0, months = 0 } = {}) {
    const i = this.#index + years * 12 + months;
    return new PlainYearMonth(Math.floor(i / 12), (((i % 12) + 12) % 12) + 1);
  }

  /** Whole months from this one to `other` (negative when `other` is earlier). */
  until(other) {
    return other.#index - this.#index;
  }

  equals(other) {
    return other instanceof PlainYearMonth && other.year === this.year && other.month === this.month;
  }

  toPlainDate({ day }) {
    return new PlainDate(this.year, this.month, day);
  }

  toString() {
    return `${pad(this.year, 4)}-${pad(this.month)}`;
  }

  toJSON() {
    return this.toString();
  }
}

/** Month `m` held within `[min, max]`. */
export const clampMonth = (m, min, max) => (PlainYearMonth.compare(m, min) < 0 ? min : PlainYearMonth.compare(m, max) > 0 ? max : m);
