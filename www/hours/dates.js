// Date overrides and time off as SPEC §3 keeps them (`overrides`: local date → pairs; `timeOff`:
// `{from, to}` whole local dates, or `{start, end}` instants), changed a range of dates at a time:
// each date of the range gets its usual hours back, is a day off, or gets other hours. Pure
// functions over plain values (no DOM), the month calendar's model.
import { PlainDate } from '../shared/plain-date.js';

/** The dates from `from` to `to` (PlainDates, inclusive), at most `max`. */
export function datesOf(from, to, max = 3700) {
  const out = [];
  for (let d = from; PlainDate.compare(d, to) <= 0 && out.length < max; d = d.add({ days: 1 })) out.push(d);
  return out;
}

/** `timeOff` without the dates `from`..`to` (date ranges cut around them; instants kept). */
function cut(timeOff, from, to) {
  const out = [];
  for (const item of timeOff) {
    if (!('from' in item)) {
      out.push(item);
      continue;
    }
    const a = PlainDate.from(item.from);
    const b = PlainDate.from(item.to);
    if (PlainDate.compare(b, from) < 0 || PlainDate.compare(a, to) > 0) {
      out.push(item);
      continue;
    }
    if (PlainDate.compare(a, from) < 0) out.push({ from: item.from, to: from.add({ days: -1 }).toString() });
    if (PlainDate.compare(b, to) > 0) out.push({ from: to.add({ days: 1 }).toString(), to: item.to });
  }
  return out;
}

/** Date ranges sorted and joined when they overlap or touch; instants after them, as they were. */
function joined(timeOff) {
  const ranges = timeOff.filter((x) => 'from' in x).sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  const out = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && PlainDate.compare(PlainDate.from(r.from), PlainDate.from(last.to).add({ days: 1 })) <= 0) {
      if (r.to > last.to) last.to = r.to;
    } else out.push({ from: r.from, to: r.to });
  }
  return [...out, ...timeOff.filter((x) => !('from' in x))];
}

/**
 * `{ overrides, timeOff }` with the dates `from`..`to` set to `kind`: 'usual' (no override, no
 * time off), 'off' (one time-off range), or 'hours' (an override of `pairs` on each date).
 */
export function applyRange({ overrides = {}, timeOff = [] }, from, to, kind, pairs = []) {
  const o = { ...overrides };
  const days = datesOf(from, to);
  for (const d of days) delete o[d.toString()];
  let off = cut(timeOff, from, to);
  if (kind === 'off') off = joined([...off, { from: from.toString(), to: to.toString() }]);
  if (kind === 'hours') for (const d of days) o[d.toString()] = pairs.map((p) => [...p]);
  return { overrides: o, timeOff: off };
}

/** What a date is: 'off' (inside a time-off date range), 'hours' (an override) or 'usual'. */
export function kindOf({ overrides = {}, timeOff = [] }, date) {
  const key = date.toString();
  if (timeOff.some((x) => 'from' in x && x.from <= key && key <= x.to)) return 'off';
  if (Object.hasOwn(overrides, key)) return 'hours';
  return 'usual';
}
