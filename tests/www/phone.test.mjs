// Small screens and long text (issue 14, items 1 and 8): on a phone the times scroll into view
// after a tap and a long day scrolls inside its own box; the iframe posts its height and the
// README's snippet sizes the frame with it; at 320 px nothing overflows the card and a long host
// name stays on one line with the full name on hover (title) and on focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, CHROMIUM_ARGS, PHONE, REPO, launch, openPage, waitForSlots } from './helpers.mjs';

const LONG = '/embed.html?config=/fixtures/long-day.json';
const ANA = 'Anastasia Konstantinovna Featherstonehaugh-Wolkenstein von Hohenzollern-Sigmaringen';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Where an element of the picker is in the viewport. */
const rectOf = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, width: r.width, vh: innerHeight, vw: innerWidth, scrollY };
});

test('phone: tapping a day brings its times into view; a 26-slot day scrolls inside its own box', async () => {
  // a shop's page: an introduction, then the element; the visitor scrolls to the calendar
  const { context, page, problems } = await openPage(browser, '/fixtures/phone.html', { viewport: PHONE, phone: true });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('td[aria-selected="true"]').getAttribute('data-date'), '2026-03-02');
    await picker.locator('.grid').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const before = await rectOf(picker.locator('.slot-list button').first());
    assert.ok(before.top > PHONE.height, `the times are below the fold (y=${before.top})`);
    // 26 times on Thursday (08:00–21:00 in 30 minutes), tapped on a touch screen
    await picker.locator('td[data-date="2026-03-05"]').tap();
    await picker.locator('.slots-heading', { hasText: 'Thursday, March 5' }).waitFor();
    await page.waitForFunction(() => {
      const b = document.querySelector('bookable-picker').shadowRoot.querySelector('.slot-list button');
      const r = b.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }, null, { timeout: 5000 });
    await page.waitForTimeout(600); // the smooth scroll settles
    const heading = await rectOf(picker.locator('.slots-heading'));
    const first = await rectOf(picker.locator('.slot-list button').first());
    assert.ok(heading.top >= 0 && heading.top < PHONE.height / 2, `the times' heading is in the upper half of the screen (y=${heading.top})`);
    assert.ok(first.bottom <= PHONE.height, 'the first time is wholly visible');
    assert.ok(first.scrollY > before.scrollY + 200, 'the page scrolled to the times');
    // the list keeps its own box: 26 times do not make the page 7,500 px tall
    const list = await picker.locator('.slot-list').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, overflow: getComputedStyle(el).overflowY }));
    assert.equal(await picker.locator('.slot-list button').count(), 26);
    assert.ok(list.scroll > list.client * 1.5, `the list scrolls inside (${list.scroll} > ${list.client})`);
    assert.equal(list.overflow, 'auto');
    assert.ok(list.client <= PHONE.height * 0.7, `the box fits on the screen with its heading (${list.client} px)`);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(pageHeight < 1800, `the page is ${pageHeight} px tall`);
    // the last time is reached by scrolling the list
    const last = picker.locator('.slot-list button').last();
    await last.scrollIntoViewIfNeeded();
    assert.match(await last.locator('.time').textContent(), /8:30\sPM/);
    await last.tap();
    await picker.locator('.confirm-step').waitFor({ state: 'visible' });
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('phone: a keyboard pick does not scroll the calendar away from the focused day', async () => {
  const { context, page } = await openPage(browser, LONG, { viewport: PHONE });
  try {
    const picker = await waitForSlots(page);
    await picker.locator('td[data-date="2026-03-02"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await picker.locator('.slots-heading', { hasText: 'Tuesday, March 3' }).waitFor();
    await page.waitForTimeout(400);
    const cell = await rectOf(picker.locator('td[data-date="2026-03-03"]'));
    assert.ok(cell.top >= 0 && cell.bottom <= PHONE.height, 'the focused day stays on screen');
  } finally {
    await context.close();
  }
});

/** The README's iframe snippet, pointed at this server and at `shop` as the parent origin. */
function readmeSnippet(shop, config) {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
  const snippet = blocks.find((b) => b.includes('<iframe') && b.includes('bookable:resize'));
  assert.ok(snippet, 'README.md has an iframe snippet that handles bookable:resize');
  return snippet
    .replaceAll('https://booking.example.com', new URL(BASE_URL).origin)
    .replaceAll('https://www.example.com', shop)
    .replace(/config=[^&"]+/, `config=${encodeURIComponent(config)}`);
}

test('the iframe posts its height and the README snippet sizes the frame to its content', async () => {
  // The shop page comes from the test (page.route) and counts as a public site: this browser
  // turns off Chrome's Local Network Access checks, which a real public host never meets.
  const remote = await launch({ args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
  try {
    const shop = 'http://shop.example';
    const context = await remote.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${shop}/**`, (route) => route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Shop</title></head><body><main>${readmeSnippet(shop, '/fixtures/long-day.json')}</main></body></html>`,
    }));
    await page.goto(`${shop}/termin`);
    const iframe = page.locator('iframe');
    const frame = page.frameLocator('iframe');
    await frame.locator('bookable-picker .slot-list button').first().waitFor({ timeout: 20000 });
    const content = async () => {
      const f = page.frames().find((x) => x.url().includes('/embed.html'));
      return f.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    };
    // the frame takes its content's height (not the snippet's 720)
    await page.waitForFunction(() => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - 720) > 5);
    await page.waitForTimeout(300);
    const tall = await iframe.evaluate((el) => el.clientHeight);
    assert.ok(Math.abs(tall - (await content())) <= 1, `frame ${tall} px for content ${await content()} px`);
    // the confirmation is shorter: the frame shrinks with it
    await frame.locator('bookable-picker .slot-list button').first().click();
    await frame.locator('bookable-picker .confirm-step').waitFor({ state: 'visible' });
    await page.waitForFunction((h) => document.querySelector('iframe').getBoundingClientRect().height < h - 100, tall);
    await page.waitForTimeout(300);
    const short = await iframe.evaluate((el) => el.clientHeight);
    assert.ok(Math.abs(short - (await content())) <= 1, `frame ${short} px for content ${await content()} px`);
    assert.deepEqual(errors, []);
  } finally {
    await remote.close();
  }
});

test('320 px: long words wrap inside the card; a long host name truncates, in full on hover and focus', async () => {
  const { context, page, problems } = await openPage(browser, `${LONG}&timezone=Europe/Paris`, { viewport: { width: 320, height: 700 } });
  try {
    const picker = await waitForSlots(page);
    await picker.locator('td[data-date="2026-03-04"]').click(); // Wednesday: Ana and Bo
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `the page is ${width} px wide`);
    const overflow = await picker.evaluate((el) => {
      const root = el.shadowRoot;
      const card = root.querySelector('.card').getBoundingClientRect();
      const out = [];
      for (const e of root.querySelectorAll('.card *')) {
        const r = e.getBoundingClientRect();
        if (r.width && (r.right > card.right + 0.5 || r.left < card.left - 0.5)) out.push(`${e.className || e.tagName} ${r.left}..${r.right}`);
      }
      return { card: [card.left, card.right], out };
    });
    assert.ok(overflow.card[1] <= 320, `card ends at ${overflow.card[1]}`);
    assert.deepEqual(overflow.out, [], 'nothing sticks out of the card');
    const host = picker.locator('.slot-list .host', { hasText: 'Anastasia' }).first();
    const line = await host.evaluate((el) => ({ h: el.getBoundingClientRect().height, lh: parseFloat(getComputedStyle(el).lineHeight), sw: el.scrollWidth, cw: el.clientWidth, title: el.title }));
    assert.ok(line.h < line.lh * 1.5, `one line (${line.h} px)`);
    assert.ok(line.sw > line.cw, 'truncated with an ellipsis');
    assert.equal(line.title, `with ${ANA}`, 'the full name on hover');
    const slot = host.locator('xpath=..');
    const buttonHeight = (await slot.boundingBox()).height;
    assert.ok(buttonHeight < 60, `the slot is ${buttonHeight} px tall`);
    // from the day to its first time (Ana's) with the keyboard
    await picker.locator('td[data-date="2026-03-04"]').focus();
    await page.keyboard.press('Tab');
    assert.equal(await slot.evaluate((el) => el.getRootNode().activeElement === el), true);
    const focused = await host.evaluate((el) => ({ h: el.getBoundingClientRect().height, sw: el.scrollWidth, cw: el.clientWidth }));
    assert.ok(focused.h > line.h * 2 && focused.sw <= focused.cw, 'focused: the whole name shows');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
