// The viewer's local times through the package (issue 9, "one tz database per page"):
// `local: true` (localStart / localEnd), the per-call `viewerTimezone` of Scheduler#slots,
// localDateTime() and timeZones(). Every expectation comes from the engine itself (its status
// answers, its `days`, the CLI) or from hand-checked offsets; none from Node's Intl, whose ICU
// tz data (2025c in Node 20) is older than the engine's.
// Needs pkg/ (scripts/build-pkg.sh) and the release CLI (cargo build --release).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, PKG, runCli } from './helpers.mjs';

const bookable = await import(pathToFileURL(join(PKG, 'node.js')).href);
const { Scheduler, computeSlots, availabilityStatus, localDateTime, timeZones } = bookable;

const EVERY_DAY = (span) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [span]]));

/** A page in `zone` with one host in `hostZone` working `weekly`. */
const page = (zone, hostZone, weekly, extra = {}) => ({
  now: '2026-01-01T00:00:00Z',
  timezone: zone,
  event: { duration: 60 },
  members: [{ id: 'h', timezone: hostZone, weekly }],
  ...extra,
});

test('the issue-9 Vancouver host: 09:00 on 2026-12-01 is 16:00Z and shows as 09:00 (UTC-7 kept from 2026-11-01)', () => {
  const scheduler = new Scheduler(page('America/Vancouver', 'America/Vancouver', { tue: [['09:00', '10:00']] }, { now: '2026-11-30T00:00:00Z' }));
  const res = scheduler.slots('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', { local: true });
  assert.deepEqual(res.slots, [{
    start: '2026-12-01T16:00:00Z', end: '2026-12-01T17:00:00Z', hosts: ['h'],
    localStart: '2026-12-01T09:00', localEnd: '2026-12-01T10:00',
  }]);
  assert.deepEqual(res.days, [{ date: '2026-12-01', count: 1, first: '2026-12-01T16:00:00Z' }]);
  assert.equal(localDateTime('2026-12-01T16:00:00Z', 'America/Vancouver'), '2026-12-01T09:00');
  assert.equal(localDateTime('2026-12-01T16:00:00Z', 'Canada/Pacific'), '2026-12-01T09:00');
  scheduler.free();
});

test('hand-checked local times: a Paris host\'s 09:00 around the 2026 spring change, seen from Paris, Kolkata and Lord Howe', () => {
  const scheduler = new Scheduler(page('Europe/Paris', 'Europe/Paris', EVERY_DAY(['09:00', '10:00'])));
  // 2026-03-28 09:00 CET = 08:00Z; 2026-03-29 09:00 CEST = 07:00Z.
  const expected = {
    'Europe/Paris': ['2026-03-28T09:00', '2026-03-29T09:00'],
    'Asia/Kolkata': ['2026-03-28T13:30', '2026-03-29T12:30'], // +05:30
    'Australia/Lord_Howe': ['2026-03-28T19:00', '2026-03-29T18:00'], // +11:00 until 2026-04-05
    'America/New_York': ['2026-03-28T04:00', '2026-03-29T03:00'], // EDT since 2026-03-08
  };
  for (const [zone, locals] of Object.entries(expected)) {
    const res = scheduler.slots('2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', { viewerTimezone: zone, local: true });
    assert.deepEqual(res.slots.map((s) => s.start), ['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z'], zone);
    assert.deepEqual(res.slots.map((s) => s.localStart), locals, zone);
    assert.deepEqual(res.slots.map((s) => s.localEnd), locals.map((l) => l.slice(0, 11) + String(+l.slice(11, 13) + 1).padStart(2, '0') + l.slice(13)), zone);
    assert.equal(res.timezone, zone);
    assert.deepEqual(res.days.map((d) => d.date), locals.map((l) => l.slice(0, 10)), zone);
  }
  scheduler.free();
});

test('Lord Howe\'s half-hour change: its own host\'s 09:00 stays 09:00 while the instant moves by 30 minutes', () => {
  const res = computeSlots({
    ...page('Australia/Lord_Howe', 'Australia/Lord_Howe', EVERY_DAY(['09:00', '10:00'])),
    range: { start: '2026-10-02T00:00:00Z', end: '2026-10-04T00:00:00Z' },
  }, { local: true });
  // +10:30 until 2026-10-04 02:00 local, then +11:00
  assert.deepEqual(res.slots.map((s) => [s.start, s.localStart, s.localEnd]), [
    ['2026-10-02T22:30:00Z', '2026-10-03T09:00', '2026-10-03T10:00'],
    ['2026-10-03T22:00:00Z', '2026-10-04T09:00', '2026-10-04T10:00'],
  ]);
});

