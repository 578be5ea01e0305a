// Formatting for the elements: wall times and dates the engine gives, formatted by Intl in
// `timeZone: 'UTC'` (Intl never converts an instant here), the visitor's 12/24-hour choice, the
// locale's first day of the week, and UTC offsets in the locale's digits.

const CLOCK_KEY = 'bookable-picker:hour-cycle';

/** An engine wall time `YYYY-MM-DDTHH:MM[:SS]` as ms, to format with `timeZone: 'UTC'`. */
export const wallMs = (l) => Date.UTC(+l.slice(0, 4), +l.slice(5, 7) - 1, +l.slice(8, 10), +l.slice(11, 13), +l.slice(14, 16), l.length > 16 ? +l.slice(17, 19) : 0);

/** The canonical form of a BCP 47 locale, or null. */
export function validLocale(locale) {
  try {
    return Intl.getCanonicalLocales(locale)[0] || null;
  } catch {
    return null;
  }
}

const firstDays = new Map(); // locale → first day of the week

/**
 * The locale's first day of the week: 0 Sunday … 6 Saturday. Intl's week data is slow the first
 * time (30–150 ms in Chromium, before the 4× of a slow phone), so each locale's answer is kept for
 * the page and in localStorage for the next visit.
 */
export function firstDayOfWeek(locale) {
  let day = firstDays.get(locale);
  if (day !== undefined) return day;
  const key = `bookable:first-day:${locale}`;
  try {
    const v = localStorage.getItem(key);
    if (/^[0-6]$/.test(v || '')) day = +v;
  } catch {
    /* storage refused: asked again */
  }
  if (day === undefined) {
    day = weekStart(locale);
    try {
      localStorage.setItem(key, String(day));
    } catch {
      /* remembered for this page only */
    }
  }
  firstDays.set(locale, day);
  return day;
}

function weekStart(locale) {
  try {
    const l = new Intl.Locale(locale);
    const info = typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo;
    if (info && info.firstDay) return info.firstDay % 7;
  } catch {
    /* below */
  }
  return /-(US|CA|JP|BR|MX|IL|KR|TW|PH|ZA|HK)\b/i.test(locale) ? 0 : 1;
}

/** The visitor's remembered clock, `h12` or `h23`, or null. */
export function storedClock() {
  try {
    const v = localStorage.getItem(CLOCK_KEY);
    return v === 'h12' || v === 'h23' ? v : null;
  } catch {
    return null; // storage refused (sandboxed frame, privacy settings)
  }
}

/** Remembers the visitor's clock (for this page only if storage is refused). */
export function storeClock(cycle) {
  try {
    localStorage.setItem(CLOCK_KEY, cycle);
  } catch {
    /* remembered for this page only */
  }
}

/** The locale's own clock (h12 or h23) and the one shown: the visitor's `clock` choice, if any. */
export function hourCycle(locale, clock) {
  const own = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: 'numeric' }).resolvedOptions().hourCycle;
  const ownCycle = own === 'h11' || own === 'h12' ? 'h12' : 'h23';
  return { own: ownCycle, shown: clock || ownCycle };
}

/** The formats of one locale and clock choice; each Intl object is made on first use. */
export class Formats {
  #loc;
  #cycle;
  #made = new Map();

  /** `clock` the visitor's choice ('h12', 'h23') or null; `.clock` is then the cycle shown. */
  constructor(locale, clock) {
    this.#loc = locale;
    const { own, shown } = hourCycle(locale, clock);
    this.clock = shown;
    this.#cycle = shown === own ? {} : { hourCycle: shown };
  }

  #get(name, make) {
    let f = this.#made.get(name);
    if (!f) this.#made.set(name, (f = make()));
    return f;
  }

  #dtf(name, o) {
    return this.#get(name, () => new Intl.DateTimeFormat(this.#loc, { timeZone: 'UTC', ...o }));
  }

  get month() { return this.#dtf('month', { month: 'long', year: 'numeric' }); }
  get dayLong() { return this.#dtf('dayLong', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }); }
  get dayShort() { return this.#dtf('dayShort', { weekday: 'long', day: 'numeric', month: 'long' }); }
  get weekday() { return this.#dtf('weekday', { weekday: 'short' }); }
  get weekdayNarrow() { return this.#dtf('weekdayNarrow', { weekday: 'narrow' }); }
  get weekdayLong() { return this.#dtf('weekdayLong', { weekday: 'long' }); }
  get time() { return this.#dtf('time', { timeStyle: 'short', ...this.#cycle }); }
  get range() { return this.#dtf('range', { dateStyle: 'full', timeStyle: 'short', ...this.#cycle }); }
  get list() { return this.#get('list', () => new Intl.ListFormat(this.#loc, { type: 'conjunction' })); }
  get minutes() { return this.#get('minutes', () => new Intl.NumberFormat(this.#loc, { style: 'unit', unit: 'minute', unitDisplay: 'long' })); }
  get num() { return this.#get('num', () => new Intl.NumberFormat(this.#loc, { useGrouping: false })); }
  get num2() { return this.#get('num2', () => new Intl.NumberFormat(this.#loc, { useGrouping: false, minimumIntegerDigits: 2 })); }

  /** Makes the formats a first render uses now (the first use of each loads ICU data). */
  warm() {
    for (const name of ['month', 'weekday', 'weekdayNarrow', 'weekdayLong', 'dayShort', 'dayLong', 'time', 'list', 'minutes', 'num', 'num2']) void this[name];
    firstDayOfWeek(this.#loc);
  }

  /** The length of `start`–`end` (instants), "30 minutes"; '' when it has none. */
  length(start, end) {
    const minutes = Math.round((Date.parse(end) - Date.parse(start)) / 60e3);
    return minutes > 0 ? this.minutes.format(minutes) : '';
  }

  /** "UTC+5:30", "UTC−7", in the locale's digits. */
  offset(minutes) {
    const a = Math.abs(minutes);
    return `UTC${minutes < 0 ? '−' : '+'}${this.num.format(Math.floor(a / 60))}${a % 60 ? `:${this.num2.format(a % 60)}` : ''}`;
  }

  /** An engine wall time as the locale writes the time of day. */
  wallTime(local) {
    return this.time.format(wallMs(local));
  }
}
