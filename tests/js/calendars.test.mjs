// `bookable-slots/calendars` (SPEC §10), installed from the package's tarball: `busyTimes` and
// `member.calendars` answer exactly what the CLI answers (`bookable busy`, `bookable slots`) for
// the vendored public feeds, the benchmark feed and provider responses, and both give the
// response of every SPEC 1.2 busy fixture; errors carry the same code and path; the main
// entry's module reads no calendars; the web build loads in Node.
// Needs pkg/ (scripts/build-pkg.sh) and the release CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, PKG, busyFixtures, importFrom, installPackage, runCli, subsetDiff } from './helpers.mjs';

let user;
let cal;
let main;
before(async () => {
  user = installPackage();
  cal = await importFrom(user.project, 'bookable-slots/calendars');
  main = await importFrom(user.project, 'bookable-slots');
});
after(() => rmSync(user.project, { recursive: true, force: true }));

const FEEDS = join(ROOT, 'tests/data/feeds');

/** Every vendored public feed, with a range around its events. */
function feeds() {
  const out = [];
  for (const dir of ['node-ical', 'python-icalendar']) {
    for (const file of readdirSync(join(FEEDS, dir)).filter((f) => f.endsWith('.ics')).sort()) {
      const text = readFileSync(join(FEEDS, dir, file), 'utf8');
      // The first DTSTART's year (or VFREEBUSY's), else 2026: a year from its January.
      const year = /(?:DTSTART|FREEBUSY)[^:\n]*:(\d{4})/.exec(text)?.[1] ?? '2026';
      const y = Math.min(Math.max(Number(year), 1901), 2199);
      out.push({ name: `${dir}/${file}`, text, range: { start: `${y}-01-01T00:00:00Z`, end: `${y}-12-31T00:00:00Z` } });
    }
  }
  const bench = join(ROOT, 'bench/calendars/feed.ics');
  if (existsSync(bench)) {
    out.push({ name: 'bench/calendars/feed.ics', text: readFileSync(bench, 'utf8'), range: { start: '2026-03-01T00:00:00Z', end: '2026-05-30T00:00:00Z' } });
  }
  return out;
}

/** Runs `f`, returning its answer or `{ error: { code, path } }` like the CLI's. */
function answer(f) {
  try {
    return f();
  } catch (e) {
    assert.equal(e.name, 'BookableError', e.stack);
    return { error: { code: e.code, path: e.path } };
  }
}

function cliAnswer(kind, request) {
  const { status, json } = runCli(kind, request);
  if (status === 2) return { error: { code: json.error.code, path: json.error.path } };
  assert.equal(status, 0);
  return json;
}

test('busyTimes answers every public feed as `bookable busy` does', () => {
  const all = feeds();
  assert.ok(all.length >= 30, `${all.length} feeds`);
  for (const { name, text, range } of all) {
    for (const timezone of ['UTC', 'Europe/Paris']) {
      const request = { source: { ics: text }, range, timezone };
      assert.deepEqual(answer(() => cal.busyTimes(request)), cliAnswer('busy', request), `${name} in ${timezone}`);
    }
  }
});

test('every SPEC 1.2 busy fixture: busyTimes and `bookable busy` give its response', () => {
  const all = busyFixtures();
  assert.ok(all.length >= 12, `${all.length} busy fixtures`);
  for (const { name, request, response } of all) {
    const js = answer(() => cal.busyTimes(request));
    assert.deepEqual(subsetDiff(js, response), [], `${name} (busyTimes)`);
    assert.deepEqual(subsetDiff(cliAnswer('busy', request), response), [], `${name} (bookable busy)`);
  }
});

