// The npm package as a user gets it: `npm pack` pkg/, install the tarball into a fresh project,
// `import ... from 'bookable-slots'`, and hold every public fixture's answer against the CLI's
// and against the fixture. Needs pkg/ (scripts/build-pkg.sh) and target/release/bookable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { CLI, ROOT, errorFixtures, fixtures, importFrom, installPackage, runCli, subsetDiff } from './helpers.mjs';

let user; // { project, tarball, files }
let bookable; // the module a user's `import ... from 'bookable-slots'` gets

before(async () => {
  user = installPackage();
  bookable = await importFrom(user.project);
});

after(() => {
  if (user) rmSync(user.project, { recursive: true, force: true });
});

/** The thrown error as plain data, checking it is an `Error`. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, 'an Error is thrown');
    assert.equal(e.name, 'BookableError');
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0);
    return { code: e.code, path: e.path, message: e.message };
  }
  assert.fail('no error was thrown');
}

const ALL = fixtures();
// A slots fixture with a few slots: the "correct answer" asked for after each error.
const SAMPLE = ALL.find((f) => f.kind === 'slots' && f.response.slots?.length > 1 && !f.request.explain);

/** A correct answer right after an error: the module is still usable. */
function assertStillWorks() {
  const response = bookable.computeSlots(SAMPLE.request);
  assert.deepEqual(subsetDiff(response, SAMPLE.response), []);
}

