// The page books (issues 13, 18), against the Rust booking server (`bookable-server`) started
// here on a free loopback port with a fresh SQLite file and the package from PKG_DIR; its fixed
// team and pages are made with the owner API: details, POST, confirmation with an .ics; the slot
// gone after reload; two visitors racing for one slot; slots leaving as the clock moves; the
// public request carrying nothing private; the details form's validation in German; axe on the
// new steps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO, launch, openPage, waitForSlots, axeViolations, localDate, plain } from './helpers.mjs';

const PKG = process.env.PKG_DIR || join(REPO, 'pkg');
const SERVER = process.env.BOOKABLE_SERVER || join(REPO, 'target', 'debug', 'bookable-server');
const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN || `www-booking-${randomBytes(16).toString('hex')}`;

const ZONE = 'Europe/Paris';
const every = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));
const iso = (ms) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
const HOUR = 3600e3;
const t0 = Math.floor(Date.now() / HOUR) * HOUR;
const SECRET = 'SECRET-DENTIST-APPOINTMENT';
const FEED_EVENT = { start: iso(t0 + 50 * HOUR), end: iso(t0 + 51 * HOUR) };
const FEED = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:secret-1', 'DTSTAMP:20260101T000000Z',
  `DTSTART:${FEED_EVENT.start.replace(/[-:]/g, '')}`, `DTEND:${FEED_EVENT.end.replace(/[-:]/g, '')}`, `SUMMARY:${SECRET}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const BUSY = { start: iso(t0 + 26 * HOUR), end: iso(t0 + 27 * HOUR) };
// a booking made before the page opened: the API records bookings only by booking, so a busy
// item stands in for it (the public request test books through the API as well)
const BOOKED_BEFORE = { start: iso(t0 + 30 * HOUR), end: iso(t0 + 31 * HOUR) };

// One host on `single` (the race is for the only host), all day every day, so there are slots
// right now; her busy times, the booking and the calendar feed are private.
const MEMBERS = {
  ana: { name: 'Ana Silva', email: 'ana@example.com', timezone: 'UTC', weekly: every([['00:00', '24:00']]), busy: [BUSY, BOOKED_BEFORE], calendars: [{ ics: FEED }] },
  bob: { name: 'Bob Stone', email: 'bob@example.com', timezone: 'UTC', weekly: every([['08:00', '18:00']]) },
};
const PAGES = {
  single: { title: 'Intro call', description: 'Thirty minutes with Ana.', timezone: 'UTC', event: { duration: 30, step: 30, maxDaysAhead: 10 }, members: [{ id: 'ana' }] },
  team: { title: 'Team call', timezone: 'UTC', event: { duration: 30, maxDaysAhead: 10 }, team: { mode: 'roundRobin' }, members: [{ id: 'ana' }, { id: 'bob' }] },
};

/**
 * Starts `bookable-server` (no demo) on a free port with its database in `dir`; resolves to
 * { base, child } once it prints where it listens.
 */
function startServer(dir) {
  const child = spawn(SERVER, ['--listen', '127.0.0.1:0', '--database', `sqlite:${join(dir, 'db.sqlite3')}`, '--pkg-dir', PKG], {
    env: { ...process.env, BOOKABLE_ADMIN_TOKEN: TOKEN, BOOKABLE_BOOKINGS_PER_MINUTE: '0', BOOKABLE_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bookable-server printed no address in 30 s:\n${output.join('\n')}`));
    }, 30_000);
    child.on('error', (e) => reject(new Error(`${SERVER}: ${e.message} (tests/www/run.sh builds it)`)));
    child.on('exit', (code) => reject(new Error(`bookable-server exited (${code}):\n${output.join('\n')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const m = /^bookable-server: listening on (http\S+\/)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ base: m[1], child });
      }
    });
  });
}

async function stopServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(late);
}

/** A JSON call of the server's API; the owner's token with `admin`. */
async function api(method, path, body, { admin = false } = {}) {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { 'Content-Type': 'application/json', ...(admin ? { Authorization: `Bearer ${TOKEN}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

let dir;
let server;
let base;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bookable-www-booking-'));
  ({ base, child: server } = await startServer(dir));
  for (const [id, member] of Object.entries(MEMBERS)) {
    const res = await api('PUT', `/api/admin/members/${id}`, member, { admin: true });
    assert.ok(res.status === 200 || res.status === 201, `PUT member ${id}: ${res.status} ${res.text}`);
  }
  for (const [id, page] of Object.entries(PAGES)) {
    const res = await api('PUT', `/api/admin/pages/${id}`, page, { admin: true });
    assert.ok(res.status === 200 || res.status === 201, `PUT page ${id}: ${res.status} ${res.text}`);
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The browser's clock at tomorrow 09:00 UTC (10:00 or 11:00 in the visitor's Paris), for tests
// that need a day with several slots left: with the real time, late in Paris's evening the day
// shown holds one slot or none.
const tomorrowMorning = (p) => p.clock.install({ time: Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR + 33 * HOUR });
const open = (options = {}) => openPage(browser, new URL('index.html', base).href, { timezoneId: ZONE, ...options });

/** Waits until `locator` is visible; a timeout names the page's errors (a failed step says why). */
async function shown(locator, problems) {
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (e) {
    throw new Error(`${e.message}\npage errors: ${JSON.stringify(problems.errors)}`, { cause: e });
  }
}

/**
 * Picks the slot `index` (negative: from the end) of the picker's first free day, or its last if
 * it has fewer (late in the day, today keeps only the last hour's); its start.
 */
async function pickSlot(picker, index = 0) {
  const buttons = picker.locator('.slot-list button[data-start]');
  const n = await buttons.count();
  const button = buttons.nth(index < 0 ? n + index : Math.min(index, n - 1));
  const start = await button.getAttribute('data-start');
  await button.click();
  await picker.locator('#field-name').waitFor();
  return start;
}

async function fill(picker, { name = 'Zoë Visitor', email = 'zoe@example.com', notes = 'About the <b>roadmap</b>' } = {}) {
  await picker.locator('#field-name').fill(name);
  await picker.locator('#field-email').fill(email);
  await picker.locator('#field-notes').fill(notes);
}

test('a visitor books end to end: details, POST, confirmation in their zone, an .ics; the slot is gone after reload', async () => {
  const { context, page, problems } = await open();
  try {
    const picker = await waitForSlots(page, '#single');
    const start = await pickSlot(picker, 1);
    const day = localDate(start, ZONE);
    await fill(picker);
    const posted = page.waitForResponse((r) => r.url() === new URL('/api/pages/single/bookings', base).href && r.request().method() === 'POST');
    await picker.locator('button.book').click();
    const res = await posted;
    assert.equal(res.status(), 201);
    assert.deepEqual(JSON.parse(res.request().postData()), { start, hosts: ['ana'], attendee: { name: 'Zoë Visitor', email: 'zoe@example.com', notes: 'About the <b>roadmap</b>' } });
    const { booking } = await res.json();
    assert.deepEqual([booking.start, booking.hosts, booking.names, booking.title], [start, ['ana'], ['Ana Silva'], 'Intro call']);
    const done = picker.locator('.done-step');
    await shown(done, problems);
    const text = plain(await done.innerText());
    assert.match(text, /Meeting booked/);
    // the time in the visitor's zone and locale (computed here by Node's Intl, there by the engine)
    const when = plain(new Intl.DateTimeFormat('en-US', { timeZone: ZONE, dateStyle: 'full', timeStyle: 'short' }).formatRange(new Date(start), new Date(Date.parse(start) + 30 * 60e3)));
    assert.ok(text.includes(`Your meeting is booked for ${when}.`), `${text} shows ${when}`);
    assert.equal(await picker.locator('.done-step h3').evaluate((el) => el === el.getRootNode().activeElement), true, 'focus on the confirmation');

    // the .ics: a data URL (nothing inline for the CSP), one VEVENT in UTC, downloadable
    const link = picker.locator('a.ics');
    assert.equal(plain(await link.innerText()), 'Add to calendar');
    const href = await link.getAttribute('href');
    assert.match(href, /^data:text\/calendar/);
    const ics = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    const compact = (s) => s.replace(/[-:]/g, '');
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.ok(ics.includes(`\r\nDTSTART:${compact(start)}\r\n`), ics);
    assert.ok(ics.includes(`\r\nDTEND:${compact(new Date(Date.parse(start) + 30 * 60e3).toISOString().replace('.000Z', 'Z'))}\r\n`), ics);
    assert.ok(ics.includes('\r\nSUMMARY:Intro call\r\n'), ics);
    assert.ok(ics.includes(`\r\nUID:${booking.id}\r\n`), `the event's UID is the booking's id ${booking.id}: ${ics}`);
    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'meeting.ics');
    assert.equal(readFileSync(await file.path(), 'utf8'), ics);

    // the event carries the attendee, the names, the title and the duration
    const [select] = await page.evaluate(() => window.__events.map((e) => e.detail));
    assert.equal(select.start, start);
    assert.deepEqual(select.names, ['Ana Silva']);
    assert.equal(select.title, 'Intro call');
    assert.equal(select.duration, 30);
    assert.deepEqual(select.attendee, { name: 'Zoë Visitor', email: 'zoe@example.com', notes: 'About the <b>roadmap</b>' });
    assert.equal(select.booking.start, start);
    assert.equal(select.booking.id, booking.id);

    await page.reload();
    const again = await waitForSlots(page, '#single');
    await again.locator(`td[data-date="${day}"]`).click();
    await again.locator('.slot-list button[data-start]').first().waitFor();
    assert.equal(await again.locator(`button[data-start="${start}"]`).count(), 0, 'the booked time is no longer offered');
    assert.deepEqual(problems, { errors: [], console: [], dialogs: [] });
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
  }
});

test('two visitors race for the same slot of the only host: one confirmation, one "just taken" with refreshed slots', async () => {
  const a = await open({ before: tomorrowMorning });
  const b = await open({ before: tomorrowMorning });
  try {
    const pa = await waitForSlots(a.page, '#single');
    const pb = await waitForSlots(b.page, '#single');
    const start = await pickSlot(pa, -1);
    const day = localDate(start, ZONE);
    await pb.locator(`button[data-start="${start}"]`).click();
    await fill(pa, { name: 'Alice' });
    await fill(pb, { name: 'Bruno' });
    await Promise.all([pa.locator('button.book').click(), pb.locator('button.book').click()]);
    const outcome = async (p) => {
      const done = p.locator('.done-step');
      const taken = p.locator('.notice', { hasText: 'just taken' });
      await done.or(taken).first().waitFor({ state: 'visible' });
      return (await done.isVisible()) ? 'booked' : 'taken';
    };
    const results = [await outcome(pa), await outcome(pb)];
    assert.deepEqual([...results].sort(), ['booked', 'taken']);
    const [loserPage, loserPicker] = results[0] === 'taken' ? [a.page, pa] : [b.page, pb];
    await waitForSlots(loserPage, '#single');
    assert.equal(await loserPicker.locator(`td[data-date="${day}"]`).getAttribute('aria-selected'), 'true', 'the visitor keeps their day');
    assert.equal(await loserPicker.locator(`button[data-start="${start}"]`).count(), 0, 'the slots were refreshed');
    assert.equal(plain(await loserPicker.locator('.notice').innerText()), 'Sorry, that time was just taken. Please choose another.');
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('the clock moves past a slot start and the slot disappears without reload', async () => {
  const { context, page } = await open({ before: tomorrowMorning });
  try {
    const picker = await waitForSlots(page, '#single');
    const [first, second] = await picker.locator('.slot-list button[data-start]').evaluateAll((bs) => bs.slice(0, 2).map((b) => b.dataset.start));
    assert.ok(second, `two slots on the day shown (${first}, ${second})`);
    const now = await page.evaluate(() => Date.now());
    await page.clock.fastForward(Math.max(0, Date.parse(first) - now) + 61_000);
    await picker.locator(`button[data-start="${first}"]`).waitFor({ state: 'detached' });
    assert.equal(await picker.locator(`button[data-start="${second}"]`).count(), 1, 'later slots stay');

    // a chosen slot that vanishes: back to the times with a short message
    await picker.locator(`button[data-start="${second}"]`).click();
    await picker.locator('#field-name').waitFor();
    await page.clock.fastForward(Date.parse(second) - (await page.evaluate(() => Date.now())) + 61_000);
    await picker.locator('.notice', { hasText: 'no longer available' }).waitFor();
    assert.equal(await picker.locator('.confirm-step').isVisible(), false);
    assert.equal(await picker.locator(`button[data-start="${second}"]`).count(), 0);
  } finally {
    await context.close();
  }
});

test('the public request served to the page carries no busy detail, no bookings, no calendar sources', async () => {
  // bookings recorded by the server (each page's own, and the other page's for the same host)
  const attendee = { name: 'Pat Private', email: 'pat.private@example.com', notes: 'PRIVATE-NOTES' };
  const made = [];
  for (const [page, at] of [['single', t0 + 44 * HOUR], ['team', t0 + 46 * HOUR]]) {
    const res = await api('POST', `/api/pages/${page}/bookings`, { start: iso(at), attendee });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.booking.start, iso(at));
    made.push(res.json.booking);
  }
  const { context, page } = await openPage(browser, 'about:blank');
  try {
    const responses = [];
    page.on('response', (r) => {
      if (/\/demo\/\w+\.json$/.test(r.url())) responses.push(r);
    });
    await page.goto(new URL('index.html', base).href);
    await waitForSlots(page, '#single');
    await waitForSlots(page, '#team');
    assert.equal(responses.length, 2);
    const private_ = ['"bookings"', '"calendars"', '"ics"', SECRET, 'VEVENT', 'secret-1', attendee.name, attendee.email, attendee.notes,
      'ana@example.com', 'bob@example.com', ...made.map((b) => b.id)];
    for (const r of responses) {
      const id = /\/demo\/(\w+)\.json$/.exec(r.url())[1];
      const text = await r.text();
      const json = JSON.parse(text);
      assert.equal(json.action, `/api/pages/${id}/bookings`);
      for (const word of private_) assert.ok(!text.includes(word), `${r.url()} carries ${word}: ${text}`);
      // busy times only as bare intervals (merged: bookings, busy items and the feed alike)
      for (const m of json.request.members) {
        for (const b of m.busy ?? []) assert.deepEqual(Object.keys(b).sort(), ['end', 'start'], JSON.stringify(b));
      }
      const ana = json.request.members.find((m) => m.id === 'ana');
      const covered = (x) => (ana.busy ?? []).some((b) => Date.parse(b.start) <= Date.parse(x.start) && Date.parse(b.end) >= Date.parse(x.end));
      for (const x of [BUSY, BOOKED_BEFORE, FEED_EVENT, made[0]]) assert.ok(covered(x), `${id}: ana busy ${x.start}–${x.end}: ${JSON.stringify(ana.busy)}`);
      if (id === 'team') {
        // the team's order of last bookings stays, not when they were
        const booked = json.request.members.filter((m) => m.lastBookedAt);
        assert.ok(booked.length > 0, JSON.stringify(json.request.members));
        for (const m of booked) assert.ok(m.lastBookedAt.startsWith('1900-'), `lastBookedAt keeps only the order: ${m.lastBookedAt}`);
        const host = json.request.members.find((m) => m.id === made[1].hosts[0]);
        assert.ok((host.busy ?? []).some((b) => Date.parse(b.start) <= Date.parse(made[1].start) && Date.parse(b.end) >= Date.parse(made[1].end)), JSON.stringify(host));
      }
    }
  } finally {
    await context.close();
  }
});

test('the details form validates in German, focuses the first invalid field; axe passes on the details and the confirmation', async () => {
  const { context, page, problems } = await openPage(browser, `${new URL('index.html', base).href}?locale=de-DE`, { locale: 'de-DE', timezoneId: ZONE });
  try {
    const picker = await waitForSlots(page, '#team');
    await pickSlot(picker, 2);
    const name = picker.locator('#field-name');
    const email = picker.locator('#field-email');
    assert.equal(plain(await picker.locator('label[for="field-name"]').innerText()), 'Name');
    assert.equal(plain(await picker.locator('label[for="field-email"]').innerText()), 'E-Mail');
    assert.equal(plain(await picker.locator('label[for="field-notes"]').innerText()), 'Anmerkungen (optional)');
    assert.equal(await name.getAttribute('autocomplete'), 'name');
    assert.equal(await email.getAttribute('autocomplete'), 'email');
    assert.equal(await email.getAttribute('type'), 'email');
    assert.deepEqual(await axeViolations(page), []);

    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && posts++);
    await picker.locator('button.book').click();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(plain(await picker.locator('#field-name-error').innerText()), 'Bitte geben Sie Ihren Namen ein.');
    assert.equal(plain(await picker.locator('#field-email-error').innerText()), 'Bitte geben Sie Ihre E-Mail-Adresse ein.');
    assert.equal(await name.getAttribute('aria-describedby'), 'field-name-error');
    assert.equal(await name.evaluate((el) => el === el.getRootNode().activeElement), true, 'the first invalid field has focus');
    assert.deepEqual(await axeViolations(page), []);

    await name.fill('x'.repeat(201));
    await email.fill('nicht-eine-adresse');
    await picker.locator('button.book').click();
    assert.equal(plain(await picker.locator('#field-name-error').innerText()), 'Höchstens 200 Zeichen.');
    assert.equal(plain(await picker.locator('#field-email-error').innerText()), 'Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.');
    await name.fill('Jörg');
    await picker.locator('button.book').click();
    assert.equal(await name.getAttribute('aria-invalid'), null);
    assert.equal(await email.evaluate((el) => el === el.getRootNode().activeElement), true);
    await picker.locator('#field-notes').fill('n'.repeat(2001));
    await email.fill('joerg@example.de');
    await picker.locator('button.book').click();
    assert.equal(plain(await picker.locator('#field-notes-error').innerText()), 'Höchstens 2000 Zeichen.');
    assert.equal(posts, 0, 'nothing sent while a field is invalid');

    await picker.locator('#field-notes').fill('');
    await picker.locator('button.book').click();
    await shown(picker.locator('.done-step'), problems);
    assert.match(plain(await picker.locator('.done-step').innerText()), /Termin gebucht/);
    assert.equal(plain(await picker.locator('a.ics').innerText()), 'Zum Kalender hinzufügen');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
