// Keyboard-only booking, the bookable:select event and postMessage, configuration through the
// request property, and configuration text that must stay text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForSlots, BASE_URL, CHROMIUM_ARGS } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What has focus, looking through the picker's shadow root. */
const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName, date: el.dataset.date || null, start: el.dataset.start || null, cls: el.className, text: el.textContent } : null;
  });

const tabStops = (page) => page.locator('bookable-picker td[tabindex="0"]').evaluateAll((cells) => cells.map((c) => c.dataset.date));

test('keyboard only: reach the grid, move, pick a day, pick a slot, confirm; the event carries the slot', async () => {
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', { locale: 'en-US', timezoneId: 'Europe/Paris' });
  try {
    await waitForSlots(page);
    // Tab from the top of the page until a day cell has focus
    let f = null;
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      f = await focused(page);
      if (f && f.tag === 'TD') break;
    }
    assert.equal(f.tag, 'TD', 'Tab reaches the grid');
    assert.equal(f.date, '2026-03-23', 'focus lands on the selected (first bookable) day');
    assert.deepEqual(await tabStops(page), ['2026-03-23'], 'one tab stop in the grid');
    const move = async (key, date) => {
      await page.keyboard.press(key);
      const now = await focused(page);
      assert.equal(now.date, date, `${key} → ${date}`);
      assert.deepEqual(await tabStops(page), [date], `roving tabindex after ${key}`);
    };
    await move('ArrowRight', '2026-03-24');
    await move('ArrowDown', '2026-03-31');
    await move('ArrowUp', '2026-03-24');
    await move('ArrowLeft', '2026-03-23');
    await move('End', '2026-03-28'); // en-US weeks run Sunday..Saturday
    await move('Home', '2026-03-22');
    await move('PageDown', '2026-04-22');
    assert.equal(await page.locator('bookable-picker .month').textContent(), 'April 2026');
    await move('PageUp', '2026-03-22');
    assert.equal(await page.locator('bookable-picker .month').textContent(), 'March 2026');
    // Enter on a day without slots (before `now`) does nothing
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('bookable-picker td[data-date="2026-03-22"]').getAttribute('aria-selected'), 'false');
    assert.equal(await page.locator('bookable-picker td[data-date="2026-03-22"]').getAttribute('aria-disabled'), 'true');
    await move('ArrowRight', '2026-03-23');
    await move('ArrowRight', '2026-03-24');
    await move('ArrowRight', '2026-03-25');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('bookable-picker td[data-date="2026-03-25"]').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('bookable-picker td[data-date="2026-03-23"]').getAttribute('aria-selected'), 'false');
    assert.equal(await page.locator('bookable-picker .slots-heading').textContent(), 'Available times on Wednesday, March 25');
    // Tab into the slots; the second slot (10:00 Paris = 09:00Z)
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).start, '2026-03-25T08:00:00Z');
    await page.keyboard.press('Tab');
    const slot = await focused(page);
    assert.equal(slot.start, '2026-03-25T09:00:00Z');
    await page.keyboard.press('Enter');
    // confirmation step: focus on its heading, then the Confirm button
    const heading = await focused(page);
    assert.equal(heading.text, 'Confirm your meeting');
    assert.match(await page.locator('bookable-picker .confirm-step .when').textContent(), /Wednesday, March 25, 2026.*10:00\s*–\s*11:00\s*AM/);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).text, 'Confirm');
    assert.deepEqual(await page.evaluate(() => window.__events), [], 'nothing dispatched before confirming');
    await page.keyboard.press('Enter');
    const events = await page.evaluate(() => window.__events);
    assert.deepEqual(events, [{
      // localStart/localEnd: the engine's wall times in the visitor's zone (Paris, CET +01:00)
      detail: { start: '2026-03-25T09:00:00Z', end: '2026-03-25T10:00:00Z', hosts: ['camille'], names: ['Camille Martin'], title: 'DST spring fixture', duration: 60, timezone: 'Europe/Paris', localStart: '2026-03-25T10:00', localEnd: '2026-03-25T11:00' },
      target: 'BOOKABLE-PICKER',
    }]);
    assert.equal((await focused(page)).text, 'Time selected');
    // back to the calendar: the same slot keeps focus
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).start, '2026-03-25T09:00:00Z');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('the event bubbles out of the shadow root (composed) and Back returns without dispatching', async () => {
  const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-fall.json', { timezoneId: 'America/New_York' });
  try {
    const picker = await waitForSlots(page);
    await page.evaluate(() => {
      window.__flags = [];
      document.addEventListener('bookable:select', (e) => window.__flags.push({ bubbles: e.bubbles, composed: e.composed, path0: e.composedPath()[0].tagName }));
    });
    const first = picker.locator('.slot-list button[data-start]').first();
    const start = await first.getAttribute('data-start');
    const host = await first.locator('.host').textContent();
    await first.click();
    assert.equal(await picker.locator('.confirm-step .hosts').textContent(), host);
    await picker.locator('button.back').click();
    await picker.locator('.slot-list').waitFor({ state: 'visible' });
    assert.deepEqual(await page.evaluate(() => window.__events), []);
    await picker.locator(`.slot-list button[data-start="${start}"]`).click();
    await picker.locator('button.confirm').click();
    const [event] = await page.evaluate(() => window.__events);
    assert.equal(event.detail.start, start);
    assert.equal(Date.parse(event.detail.end) - Date.parse(start), 3600e3);
    assert.equal(event.detail.timezone, 'America/New_York');
    const fall = await (await fetch(new URL('/fixtures/dst-fall.json', BASE_URL))).json();
    assert.equal(`with ${fall.names[event.detail.hosts[0]]}`, host, 'hosts are the member ids of the shown host');
    assert.deepEqual(await page.evaluate(() => window.__flags), [{ bubbles: true, composed: true, path0: 'BOOKABLE-PICKER' }]);
  } finally {
    await context.close();
  }
});

