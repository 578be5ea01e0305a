// SPEC §9's strict reading through the npm package as a user installs it: JS values JSON cannot
// carry (NaN, ±Infinity, an invalid Date) are errors at their path, never "absent"; the same
// request as text and as an object gets the same code and path (duplicate keys, a BOM and lone
// surrogates included); a freed Scheduler throws a coded error; the CLI agrees on text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { importFrom, installPackage, runCli } from './helpers.mjs';

let user;
let bookable;
let server; // the server-side entry: publicRequest, checkSlot

before(async () => {
  user = installPackage();
  bookable = await importFrom(user.project);
  server = await importFrom(user.project, 'bookable-slots/calendars');
});

after(() => {
  if (user) rmSync(user.project, { recursive: true, force: true });
});

function base() {
  return {
    now: '2026-11-22T10:00:00Z',
    range: { start: '2026-11-23T00:00:00Z', end: '2026-11-24T00:00:00Z' },
    timezone: 'Europe/Paris',
    event: { duration: 30 },
    members: [{ id: 'ana', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '10:00']] } }],
  };
}

function error(fn) {
  try {
    fn();
  } catch (e) {
    assert.equal(e.name, 'BookableError', String(e));
    return [e.code, e.path];
  }
  assert.fail('no error was thrown');
}

test('NaN, ±Infinity and an invalid Date are errors where they stand', () => {
  const cases = [
    [(r) => (r.event.minNotice = NaN), ['invalid_value', 'event.minNotice']],
    [(r) => (r.event.maxPerDay = Infinity), ['invalid_value', 'event.maxPerDay']],
    [(r) => (r.event.bufferAfter = -Infinity), ['invalid_value', 'event.bufferAfter']],
    [(r) => (r.now = NaN), ['invalid_instant', 'now']],
    [(r) => (r.now = new Date('not a date')), ['invalid_instant', 'now']],
    [(r) => (r.explain = NaN), ['invalid_instant', 'explain']],
    [(r) => (r.members[0].weight = NaN), ['invalid_value', 'members[0].weight']],
    [(r) => (r.members[0].id = NaN), ['invalid_value', 'members[0].id']],
    [(r) => (r.members[0].busy = [{ start: new Date(NaN), end: '2026-11-23T10:00:00Z' }]), ['invalid_instant', 'members[0].busy[0].start']],
  ];
  for (const [change, expected] of cases) {
    const r = base();
    change(r);
    assert.deepEqual(error(() => bookable.computeSlots(r)), expected, String(change));
  }
  // A real null is still "absent", and the request next to it still answers.
  const r = base();
  r.event.minNotice = null;
  r.viewerTimezone = null;
  assert.equal(bookable.computeSlots(r).slots.length, 2);
});

test('the same request as text and as an object gets the same error', () => {
  const text = JSON.stringify(base());
  const cases = [
    // Duplicate keys: JSON text only, so an object cannot carry them; the CLI agrees.
    [text.replace('"id":"ana"', '"id":"ana","id":"bob"'), ['invalid_json', 'members[0].id']],
    [text.replace('"id":"ana"', '"id":"\\ud800"'), ['invalid_value', 'members[0].id']],
    [text.replace('"duration":30', '"duration":1e400'), ['invalid_value', 'event.duration']],
    [text.replace('"duration":30', '"duration":18446744073709551616'), ['invalid_value', 'event.duration']],
  ];
  for (const [bad, expected] of cases) {
    assert.deepEqual(error(() => bookable.computeSlots(bad)), expected, bad.slice(0, 80));
    const cli = runCli('slots', bad);
    assert.equal(cli.status, 2);
    assert.deepEqual([cli.json.error.code, cli.json.error.path], expected);
  }
  // A lone surrogate in an object is written by JSON.stringify as the same escape.
  const r = base();
  r.members[0].id = 'a\ud800b';
  assert.deepEqual(error(() => bookable.computeSlots(r)), ['invalid_value', 'members[0].id']);
  // A byte-order mark before the text is ignored, through the package and the CLI.
  assert.equal(bookable.computeSlots('\ufeff' + text).slots.length, 2);
  assert.equal(runCli('slots', '\ufeff' + text).status, 0);
});

test('a freed Scheduler throws a coded error, and freeing twice is safe', () => {
  const { range, ...page } = base();
  const s = new bookable.Scheduler(page);
  assert.equal(s.slots(range.start, range.end).slots.length, 2);
  s.free();
  s.free();
  for (const call of [() => s.slots(range.start, range.end), () => s.slotStarts(range.start, range.end)]) {
    const e = (() => {
      try {
        call();
      } catch (err) {
        return err;
      }
    })();
    assert.deepEqual([e?.name, e?.code, e?.path, e?.message], ['BookableError', 'invalid_value', '', 'this Scheduler was freed']);
  }
  // `using`-style disposal frees it too (Symbol.dispose, where the runtime has it).
  if (Symbol.dispose) {
    const t = new bookable.Scheduler(page);
    t[Symbol.dispose]();
    assert.throws(() => t.slots(range.start, range.end), { code: 'invalid_value' });
  }
  // The module still answers.
  assert.equal(bookable.computeSlots(base()).slots.length, 2);
});

test('Scheduler arguments follow the same number rules', () => {
  const { range, ...page } = base();
  const s = new bookable.Scheduler(page);
  assert.deepEqual(error(() => s.slots(NaN, range.end)), ['invalid_instant', 'range.start']);
  assert.deepEqual(error(() => s.slots(range.start, new Date(NaN))), ['invalid_instant', 'range.end']);
  assert.deepEqual(error(() => s.slotStarts(range.start, range.end, Infinity)), ['invalid_instant', 'now']);
  s.free();
});

test('publicRequest and checkSlot (the server-side entry) agree with the CLI', () => {
  assert.equal(bookable.publicRequest, undefined, "the page's entry carries no server functions");
  const r = base();
  r.event.bufferAfter = 15;
  r.members[0].weekly = { mon: [['09:00', '12:00']] }; // 08:00-11:00Z
  r.members[0].bookings = [{ start: '2026-11-23T08:00:00Z', end: '2026-11-23T08:30:00Z' }];
  const pub = server.publicRequest(r);
  assert.equal(pub.members[0].bookings, undefined);
  assert.deepEqual(pub.members[0].busy, [{ start: '2026-11-23T08:00:00Z', end: '2026-11-23T08:45:00Z' }]);
  assert.deepEqual(bookable.computeSlots(pub).slots, bookable.computeSlots(r).slots);
  const cli = runCli('public', r);
  assert.equal(cli.status, 0);
  assert.deepEqual(cli.json, pub);
  // The server's check: 08:30Z is taken by the booking's buffer; 09:00Z is offered to ana.
  const taken = server.checkSlot(r, '2026-11-23T08:30:00Z');
  assert.equal(taken.offered, false);
  assert.deepEqual(taken.members[0].reasons, ['buffer']);
  const free = server.checkSlot(r, new Date('2026-11-23T09:00:00Z'));
  assert.equal(free.offered, true);
  assert.deepEqual(free.hosts, ['ana']);
  const viaCli = runCli('check', { request: r, start: '2026-11-23T09:00:00Z' });
  assert.deepEqual(viaCli.json, free);
  assert.deepEqual(error(() => server.checkSlot(r, 'tomorrow')), ['invalid_instant', 'start']);
  assert.deepEqual(error(() => server.publicRequest({ ...r, range: undefined })), ['missing_field', 'range']);
});
