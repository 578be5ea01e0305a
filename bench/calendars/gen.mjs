// Writes the benchmark feed, bench/calendars/feed.ics (not committed: bench.mjs runs this when it
// is missing): a Google-style export of 2,000 VEVENTs,
// 300 of them recurring series (weekly, daily, monthly by day and by weekday, yearly; COUNT,
// UNTIL or endless; EXDATEs; about 100 moved or cancelled instances, which are VEVENTs too),
// the rest single events (some all-day, some transparent, some cancelled), in Europe/Paris,
// America/New_York (each with its VTIMEZONE) and UTC. Deterministic: the same file every run.
//
//   node bench/calendars/gen.mjs            (then `node bench/calendars/bench.mjs`)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

// A small deterministic generator (mulberry32).
let seed = 0x5eed1234;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** `YYYYMMDD` of a UTC day number (days since 1970-01-01). */
function ymd(day) {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
const dayOf = (y, m, d) => Date.UTC(y, m - 1, d) / 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const weekday = (day) => WEEKDAYS[(day + 3) % 7];

const ZONES = {
  'Europe/Paris': [
    'BEGIN:VTIMEZONE', 'TZID:Europe/Paris', 'X-LIC-LOCATION:Europe/Paris',
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE',
  ],
  'America/New_York': [
    'BEGIN:VTIMEZONE', 'TZID:America/New_York', 'X-LIC-LOCATION:America/New_York',
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'TZNAME:EDT', 'DTSTART:19700308T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'TZNAME:EST', 'DTSTART:19701101T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', 'END:STANDARD', 'END:VTIMEZONE',
  ],
};

/** A DTSTART/DTEND-style property of a local time in `zone` (`UTC`: a `Z` time). */
function timeProp(name, zone, day, minutes) {
  const t = `${ymd(day)}T${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}00`;
  return zone === 'UTC' ? `${name}:${t}Z` : `${name};TZID=${zone}:${t}`;
}

const lines = ['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0',
  'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:bench', 'X-WR-TIMEZONE:Europe/Paris'];
for (const zone of Object.values(ZONES)) lines.push(...zone);

let events = 0;
function vevent(props) {
  events += 1;
  lines.push('BEGIN:VEVENT', ...props, 'DTSTAMP:20260101T000000Z', 'SEQUENCE:0',
    `SUMMARY:Event ${events}`, `DESCRIPTION:${'Agenda and notes. '.repeat(int(0, 4))}`, 'END:VEVENT');
}

const zones = ['Europe/Paris', 'Europe/Paris', 'America/New_York', 'UTC'];
// Working hours only: no instance falls in a DST gap or overlap (libraries disagree there).
const startMinutes = () => int(8 * 4, 17 * 4) * 15;

// 300 recurring series.
const first = dayOf(2025, 6, 2);
let overrides = 0;
for (let s = 0; s < 300; s += 1) {
  const zone = pick(zones);
  const uid = `series-${s}@bench`;
  // A start time no other series has, in any zone (zones differ by whole hours, and the
  // minute of the day mod 3 tells the zone): ical-expander 3.2 drops an instance when another
  // series has an override at the same instant, which would make the answers differ.
  const minutes = 7 * 60 + 3 * s + ['Europe/Paris', 'America/New_York', 'UTC'].indexOf(zone);
  const length = pick([15, 30, 30, 45, 60, 60, 90, 120]);
  let day = first + int(0, 240);
  const kind = pick(['weekly', 'weekly', 'weekly', 'daily', 'monthly', 'monthlyByDay', 'yearly']);
  let rule;
  if (kind === 'weekly') {
    const days = [...new Set([weekday(day), pick(WEEKDAYS.slice(0, 5)), pick(WEEKDAYS.slice(0, 5))])].sort(
      (a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b),
    );
    // DTSTART on the first of its days (synchronized, as calendar clients write it).
    rule = `FREQ=WEEKLY;INTERVAL=${pick([1, 1, 1, 2])};BYDAY=${days.join(',')}`;
  } else if (kind === 'daily') {
    rule = `FREQ=DAILY;INTERVAL=${pick([1, 1, 2, 3])}`;
  } else if (kind === 'monthly') {
    rule = 'FREQ=MONTHLY';
  } else if (kind === 'monthlyByDay') {
    // The nth weekday of DTSTART's month, DTSTART on it.
    const d = new Date(day * 86_400_000);
    const nth = Math.min(4, Math.floor((d.getUTCDate() - 1) / 7) + 1);
    rule = `FREQ=MONTHLY;BYDAY=${nth}${weekday(day)}`;
  } else {
    rule = 'FREQ=YEARLY';
  }
  const end = pick(['count', 'until', 'none', 'none']);
  if (end === 'count') rule += `;COUNT=${int(5, 120)}`;
  if (end === 'until') rule += `;UNTIL=${ymd(dayOf(2026, 3, 1) + int(0, 120))}T235959Z`;
  const props = [timeProp('DTSTART', zone, day, minutes), timeProp('DTEND', zone, day, minutes + length), `RRULE:${rule}`,
    `UID:${uid}`, 'STATUS:CONFIRMED', 'TRANSP:OPAQUE'];
  // An EXDATE, and a moved or cancelled instance (a VEVENT of its own), on instances in the
  // benchmark's window of endless weekly and daily series.
  const step = kind === 'weekly' && rule.includes('INTERVAL=1;') ? 7 : kind === 'daily' && rule.includes('INTERVAL=1') ? 1 : 0;
  if (step && end === 'none' && overrides < 100) {
    const win0 = dayOf(2026, 3, 2);
    const k = Math.ceil((win0 - day) / step) + int(0, Math.floor(70 / step));
    const excluded = day + k * step;
    props.push(timeProp('EXDATE', zone, excluded, minutes));
    vevent(props);
    overrides += 1;
    const moved = excluded + step;
    const cancelled = random() < 0.3;
    vevent([timeProp('RECURRENCE-ID', zone, moved, minutes), timeProp('DTSTART', zone, moved, minutes + 60),
      timeProp('DTEND', zone, moved, minutes + 60 + length), `UID:${uid}`, cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
      'TRANSP:OPAQUE']);
    continue;
  }
  vevent(props);
}

// Single events up to 2,000 VEVENTs in all.
const singlesFrom = dayOf(2025, 9, 1);
while (events < 2000) {
  const zone = pick(zones);
  const day = singlesFrom + int(0, 364);
  const r = random();
  if (r < 0.05) {
    const days = int(1, 3);
    vevent([`DTSTART;VALUE=DATE:${ymd(day)}`, `DTEND;VALUE=DATE:${ymd(day + days)}`, `UID:allday-${events}@bench`, 'TRANSP:OPAQUE']);
    continue;
  }
  const minutes = startMinutes();
  const length = pick([15, 30, 30, 45, 60, 60, 90, 120, 180]);
  const extra = r < 0.1 ? 'TRANSP:TRANSPARENT' : r < 0.13 ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED';
  vevent([timeProp('DTSTART', zone, day, minutes), timeProp('DTEND', zone, day, minutes + length),
    `UID:single-${events}@bench`, extra]);
}
lines.push('END:VCALENDAR');

const text = lines.join('\r\n') + '\r\n';
writeFileSync(join(HERE, 'feed.ics'), text);
console.log(`gen: bench/calendars/feed.ics: ${events} VEVENTs, 300 series, ${overrides} overrides, ${text.length} bytes`);
