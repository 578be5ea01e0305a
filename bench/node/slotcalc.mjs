// slot-calculator 2.2.x adapter: expresses a bookable slots request in slot-calculator's terms
// where that is possible, and compares the two answers.
//
// What slot-calculator (getSlots) can and cannot say, read from its source (index.ts, 2.2.1):
// - Weekly hours are `{ day: "Monday", from: "09:00", to: "17:00", timezone }` entries; it turns
//   each into ISO intervals for every matching date, then marks every *minute* of each interval in
//   a Map. Busy times are `unavailability` entries. There is no overnight pair (from > to is
//   dropped) and no "24:00".
// - Several people: entries carry `metadata`; a slot is available when at least one metadata
//   value is available for all its minutes (= bookable's roundRobin with minAvailable 1 and no
//   required member). There is no "everyone must be free" mode: a collective team is expressed
//   as the first member's hours as plain availability, and every other member's off-hours
//   (complement of their weekly hours, 00:00–23:59 per day) and everyone's busy times as plain
//   unavailability.
// - No step: it walks a grid of `duration` minutes from `from`; after a partly available cell it
//   may jump to the first free minute (leaving the grid). So the bookable request it is compared
//   with uses step = duration (`variant`), and the inputs keep busy times and hours on that grid.
// - Slots must end by `to`; bookable only needs the start before range.end, so starts at or
//   after range.end are dropped from slot-calculator's answer.
// - It lists the local dates of a zone by stepping whole days from `from` (at from's local time
//   of day) while not after `to`: when a zone's offset shrinks during the range (Sydney leaving
//   DST in April), the last local date is skipped and that date's hours are lost. `to` is
//   therefore range.end + 1 day (found by the answer check: 91- and 183-day ranges differed).
// - No buffers, minimum notice, maxDaysAhead, dateRange, page hours, maxPerDay, overrides, time
//   off as dates, required members, minAvailable > 1, assignment order.

import { getSlots } from 'slot-calculator';

const DAY_NAME = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export class NotExpressible extends Error {}

const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function localMinuteOfDay(ms, timeZone) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  return get('hour') * 60 + get('minute');
}

