// The reference booking server over HTTP on loopback: the public page config carries nothing
// private; a booking is checked with the engine and recorded in SQLite in one transaction; a
// time no longer offered is 409; bad attendee input is 400 with the field; nothing is written on
// either; two racing visitors get one 201 and one 409; bookings survive a restart and feed back
// into the slots; a host's bookings are an iCalendar feed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBookingServer, readBooking, icsFeed } from './server.mjs';
import { Store } from './store.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The server-side entry: publicRequest and checkSlot (and calendars) live there.
const bookable = await import(pathToFileURL(join(REPO, 'pkg', 'calendars-node.js')).href);

// A fixed clock: Monday 2026-11-23 06:00Z; two hosts in UTC working 09:00-12:00 on weekdays.
const NOW = Date.parse('2026-11-23T06:00:00Z');
const week = (pairs) => ({ mon: pairs, tue: pairs, wed: pairs, thu: pairs, fri: pairs });
const pages = () => ({
  team: {
    title: 'Demo call',
    names: { ana: 'Ana Silva', bob: 'Bob Stone' },
    request: {
      timezone: 'UTC',
      event: { duration: 30, step: 30, bufferAfter: 15, maxDaysAhead: 14 },
      team: { mode: 'roundRobin' },
      members: [
        { id: 'ana', timezone: 'UTC', weekly: week([['09:00', '12:00']]), busy: [{ start: '2026-11-24T09:00:00Z', end: '2026-11-24T10:00:00Z' }] },
        { id: 'bob', timezone: 'UTC', weekly: week([['09:00', '12:00']]), lastBookedAt: '2026-11-20T09:00:00Z' },
      ],
    },
  },
  solo: {
    title: 'One on one',
    request: { timezone: 'UTC', event: { duration: 60 }, members: [{ id: 'ana', timezone: 'UTC', weekly: week([['09:00', '12:00']]) }] },
  },
});

let dir;
let store;
let server;
let base;

