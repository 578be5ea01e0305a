#!/usr/bin/env node
// Node benchmark of the bookable npm package (pkg/, built by scripts/build-pkg.sh), side by side
// with slot-calculator 2.2.x on the same inputs (bench/scenarios/, written by bench/gen.mjs).
//
//   node bench/node/bench.mjs            full run: prints a table, writes bench/results/node.json
//   node bench/node/bench.mjs --smoke    every scenario once on a tiny input, answers checked; CI
//   options: --only a,b  (scenario names)   --pkg DIR   --no-sc   --quick (shorter sampling)
//
// Per scenario it times (medians; fast calls are batched so one sample is ≥ 0.5 ms):
//   computeSlots(request)                 plain object in, plain object out
//   Scheduler.slots / Scheduler.slotStarts the same range on a prepared Scheduler; slotStarts
//                                          returns a Float64Array: the JS boundary cost is the gap
//   slot-calculator getSlots vs bookable on the request slot-calculator can express (see
//                                          slotcalc.mjs), after checking the answers are equal.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadBookable, DEFAULT_PKG, entryFile } from './load-bookable.mjs';
import { toSlotCalculator, runSlotCalculator, compareAnswers, NotExpressible } from './slotcalc.mjs';
import { baseFiles, derive, smokeScenarios } from '../lib/scenarios.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const scenarioDir = join(root, 'bench/scenarios');

const USAGE = `usage: node bench/node/bench.mjs [--smoke] [--quick] [--no-sc] [--only a,b] [--pkg DIR]
  (no option)   full run: prints a table, writes bench/results/node.json (~5 minutes)
  --smoke       every scenario once on a tiny input, answers checked; writes nothing (CI)
  --quick       shorter sampling
  --no-sc       without slot-calculator
  --only a,b    these scenarios only
  --pkg DIR     the package to measure (default: pkg/)
  -h, --help    this text`;