test('framed: the choice is posted to the parent only when target-origin is configured', async () => {
  const { context, page, problems } = await openPage(browser, '/fixtures/frame.html', { timezoneId: 'Asia/Kolkata' });
  try {
    const book = async (id) => {
      const frame = page.frameLocator(`#${id}`);
      const slot = frame.locator('bookable-picker .slot-list button[data-start]').first();
      await slot.waitFor({ state: 'visible', timeout: 20000 });
      const start = await slot.getAttribute('data-start');
      await slot.click();
      await frame.locator('bookable-picker button.confirm').click();
      await frame.locator('bookable-picker .done-step').waitFor({ state: 'visible' });
      return start;
    };
    const start = await book('with-origin');
    await page.waitForFunction(() => window.received.some((m) => m.data.type === 'bookable:select'));
    const origin = new URL(BASE_URL).origin;
    // the framed element posts each of its events (ready, day, …) and the frame its height; the
    // choice is the one bookable:select
    const selects = () => page.evaluate(() => window.received.filter((m) => m.data.type === 'bookable:select'));
    const kolkata = (ms) => new Date(ms + 5.5 * 3600e3).toISOString().slice(0, 16); // +05:30 always
    assert.deepEqual(await selects(), [{
      origin,
      frame: 'with-origin',
      data: {
        type: 'bookable:select',
        detail: {
          start, end: new Date(Date.parse(start) + 3600e3).toISOString().replace('.000Z', 'Z'), hosts: ['camille'], names: ['Camille Martin'], title: 'DST spring fixture', duration: 60, timezone: 'Asia/Kolkata',
          localStart: kolkata(Date.parse(start)), localEnd: kolkata(Date.parse(start) + 3600e3),
        },
      },
    }]);
    assert.ok((await page.evaluate(() => window.received)).every((m) => m.frame === 'with-origin'));
    await book('without-origin');
    await page.waitForTimeout(300);
    assert.equal((await selects()).length, 1, 'no message without target-origin');
    assert.ok((await page.evaluate(() => window.received)).every((m) => m.frame === 'with-origin'), 'nothing at all from the frame without origin');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('configured through the request property (no src)', async () => {
  const { context, page, problems } = await openPage(browser, '/fixtures/property.html', { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.slot-list button[data-start]').first().getAttribute('data-start'), '2026-03-23T08:00:00Z');
    assert.equal(await picker.locator('.title').textContent(), 'Book a meeting', 'default title');
    // replacing the request re-renders with the new configuration
    await page.evaluate(() => {
      const p = document.getElementById('picker');
      p.request = { ...p.request, members: [{ ...p.request.members[0], weekly: { mon: [['14:00', '15:00']], tue: [['14:00', '15:00']] } }] };
    });
    await picker.locator('.slot-list button[data-start="2026-03-23T13:00:00Z"]').waitFor();
    assert.equal(await picker.locator('.slot-list button[data-start]').count(), 1);
    // a request the engine refuses throws at once (the engine is loaded) and changes nothing
    const thrown = await page.evaluate(() => {
      try {
        document.getElementById('picker').request = { timezone: 'Mars/Base', event: { duration: 30 }, members: [{ id: 'a', timezone: 'UTC' }] };
        return null;
      } catch (e) {
        return { name: e.name, code: e.code, path: e.path, message: e.message };
      }
    });
    assert.equal(thrown.name, 'BookableError');
    assert.equal(thrown.code, 'invalid_timezone');
    assert.equal(thrown.path, 'timezone');
    assert.match(thrown.message, /Mars\/Base/);
    assert.equal(await picker.locator('.slot-list button[data-start]').count(), 1, 'the calendar still shows the last good request');
    assert.equal(await picker.locator('.error').isVisible(), false);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('a member named <img src=x onerror=alert(1)> shows as text and runs nothing', async () => {
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/xss.json', { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const evil = '<img src=x onerror=alert(1)>';
    assert.equal(await picker.locator('.title').textContent(), evil);
    assert.equal(await picker.locator('.description').textContent(), '<script>alert(2)</script><b>not bold</b>');
    const hosts = await picker.locator('.slot-list .host').allTextContents();
    assert.ok(hosts.length > 0);
    for (const h of hosts) assert.equal(h, `with ${evil}`);
    await picker.locator('.slot-list button[data-start]').first().click();
    assert.equal(await picker.locator('.confirm-step .hosts').textContent(), `with ${evil}`);
    await picker.locator('button.confirm').click();
    const [event] = await page.evaluate(() => window.__events);
    assert.deepEqual(event.detail.hosts, [evil]);
    await page.waitForTimeout(500);
    const markup = await page.evaluate(() => {
      const root = document.querySelector('bookable-picker').shadowRoot;
      return { img: root.querySelectorAll('img').length, script: root.querySelectorAll('script').length, b: root.querySelectorAll('b').length };
    });
    assert.deepEqual(markup, { img: 0, script: 0, b: 0 });
    assert.deepEqual(problems.dialogs, [], 'no alert ran');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('month navigation stays within the bookable months', async () => {
  const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('button.prev').isDisabled(), true, 'no month before now');
    await picker.locator('button.next').click();
    assert.equal(await picker.locator('.month').textContent(), 'April 2026');
    assert.equal(await picker.locator('button.next').isDisabled(), true, 'dateRange ends on April 3');
    const bookable = await picker.locator('td[data-date]:not([aria-disabled="true"])').evaluateAll((cs) => cs.map((c) => c.dataset.date));
    assert.deepEqual(bookable, ['2026-04-01', '2026-04-02', '2026-04-03']);
    // a month opened shows its first free day's times
    assert.equal(await picker.locator('td[aria-selected="true"]').getAttribute('data-date'), '2026-04-01');
    assert.equal(await picker.locator('.slots-heading').textContent(), 'Available times on Wednesday, April 1');
    await picker.locator('button.prev').click();
    assert.equal(await picker.locator('.month').textContent(), 'March 2026');
  } finally {
    await context.close();
  }
});

test('the embed snippet works on another site, under that site’s own strict CSP', async () => {
  const origin = new URL(BASE_URL).origin;
  // The shop page comes from the test (page.route), so Chrome counts it as a public site, and its
  // Local Network Access rules would stop it loading from 127.0.0.1; a real site loading the
  // element from a public host never meets them. This browser turns those checks off.
  const remote = await launch({ args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
  const context = await remote.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // a shop on another origin with its own strict CSP: the README snippet and nothing else
    await page.route('http://shop.example/**', (route) => route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: {
        'Content-Security-Policy': `default-src 'none'; script-src ${origin} 'wasm-unsafe-eval'; style-src ${origin}; connect-src ${origin}`,
      },
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script type="module" src="${origin}/bookable-picker.js"></script></head>
<body><main><h1>Book a fitting</h1>
<bookable-picker src="${origin}/fixtures/dst-spring.json" locale="en-US"></bookable-picker>
</main></body></html>`,
    }));
    await page.addInitScript(() => {
      window.__events = [];
      document.addEventListener('bookable:select', (e) => window.__events.push(e.detail));
    });
    await page.goto('http://shop.example/book');
    const picker = await waitForSlots(page);
    const first = picker.locator('.slot-list button[data-start]').first();
    assert.equal(await first.getAttribute('data-start'), '2026-03-23T08:00:00Z');
    assert.equal(await first.locator('.time').textContent(), '4:00 AM');
    await first.click();
    await picker.locator('button.confirm').click();
    assert.deepEqual(await page.evaluate(() => window.__events), [
      { start: '2026-03-23T08:00:00Z', end: '2026-03-23T09:00:00Z', hosts: ['camille'], names: ['Camille Martin'], title: 'DST spring fixture', duration: 60, timezone: 'America/New_York', localStart: '2026-03-23T04:00', localEnd: '2026-03-23T05:00' },
    ]);
    assert.equal(await picker.locator('.card').evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid', 'the element’s stylesheet loaded');
    assert.deepEqual(errors, []);
  } finally {
    await remote.close();
  }
});
