// The page books (issue 13), against the reference booking server started here on a free
// loopback port (server/server.mjs's createBookingServer, a temporary SQLite file, a fixed team
// config, the package from PKG_DIR): details, POST, confirmation with an .ics; the slot gone after
// reload; two visitors racing for one slot; slots leaving as the clock moves; the public request
// carrying nothing private; the details form's validation in German; axe on the new steps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, launch, openPage, waitForSlots, axeViolations, localDate, plain } from './helpers.mjs';

const { createBookingServer } = await import(pathToFileURL(join(REPO, 'server', 'server.mjs')).href);
const { Store } = await import(pathToFileURL(join(REPO, 'server', 'store.mjs')).href);
const PKG = process.env.PKG_DIR || join(REPO, 'pkg');
// the calendars entry (as server.mjs's main uses): this team's private request names a calendar feed
const bookable = await import(pathToFileURL(join(PKG, 'calendars-node.js')).href);

const ZONE = 'Europe/Paris';
const every = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));
const iso = (ms) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
const HOUR = 3600e3;
const t0 = Math.floor(Date.now() / HOUR) * HOUR;
const SECRET = 'SECRET-DENTIST-APPOINTMENT';
const FEED = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:secret-1', 'DTSTAMP:20260101T000000Z',
  `DTSTART:${iso(t0 + 50 * HOUR).replace(/[-:]/g, '')}`, `DTEND:${iso(t0 + 51 * HOUR).replace(/[-:]/g, '')}`, `SUMMARY:${SECRET}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const BUSY = { start: iso(t0 + 26 * HOUR), end: iso(t0 + 27 * HOUR) };
const BOOKING = { start: iso(t0 + 30 * HOUR), end: iso(t0 + 31 * HOUR) };

// One host (the race is for the only host), all day every day, so there are slots right now.
const PAGES = {
  single: {
    title: 'Intro call',
    description: 'Thirty minutes with Ana.',
    names: { ana: 'Ana Silva' },
    request: {
      timezone: 'UTC',
      event: { duration: 30, step: 30, maxDaysAhead: 10 },
      members: [{ id: 'ana', timezone: 'UTC', weekly: every([['00:00', '24:00']]), busy: [BUSY], bookings: [BOOKING], calendars: [{ ics: FEED }] }],
    },
  },
  team: {
    title: 'Team call',
    names: { ana: 'Ana Silva', bob: 'Bob Stone' },
    request: {
      timezone: 'UTC',
      event: { duration: 30, maxDaysAhead: 10 },
      team: { mode: 'roundRobin' },
      members: [
        { id: 'ana', timezone: 'UTC', weekly: every([['08:00', '18:00']]) },
        { id: 'bob', timezone: 'UTC', weekly: every([['08:00', '18:00']]), lastBookedAt: iso(t0 - 48 * HOUR) },
      ],
    },
  },
};

let dir;
let store;
let server;
let base;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bookable-www-booking-'));
  store = new Store(join(dir, 'bookings.sqlite'));
  server = createBookingServer({ pages: () => PAGES, bookable, store, pkg: PKG });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) await new Promise((ok) => server.close(ok));
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open = (options = {}) => openPage(browser, new URL('index.html', base).href, { timezoneId: ZONE, ...options });

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
    const posted = page.waitForResponse((r) => r.url().endsWith('/bookings/single') && r.request().method() === 'POST');
    await picker.locator('button.book').click();
    const res = await posted;
    assert.equal(res.status(), 201);
    assert.deepEqual(JSON.parse(res.request().postData()), { start, hosts: ['ana'], attendee: { name: 'Zoë Visitor', email: 'zoe@example.com', notes: 'About the <b>roadmap</b>' } });
    const done = picker.locator('.done-step');
    await done.waitFor({ state: 'visible' });
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
  const a = await open();
  const b = await open();
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
  const { context, page } = await open({ before: (p) => p.clock.install({ time: Date.now() }) });
  try {
    const picker = await waitForSlots(page, '#single');
    const [first, second] = await picker.locator('.slot-list button[data-start]').evaluateAll((bs) => bs.slice(0, 2).map((b) => b.dataset.start));
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
    for (const r of responses) {
      const text = await r.text();
      const json = JSON.parse(text);
      assert.match(json.action, /^\/bookings\/(single|team)$/);
      for (const word of ['"bookings"', '"calendars"', '"ics"', SECRET, 'VEVENT', 'secret-1']) {
        assert.ok(!text.includes(word), `${r.url()} carries ${word}: ${text}`);
      }
      // busy times only as bare intervals (merged: bookings, busy items and the feed alike)
      for (const m of json.request.members) {
        for (const b of m.busy ?? []) assert.deepEqual(Object.keys(b).sort(), ['end', 'start'], JSON.stringify(b));
        if (m.lastBookedAt) assert.ok(m.lastBookedAt.startsWith('1900-'), 'lastBookedAt keeps only the order');
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
    await picker.locator('.done-step').waitFor({ state: 'visible' });
    assert.match(plain(await picker.locator('.done-step').innerText()), /Termin gebucht/);
    assert.equal(plain(await picker.locator('a.ics').innerText()), 'Zum Kalender hinzufügen');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
