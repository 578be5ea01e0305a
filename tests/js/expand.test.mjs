// npm/expand.js on its own: the compact slots response of the WebAssembly module turned into the
// SPEC §5 objects. The packed package's answers are compared with the CLI's in
// package.test.mjs; here, the instant formatting over the whole accepted range and the arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.mjs';

const { expandSlots } = await import(pathToFileURL(join(ROOT, 'npm/expand.js')).href);

/** The engine's format: `YYYY-MM-DDTHH:MM:SSZ`, milliseconds dropped (floored). */
const engineFormat = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A compact response of single-host slots `[start, end]` (epoch ms). */
function compact(times, extra = {}) {
  const n = times.length;
  return {
    timezone: 'UTC',
    ids: ['ana'],
    starts: Float64Array.from(times, (t) => t[0]),
    ends: Float64Array.from(times, (t) => t[1]),
    hostGroup: new Uint32Array(n),
    candGroup: new Uint32Array(n).fill(0xffffffff),
    groupOffsets: Uint32Array.of(0, 1),
    groupMembers: Uint16Array.of(0),
    days: [],
    ...extra,
  };
}

test('instants are formatted like the engine from 1900 to 2201, whole minutes or not', () => {
  const from = Date.UTC(1900, 0, 1);
  const to = Date.UTC(2201, 0, 1);
  const times = [
    [from, from + 60_000],
    [Date.UTC(1969, 11, 31, 23, 59), Date.UTC(1970, 0, 1, 0, 29)],
    [Date.UTC(2000, 1, 29, 12, 0), Date.UTC(2000, 1, 29, 12, 30)],
    [Date.UTC(2100, 1, 28, 23, 45), Date.UTC(2100, 2, 1, 0, 15)],
    [to - 60_000, to],
    // Offsets with seconds (Africa/Monrovia's -00:44:30 until 1972, LMT of old zones) and,
    // never produced by the engine but handled: milliseconds.
    [Date.UTC(1971, 5, 1, 9, 44, 30), Date.UTC(1971, 5, 1, 10, 14, 30)],
    [Date.UTC(1930, 0, 1, 23, 59, 59, 999), Date.UTC(1930, 0, 2, 0, 0, 0, 1)],
  ];
  // Pseudo-random instants (a fixed LCG, so a failure repeats), half on whole minutes, in order.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const random = [];
  for (let i = 0; i < 20_000; i += 1) {
    let t = from + Math.floor(next() * (to - from));
    if (i % 2 === 0) t -= t % 60_000;
    random.push(t);
  }
  random.sort((a, b) => a - b);
  for (const t of random) times.push([t, t + 15 * 60_000]);
  const { slots } = expandSlots(compact(times));
  assert.equal(slots.length, times.length);
  slots.forEach((slot, i) => {
    assert.equal(slot.start, engineFormat(times[i][0]));
    assert.equal(slot.end, engineFormat(times[i][1]));
  });
});

test('lists: ids by group, candidates only where present, key order of SPEC §5', () => {
  const t = Date.UTC(2026, 10, 23, 9);
  const c = {
    timezone: 'Europe/Paris',
    ids: [undefined, 'al', 'bea'],
    starts: Float64Array.of(t, t + 900_000, t + 1_800_000),
    ends: Float64Array.of(t + 1_800_000, t + 2_700_000, t + 3_600_000),
    hostGroup: Uint32Array.of(0, 0, 2),
    candGroup: Uint32Array.of(1, 1, 0xffffffff),
    groupOffsets: Uint32Array.of(0, 1, 3, 5),
    groupMembers: Uint16Array.of(2, 2, 1, 1, 2),
    days: [{ date: '2026-11-23', count: 3, first: '2026-11-23T09:00:00Z' }],
  };
  const r = expandSlots(c);
  assert.equal(
    JSON.stringify(r),
    JSON.stringify({
      timezone: 'Europe/Paris',
      slots: [
        { start: '2026-11-23T09:00:00Z', end: '2026-11-23T09:30:00Z', hosts: ['bea'], candidates: ['bea', 'al'] },
        { start: '2026-11-23T09:15:00Z', end: '2026-11-23T09:45:00Z', hosts: ['bea'], candidates: ['bea', 'al'] },
        { start: '2026-11-23T09:30:00Z', end: '2026-11-23T10:00:00Z', hosts: ['al', 'bea'] },
      ],
      days: c.days,
    }),
  );
  assert.ok(!('explanation' in r));
  // Slots sharing a group still get arrays of their own.
  assert.notEqual(r.slots[0].hosts, r.slots[1].hosts);
  assert.notEqual(r.slots[0].candidates, r.slots[1].candidates);
  r.slots[0].candidates.reverse();
  assert.deepEqual(r.slots[1].candidates, ['bea', 'al']);
  // explanation is passed through when present.
  const explanation = { passed: 'through' };
  assert.equal(expandSlots({ ...c, explanation }).explanation, explanation);
});

test('no slots', () => {
  const r = expandSlots(compact([], { hostGroup: new Uint32Array(0), groupOffsets: Uint32Array.of(0), groupMembers: new Uint16Array(0), ids: [] }));
  assert.deepEqual(r, { timezone: 'UTC', slots: [], days: [] });
});
