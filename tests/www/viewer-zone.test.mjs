// One tz database per page (issue 9): the page shows the engine's local times, not the
// browser's. A visitor in America/Vancouver on 2026-12-01 (the page clock), a host working
// 09:00–10:00 America/Vancouver on Tuesdays: the engine (IANA 2026f: British Columbia keeps
// UTC-7 from 2026-11-01) offers 16:00Z, which is 09:00 there. A browser whose ICU still has
// the older rule (UTC-8) would label 16:00Z as 8:00 AM; the page must show 9:00 AM anyway.
// The expected values are the engine's answer written by hand, not Intl's in Node or Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, waitForSlots, plain, zoneOf, chooseZone } from './helpers.mjs';

const CONFIG = '/embed.html?config=/fixtures/vancouver.json';
const NOW = '2026-12-01T12:00:00Z'; // 04:00 in Vancouver, before the host's 09:00

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * A page with its clock at `now`, in `timezoneId`, recording every Intl.DateTimeFormat made
 * with a time zone other than UTC and a date or time field (a conversion of an instant by the
 * browser's own zone data). With `oldIcu`, the browser's Intl also behaves like one whose tz
 * data predates IANA 2026c: America/Vancouver converts at UTC-8 (Etc/GMT+8), as Node 20's ICU
 * 2025c does in December 2026 (this Chromium's own ICU may already know the new rule).
 */
async function open(path, { timezoneId = 'America/Vancouver', now = NOW, locale = 'en-US', oldIcu = true } = {}) {
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.install({ time: new Date(now) });
  await page.addInitScript((oldIcu) => {
    window.__events = [];
    document.addEventListener('bookable:select', (e) => window.__events.push(e.detail));
    window.__conversions = [];
    const Original = Intl.DateTimeFormat;
    const FIELDS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'dateStyle', 'timeStyle'];
    function Wrapped(locales, options) {
      const zone = options && options.timeZone;
      if (zone !== undefined && String(zone).toUpperCase() !== 'UTC' && FIELDS.some((f) => options[f] !== undefined)) {
        window.__conversions.push(`${zone} ${JSON.stringify(options)}`);
        if (oldIcu && zone === 'America/Vancouver') options = { ...options, timeZone: 'Etc/GMT+8' };
      }
      return new.target ? new Original(locales, options) : Original(locales, options);
    }
    Wrapped.prototype = Original.prototype;
    Wrapped.supportedLocalesOf = Original.supportedLocalesOf.bind(Original);
    Intl.DateTimeFormat = Wrapped;
    window.__browserLabel = (iso, timeZone) => {
      const f = new Wrapped('en-US', { timeZone, timeStyle: 'short' });
      window.__conversions.pop(); // the test's own probe, not the page's
      return f.format(new Date(iso));
    };
  }, oldIcu);
  await page.goto(new URL(path, BASE_URL).href);
  return { context, page, errors };
}

test('a visitor in Vancouver on 2026-12-01 sees the Vancouver host at the engine\'s 9:00 AM, whatever the browser\'s tz data says', async () => {
  const { context, page, errors } = await open(CONFIG);
  try {
    const picker = await waitForSlots(page);
    const browserSays = await page.evaluate(() => ({
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      label: window.__browserLabel('2026-12-01T16:00:00Z', 'America/Vancouver'),
    }));
    // The browser (with the old rule) disagrees with the engine; the page follows the engine.
    assert.equal(browserSays.zone, 'America/Vancouver');
    assert.equal(plain(browserSays.label), '8:00 AM');
    assert.equal(await zoneOf(picker), 'America/Vancouver');
    // today, as the engine reads the clock in Vancouver, is the selected day with the slot
    const today = picker.locator('td[aria-current="date"]');
    assert.equal(await today.getAttribute('data-date'), '2026-12-01');
    assert.equal(await today.getAttribute('aria-selected'), 'true');
    const buttons = await picker.locator('.slot-list button[data-start]').evaluateAll((bs) =>
      bs.map((b) => ({ start: b.dataset.start, end: b.dataset.end, time: b.querySelector('.time').textContent })));
    assert.deepEqual(buttons.map((b) => ({ ...b, time: plain(b.time) })), [
      { start: '2026-12-01T16:00:00Z', end: '2026-12-01T17:00:00Z', time: '9:00 AM' },
    ]);
    // every Tuesday of the page's 20 days, 09:00 local; no other day
    const enabled = await picker.locator('td[data-date]:not([aria-disabled="true"])').evaluateAll((cells) => cells.map((c) => c.dataset.date));
    assert.deepEqual(enabled, ['2026-12-01', '2026-12-08', '2026-12-15']);
    // the confirmation and the event carry the same wall times
    await picker.locator('.slot-list button[data-start]').first().click();
    const when = plain(await picker.locator('.confirm-step .when').textContent());
    assert.match(when, /^Tuesday, December 1, 2026(,| at) 9:00\s*–\s*10:00 AM$/, when);
    await picker.locator('button.confirm').click();
    const events = await page.evaluate(() => window.__events);
    assert.deepEqual(events, [{
      start: '2026-12-01T16:00:00Z', end: '2026-12-01T17:00:00Z', hosts: ['h'], names: ['Harper Singh'], title: 'Vancouver host, issue 9', duration: 60, timezone: 'America/Vancouver',
      localStart: '2026-12-01T09:00', localEnd: '2026-12-01T10:00',
    }]);
    assert.deepEqual(await page.evaluate(() => window.__conversions), [], 'Intl never converted an instant');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('with the browser\'s own tz data (no old-ICU simulation) the page shows the same 9:00 AM', async () => {
  const { context, page, errors } = await open(CONFIG, { oldIcu: false });
  try {
    const picker = await waitForSlots(page);
    const own = plain(await page.evaluate(() => window.__browserLabel('2026-12-01T16:00:00Z', 'America/Vancouver')));
    console.log(`this chromium's own ICU labels 2026-12-01T16:00:00Z in America/Vancouver as ${own}; the page shows the engine's 9:00 AM`);
    assert.equal(plain(await picker.locator('.slot-list button[data-start="2026-12-01T16:00:00Z"] .time').textContent()), '9:00 AM');
    assert.deepEqual(await page.evaluate(() => window.__conversions), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the same instant for a visitor in Kolkata and one in Lord Howe: labels and day cells from the engine', async () => {
  // 16:00Z is 21:30 in Kolkata (+05:30) and 03:00 on 2026-12-02 in Lord Howe (+11:00 in summer).
  for (const [zone, date, time] of [['Asia/Kolkata', '2026-12-01', '9:30 PM'], ['Australia/Lord_Howe', '2026-12-02', '3:00 AM']]) {
    const { context, page, errors } = await open(CONFIG, { timezoneId: zone });
    try {
      const picker = await waitForSlots(page);
      assert.equal(await picker.locator('td[aria-selected="true"]').getAttribute('data-date'), date, zone);
      const label = plain(await picker.locator('.slot-list button[data-start="2026-12-01T16:00:00Z"] .time').textContent());
      assert.equal(label, time, zone);
      assert.deepEqual(await page.evaluate(() => window.__conversions), [], zone);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('the zone list and old names come from the engine\'s database', async () => {
  const { context, page, errors } = await open(CONFIG, { timezoneId: 'Asia/Calcutta' });
  try {
    const picker = await waitForSlots(page);
    // the engine's own table, read in the page
    const engine = await page.evaluate(async () => {
      const m = await import('/pkg/bookable.js');
      await m.default();
      return m.timeZones();
    });
    // the whole list (the zone field opened with nothing typed)
    await picker.locator('.zone-input').click();
    const options = await picker.locator('[role=option]').evaluateAll((os) => os.map((o) => o.dataset.zone));
    const places = engine.names.filter((n) => n.includes('/') && !n.startsWith('Etc/'));
    for (const p of [...places, 'UTC']) assert.ok(options.includes(p), `the engine's zone ${p} is offered`);
    for (const o of options) assert.ok(engine.names.includes(o) || Object.hasOwn(engine.links, o), `${o} is a name the engine knows`);
    // the countries' own names (links of zone.tab) are places too; old names are not offered
    assert.equal(engine.links['Europe/Amsterdam'], 'Europe/Brussels');
    assert.ok(options.includes('America/Vancouver') && options.includes('Europe/Amsterdam') && !options.includes('Asia/Calcutta'));
    await picker.locator('.zone-input').press('Escape');
    // the browser's old name is read through the engine's links
    assert.equal(await zoneOf(picker), 'Asia/Kolkata');
    for (const [typed, link, shown] of [['Canada/Pacific', 'Canada/Pacific', 'America/Vancouver'], ['europe/kiev', 'Europe/Kiev', 'Europe/Kyiv'], ['US/Eastern', 'US/Eastern', 'America/New_York']]) {
      assert.equal(engine.links[link], shown, link);
      await chooseZone(picker, typed, shown);
    }
    // in New York the Vancouver host's 09:00 (16:00Z) is 11:00 AM
    assert.equal(plain(await picker.locator('.slot-list button[data-start="2026-12-01T16:00:00Z"] .time').textContent()), '11:00 AM');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the zone search shows the engine\'s offsets and local times, and converts nothing with Intl', async () => {
  const { context, page, errors } = await open(CONFIG, { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const input = picker.locator('.zone-input');
    await input.fill('Vancouver');
    const option = picker.locator('[role=option][data-zone="America/Vancouver"]');
    await option.waitFor();
    // at 12:00Z on 2026-12-01 the engine (2026f) says 05:00 at UTC−7; the old rule would say 04:00
    assert.equal(await option.locator('.zo-offset').textContent(), 'UTC−7');
    assert.equal(plain(await option.locator('.zo-time').textContent()), '5:00 AM');
    await input.press('Enter');
    await picker.locator('.zone-input[data-zone="America/Vancouver"]').waitFor();
    assert.match(plain(await picker.locator('.zone-hint').textContent()), /UTC−7 · now 5:00 AM$/);
    await picker.locator('.clock-option[data-clock="h23"]').click();
    assert.equal(plain(await picker.locator('.slot-list button[data-start="2026-12-01T16:00:00Z"] .time').textContent()), '09:00');
    await input.fill('UTC-7');
    assert.ok(await picker.locator('[role=option][data-zone="America/Vancouver"]').count(), 'UTC−7 finds Vancouver by the engine\'s offset');
    assert.deepEqual(await page.evaluate(() => window.__conversions), [], 'Intl never converted an instant');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