test('a slot across an offset change ends at its own local time (New York, 2026-03-08 01:30 EST → 03:30 EDT)', () => {
  const res = computeSlots({
    ...page('UTC', 'UTC', { sun: [['06:00', '08:00']] }),
    event: { duration: 60, step: 30 },
    viewerTimezone: 'America/New_York',
    range: { start: '2026-03-08T00:00:00Z', end: '2026-03-09T00:00:00Z' },
  }, { local: true });
  assert.deepEqual(res.slots.map((s) => [s.localStart, s.localEnd]), [
    ['2026-03-08T01:00', '2026-03-08T03:00'],
    ['2026-03-08T01:30', '2026-03-08T03:30'],
    ['2026-03-08T03:00', '2026-03-08T04:00'],
  ]);
});

test('localDateTime agrees with the engine\'s own schedule: a status `until` at a host\'s 09:00 is 09:00 there', () => {
  const cases = [
    ['America/Vancouver', '2026-12-01T12:00:00Z'],
    ['America/Edmonton', '2026-12-01T12:00:00Z'],
    ['Europe/Paris', '2026-03-28T20:00:00Z'],
    ['Asia/Kolkata', '2026-06-01T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T14:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ['Pacific/Chatham', '2026-09-26T12:00:00Z'],
  ];
  for (const [zone, now] of cases) {
    const status = availabilityStatus({ now, member: { id: 'h', timezone: zone, weekly: EVERY_DAY(['09:00', '10:00']) } });
    assert.equal(status.status, 'away', zone);
    assert.ok(status.until, zone);
    assert.equal(localDateTime(status.until, zone).slice(10), 'T09:00', `${zone}: until ${status.until}`);
    assert.ok(localDateTime(status.until, zone) >= localDateTime(now, zone), zone);
  }
});

test('on a 50-member month, every localStart is on the date `days` counts it on, and equals localDateTime of its start', () => {
  const request = JSON.parse(readFileSync(join(ROOT, 'bench/scenarios/2-team.json'), 'utf8'));
  const { range, ...rest } = request;
  const scheduler = new Scheduler(rest);
  for (const viewer of ['Asia/Kolkata', 'America/Vancouver', 'Australia/Lord_Howe', 'Pacific/Kiritimati']) {
    const res = scheduler.slots(range.start, range.end, { viewerTimezone: viewer, local: true });
    assert.ok(res.slots.length > 1000, `${res.slots.length} slots`);
    const counts = new Map();
    for (const s of res.slots) {
      counts.set(s.localStart.slice(0, 10), (counts.get(s.localStart.slice(0, 10)) ?? 0) + 1);
      assert.equal(s.localStart, localDateTime(s.start, viewer));
      assert.equal(s.localEnd, localDateTime(s.end, viewer));
    }
    assert.deepEqual([...counts], res.days.map((d) => [d.date, d.count]), viewer);
    // the same instants and members as without the options
    const plain = scheduler.slots(range.start, range.end);
    assert.deepEqual(res.slots.map(({ localStart, localEnd, ...s }) => s), plain.slots);
  }
  scheduler.free();
});

test('a per-call viewerTimezone answers what the CLI answers for the request with that viewerTimezone', () => {
  const request = JSON.parse(readFileSync(join(ROOT, 'bench/scenarios/1-single-host.json'), 'utf8'));
  const { range, viewerTimezone, ...rest } = request;
  const scheduler = new Scheduler(rest);
  for (const viewer of ['Pacific/Auckland', 'America/Vancouver', 'Asia/Calcutta']) {
    const cli = runCli('slots', { ...rest, range, viewerTimezone: viewer });
    assert.equal(cli.status, 0);
    assert.deepEqual(scheduler.slots(range.start, range.end, { viewerTimezone: viewer }), cli.json, viewer);
  }
  scheduler.free();
});

test('callers who do not ask get the SPEC objects only; the old call forms still work', () => {
  const request = page('Europe/Paris', 'Europe/Paris', EVERY_DAY(['09:00', '10:00']), { now: '2026-03-01T00:00:00Z' });
  const scheduler = new Scheduler(request);
  const [s, e] = ['2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z'];
  const base = scheduler.slots(s, e);
  assert.deepEqual(Object.keys(base.slots[0]), ['start', 'end', 'hosts']);
  assert.deepEqual(computeSlots({ ...request, range: { start: s, end: e } }), base);
  assert.deepEqual(computeSlots({ ...request, range: { start: s, end: e } }, { local: false }), base);
  assert.deepEqual(scheduler.slots(s, e, { viewerTimezone: 'Asia/Tokyo' }).slots, base.slots);
  // now as an instant (string, epoch ms, Date), as before; a later now drops the first slot
  const later = '2026-03-28T12:00:00Z';
  for (const now of [later, Date.parse(later), new Date(later)]) {
    assert.deepEqual(scheduler.slots(s, e, now).slots.map((x) => x.start), ['2026-03-29T07:00:00Z'], String(now));
  }
  assert.deepEqual(scheduler.slots(s, e, { now: later, local: true }).slots.map((x) => x.localStart), ['2026-03-29T09:00']);
  assert.deepEqual(scheduler.slots(s, e, null), base);
  scheduler.free();
});

test('bad options are the engine\'s kind of error', () => {
  const scheduler = new Scheduler(page('UTC', 'UTC', EVERY_DAY(['09:00', '10:00'])));
  const call = (arg) => () => scheduler.slots('2026-03-28T00:00:00Z', '2026-03-29T00:00:00Z', arg);
  const err = (code, path) => (e) => e.name === 'BookableError' && e.code === code && e.path === path;
  assert.throws(call({ viewerTimezone: 'Mars/Olympus_Mons' }), err('invalid_timezone', 'viewerTimezone'));
  assert.throws(call({ viewerTimezone: 5 }), err('invalid_timezone', 'viewerTimezone'));
  assert.throws(call({ viewerTimeZone: 'UTC' }), err('unknown_field', 'options.viewerTimeZone'));
  assert.throws(call({ local: 'yes' }), err('invalid_value', 'options.local'));
  assert.throws(call({ now: 'soon' }), err('invalid_instant', 'now'));
  assert.throws(() => computeSlots('{}', 'local'), err('invalid_value', 'options'));
  assert.throws(() => computeSlots('{}', { viewerTimezone: 'UTC' }), err('unknown_field', 'options.viewerTimezone'));
  assert.throws(() => localDateTime('2026-13-01T00:00:00Z', 'UTC'), err('invalid_instant', 'instant'));
  assert.throws(() => localDateTime(0, 'Europe/Atlantis'), err('invalid_timezone', 'timeZone'));
  assert.throws(() => localDateTime(0, undefined), err('invalid_timezone', 'timeZone'));
  scheduler.free();
});

test('timeZones(): canonical zones and links from the engine\'s database, each accepted with its zone\'s offsets', () => {
  const { names, links } = timeZones();
  assert.ok(names.length > 300, `${names.length} zones`);
  assert.deepEqual([...names].sort(), names, 'sorted');
  assert.equal(new Set(names).size, names.length);
  const zones = new Set(names);
  for (const [alias, zone] of Object.entries(links)) {
    assert.ok(!zones.has(alias), `${alias} is a link, not a zone`);
    assert.ok(zones.has(zone), `${alias} → ${zone}, a zone`);
  }
  // backward's renames and IANA 2026f's own facts
  assert.equal(links['Asia/Calcutta'], 'Asia/Kolkata');
  assert.equal(links['Europe/Kiev'], 'Europe/Kyiv');
  assert.equal(links['US/Eastern'], 'America/New_York');
  assert.equal(links['Canada/Pacific'], 'America/Vancouver');
  assert.equal(links.UTC, 'Etc/UTC');
  for (const z of ['America/Vancouver', 'Asia/Kolkata', 'Europe/Paris', 'Australia/Lord_Howe', 'Etc/UTC']) assert.ok(zones.has(z), z);
  assert.ok(!zones.has('Asia/Calcutta') && !Object.hasOwn(links, 'Mars/Olympus_Mons'));
  // every name works wherever a zone does; a link has its zone's wall times
  const instants = [Date.UTC(1970, 0, 1), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 11, 1, 16), Date.UTC(2150, 6, 1)];
  for (const zone of names) localDateTime(0, zone);
  for (const [alias, zone] of Object.entries(links)) {
    for (const t of instants) assert.equal(localDateTime(t, alias), localDateTime(t, zone), `${alias} at ${t}`);
  }
  // a fresh object each call: changing one does not change the next
  names.length = 0;
  assert.ok(timeZones().names.length > 300);
});
