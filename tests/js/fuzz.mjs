#!/usr/bin/env node
// A fuzzer for the npm package: random requests built of odd JS values (NaN, ±Infinity, invalid
// Dates, BigInt, symbols, functions, cycles, Proxies, getters that throw, huge arrays, lone
// surrogates, numbers past every range), mutations of the contract's fixtures, and random
// Scheduler calls. Every call must answer or throw an Error with a SPEC §9 `code` and a `path`;
// the module must never trap (a WebAssembly RuntimeError), and keeps answering afterwards. On a
// sample of the requests JSON can carry as they are, the answer (or error) must equal the CLI's.
//
//   node tests/js/fuzz.mjs --seconds 20 [--seed N] [--pkg DIR]   (tests/js/fuzz.test.mjs runs 20 s)
//   node tests/js/fuzz.mjs --seconds 3600                        (an hour)
//
// Prints the number of calls, errors by code, and CLI comparisons; exits 1 on the first finding,
// printing the seed and the request.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('--seconds', '20'));
let seed = Number(arg('--seed', String(Date.now() % 1_000_000)));
const pkg = resolve(arg('--pkg', join(ROOT, 'pkg')));
const CLI = join(ROOT, 'target/release/bookable');

const CODES = new Set([
  'invalid_json', 'missing_field', 'unknown_field', 'invalid_instant', 'invalid_date', 'invalid_time',
  'invalid_timezone', 'invalid_interval', 'invalid_value', 'invalid_calendar', 'limit_exceeded',
]);

/** A small seeded generator (mulberry32), so a finding can be replayed with --seed. */
function rng(s) {
  return () => {
    s |= 0;
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixtures = [];
for (const folder of ['slots', 'status', 'spec-1.1/slots', 'spec-1.1/status']) {
  const dir = join(ROOT, 'tests/fixtures', folder);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    fixtures.push({ kind: folder.endsWith('status') ? 'status' : 'slots', request: JSON.parse(readFileSync(join(dir, f), 'utf8')).request });
  }
}

const { computeSlots, availabilityStatus, Scheduler } = await import(pathToFileURL(join(pkg, 'node.js')).href);

function run(seedValue) {
  const random = rng(seedValue);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];

  /** A value JSON may or may not carry, sometimes hostile. */
  function odd(depth = 0) {
    switch (int(24)) {
      case 0: return NaN;
      case 1: return Infinity;
      case 2: return -Infinity;
      case 3: return new Date(NaN);
      case 4: return new Date(int(2) ? 0 : 8.64e15);
      case 5: return 10n ** 30n;
      case 6: return Symbol('x');
      case 7: return () => 1;
      case 8: return undefined;
      case 9: return null;
      case 10: return '\ud800' + 'x';
      case 11: return 'x'.repeat(int(2) ? 201 : 5000);
      case 12: return pick([1e400 * 0, 2 ** 64, -0, 1.5, 1e21, -1, 0, 1441, 100001]);
      case 13: return new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('keys'); } });
      case 14: return { get start() { throw new Error('getter'); } };
      case 15: { const o = { a: 1 }; o.self = o; return o; }
      case 16: return Array.from({ length: int(2) ? 289 : 20_000 }, () => ['09:00', '10:00']);
      case 17: return { toJSON() { return pick([NaN, 'x', { y: 1 }, undefined]); } };
      case 18: return pick(['2026-11-23T09:00:00Z', '2026-13-01', 'Europe/Paris', 'Mars/Base', '25:00', '24:00', '']);
      case 19: return depth < 4 ? [odd(depth + 1), odd(depth + 1)] : [];
      case 20: return depth < 4 ? { [pick(['start', 'end', 'id', 'x', 'maxPerDay'])]: odd(depth + 1) } : {};
      case 21: return new Uint8Array(4);
      case 22: return int(2) ? true : false;
      default: return int(1e6) - 5e5;
    }
  }

  /** Sets a random path of `obj` to `value`. */
  function mutate(obj) {
    let target = obj;
    for (let d = 0; d < 6; d++) {
      const keys = target && typeof target === 'object' ? Object.keys(target) : [];
      if (!keys.length) break;
      const key = pick(keys);
      if (d > 0 && int(3) === 0) {
        target[key] = odd();
        return obj;
      }
      if (target[key] && typeof target[key] === 'object') target = target[key];
      else {
        target[key] = odd();
        return obj;
      }
    }
    if (target && typeof target === 'object') target[pick(['now', 'explain', 'extra', 'limits', 'bufferAfter'])] = odd();
    return obj;
  }

  const base = pick(fixtures);
  const request = structuredClone(base.request);
  const mutations = int(4);
  for (let i = 0; i < mutations; i++) {
    try {
      mutate(request);
    } catch {
      // A hostile value placed by an earlier mutation (a getter, a Proxy) refused this one.
    }
  }
  return { kind: base.kind, request, mutations, scheduler: int(5) === 0, random };
}