test('the tarball holds the package and nothing else', () => {
  assert.deepEqual([...user.files].sort(), [
    'README.md',
    'api.js',
    'bookable-hours.css',
    'bookable-hours.d.ts',
    'bookable-hours.js',
    'bookable-picker.css',
    'bookable-picker.d.ts',
    'bookable-picker.js',
    'bookable-team-status.css',
    'bookable-team-status.d.ts',
    'bookable-team-status.js',
    'bookable.d.ts',
    'bookable.js',
    'bookable_bg.wasm',
    'bookable_node.js',
    'bookable_web.js',
    'calendars-node.js',
    'calendars.d.ts',
    'calendars.js',
    'calendars_bg.wasm',
    'calendars_node.js',
    'calendars_web.js',
    'expand.js',
    'hours/i18n/ar.js',
    'hours/i18n/de.js',
    'hours/i18n/es.js',
    'hours/i18n/fr.js',
    'hours/i18n/he.js',
    'hours/i18n/it.js',
    'hours/i18n/ja.js',
    'hours/i18n/nl.js',
    'hours/i18n/pt.js',
    'node.js',
    'package.json',
    'picker/booking.js',
    'request.js',
    'shared/i18n/ar.js',
    'shared/i18n/de.js',
    'shared/i18n/es.js',
    'shared/i18n/fr.js',
    'shared/i18n/he.js',
    'shared/i18n/it.js',
    'shared/i18n/ja.js',
    'shared/i18n/nl.js',
    'shared/i18n/pt.js',
    'shared/zone-names.js',
    'shared/zone-search.js',
    ...['ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'nl', 'pt'].map((l) => `team-status/i18n/${l}.js`),
    'zone-index.js',
  ]);
  const manifest = JSON.parse(readFileSync(join(user.project, 'node_modules/bookable-slots/package.json'), 'utf8'));
  assert.equal(manifest.name, 'bookable-slots');
  // only the elements' modules have an effect (they define <bookable-picker>, <bookable-team-status>,
  // <bookable-hours> and <bookable-overrides>)
  assert.deepEqual(manifest.sideEffects, ['./bookable-picker.js', './bookable-team-status.js', './bookable-hours.js']);
  assert.deepEqual(manifest.exports['./picker'], { types: './bookable-picker.d.ts', default: './bookable-picker.js' });
  assert.deepEqual(manifest.exports['./team-status'], { types: './bookable-team-status.d.ts', default: './bookable-team-status.js' });
  assert.deepEqual(manifest.exports['./hours'], { types: './bookable-hours.d.ts', default: './bookable-hours.js' });
  assert.deepEqual(manifest.exports['./calendars'], { types: './calendars.d.ts', node: './calendars-node.js', default: './calendars.js' });
  assert.equal(manifest.types, './bookable.d.ts');
  assert.deepEqual(manifest.exports['.'], {
    types: './bookable.d.ts',
    node: './node.js',
    browser: './bookable.js',
    import: './bookable.js',
    default: './bookable.js',
  });
});

test('version() and tzdataVersion() are the CLI`s', () => {
  const cli = execFileSync(CLI, ['--version'], { encoding: 'utf8' });
  assert.match(cli, new RegExp(`\\b${bookable.version().replaceAll('.', '\\.')}\\b`));
  assert.match(cli, new RegExp(`\\b${bookable.tzdataVersion()}\\b`));
  assert.match(bookable.tzdataVersion(), /^\d{4}[a-z]$/);
});

test('in Node the package needs no init, and init()/initSync() are harmless', async () => {
  assert.equal(typeof bookable.default, 'function');
  assert.equal(typeof bookable.initSync, 'function');
  await bookable.default();
  bookable.initSync();
  assertStillWorks();
});

for (const f of ALL) {
  test(`fixture ${f.name}: same response as the CLI, and the fixture's fields`, () => {
    const call = f.kind === 'slots' ? bookable.computeSlots : bookable.availabilityStatus;
    const response = call(f.request);
    const cli = runCli(f.kind, f.request);
    assert.equal(cli.status, 0);
    assert.deepEqual(response, cli.json);
    // Same keys in the same order too: the JSON texts are equal.
    assert.equal(JSON.stringify(response), JSON.stringify(cli.json));
    assert.deepEqual(subsetDiff(response, f.response), []);
  });
}

test('large and unusual requests: the same JSON text as the CLI, through computeSlots and Scheduler', () => {
  const team = JSON.parse(readFileSync(join(ROOT, 'bench/scenarios/2-team.json'), 'utf8'));
  const requests = [
    // 50 roundRobin members in 5 zones over a month: thousands of slots, ~15 ids each.
    team,
    // The same team with required members and an explanation.
    { ...team, members: team.members.map((m, i) => (i % 25 === 2 ? { ...m, required: true } : m)), explain: team.range.start },
    // Collective: hosts only.
    { ...team, team: { mode: 'collective' }, members: team.members.slice(0, 3) },
    // A zone whose offset had seconds (-00:44:30 until 1972) and the first accepted year.
    { now: '1900-01-01T00:00:00Z', range: { start: '1971-06-01T00:00:00Z', end: '1971-06-09T00:00:00Z' }, timezone: 'Africa/Monrovia', event: { duration: 30, step: 10 }, members: [{ id: 'ana', timezone: 'Africa/Monrovia', weekly: { tue: [['09:00', '12:00']] } }] },
    { now: '1900-01-01T00:00:00Z', range: { start: '1900-01-01T00:00:00Z', end: '1900-01-03T00:00:00Z' }, timezone: 'Europe/Amsterdam', viewerTimezone: 'Asia/Kolkata', event: { duration: 45 }, members: [{ id: 'ana', timezone: 'Europe/Amsterdam', weekly: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']] } }] },
  ];
  for (const request of requests) {
    const cli = runCli('slots', request);
    assert.equal(cli.status, 0, JSON.stringify(cli.json).slice(0, 200));
    const text = JSON.stringify(cli.json);
    assert.ok(cli.json.slots.length > 0);
    assert.equal(JSON.stringify(bookable.computeSlots(request)), text);
    const { range, ...rest } = request;
    const scheduler = new bookable.Scheduler(rest);
    try {
      assert.equal(JSON.stringify(scheduler.slots(range.start, range.end)), text);
    } finally {
      scheduler.free();
    }
  }
});

test('every slot has arrays of its own: changing one never changes another', () => {
  const team = JSON.parse(readFileSync(join(ROOT, 'bench/scenarios/2-team.json'), 'utf8'));
  const { slots } = bookable.computeSlots(team);
  const expected = JSON.stringify(slots);
  const seen = new Set();
  for (const slot of slots) {
    for (const list of [slot.hosts, slot.candidates]) {
      assert.ok(Array.isArray(list) && !Object.isFrozen(list));
      assert.ok(!seen.has(list), 'an array shared between slots');
      seen.add(list);
    }
  }
  slots[0].hosts.push('someone');
  slots[0].candidates.length = 0;
  assert.equal(JSON.stringify(slots.slice(1)), JSON.stringify(JSON.parse(expected).slice(1)));
});

test('every slots fixture through Scheduler: slots() and slotStarts() agree with computeSlots', () => {
  let checked = 0;
  for (const f of ALL.filter((x) => x.kind === 'slots')) {
    const { range, ...rest } = f.request;
    const expected = bookable.computeSlots(f.request);
    const scheduler = new bookable.Scheduler(rest);
    try {
      assert.deepEqual(scheduler.slots(range.start, range.end), expected, f.name);
      const starts = scheduler.slotStarts(range.start, range.end);
      assert.ok(starts instanceof Float64Array);
      assert.deepEqual(Array.from(starts), expected.slots.map((s) => Date.parse(s.start)), f.name);
      // The same range as epoch ms, and an explicit `now` equal to the request's.
      const ms = (v) => (typeof v === 'number' ? v : Date.parse(v));
      const now = f.request.now ?? Date.now();
      assert.deepEqual(scheduler.slots(ms(range.start), ms(range.end), now), expected, f.name);
    } finally {
      scheduler.free();
    }
    checked += 1;
  }
  assert.equal(checked, ALL.filter((x) => x.kind === 'slots').length);
});

test('one Scheduler asked month after month answers like separate requests', () => {
  const team = ALL.filter((f) => f.kind === 'slots').sort((a, b) => b.request.members.length - a.request.members.length)[0];
  const { range, ...rest } = team.request;
  const scheduler = new bookable.Scheduler(rest);
  const start = Date.parse(range.start);
  for (let month = 0; month < 3; month += 1) {
    const s = start + month * 30 * 86_400_000;
    const e = s + 30 * 86_400_000;
    const expected = bookable.computeSlots({ ...team.request, range: { start: s, end: e } });
    assert.deepEqual(scheduler.slots(s, e), expected);
    assert.deepEqual(Array.from(scheduler.slotStarts(s, e)), expected.slots.map((x) => Date.parse(x.start)));
  }
  scheduler.free();
});

for (const e of errorFixtures()) {
  test(`bad request "${e.name}": code, path and message as the CLI's, then a correct answer`, () => {
    const call = e.kind === 'status' ? bookable.availabilityStatus : bookable.computeSlots;
    const got = thrown(() => call(e.request));
    const cli = runCli(e.kind, e.request);
    assert.equal(cli.status, 2);
    assert.deepEqual(got, cli.json.error);
    assert.ok(e.codes.includes(got.code), `${got.code} is one of ${e.codes}`);
    assert.equal(got.path, e.path);
    assertStillWorks();
  });
}

test('more bad requests: each throws its code and path, and the next call works', () => {
  const base = SAMPLE.request;
  const member = base.members[0];
  const cases = [
    [{ ...base, timezone: 'Europe/Pariss' }, 'invalid_timezone', 'timezone'],
    [{ ...base, range: { start: base.range.end, end: base.range.start } }, 'invalid_interval', 'range'],
    [{ ...base, range: { start: '2026-01-01T00:00:00Z', end: '2027-06-01T00:00:00Z' } }, 'limit_exceeded', 'range'],
    [{ ...base, now: 'yesterday' }, 'invalid_instant', 'now'],
    [{ ...base, members: [] }, 'invalid_value', 'members'],
    [{ ...base, team: { mode: 'roundrobin' } }, 'invalid_value', 'team.mode'],
    [{ ...base, members: [{ ...member, overrides: { '2026-02-30': [] } }] }, 'invalid_date', 'members[0].overrides.2026-02-30'],
    [{ ...base, members: [{ ...member, weekly: { mon: [['9:00', '17:00']] } }] }, 'invalid_time', 'members[0].weekly.mon[0]'],
    [{ ...base, members: [{ ...member, id: undefined }] }, 'missing_field', 'members[0].id'],
    [{ ...base, colour: 'blue' }, 'unknown_field', 'colour'],
  ];
  for (const [request, code, path] of cases) {
    const got = thrown(() => bookable.computeSlots(request));
    assert.deepEqual({ code: got.code, path: got.path }, { code, path }, JSON.stringify(got));
    assert.deepEqual(got, runCli('slots', request).json.error);
    assertStillWorks();
  }
  const status = ALL.find((f) => f.kind === 'status').request;
  const got = thrown(() => bookable.availabilityStatus({ ...status, member: { ...status.member, timezone: 'Nowhere/Land' } }));
  assert.deepEqual({ code: got.code, path: got.path }, { code: 'invalid_timezone', path: 'member.timezone' });
  assertStillWorks();
});

test('values that are not JSON throw cleanly (never a trap), and the next call works', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  const values = [undefined, null, 42, 'not JSON', () => 1, Symbol('s'), 10n, cyclic, [SAMPLE.request], { toJSON() { throw new Error('no'); } }];
  for (const value of values) {
    for (const call of [bookable.computeSlots, bookable.availabilityStatus, (v) => new bookable.Scheduler(v)]) {
      const got = thrown(() => call(value));
      assert.ok(['invalid_json', 'invalid_value'].includes(got.code), `${String(got.code)} for ${typeof value}`);
      assert.equal(got.path, '');
    }
    assertStillWorks();
  }
  const { range, ...rest } = SAMPLE.request;
  const scheduler = new bookable.Scheduler(rest);
  for (const [args, path] of [
    [[undefined, range.end], 'range.start'],
    [[range.start, {}], 'range.end'],
    [[range.start, range.end, 'soon'], 'now'],
  ]) {
    const got = thrown(() => scheduler.slots(...args));
    assert.deepEqual([got.code, got.path], ['invalid_instant', path]);
    assert.equal(thrown(() => scheduler.slotStarts(...args)).path, path);
  }
  assert.deepEqual(scheduler.slots(range.start, range.end), bookable.computeSlots(SAMPLE.request));
  scheduler.free();
});

test('hostile values: deep nesting, throwing toJSON, re-entrant calls, many errors in a row', () => {
  let deep = [];
  for (let i = 0; i < 100_000; i += 1) deep = [deep];
  let nested = [];
  for (let i = 0; i < 1_000; i += 1) nested = [nested];
  for (const members of [deep, nested]) {
    const got = thrown(() => bookable.computeSlots({ ...SAMPLE.request, members }));
    assert.deepEqual([got.code, got.path], ['invalid_json', '']);
    assertStillWorks();
  }
  const { range, ...rest } = SAMPLE.request;
  const scheduler = new bookable.Scheduler(rest);
  // What a toJSON throws (here an object whose `message` getter throws too) is caught.
  const evil = { toJSON() { throw { get message() { throw new Error('again'); } }; } };
  assert.deepEqual(Object.values(thrown(() => scheduler.slots(evil, range.end))).slice(0, 2), ['invalid_instant', 'range.start']);
  assert.deepEqual(Object.values(thrown(() => bookable.computeSlots({ ...SAMPLE.request, now: evil }))).slice(0, 2), ['invalid_json', '']);
  // A call made from inside a conversion (a getter, a toJSON) works and does not disturb the outer one.
  const inner = { toJSON: () => scheduler.slots(range.start, range.end).slots[1].start };
  const cut = bookable.computeSlots({ ...SAMPLE.request, range: { start: range.start, end: inner } });
  assert.equal(cut.slots.length, 1);
  assert.deepEqual(cut.slots[0], bookable.computeSlots(SAMPLE.request).slots[0]);
  for (let i = 0; i < 2_000; i += 1) {
    assert.throws(() => scheduler.slotStarts(range.start, { toJSON() { throw new Error('no'); } }), { code: 'invalid_instant' });
    assert.throws(() => bookable.computeSlots('{'), { code: 'invalid_json' });
  }
  assert.deepEqual(scheduler.slots(range.start, range.end), bookable.computeSlots(SAMPLE.request));
  scheduler.free();
  assertStillWorks();
});

test('a request given as JSON text is read like the CLI reads it', () => {
  for (const f of ALL.slice(0, 10)) {
    const call = f.kind === 'slots' ? bookable.computeSlots : bookable.availabilityStatus;
    assert.deepEqual(call(JSON.stringify(f.request)), call(f.request));
  }
});

test('JS conveniences: undefined fields are absent, Dates are instants', () => {
  const expected = bookable.computeSlots(SAMPLE.request);
  const unset = Object.fromEntries(['viewerTimezone', 'explain', 'team'].filter((k) => !(k in SAMPLE.request)).map((k) => [k, undefined]));
  assert.ok(Object.keys(unset).length > 0);
  assert.deepEqual(bookable.computeSlots({ ...SAMPLE.request, ...unset }), expected);
  const { range } = SAMPLE.request;
  const dates = { ...SAMPLE.request, range: { start: new Date(range.start), end: new Date(range.end) } };
  assert.deepEqual(bookable.computeSlots(dates), expected);
});

test('without now, the current time is used', () => {
  const { now, ...rest } = SAMPLE.request;
  assert.ok(now, 'the sample has a now');
  // The sample's range lies in 2026: compare with an explicit now of this moment (slots
  // cannot change within a second unless a start lies in it, which would be a rare flake:
  // retry once).
  for (let attempt = 0; ; attempt += 1) {
    const explicit = bookable.computeSlots({ ...rest, now: Date.now() });
    const implicit = bookable.computeSlots(rest);
    try {
      assert.deepEqual(implicit, explicit);
      break;
    } catch (err) {
      if (attempt > 0) throw err;
    }
  }
});

test('the web build (bookable/web) works in Node after initSync', async () => {
  const web = await importFrom(user.project, 'bookable-slots/web');
  const bytes = readFileSync(join(user.project, 'node_modules/bookable-slots/bookable_bg.wasm'));
  web.initSync({ module: bytes });
  assert.deepEqual(web.computeSlots(SAMPLE.request), bookable.computeSlots(SAMPLE.request));
  const status = ALL.find((f) => f.kind === 'status');
  assert.deepEqual(web.availabilityStatus(status.request), bookable.availabilityStatus(status.request));
  assert.equal(thrown(() => web.computeSlots({})).code, 'missing_field');
});
