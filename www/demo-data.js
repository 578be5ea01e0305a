// The built-in demo: a sample team of three in Paris, New York and Kolkata, with working hours,
// a day off and busy times placed relative to `nowMs`, so the demo always has slots.
// Used by www/serve.mjs for /demo/single.json and /demo/team.json (works in browsers too).

const DAY = 86400e3;
const HOUR = 3600e3;

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);

function weekdays(pairs, extra = {}) {
  return { mon: pairs, tue: pairs, wed: pairs, thu: pairs, fri: pairs, ...extra };
}

/** `{ single, team }`: page configurations `{ title, description, names, request }`. */
export function demoConfigs(nowMs = Date.now()) {
  const day0 = Math.floor(nowMs / DAY) * DAY; // today 00:00 UTC
  const at = (days, hours) => day0 + days * DAY + hours * HOUR;
  const busy = (days, from, to) => ({ start: iso(at(days, from)), end: iso(at(days, to)) });

  const camille = {
    id: 'camille',
    timezone: 'Europe/Paris',
    weekly: weekdays([['09:00', '12:30'], ['13:30', '17:30']]),
    // a day off the day after tomorrow (Paris date), and calendar events over the next days
    timeOff: [{ from: ymd(at(2, 12)), to: ymd(at(2, 12)) }],
    busy: [busy(1, 8, 9.5), busy(3, 12, 14), busy(4, 9, 10), busy(8, 13, 16)],
    lastBookedAt: iso(at(-1, 10)),
  };
  const jordan = {
    id: 'jordan',
    timezone: 'America/New_York',
    weekly: weekdays([['09:00', '17:00']]),
    busy: [busy(1, 15, 16.5), busy(2, 18, 20), busy(5, 14, 15)],
    lastBookedAt: iso(at(-3, 16)),
  };
  const priya = {
    id: 'priya',
    timezone: 'Asia/Kolkata',
    weekly: weekdays([['10:00', '18:00']], { sat: [['10:00', '13:00']] }),
    timeOff: [{ start: iso(at(1, 4)), end: iso(at(1, 9)) }],
    busy: [busy(2, 5, 6), busy(3, 8, 9.5)],
    lastBookedAt: iso(at(-2, 7)),
  };
  const names = { camille: 'Camille Martin', jordan: 'Jordan Lee', priya: 'Priya Natarajan' };

  const single = {
    title: 'Intro call with Camille',
    description: 'A 30-minute video call to talk about your project.',
    names,
    request: {
      timezone: 'Europe/Paris',
      event: { duration: 30, step: 30, bufferAfter: 10, minNotice: 120, maxDaysAhead: 60 },
      members: [camille],
    },
  };
  const team = {
    title: 'Talk to our support team',
    description: 'Whoever of Camille, Jordan and Priya is free takes the call.',
    names,
    request: {
      timezone: 'UTC',
      event: { duration: 30, step: 30, bufferBefore: 5, bufferAfter: 5, minNotice: 60, maxDaysAhead: 45 },
      team: { mode: 'roundRobin', minAvailable: 1, assignment: 'leastRecentlyBooked' },
      members: [camille, jordan, priya],
    },
  };
  return { single, team };
}
