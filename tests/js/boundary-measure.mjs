// Measures what crossing the JS/WebAssembly boundary costs, on a realistic team request
// (bench/scenarios/2-team.json: 50 roundRobin members in 5 zones, 31 days, 15-minute step):
// plain response objects against a Float64Array of slot starts, and what asking for the
// viewer's local times (`local: true`) adds. Not a test: it prints figures.
//   node tests/js/boundary-measure.mjs [request.json] [--rounds N] [--pkg DIR]
// Needs pkg/ (scripts/build-pkg.sh).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, PKG } from './helpers.mjs';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 30;
const pkgAt = args.indexOf('--pkg');
const pkg = pkgAt >= 0 ? args[pkgAt + 1] : PKG;
const file = args.find((a, i) => !a.startsWith('--') && !['--rounds', '--pkg'].includes(args[i - 1])) ?? join(ROOT, 'bench/scenarios/2-team.json');
const request = JSON.parse(readFileSync(file, 'utf8'));
const { computeSlots, Scheduler, version, localDateTime: localDateTimeOf } = await import(pathToFileURL(join(pkg, 'node.js')).href);

/**
 * Median and min of `rounds` timed runs (ms), after warm-up runs (at least 10 and 300 ms, so that
 * V8 has compiled the hot WebAssembly and JS with its optimising tiers, which it does in the
 * background). On a busy machine the object rows still vary most (garbage collection of the
 * response objects): compare medians from a quiet minute, or the mins.
 */
function time(fn) {
  const warm = performance.now() + 300;
  for (let i = 0; i < 10 || performance.now() < warm; i += 1) fn();
  const ms = [];
  for (let i = 0; i < rounds; i += 1) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)], min: ms[0] };
}

const { range, ...rest } = request;
// Packages from before issue 9 have no per-call options: their rows are skipped.
const local = typeof localDateTimeOf === 'function';
const scheduler = new Scheduler(rest);
const response = computeSlots(request);
const slots = response.slots.length;
const hostsPerSlot = response.slots.reduce((n, s) => n + s.hosts.length + (s.candidates?.length ?? 0), 0) / Math.max(1, slots);
const jsonBytes = JSON.stringify(response).length;

const rows = [
  ['computeSlots(request)            objects', () => computeSlots(request)],
  ['computeSlots(JSON text)          objects', (() => { const text = JSON.stringify(request); return () => computeSlots(text); })()],
  ['scheduler.slots(start, end)      objects', () => scheduler.slots(range.start, range.end)],
  ['scheduler.slotStarts(start, end) Float64Array', () => scheduler.slotStarts(range.start, range.end)],
  ...(local ? [
    ['scheduler.slots(s, e, { viewerTimezone })     objects', () => scheduler.slots(range.start, range.end, { viewerTimezone: 'Asia/Kolkata' })],
    ['scheduler.slots(s, e, { local: true })  + localStart/End', () => scheduler.slots(range.start, range.end, { local: true })],
  ] : []),
  ['  (for scale) JSON.stringify of the request', () => JSON.stringify(request)],
  ['  (for scale) JSON.parse of the response text', (() => { const text = JSON.stringify(response); return () => JSON.parse(text); })()],
];

console.log(`bookable ${version()}, Node ${process.version}, ${file.replace(ROOT + '/', '')}`);
console.log(`${request.members.length} members, ${slots} slots, ${hostsPerSlot.toFixed(1)} ids (hosts + candidates) per slot, response JSON ${(jsonBytes / 1024).toFixed(0)} KiB; ${rounds} rounds`);
const results = {};
for (const [name, fn] of rows) {
  const t = time(fn);
  results[name] = t;
  console.log(`${name.padEnd(56)} median ${t.median.toFixed(2).padStart(7)} ms   min ${t.min.toFixed(2).padStart(7)} ms`);
}
const objects = results['scheduler.slots(start, end)      objects'].median;
const typed = results['scheduler.slotStarts(start, end) Float64Array'].median;
console.log(`objects cost ${(objects - typed).toFixed(2)} ms more than the typed array (${(objects / typed).toFixed(1)}x) for the same ${slots} slots`);
scheduler.free();
