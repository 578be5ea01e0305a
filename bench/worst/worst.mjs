#!/usr/bin/env node
// The worst legal (and just-illegal) requests of the hardening issue, each run through the
// native CLI and through the npm package in a fresh Node process, with wall time and peak
// memory. Goal (SPEC §9): every legal request answered in ≤ 1 s and ≤ 512 MB natively, ≤ 2 s and
// ≤ 1 GB through npm; never a trap.
//
//   node bench/worst/worst.mjs            every case; prints a Markdown table
//   node bench/worst/worst.mjs --smoke    the two cheapest cases only (CI: checks it runs)
//
// Needs target/release/bookable (cargo build --release), pkg/ (scripts/build-pkg.sh) and GNU
// time (/usr/bin/time, Debian's `time` package) for the native peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { entryFile } from '../node/load-bookable.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'target/release/bookable');
const smoke = process.argv.includes('--smoke');

const pad = (n) => String(n).padStart(2, '0');
/** `n` disjoint one-minute pairs: 00:00-00:01, 00:02-00:03, … (at most 720). */
function minutePairs(n) {
  return Array.from({ length: n }, (_, i) => {
    const a = 2 * i;
    const b = a + 1;
    return [`${pad(Math.floor(a / 60))}:${pad(a % 60)}`, `${pad(Math.floor(b / 60))}:${pad(b % 60)}`];
  });
}
const everyDay = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));

function team({ members, days, pairs, idLength = 4, duration = 1, step = 1, always = false }) {
  const start = Date.UTC(2026, 0, 5);
  return {
    now: '2026-01-01T00:00:00Z',
    range: { start: new Date(start).toISOString(), end: new Date(start + days * 86_400_000).toISOString() },
    timezone: 'UTC',
    event: { duration, step, ...(always ? { respectWorkingHours: false } : {}) },
    team: { mode: 'roundRobin' },
    members: Array.from({ length: members }, (_, i) => ({
      id: String(i).padStart(idLength, '0'),
      timezone: 'UTC',
      ...(always ? {} : { weekly: everyDay(minutePairs(pairs)) }),
    })),
  };
}

const CASES = [
  {
    name: '260 members, a year, 720 one-minute pairs a weekday (trapped at 2.24 GiB before)',
    kind: 'slots',
    request: () => team({ members: 260, days: 366, pairs: 720 }),
  },
  {
    name: 'one member, 190,000 whole-day pairs a weekday (23.6 MB; trapped before)',
    kind: 'slots',
    request: () => {
      const r = team({ members: 1, days: 366, pairs: 1 });
      r.members[0].weekly = everyDay(Array.from({ length: 190_000 }, () => ['00:00', '00:00']));
      return r;
    },
  },
  {
    name: '500 members × 288 one-minute stretches a day, a year (7.4 s, 1.4 GB before)',
    kind: 'slots',
    request: () => team({ members: 500, days: 366, pairs: 288 }),
  },
  {
    name: 'exactly 1,000,000 stretches: 11 members, 315 days (the largest legal)',
    kind: 'slots',
    request: () => {
      const r = team({ members: 11, days: 315, pairs: 288 });
      r.members[10].weekly = everyDay(minutePairs(245));
      return r;
    },
  },
  {
    name: '500 members, 41-character ids, round robin, 100,000 slots (2.2 GB of output before)',
    kind: 'slots',
    request: () => team({ members: 500, days: 70, idLength: 41, always: true, duration: 1, step: 1 }),
    smoke: true,
  },
  {
    name: '500 members, 200-byte ids, a year at step 15 (13.1 s, 3.3 GB before)',
    kind: 'slots',
    request: () => team({ members: 500, days: 365, idLength: 200, always: true, duration: 15, step: 15 }),
  },
  {
    name: '99 members always free: exactly 2,000,000 ids in 20,000 slots (the largest legal)',
    kind: 'slots',
    request: () => {
      const r = team({ members: 99, days: 1, always: true });
      r.range.end = new Date(Date.parse(r.range.start) + 20_000 * 60_000).toISOString();
      return r;
    },
  },
  {
    name: 'status: manual since 1900, 288 whole-day pairs a day (10.4 s before)',
    kind: 'status',
    request: () => ({
      now: '2026-11-23T12:00:00Z',
      member: {
        id: 'ana',
        timezone: 'Europe/Paris',
        weekly: everyDay(Array.from({ length: 288 }, () => ['00:00', '00:00'])),
        manual: { status: 'away', since: '1900-01-01T00:00:00Z' },
      },
    }),
    smoke: true,
  },
];

function native(kind, file) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', cli, kind, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const [seconds, kb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  const out = run.stdout;
  const answer = run.status === 0 ? `${out.length} B` : JSON.parse(out).error.code + ' at `' + JSON.parse(out).error.path + '`';
  return { ms: seconds * 1000, mb: kb / 1024, answer, status: run.status };
}

function viaNpm(kind, file) {
  const entry = pathToFileURL(entryFile()).href;
  const script = `
    import { readFileSync } from 'node:fs';
    const m = await import(${JSON.stringify(entry)});
    const request = JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));
    const t0 = performance.now();
    let answer;
    try {
      const r = ${kind === 'slots' ? 'm.computeSlots(request)' : 'm.availabilityStatus(request)'};
      answer = ${kind === 'slots' ? '`${r.slots.length} slots`' : '`${r.source}`'};
    } catch (e) {
      answer = e.code ? e.code + ' at \`' + e.path + '\`' : 'THROWN ' + e;
    }
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, mb: process.resourceUsage().maxRSS / 1024, answer }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

const dir = mkdtempSync(join(tmpdir(), 'bookable-worst-'));
const rows = [];
let failed = 0;
try {
  for (const c of CASES.filter((c) => !smoke || c.smoke)) {
    const file = join(dir, 'request.json');
    const text = JSON.stringify(c.request());
    writeFileSync(file, text);
    const n = native(c.kind, file);
    const j = viaNpm(c.kind, file);
    const ok = n.ms <= 1000 && n.mb <= 512 && j.ms <= 2000 && j.mb <= 1024 && !String(j.answer).startsWith('THROWN');
    if (!ok) failed++;
    rows.push(`| ${c.name} | ${(text.length / 1e6).toFixed(1)} MB | ${n.answer} | ${n.ms.toFixed(0)} ms, ${n.mb.toFixed(0)} MB | ${j.answer} | ${j.ms.toFixed(0)} ms, ${j.mb.toFixed(0)} MB | ${ok ? 'ok' : 'OVER'} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('| case | request | native answer | native time, peak RSS | npm answer | npm time, peak RSS | goal |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`worst cases: ${rows.length - failed} within the goal, ${failed} over`);
process.exitCode = failed ? 1 : 0;
