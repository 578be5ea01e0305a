// Deterministic benchmark scenarios for bookable (issue 6).
//
// Every request is built from a seeded PRNG with integer arithmetic only, so the same code gives
// byte-identical JSON on every machine and Node version. `bench/gen.mjs` writes them to
// `bench/scenarios/*.json`; the criterion bench (`benches/engine.rs`) and the Node bench
// (`bench/node/bench.mjs`) both read those files, so Rust and Node time the very same inputs.
//
// Scaling points are derived from two base files by `derive()` (first N members; range cut to D
// days, dropping busy times, bookings and instant time off that start at or after the new end).
// `benches/engine.rs` implements the same derivation in Rust.

const DAY = 86_400_000;
const MIN = 60_000;

/** mulberry32: a tiny, well-known 32-bit PRNG; integer-only, so results are portable. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    /** integer in [lo, hi] inclusive */
    int(lo, hi) {
      return lo + (next() % (hi - lo + 1));
    },
    pick(list) {
      return list[next() % list.length];
    },
  };
}

export function iso(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function hhmm(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// Rough standard offsets (minutes) used only to place random busy times near local working
// hours; the engine resolves real offsets itself, so these need not be exact.
const APPROX_OFFSET = {
  'America/Los_Angeles': -480,
  'America/New_York': -300,
  'Europe/London': 0,
  'Europe/Berlin': 60,
  'Asia/Kolkata': 330,
  'Australia/Sydney': 660,
  'Asia/Tokyo': 540,
};

/**
 * Busy intervals aligned to `align` minutes, placed on random days of [start, start + days) at a
 * random local hour between 07:00 and 18:59 of the member's zone (approximately).
 */
function busyTimes(r, { start, days, count, zone, align, minLen, maxLen }) {
  const out = [];
  const off = APPROX_OFFSET[zone] ?? 0;
  for (let i = 0; i < count; i++) {
    const day = r.int(0, days - 1);
    const localMinute = r.int(7 * 60 / align, (19 * 60) / align - 1) * align;
    const s = start + day * DAY + (localMinute - off) * MIN;
    const len = r.int(minLen / align, maxLen / align) * align;
    out.push({ start: iso(s), end: iso(s + len * MIN) });
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return out;
}

/** Two working stretches a day, Monday to Friday, on :00/:30, about 8 hours in all. */
function twoStretchWeek(r, earliest = 7 * 60, latest = 10 * 60) {
  const first = r.int(earliest / 30, latest / 30) * 30;
  const morning = r.int(6, 8) * 30; // 3h .. 4h
  const lunch = r.int(1, 2) * 30; // 30 .. 60 min
  const afternoon = r.int(8, 10) * 30; // 4h .. 5h
  const a = [hhmm(first), hhmm(first + morning)];
  const b = [hhmm(first + morning + lunch), hhmm(first + morning + lunch + afternoon)];
  const weekly = {};
  for (const d of WEEKDAYS) weekly[d] = [a, b];
  return weekly;
}

/**
 * The team fixture (issue 3 and scenario 2): roundRobin, members spread over 5 zones, two
 * working stretches a day, 10–40 busy times each per 31 days (scaled with `days`), a few
 * bookings and `lastBookedAt` for the assignment order, 15-minute step, 30-minute meetings.
 * Member i depends only on (seed, i, days), so a smaller team is a prefix of a larger one.
 */
export function team({ members = 50, days = 31, seed = 2, start = Date.UTC(2026, 2, 2) } = {}) {
  const zones = [
    'America/Los_Angeles',
    'America/New_York',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Australia/Sydney',
  ];
  const list = [];
  for (let i = 0; i < members; i++) {
    const r = rng(seed * 1_000_003 + i);
    const zone = zones[i % zones.length];
    const busyCount = Math.round((r.int(10, 40) * days) / 31);
    const member = {
      id: `m${String(i + 1).padStart(3, '0')}`,
      timezone: zone,
      weekly: twoStretchWeek(r),
      busy: busyTimes(r, { start, days, count: busyCount, zone, align: 15, minLen: 15, maxLen: 120 }),
    };
    const nBookings = r.int(0, 3);
    if (nBookings > 0) {
      member.bookings = busyTimes(r, {
        start,
        days,
        count: nBookings,
        zone,
        align: 30,
        minLen: 30,
        maxLen: 30,
      });
    }
    if (r.int(0, 4) > 0) member.lastBookedAt = iso(start - r.int(1, 30 * 24) * 3_600_000);
    list.push(member);
  }
  return {
    now: iso(start - DAY),
    range: { start: iso(start), end: iso(start + days * DAY) },
    timezone: 'Europe/Berlin',
    event: { duration: 30, step: 15 },
    team: { mode: 'roundRobin', minAvailable: 1, assignment: 'leastRecentlyBooked' },
    members: list,
  };
}

/** Scenario 1: one host, `days` days, 15-minute step, `busy` busy times (15-minute aligned). */
export function singleHost({ days = 60, busy = 200, seed = 1, start = Date.UTC(2026, 2, 2) } = {}) {
  const r = rng(seed);
  const zone = 'America/New_York';
  const weekly = {};
  for (const d of WEEKDAYS) weekly[d] = [['09:00', '12:00'], ['13:00', '17:30']];
  return {
    now: iso(start - DAY),
    range: { start: iso(start), end: iso(start + days * DAY) },
    timezone: zone,
    event: { duration: 30, step: 15 },
    members: [
      {
        id: 'host',
        timezone: zone,
        weekly,
        busy: busyTimes(r, { start, days, count: busy, zone, align: 15, minLen: 15, maxLen: 90 }),
      },
    ],
  };
}

/**
 * Scenario 3: collective of `members` members in 3 zones. Busy times are aligned to 30 minutes
 * so that slot-calculator (which has no step and walks a duration-sized grid) can express it.
 */
export function collective({ members = 10, days = 31, seed = 3, start = Date.UTC(2026, 2, 2) } = {}) {
  const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York'];
  const list = [];
  for (let i = 0; i < members; i++) {
    const r = rng(seed * 1_000_003 + i);
    const zone = zones[i % zones.length];
    const first = r.int(14, 18) * 30; // 07:00 .. 09:00
    const len = r.int(16, 20) * 30; // 8h .. 10h
    const weekly = {};
    for (const d of WEEKDAYS) weekly[d] = [[hhmm(first), hhmm(first + len)]];
    const busyCount = Math.round((r.int(10, 40) * days) / 31);
    list.push({
      id: `c${String(i + 1).padStart(2, '0')}`,
      timezone: zone,
      weekly,
      busy: busyTimes(r, { start, days, count: busyCount, zone, align: 30, minLen: 30, maxLen: 120 }),
    });
  }
  return {
    now: iso(start - DAY),
    range: { start: iso(start), end: iso(start + days * DAY) },
    timezone: 'Europe/London',
    event: { duration: 30, step: 15 },
    team: { mode: 'collective' },
    members: list,
  };
}

/**
 * Scenario 4: `stretches` five-minute working stretches: every day 100 stretches of 5 minutes
 * with 5-minute gaps (06:00–06:05, 06:10–06:15, …), over stretches/100 days; 5-minute meetings
 * on a 5-minute step, plus a few busy times.
 */
export function stretches({ stretches = 2000, perDay = 100, busy = 50, seed = 4, start = Date.UTC(2026, 5, 1) } = {}) {
  const r = rng(seed);
  const zone = 'Asia/Tokyo';
  const days = Math.ceil(stretches / perDay);
  const pairs = [];
  for (let k = 0; k < perDay; k++) pairs.push([hhmm(360 + 10 * k), hhmm(365 + 10 * k)]);
  const weekly = {};
  for (const d of ALL_DAYS) weekly[d] = pairs;
  return {
    now: iso(start - DAY),
    range: { start: iso(start), end: iso(start + days * DAY) },
    timezone: zone,
    event: { duration: 5, step: 5 },
    members: [
      {
        id: 'host',
        timezone: zone,
        weekly,
        busy: busyTimes(r, { start, days, count: busy, zone, align: 5, minLen: 5, maxLen: 60 }),
      },
    ],
  };
}

/**
 * A scaling point derived from a base request: the first `members` members, and/or the range cut
 * to `days` days from its start (busy times, bookings and instant time off starting at or after
 * the new end are dropped, so the input shrinks with the range). Mirrors `derive` in
 * benches/engine.rs.
 */
export function derive(request, { members, days } = {}) {
  const out = structuredClone(request);
  if (members != null) out.members = out.members.slice(0, members);
  if (days != null) {
    const startMs = Date.parse(out.range.start);
    const endMs = startMs + days * DAY;
    out.range.end = iso(endMs);
    const keep = (iv) => Date.parse(iv.start) < endMs;
    for (const m of out.members) {
      for (const key of ['busy', 'bookings']) {
        if (m[key]) m[key] = m[key].filter(keep);
      }
      if (m.timeOff) m.timeOff = m.timeOff.filter((t) => t.start == null || keep(t));
    }
  }
  return out;
}

export const SCALE_MEMBERS = [1, 5, 10, 25, 50, 100, 250, 500];
export const SCALE_DAYS = [7, 14, 31, 61, 91, 183, 366];

/** The files written to bench/scenarios/ (name → request). */
export function baseFiles() {
  return {
    '1-single-host.json': singleHost(),
    '2-team.json': team(),
    '3-collective.json': collective(),
    '4-stretches.json': stretches(),
    'scale-members-base.json': team({ members: 500, days: 31 }),
    'scale-days-base.json': team({ members: 50, days: 366 }),
  };
}

/** The benchmark list shared by both harnesses (written as bench/scenarios/manifest.json). */
export function manifest() {
  const list = [
    { name: '1-single-host', file: '1-single-host.json', title: 'one host, 60 days, 15-min step, 200 busy' },
    { name: '2-team', file: '2-team.json', title: 'team: 50 roundRobin members, 5 zones, 31 days' },
    { name: '3-collective', file: '3-collective.json', title: 'collective: 10 members, 3 zones, 31 days' },
    { name: '4-stretches', file: '4-stretches.json', title: '2000 five-minute working stretches' },
  ];
  for (const n of SCALE_MEMBERS) {
    list.push({ name: `members-${n}`, file: 'scale-members-base.json', members: n, group: 'scale_members', x: n });
  }
  for (const d of SCALE_DAYS) {
    list.push({ name: `days-${d}`, file: 'scale-days-base.json', days: d, group: 'scale_days', x: d });
  }
  return list;
}

/** Tiny versions of every scenario, built in memory, for `bench.mjs --smoke`. */
export function smokeScenarios() {
  return [
    { name: '1-single-host', request: singleHost({ days: 3, busy: 5 }) },
    { name: '2-team', request: team({ members: 4, days: 2 }) },
    { name: '3-collective', request: collective({ members: 3, days: 3 }) },
    { name: '4-stretches', request: stretches({ stretches: 40, perDay: 20, busy: 3 }) },
    { name: 'members-2', request: derive(team({ members: 3, days: 2 }), { members: 2 }) },
    { name: 'days-1', request: derive(team({ members: 2, days: 3 }), { days: 1 }) },
  ];
}