function sortedPairs(list, where) {
  const pairs = list.map(([a, b]) => [minutes(a), minutes(b)]);
  for (const [a, b] of pairs) {
    if (!(b > a)) throw new NotExpressible(`${where}: overnight or 24:00 hours`);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/**
 * Builds `{ config, variant, mode, notes }`: `config` for getSlots, and `variant`, the bookable
 * request that means exactly the same (the input with step = duration). Throws NotExpressible.
 */
export function toSlotCalculator(request) {
  const notes = [];
  const ev = request.event ?? {};
  const duration = ev.duration;
  for (const [k, v] of Object.entries(ev)) {
    if (k === 'duration' || k === 'step') continue;
    const harmless =
      ((k === 'bufferBefore' || k === 'bufferAfter' || k === 'minNotice') && v === 0) ||
      (k === 'respectWorkingHours' && v === true);
    if (!harmless) throw new NotExpressible(`event.${k}`);
  }
  if (60 % duration !== 0) throw new NotExpressible('duration does not divide an hour');
  const step = ev.step ?? duration;
  if (step !== duration) {
    notes.push(`step ${step} → ${duration}: slot-calculator has no step, it walks a ${duration}-minute grid`);
  }
  const start = Date.parse(request.range.start);
  const end = Date.parse(request.range.end);
  if (request.now != null && Date.parse(request.now) > start) throw new NotExpressible('now after range.start');
  if (localMinuteOfDay(start, request.timezone) % duration !== 0) {
    throw new NotExpressible('range.start is not on the page grid');
  }
  const teamMode = request.team?.mode ?? 'collective';
  const members = request.members;
  for (const m of members) {
    if (m.overrides && Object.keys(m.overrides).length) throw new NotExpressible('overrides');
    if (m.required) throw new NotExpressible('required member');
    for (const t of m.timeOff ?? []) if (t.from != null) throw new NotExpressible('time off as dates');
  }
  if (teamMode === 'roundRobin' && (request.team.minAvailable ?? 1) !== 1) {
    throw new NotExpressible('minAvailable > 1');
  }
  const busyOf = (m) => [...(m.busy ?? []), ...(m.bookings ?? []), ...(m.timeOff ?? [])];

  const availability = [];
  const unavailability = [];
  let mode;
  if (teamMode === 'roundRobin' || members.length === 1) {
    // One metadata value per person: available when someone is free for the whole slot.
    mode = 'metadata';
    for (const m of members) {
      const metadata = { id: m.id };
      for (const [day, list] of Object.entries(m.weekly ?? {})) {
        for (const [a, b] of sortedPairs(list, `${m.id}.weekly.${day}`)) {
          availability.push({ day: DAY_NAME[day], from: hhmm(a), to: hhmm(b), timezone: m.timezone, metadata });
        }
      }
      for (const b of busyOf(m)) unavailability.push({ from: b.start, to: b.end, metadata });
    }
  } else {
    // collective: plain availability of member 0, minus everyone else's off-hours and all busy.
    mode = 'plain';
    if (duration < 2) throw new NotExpressible('collective with 1-minute meetings');
    const [first, ...rest] = members;
    for (const [day, list] of Object.entries(first.weekly ?? {})) {
      for (const [a, b] of sortedPairs(list, `${first.id}.weekly.${day}`)) {
        availability.push({ day: DAY_NAME[day], from: hhmm(a), to: hhmm(b), timezone: first.timezone });
      }
    }
    for (const m of rest) {
      for (const day of Object.keys(DAY_NAME)) {
        // Off-hours of the day; the day's last minute (23:59–24:00) cannot be named in
        // slot-calculator, which is harmless for meetings of 2 minutes or more: any slot that
        // holds that minute also holds 23:58 or 00:00, which are marked.
        let cursor = 0;
        for (const [a, b] of sortedPairs(m.weekly?.[day] ?? [], `${m.id}.weekly.${day}`)) {
          if (a > cursor) unavailability.push({ day: DAY_NAME[day], from: hhmm(cursor), to: hhmm(a), timezone: m.timezone });
          cursor = Math.max(cursor, b);
        }
        if (cursor < 1439) unavailability.push({ day: DAY_NAME[day], from: hhmm(cursor), to: '23:59', timezone: m.timezone });
      }
    }
    for (const m of members) for (const b of busyOf(m)) unavailability.push({ from: b.start, to: b.end });
    notes.push('collective expressed as plain availability of one member minus the others\' off-hours');
  }
  const config = {
    from: new Date(start).toISOString(),
    to: new Date(end + 86_400_000).toISOString(),
    availability,
    unavailability,
    duration,
    outputTimezone: 'UTC',
  };
  const variant = structuredClone(request);
  variant.event.step = duration;
  return { config, variant, mode, notes, end };
}

/** Runs slot-calculator; returns `[{ start, end, ids }]` with epoch-ms instants. */
export function runSlotCalculator({ config, end, mode }) {
  const out = getSlots(structuredClone(config));
  return out.availableSlots
    .map((s) => ({
      start: Date.parse(s.from),
      end: Date.parse(s.to),
      ids: mode === 'metadata' ? (s.metadataAvailable ?? []).map((m) => m.id).sort() : null,
    }))
    .filter((s) => s.start < end);
}

/**
 * Compares bookable's response to the variant with slot-calculator's slots. Returns
 * `{ equal, bookableCount, scCount, detail }`; the free members are compared as sets (assignment
 * order is bookable's own).
 */
export function compareAnswers(response, scSlots, mode) {
  const ours = response.slots.map((s) => ({
    start: Date.parse(s.start),
    end: Date.parse(s.end),
    ids: mode === 'metadata' ? [...new Set([...(s.candidates ?? []), ...s.hosts])].sort() : null,
  }));
  const problems = [];
  const theirs = new Map(scSlots.map((s) => [s.start, s]));
  const mine = new Map(ours.map((s) => [s.start, s]));
  for (const s of ours) {
    const t = theirs.get(s.start);
    if (!t) problems.push(`only bookable offers ${new Date(s.start).toISOString()}`);
    else if (t.end !== s.end) problems.push(`end differs at ${new Date(s.start).toISOString()}`);
    else if (s.ids && s.ids.join() !== t.ids.join()) {
      problems.push(`free members differ at ${new Date(s.start).toISOString()}: bookable [${s.ids}] vs slot-calculator [${t.ids}]`);
    }
  }
  for (const t of scSlots) {
    if (!mine.has(t.start)) problems.push(`only slot-calculator offers ${new Date(t.start).toISOString()}`);
  }
  return {
    equal: problems.length === 0,
    bookableCount: ours.length,
    scCount: scSlots.length,
    problems,
  };
}