const args = process.argv.slice(2);
// an unknown argument (a typo, --help) must not start a run that overwrites the tracked results
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-h' || a === '--help') {
    console.log(USAGE);
    process.exit(0);
  }
  if (a === '--only' || a === '--pkg') {
    if (i + 1 >= args.length) {
      console.error(`bench.mjs: ${a} needs a value\n${USAGE}`);
      process.exit(2);
    }
    i++;
  } else if (!['--smoke', '--quick', '--no-sc'].includes(a)) {
    console.error(`bench.mjs: unknown argument ${a}\n${USAGE}`);
    process.exit(2);
  }
}
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const smoke = flag('--smoke');
const quick = flag('--quick');
const withSc = !flag('--no-sc');
const only = option('--only')?.split(',');
const pkgDir = resolve(option('--pkg') ?? DEFAULT_PKG);

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL: ${what}`);
  }
  return ok;
}

// ---------------------------------------------------------------- timing

const now = () => performance.now();

/** Median (and p10/p90) of per-call milliseconds. */
function measure(fn, { minTimeMs = 2000, minSamples = 15, maxSamples = 2000, warmupMs = 300 } = {}) {
  if (quick) {
    minTimeMs = Math.min(minTimeMs, 500);
    minSamples = Math.min(minSamples, 5);
    warmupMs = Math.min(warmupMs, 100);
  }
  let t = now();
  fn();
  let once = now() - t;
  const warmEnd = now() + warmupMs;
  while (now() < warmEnd) {
    t = now();
    fn();
    once = now() - t;
  }
  const batch = once < 0.5 ? Math.min(100_000, Math.ceil(0.5 / Math.max(once, 1e-4))) : 1;
  const samples = [];
  const t0 = now();
  while (samples.length < maxSamples && (samples.length < minSamples || now() - t0 < minTimeMs)) {
    const s = now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((now() - s) / batch);
  }
  samples.sort((a, b) => a - b);
  const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9), samples: samples.length, batch };
}

const fmt = (ms) =>
  ms == null ? '—' : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;

// ---------------------------------------------------------------- inputs

function scenarios() {
  if (smoke) return smokeScenarios();
  const manifest = JSON.parse(readFileSync(join(scenarioDir, 'manifest.json'), 'utf8'));
  const cache = new Map();
  return manifest
    .filter((m) => !only || only.includes(m.name))
    .map((m) => {
      if (!cache.has(m.file)) cache.set(m.file, JSON.parse(readFileSync(join(scenarioDir, m.file), 'utf8')));
      const base = cache.get(m.file);
      const request = m.members != null || m.days != null ? derive(base, m) : base;
      return { ...m, request };
    });
}

function scenarioFilesFresh() {
  for (const [name, value] of Object.entries(baseFiles())) {
    const path = join(scenarioDir, name);
    const ok = existsSync(path) && readFileSync(path, 'utf8') === JSON.stringify(value) + '\n';
    if (!check(ok, `bench/scenarios/${name} is what bench/gen.mjs makes`)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- native cross-check

const cli = join(root, 'target/release/bookable');
function nativeAnswer(request) {
  if (!existsSync(cli)) return undefined;
  try {
    return JSON.parse(execFileSync(cli, ['slots'], { input: JSON.stringify(request), maxBuffer: 1 << 30 }));
  } catch (e) {
    return { cliError: String(e.stdout ?? e) };
  }
}

// ---------------------------------------------------------------- instantiation

function instantiation(runs) {
  const times = [];
  let first = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [join(here, 'instantiate.mjs'), pkgDir], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop());
    times.push(r.importMs);
    first.push(r.firstCallMs);
  }
  times.sort((a, b) => a - b);
  first.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], min: times[0], max: times[runs - 1], runs, firstCallMs: first[Math.floor(runs / 2)] };
}

function gitHead() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'wasm', 'npm', 'Cargo.toml', 'Cargo.lock'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- main

const api = await loadBookable(pkgDir);
const { computeSlots, Scheduler } = api;
const machine = {
  nproc: cpus().length,
  cpu: cpus()[0]?.model?.trim(),
  node: process.version,
  bookable: typeof api.version === 'function' ? api.version() : undefined,
  tzdata: typeof api.tzdataVersion === 'function' ? api.tzdataVersion() : undefined,
  slotCalculator: JSON.parse(readFileSync(join(here, 'node_modules/slot-calculator/package.json'), 'utf8')).version,
  date: new Date().toISOString(),
  commit: gitHead(),
};
const wasmFiles = [];
try {
  const dir = dirname(entryFile(pkgDir));
  for (const f of ['bookable_bg.wasm', 'bookable.wasm']) if (existsSync(join(dir, f))) wasmFiles.push({ file: f, bytes: statSync(join(dir, f)).size });
} catch {}
console.log(`bookable ${machine.bookable ?? '?'} (tzdata ${machine.tzdata ?? '?'}), slot-calculator ${machine.slotCalculator}, Node ${machine.node}, ${machine.nproc} cores, ${machine.cpu}`);

if (smoke) scenarioFilesFresh();

const inst = instantiation(smoke ? 1 : quick ? 5 : 15);
console.log(`module import (fresh process, median of ${inst.runs}): ${fmt(inst.median)}; first call ${fmt(inst.firstCallMs)}`);
check(Number.isFinite(inst.median), 'instantiation measured');

const results = [];
for (const sc of scenarios()) {
  const { request } = sc;
  const row = { name: sc.name, group: sc.group ?? 'scenario', x: sc.x, members: request.members.length };
  const { range, now: nowValue, ...reqNoRange } = request;

  // Answers first: computeSlots, the Scheduler's two paths, the native CLI.
  const response = computeSlots(request);
  row.slots = response.slots.length;
  const scheduler = new Scheduler(reqNoRange);
  const viaScheduler = scheduler.slots(range.start, range.end, nowValue);
  const starts = scheduler.slotStarts(range.start, range.end, nowValue);
  check(isDeepStrictEqual(JSON.parse(JSON.stringify(viaScheduler)), JSON.parse(JSON.stringify(response))), `${sc.name}: Scheduler.slots == computeSlots`);
  check(
    starts instanceof Float64Array && starts.length === response.slots.length && response.slots.every((s, i) => Date.parse(s.start) === starts[i]),
    `${sc.name}: slotStarts == starts of computeSlots`,
  );
  const native = nativeAnswer(request);
  if (native !== undefined) {
    check(isDeepStrictEqual(native, JSON.parse(JSON.stringify(response))), `${sc.name}: npm answer == native CLI answer`);
  }

  // slot-calculator: translate, check equal, then time both on that same request.
  let adapted = null;
  if (withSc) {
    try {
      adapted = toSlotCalculator(request);
    } catch (e) {
      if (!(e instanceof NotExpressible)) throw e;
      row.sc = { expressible: false, why: e.message };
    }
  }
  let scSlots = null;
  if (adapted) {
    const variantResponse = computeSlots(adapted.variant);
    scSlots = runSlotCalculator(adapted);
    const cmp = compareAnswers(variantResponse, scSlots, adapted.mode);
    row.sc = { expressible: true, mode: adapted.mode, notes: adapted.notes, equal: cmp.equal, bookableSlots: cmp.bookableCount, scSlots: cmp.scCount };
    if (!cmp.equal) row.sc.problems = cmp.problems.slice(0, 10);
    check(cmp.equal, `${sc.name}: slot-calculator gives the same slots${cmp.equal ? '' : `:\n  ${cmp.problems.slice(0, 5).join('\n  ')}`}`);
  }

  if (!smoke) {
    row.computeSlots = measure(() => computeSlots(request));
    row.schedulerNew = measure(() => new Scheduler(reqNoRange), { minTimeMs: 1000 });
    row.schedulerSlots = measure(() => scheduler.slots(range.start, range.end, nowValue));
    row.slotStarts = measure(() => scheduler.slotStarts(range.start, range.end, nowValue));
    if (adapted) {
      row.sc.bookable = measure(() => computeSlots(adapted.variant));
      // slot-calculator takes up to a minute on the largest inputs: the median of 3 runs, or a
      // single run past 5 s (its answer was already computed once above, for the check).
      const times = [];
      do {
        const t0 = now();
        runSlotCalculator(adapted);
        times.push(now() - t0);
      } while (times.length < (quick || times[0] > 5000 ? 1 : 3));
      times.sort((a, b) => a - b);
      row.sc.slotCalculator = { median: times[Math.floor(times.length / 2)], samples: times.length, batch: 1 };
      row.sc.ratio = row.sc.slotCalculator.median / row.sc.bookable.median;
    }
    console.log(
      [
        sc.name.padEnd(14),
        `slots ${String(row.slots).padStart(6)}`,
        `computeSlots ${fmt(row.computeSlots.median).padStart(9)}`,
        `Scheduler.slots ${fmt(row.schedulerSlots.median).padStart(9)}`,
        `slotStarts ${fmt(row.slotStarts.median).padStart(9)}`,
        row.sc?.expressible
          ? `| same request: bookable ${fmt(row.sc.bookable.median)} vs slot-calculator ${fmt(row.sc.slotCalculator.median)} = ${row.sc.ratio.toFixed(0)}×${row.sc.equal ? '' : ' (answers differ)'}`
          : row.sc
            ? `| slot-calculator: not expressible (${row.sc.why})`
            : '',
      ].join('  '),
    );
  } else {
    console.log(`${sc.name}: ${row.slots} slots${row.sc?.expressible ? `; slot-calculator ${row.sc.equal ? 'agrees' : 'DIFFERS'} (${row.sc.scSlots} slots)` : ''}`);
  }
  results.push(row);
}

if (!smoke) {
  const out = option('--out') ?? join(root, 'bench/results/node.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ machine, wasmFiles, instantiation: inst, results }, null, 1) + '\n');
  console.log(`wrote ${out}`);
}
// Worded so that CI does not mistake it for a test runner's closing line.
console.log(`bench ${smoke ? 'smoke' : 'run'}: ${passed} checks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
