// The page's first slots as its server sent them (`firstSlots` of `GET /api/pages/{page}`: every
// slot starting in [from, to), computed by the same engine), shown while the engine loads, with
// the interface of MonthSlots over the months they cover. Their wall times come from the
// browser's Intl (its tz data), the one place the picker converts an instant itself: the
// engine's own answer replaces them as soon as it has loaded.
import { PlainDate, PlainYearMonth } from '../shared/plain-date.js';
import { PAD } from './month-slots.js';

const BLOCK = 6 * 3600e3; // no zone changes its offset twice within 6 hours

/** A zone's wall clock by Intl: instant (ms) → wall time as if UTC (ms). */
function wallClock(zone) {
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const offsets = new Map();
  const offset = (ms) => {
    const p = {};
    for (const { type, value } of dtf.formatToParts(ms)) p[type] = Number(value);
    const s = ms - (ms % 1000);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - s;
  };
  const at = (ms) => {
    if (!offsets.has(ms)) offsets.set(ms, offset(ms));
    return offsets.get(ms);
  };
  return (ms) => {
    const a = Math.floor(ms / BLOCK) * BLOCK;
    const o = at(a);
    return ms + (o === at(a + BLOCK) ? o : offset(ms));
  };
}

const wallText = (ms) => new Date(ms).toISOString().slice(0, ms % 60e3 ? 19 : 16);

export class SentSlots {
  #now;
  #to;
  #today;
  #days = new Map(); // ISO date → slots, in order
  #months = new Map(); // month → its days (as #days), made once
  #max;

  /**
   * `sent` the answer's `firstSlots`, `zone` an IANA zone Intl knows, `now` the instant (ms),
   * `notice` the event's `minNotice` in ms (slots starting before `now + notice` are gone: the
   * answer may be a minute or two old). Throws if `sent` is not `{ from, to, slots: [{ start, end, hosts }] }`.
   */
  constructor(sent, zone, now, notice = 0) {
    const wall = wallClock(zone);
    this.#now = now;
    this.#to = Date.parse(sent.to);
    if (!Number.isFinite(this.#to) || !Array.isArray(sent.slots)) throw new TypeError('firstSlots: expected { from, to, slots }');
    for (const s of sent.slots) {
      const start = Date.parse(s.start);
      const end = Date.parse(s.end);
      if (!(start >= now + notice) || !Array.isArray(s.hosts)) continue;
      const localStart = wallText(wall(start));
      const key = localStart.slice(0, 10);
      if (!this.#days.has(key)) this.#days.set(key, []);
      this.#days.get(key).push({ start: s.start, end: s.end, localStart, localEnd: wallText(wall(end)), hosts: s.hosts });
    }
    this.#today = PlainDate.from(wallText(wall(now)));
    let max = this.#today.toPlainYearMonth();
    while (this.covers(max.add({ months: 1 }))) max = max.add({ months: 1 });
    this.#max = max;
  }

  get now() {
    return this.#now;
  }

  /** Whether every time of `month` is known (in any zone). */
  covers(month) {
    return month.add({ months: 1 }).utcMs + PAD <= this.#to;
  }

  today() {
    return this.#today;
  }

  range() {
    const min = this.#today.toPlainYearMonth();
    return { min, max: PlainYearMonth.compare(this.#max, min) < 0 ? min : this.#max };
  }

  days(month) {
    const prefix = month.toString();
    let days = this.#months.get(prefix);
    if (!days) this.#months.set(prefix, (days = new Map([...this.#days].filter(([key]) => key.startsWith(prefix)))));
    return days;
  }

  slotsOn(date) {
    return (date && this.#days.get(date.toString())) || [];
  }

  firstAvailable(from) {
    const first = from.toString(); // ISO dates and months sort as text
    for (const key of this.#days.keys()) if (key >= first) return PlainDate.from(key);
    return null;
  }
}

/**
 * What a picker shows while its engine loads: `{ zone, slots }` (a SentSlots), or null when the
 * configuration has no usable `firstSlots`, fixes `now`, names a zone Intl does not know, or
 * has no first day whose month they wholly cover.
 */
export function preview(config, zoneAttribute, now) {
  const sent = config.firstSlots;
  if (!sent || typeof sent !== 'object' || config.request.now !== undefined) return null;
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: zoneAttribute || undefined }).resolvedOptions().timeZone;
    const notice = Number.isInteger(config.request.event?.minNotice) ? config.request.event.minNotice * 60e3 : 0;
    const slots = new SentSlots(sent, zone, now, notice);
    const first = slots.firstAvailable(slots.today().toPlainYearMonth());
    return first && slots.covers(first.toPlainYearMonth()) ? { zone, slots } : null;
  } catch {
    return null;
  }
}
