// Reading and expanding an iCalendar feed (bench/calendars/feed.ics: 2,000 VEVENTs, 300
// recurring series) over 90 days, through the npm package (`bookable-slots/calendars`,
// `busyTimes`) and with the JS libraries users pick today: ical.js 1.5 + ical-expander 3.2, and
// node-ical 0.27. Each answer is first reduced to the same thing (busy intervals: not cancelled,
// not transparent, merged) and checked equal to bookable's; then each is timed, parse and
// expansion together, on a fresh read of the text every run (nothing is cached between runs).
//
//   bash scripts/build-pkg.sh && (cd bench/calendars && npm ci)
//   node bench/calendars/bench.mjs [--runs N] [--smoke]      (writes feed.ics first if missing)
process.env.TZ = 'UTC'; // ical.js reads floating and all-day times in the process's zone.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const require = createRequire(import.meta.url);
const IcalExpander = require('ical-expander');
const ical = require('node-ical');
const bookable = await import(pathToFileURL(join(ROOT, 'pkg/calendars-node.js')).href);

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const runsArg = args.indexOf('--runs');
const RUNS = smoke ? 2 : runsArg >= 0 ? Number(args[runsArg + 1]) : 30;

if (!existsSync(join(HERE, 'feed.ics'))) await import('./gen.mjs'); // writes it
const feed = readFileSync(join(HERE, 'feed.ics'), 'utf8');
const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-05-30T00:00:00Z'); // 90 days

/** Sorted, merged `[start, end)` ms intervals that overlap the window. */
function merged(list) {
  const out = [];
  for (const [s, e] of list.filter(([s, e]) => e > s && s < TO.getTime() && e > FROM.getTime()).sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function viaBookable(text) {
  const r = bookable.busyTimes({ source: { ics: text }, range: { start: FROM, end: TO }, timezone: 'UTC' });
  return r.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)]);
}

function busyComponent(component) {
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const transp = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  return status !== 'CANCELLED' && transp !== 'TRANSPARENT';
}

function viaIcalExpander(text) {
  const expander = new IcalExpander({ ics: text, maxIterations: 0 });
  const { events, occurrences } = expander.between(FROM, TO);
  const out = [];
  for (const e of events) {
    if (busyComponent(e.component)) out.push([e.startDate.toJSDate().getTime(), e.endDate.toJSDate().getTime()]);
  }
  for (const o of occurrences) {
    if (busyComponent(o.item.component)) out.push([o.startDate.toJSDate().getTime(), o.endDate.toJSDate().getTime()]);
  }
  return out;
}

function busyNodeIcal(e) {
  return String(e.status ?? '').toUpperCase() !== 'CANCELLED' && String(e.transparency ?? '').toUpperCase() !== 'TRANSPARENT';
}

function viaNodeIcal(text) {
  const data = ical.sync.parseICS(text);
  const out = [];
  for (const e of Object.values(data)) {
    if (e.type !== 'VEVENT') continue;
    for (const i of ical.expandRecurringEvent(e, { from: FROM, to: TO, expandOngoing: true })) {
      if (busyNodeIcal(i.event ?? e)) out.push([i.start.getTime(), i.end.getTime()]);
    }
  }
  return out;
}

const contenders = [
  ['bookable-slots/calendars (busyTimes)', viaBookable],
  ['ical.js 1.5 + ical-expander 3.2', viaIcalExpander],
  ['node-ical 0.27', viaNodeIcal],
];

// The answers first: each library's busy intervals equal bookable's.
const reference = merged(viaBookable(feed));
if (reference.length < 100) throw new Error(`only ${reference.length} busy intervals: the feed or the window is wrong`);
for (const [name, run] of contenders.slice(1)) {
  const theirs = merged(run(feed));
  const a = JSON.stringify(reference);
  const b = JSON.stringify(theirs);
  if (a !== b) {
    const first = reference.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(theirs[i]));
    const show = (l) => l.slice(Math.max(0, first - 1), first + 2).map(([s, e]) => `${new Date(s).toISOString()}/${new Date(e).toISOString()}`);
    throw new Error(`${name} disagrees with bookable (${theirs.length} vs ${reference.length} intervals) at #${first}:\n  bookable ${show(reference)}\n  ${name} ${show(theirs)}`);
  }
}
console.log(`bench: all three agree: ${reference.length} merged busy intervals over 90 days`);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const results = [];
for (const [name, run] of contenders) {
  run(feed); // warm up
  const times = [];
  const runs = name.startsWith('bookable') ? RUNS * 5 : RUNS;
  for (let i = 0; i < runs; i += 1) {
    const text = (' ' + feed).slice(1); // a fresh string: nothing cached by identity
    const t0 = performance.now();
    run(text);
    times.push(performance.now() - t0);
  }
  results.push({ name, median: median(times), runs });
}
const ours = results[0].median;
const fastest = Math.min(...results.slice(1).map((r) => r.median));
console.log(`| library | median ms (parse + expand, ${feed.length} bytes) | vs bookable |`);
console.log('|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.median.toFixed(2)} (${r.runs} runs) | ${(r.median / ours).toFixed(1)}× |`);
console.log(`bench: bookable is ${(fastest / ours).toFixed(1)}× faster than the fastest JS library`);
if (!smoke && fastest / ours < 10) console.log('bench: WARNING: under the 10× target');
