// The times of a month, by day, in the visitor's zone: one engine query per month and zone
// (padded 15 h on both sides, so every zone's days are whole), kept until `now` moves. Which
// months can be shown: from today's to 12 months on, fewer if the event books fewer days ahead or
// ends (`maxDaysAhead`, `dateRange.to`).
import { bookable } from '../shared/engine.js';
import { PlainDate, PlainYearMonth } from '../shared/plain-date.js';

export const PAD = 15 * 3600e3; // widest UTC offset (14 h) plus margin

export class MonthSlots {
  #scheduler;
  #nowArg;
  #now;
  #event;
  #cache = new Map(); // `${month}|${zone}` → Map(ISO date → slots)

  /**
   * `scheduler` a Scheduler of the page's request, `nowArg` the request's `now` (passed to the
   * engine as given; undefined for the clock), `now` the instant (ms) now is, `event` the request's event.
   */
  constructor({ scheduler, nowArg, now, event }) {
    this.#scheduler = scheduler;
    this.#nowArg = nowArg;
    this.#now = now;
    this.#event = event || {};
  }

  /** The instant (ms) now is. */
  get now() {
    return this.#now;
  }

  /** Now moves on: the times are asked for again. */
  setNow(ms) {
    this.#now = ms;
    this.#cache.clear();
  }

  /** Today in `zone`, by the engine. */
  today(zone) {
    return PlainDate.from(bookable().localDateTime(this.#now, zone));
  }

  /** `{ min, max }`: the first and last month that can be shown in `zone`. */
  range(zone) {
    const today = this.today(zone);
    const min = today.toPlainYearMonth();
    let max = min.add({ months: 12 });
    const ev = this.#event;
    const earlier = (m) => {
      if (PlainYearMonth.compare(m, max) < 0) max = m;
    };
    if (Number.isInteger(ev.maxDaysAhead)) earlier(today.add({ days: ev.maxDaysAhead + 1 }).toPlainYearMonth());
    if (ev.dateRange && /^\d{4}-\d{2}-\d{2}$/.test(ev.dateRange.to)) {
      try {
        earlier(PlainDate.from(ev.dateRange.to).add({ days: 1 }).toPlainYearMonth());
      } catch {
        /* not a date: the engine said so already */
      }
    }
    return { min, max: PlainYearMonth.compare(max, min) < 0 ? min : max };
  }

  /** The days of `month` with times in `zone`: ISO date → slots, in order. Throws the engine's error. */
  days(month, zone) {
    const cacheKey = `${month}|${zone}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    const days = new Map();
    const { min, max } = this.range(zone);
    if (PlainYearMonth.compare(month, min) < 0 || PlainYearMonth.compare(month, max) > 0) return days;
    const res = this.#scheduler.slots(month.utcMs - PAD, month.add({ months: 1 }).utcMs + PAD, {
      now: this.#nowArg, viewerTimezone: zone, local: true,
    });
    const prefix = month.toString();
    for (const s of res.slots) {
      const key = s.localStart.slice(0, 10);
      if (!key.startsWith(prefix)) continue;
      if (!days.has(key)) days.set(key, []);
      days.get(key).push({ start: s.start, end: s.end, localStart: s.localStart, localEnd: s.localEnd, hosts: s.hosts });
    }
    this.#cache.set(cacheKey, days);
    return days;
  }

  /** The slots of one day (none if it has none). */
  slotsOn(date, zone) {
    return (date && this.days(date.toPlainYearMonth(), zone).get(date.toString())) || [];
  }

  /** The first day with times in month `from` or later, or null. */
  firstAvailable(from, zone) {
    const { max } = this.range(zone);
    for (let m = from; PlainYearMonth.compare(m, max) <= 0; m = m.add({ months: 1 })) {
      const first = this.days(m, zone).keys().next().value;
      if (first) return PlainDate.from(first);
    }
    return null;
  }
}