function classify(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) return { trap: e };
    if (!(e instanceof Error) || !CODES.has(e.code) || typeof e.path !== 'string' || !e.message) return { uncoded: e };
    return { code: e.code, path: e.path };
  }
}

/** The request as JSON text exactly, when JSON carries every value of it as it is. */
function exactJson(request) {
  let exact = true;
  let text;
  try {
    text = JSON.stringify(request, function (key, value) {
      const original = this[key];
      if (typeof original === 'number' && !Number.isFinite(original)) exact = false;
      if (original instanceof Date || typeof original === 'function' || typeof original === 'symbol' || original === undefined) exact = false;
      if (original && typeof original === 'object' && typeof original.toJSON === 'function') exact = false;
      return value;
    });
  } catch {
    return null;
  }
  return exact && text !== undefined && text.length < 200_000 ? text : null;
}

const started = Date.now();
const counts = { calls: 0, answers: 0, cli: 0 };
const codes = {};
const fail = (what, c, extra = '') => {
  let shown;
  try {
    shown = JSON.stringify(c.request)?.slice(0, 2000);
  } catch {
    shown = String(c.request);
  }
  console.error(`FINDING (seed ${c.seed}): ${what} ${extra}\n${shown}`);
  process.exit(1);
};

while (Date.now() - started < seconds * 1000) {
  const s = seed++;
  const c = { ...run(s), seed: s };
  const call = c.kind === 'slots'
    ? () => (c.scheduler ? (() => {
      const { range, ...page } = c.request;
      const sch = new Scheduler(page);
      try {
        return sch.slots(range?.start, range?.end, { local: c.random() < 0.5 });
      } finally {
        sch.free();
      }
    })() : computeSlots(c.request))
    : () => availabilityStatus(c.request);
  const result = classify(call);
  counts.calls++;
  if (result.trap) fail('the module trapped', c, String(result.trap));
  if (result.uncoded) fail('an error without a SPEC code', c, String(result.uncoded?.stack ?? result.uncoded));
  if (result.ok) counts.answers++;
  else codes[result.code] = (codes[result.code] ?? 0) + 1;
  // The module still answers after whatever happened.
  if (counts.calls % 50 === 0) {
    const again = classify(() => computeSlots(fixtures[0].request));
    if (!again.ok) fail('the module stopped answering', c);
  }
  // One in twenty: the CLI must give the same answer (or error) for the same JSON text.
  if (existsSync(CLI) && !c.scheduler && counts.calls % 20 === 0) {
    const text = exactJson(c.request);
    if (text !== null) {
      const cli = spawnSync(CLI, [c.kind], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 });
      const out = JSON.parse(cli.stdout);
      if (result.ok) {
        const plain = JSON.parse(JSON.stringify(result.ok));
        if (cli.status !== 0 || !isDeepStrictEqual(out, plain)) fail('npm and the CLI disagree', c, cli.stdout.slice(0, 500));
      } else if (cli.status !== 2 || out.error.code !== result.code || out.error.path !== result.path) {
        fail('npm and the CLI give different errors', c, `${result.code} at ${result.path} vs ${cli.stdout.slice(0, 300)}`);
      }
      counts.cli++;
    }
  }
}
console.log(`npm fuzz: ${counts.calls} calls in ${seconds} s (${counts.answers} answered), ${counts.cli} compared with the CLI, errors: ${JSON.stringify(codes)}`);
console.log('npm fuzz: no finding');