async function start() {
  store = new Store(join(dir, 'bookings.sqlite'));
  server = createBookingServer({ pages, bookable, store, clock: () => NOW });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
}
async function stop() {
  await new Promise((ok) => server.close(ok));
  store.close();
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bookable-server-'));
  await start();
});
after(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path, body, type = 'application/json') =>
  fetch(base + path, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const attendee = { name: 'Chris Doe', email: 'chris@example.com', notes: 'About the <b>demo</b>' };
const starts = async (page = 'team') => {
  const config = await (await fetch(`${base}/api/pages/${page}.json`)).json();
  return bookable.computeSlots({ ...config.request, now: new Date(NOW).toISOString() }).slots.map((s) => s.start);
};

test('the public page config carries no busy-item detail, bookings or calendars', async () => {
  const response = await fetch(`${base}/demo/team.json`);
  assert.equal(response.status, 200);
  const config = await response.json();
  assert.equal(config.action, '/bookings/team');
  assert.deepEqual(config.names, { ana: 'Ana Silva', bob: 'Bob Stone' });
  const text = JSON.stringify(config.request);
  for (const secret of ['bookings', 'calendars', 'explain', '2026-11-20T09:00:00Z']) assert.ok(!text.includes(secret), secret);
  // Busy items travel merged, without their own buffers or anything but start and end.
  for (const m of config.request.members) {
    for (const b of m.busy ?? []) assert.deepEqual(Object.keys(b).sort(), ['end', 'start']);
  }
  assert.equal(config.request.now, undefined);
  // The same slots as the private request.
  const priv = pages().team.request;
  const mine = bookable.computeSlots({ ...priv, now: new Date(NOW).toISOString(), range: { start: '2026-11-23T00:00:00Z', end: '2026-11-28T00:00:00Z' } });
  const theirs = bookable.computeSlots({ ...config.request, now: new Date(NOW).toISOString(), range: { start: '2026-11-23T00:00:00Z', end: '2026-11-28T00:00:00Z' } });
  assert.deepEqual(theirs.slots, mine.slots);
});

test('a booking is recorded for its hosts and the time is gone from the next load', async () => {
  assert.ok((await starts()).includes('2026-11-23T09:00:00Z'));
  const response = await post('/bookings/team', { start: '2026-11-23T09:00:00Z', hosts: ['ana'], attendee });
  assert.equal(response.status, 201, await response.clone().text());
  const { booking } = await response.json();
  // Never booked, ana hosts (leastRecentlyBooked); her 15-minute buffer now protects 09:30.
  assert.deepEqual(booking.hosts, ['ana']);
  assert.deepEqual(booking.names, ['Ana Silva']);
  assert.equal(booking.end, '2026-11-23T09:30:00Z');
  const after = await starts();
  // 09:00 is bob's now (ana is booked); 09:30 is bob's too (ana's buffer).
  const check = bookable.checkSlot({ ...(await (await fetch(`${base}/api/pages/team.json`)).json()).request, now: new Date(NOW).toISOString() }, '2026-11-23T09:00:00Z');
  assert.deepEqual(check.hosts, ['bob']);
  assert.ok(after.includes('2026-11-23T09:00:00Z'));
  // The solo page (same ana) no longer offers 09:00.
  assert.ok(!(await starts('solo')).includes('2026-11-23T09:00:00Z'));
});

test('a time no longer offered is 409 with the reasons, and nothing is written', async () => {
  const rows = store.rows();
  // Both hosts booked at 10:00 leaves nobody: the third visitor gets 409.
  assert.equal((await post('/bookings/team', { start: '2026-11-23T10:00:00Z', attendee })).status, 201);
  assert.equal((await post('/bookings/team', { start: '2026-11-23T10:00:00Z', attendee })).status, 201);
  const refused = await post('/bookings/team', { start: '2026-11-23T10:00:00Z', attendee });
  assert.equal(refused.status, 409);
  const body = await refused.json();
  assert.equal(body.error.code, 'slot_taken');
  assert.ok(body.reasons.includes('team'));
  assert.equal(store.rows(), rows + 2);
  // Off the grid, or outside working hours: 409 as well.
  assert.equal((await post('/bookings/team', { start: '2026-11-23T10:10:00Z', attendee })).status, 409);
  assert.equal((await post('/bookings/team', { start: '2026-11-23T20:00:00Z', attendee })).status, 409);
});

test('bad input is 400 with the field, and nothing is written', async () => {
  const rows = store.rows();
  const ok = { start: '2026-11-25T09:00:00Z', attendee };
  const cases = [
    [{ ...ok, attendee: { name: 'X' } }, 'attendee.email'],
    [{ ...ok, attendee: { ...attendee, email: 'not-an-email' } }, 'attendee.email'],
    [{ ...ok, attendee: { ...attendee, name: 'x'.repeat(10_000) } }, 'attendee.name'],
    [{ ...ok, attendee: { ...attendee, name: '' } }, 'attendee.name'],
    [{ ...ok, attendee: { ...attendee, name: 42 } }, 'attendee.name'],
    [{ ...ok, attendee: { ...attendee, notes: 'x'.repeat(2001) } }, 'attendee.notes'],
    [{ ...ok, attendee: { ...attendee, role: 'admin' } }, 'attendee.role'],
    [{ ...ok, attendee: 'me' }, 'attendee'],
    [{ start: ok.start }, 'attendee'],
    [{ ...ok, start: 12 }, 'start'],
    [{ ...ok, start: 'tomorrow' }, 'start'],
    [{ ...ok, hosts: 'ana' }, 'hosts'],
    [{ ...ok, admin: true }, 'admin'],
  ];
  for (const [body, path] of cases) {
    const response = await post('/bookings/team', body);
    assert.equal(response.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${response.status}`);
    assert.equal((await response.json()).error.path, path);
  }
  assert.equal((await post('/bookings/team', '{"start":')).status, 400);
  assert.equal((await post('/bookings/team', JSON.stringify(ok), 'text/plain')).status, 415);
  assert.equal((await post('/bookings/team', JSON.stringify({ ...ok, pad: 'x'.repeat(20_000) }))).status, 413);
  assert.equal((await post('/bookings/nowhere', ok)).status, 404);
  assert.equal((await fetch(`${base}/bookings/team`)).status, 405);
  assert.equal(store.rows(), rows);
});

test('two visitors racing for the one remaining host get one 201 and one 409', async () => {
  // Wednesday 09:00: ana and bob free; book bob's... first fill ana, then race for bob.
  assert.equal((await post('/bookings/team', { start: '2026-11-25T11:00:00Z', attendee })).status, 201);
  const race = await Promise.all([1, 2].map(() => post('/bookings/team', { start: '2026-11-25T11:00:00Z', attendee })));
  const statuses = race.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 409]);
});

test('bookings survive a restart, and a host’s bookings are an iCalendar feed', async () => {
  const before = store.rows();
  await stop();
  await start();
  assert.equal(store.rows(), before);
  assert.ok(!(await starts('solo')).includes('2026-11-23T09:00:00Z'));
  const feed = await fetch(`${base}/bookings.ics?member=ana`);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /text\/calendar/);
  const ics = await feed.text();
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART:20261123T090000Z\r\n/);
  assert.match(ics, /SUMMARY:Demo call with Chris Doe\r\n/);
  // The engine reads the feed back as busy times.
  const busy = bookable.busyTimes
    ? bookable.busyTimes({ source: { ics }, range: { start: '2026-11-23T00:00:00Z', end: '2026-11-24T00:00:00Z' }, timezone: 'UTC' })
    : null;
  if (busy) assert.ok(busy.busy.some((b) => b.start === '2026-11-23T09:00:00Z'));
  assert.equal((await fetch(`${base}/bookings.ics?member=nobody`)).status, 404);
});

test('readBooking keeps HTML in notes as text and ICS text is escaped and folded', () => {
  const { attendee: a } = readBooking(JSON.stringify({ start: '2026-11-23T09:00:00Z', attendee: { name: '  Dee  ', email: 'd@e.org', notes: '<script>x</script>' } }));
  assert.deepEqual(a, { name: 'Dee', email: 'd@e.org', notes: '<script>x</script>' });
  const feed = icsFeed('ana', [{ uid: 'u1', start: NOW, end: NOW + 1800e3, created: NOW, title: 'Call; with, commas', name: 'N'.repeat(100) }]);
  assert.match(feed, /SUMMARY:Call\\; with\\, commas with N+\r\n N+/);
  assert.ok(feed.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
});