test('provider responses and bad sources: the same answers and errors as the CLI', () => {
  const range = { start: '2026-03-23T00:00:00Z', end: '2026-03-26T00:00:00Z' };
  const google = { calendars: { a: { busy: [{ start: '2026-03-23T08:30:00Z', end: '2026-03-23T09:00:00Z' }] } } };
  const graph = {
    value: [{ scheduleItems: [{ status: 'tentative', start: { dateTime: '2026-03-23T09:30:00.0000000', timeZone: 'W. Europe Standard Time' }, end: { dateTime: '2026-03-23T10:00:00.0000000', timeZone: 'W. Europe Standard Time' } }] }],
  };
  const sources = [
    { googleFreeBusy: google },
    { googleFreeBusy: { calendars: { a: { errors: [{ reason: 'notFound' }] } } } },
    { graphSchedule: graph },
    { graphSchedule: graph, tentative: 'free' },
    { graphSchedule: { value: [{ error: { message: 'no' } }] } },
    { ics: 'not a calendar' },
    { ics: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\n' },
    { ics: 'BEGIN:VCALENDAR\nEND:VCALENDAR', allDay: 'maybe' },
    { ics: 'BEGIN:VCALENDAR\nEND:VCALENDAR', colour: 'red' },
  ];
  for (const source of sources) {
    const request = { source, range, timezone: 'Europe/Paris' };
    assert.deepEqual(answer(() => cal.busyTimes(request)), cliAnswer('busy', request), JSON.stringify(source));
  }
  const err = answer(() => cal.busyTimes({ source: { ics: 'x' }, range }));
  assert.deepEqual(err, { error: { code: 'missing_field', path: 'timezone' } });
});

test('member.calendars in slots requests and a Scheduler: the CLI`s slots', () => {
  const feed = readFileSync(join(FEEDS, 'node-ical/google-calendar-kiev-tz.ics'), 'utf8');
  const standup =
    'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/Paris:20260302T093000\r\nDTEND;TZID=Europe/Paris:20260302T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  const request = {
    now: '2026-01-01T00:00:00Z',
    range: { start: '2026-03-23T00:00:00Z', end: '2026-04-06T00:00:00Z' },
    timezone: 'Europe/Paris',
    event: { duration: 30, bufferAfter: 10 },
    team: { mode: 'roundRobin' },
    members: [
      { id: 'ana', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '12:00']], wed: [['09:00', '12:00']] }, calendars: [{ ics: standup }] },
      { id: 'ben', timezone: 'Europe/Kyiv', weekly: { mon: [['10:00', '13:00']] }, calendars: [{ ics: feed, allDay: 'free' }] },
    ],
    explain: '2026-03-23T08:30:00Z',
  };
  const response = cal.computeSlots(request);
  const cli = cliAnswer('slots', request);
  assert.deepEqual(JSON.parse(JSON.stringify(response)), cli);
  assert.ok(response.slots.length > 10);
  assert.deepEqual(response.explanation.members[0].reasons, ['busy']);
  const { range, ...page } = request;
  const scheduler = new cal.Scheduler(page);
  assert.deepEqual(JSON.parse(JSON.stringify(scheduler.slots(range.start, range.end))).slots, cli.slots);
  scheduler.free();
  // The main entry's module reads no calendars.
  assert.throws(() => main.computeSlots(request), (e) => e.code === 'invalid_calendar' && e.path === 'members[0].calendars');
  assert.ok(main.computeSlots({ ...request, members: request.members.map((m) => ({ ...m, calendars: [] })) }).slots.length > 10);
});

test('the web build of the calendars entry loads in Node with initSync', async () => {
  const web = await import(join(user.project, 'node_modules/bookable-slots/calendars.js'));
  web.initSync({ module: readFileSync(join(PKG, 'calendars_bg.wasm')) });
  const r = web.busyTimes({
    source: { ics: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260323T090000Z\nDURATION:PT1H\nEND:VEVENT\nEND:VCALENDAR' },
    range: { start: '2026-03-23T00:00:00Z', end: '2026-03-24T00:00:00Z' },
    timezone: 'UTC',
  });
  assert.deepEqual(r, { busy: [{ start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:00:00Z' }], warnings: [] });
  assert.equal(web.version(), cal.version());
});
