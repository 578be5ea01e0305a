// The day's times say when they scroll (issue 20): with more times than the list shows, a fade
// with an arrow at its lower edge; scrolled to the end, or with a list that fits, none. Desktop
// and phone, on the demo server's /p/{page}; the arrow scrolls the list down. Screenshots in
// artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, PHONE, axeViolations, launch, openPage, waitForSlots } from './helpers.mjs';

const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN;
const RUN = Date.now().toString(36);
const call = async (method, path, body) => {
  const res = await fetch(new URL(path, BASE_URL), {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};
const every = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));

let browser;
before(async () => {
  assert.ok(TOKEN, 'run.sh exports the owner token');
  const pages = {
    // 96 times a day: always more than the list shows
    [`many-${RUN}`]: { weekly: every([['00:00', '24:00']]), event: { duration: 15, step: 15 } },
    // two times a day: the list fits
    [`few-${RUN}`]: { weekly: every([['09:00', '10:00']]), event: { duration: 30 } },
  };
  for (const [id, { weekly, event }] of Object.entries(pages)) {
    assert.equal((await call('PUT', `/api/admin/members/host-${id}`, { name: 'Sam Host', timezone: 'UTC', weekly })).status, 200);
    const put = await call('PUT', `/api/admin/pages/${id}`, { title: `Times ${id}`, timezone: 'UTC', event, members: [{ id: `host-${id}` }] });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }
  browser = await launch();
});
after(() => browser?.close());

/** Opens the page and chooses its second day with times (a whole day: today may be nearly over). */
async function dayOf(id, options) {
  const opened = await openPage(browser, `/p/${id}`, { timezoneId: 'UTC', ...options });
  const picker = await waitForSlots(opened.page);
  await picker.locator('td[data-date]:not([aria-disabled="true"])').nth(1).click();
  await picker.locator('.slot-list button[data-start]').first().waitFor();
  return { ...opened, picker };
}

const overflows = (picker) => picker.locator('.slot-list').evaluate((el) => el.scrollHeight > el.clientHeight + 1);

for (const [name, options] of [['desktop', {}], ['phone', { viewport: PHONE, phone: true, colorScheme: 'dark' }]]) {
  test(`${name}: a list with more times than it shows has the cue until it is scrolled to the end`, async () => {
    const { context, page, picker, problems } = await dayOf(`many-${RUN}`, options);
    try {
      assert.equal(await overflows(picker), true, 'the list overflows');
      const cue = picker.locator('.more-times');
      await cue.waitFor({ state: 'visible' });
      assert.equal(await cue.getAttribute('aria-hidden'), 'true');
      // it sits at the list's lower edge
      const [list, box] = [await picker.locator('.slot-list').boundingBox(), await cue.boundingBox()];
      assert.ok(Math.abs(list.y + list.height - (box.y + box.height)) <= 2, `the cue at the bottom of the list: ${JSON.stringify({ list, box })}`);
      await page.screenshot({ path: join(ARTIFACTS, `times-scroll-${name}.png`), fullPage: true });
      assert.deepEqual(await axeViolations(page), []);
      // the arrow scrolls the list
      await picker.locator('.more-times svg').click();
      await page.waitForFunction((el) => el.scrollTop > 0, await picker.locator('.slot-list').elementHandle());
      // at the end: no cue
      await picker.locator('.slot-list').evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await cue.waitFor({ state: 'hidden' });
      // back up: the cue again
      await picker.locator('.slot-list').evaluate((el) => { el.scrollTop = 0; });
      await cue.waitFor({ state: 'visible' });
      assert.deepEqual([problems.errors, problems.console], [[], []]);
    } finally {
      await context.close();
    }
  });

  test(`${name}: a list that fits has no cue`, async () => {
    const { context, page, picker } = await dayOf(`few-${RUN}`, options);
    try {
      assert.equal(await picker.locator('.slot-list button[data-start]').count(), 2);
      assert.equal(await overflows(picker), false);
      // the observer has answered (a frame or two): the cue stays hidden
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 100)))));
      assert.equal(await picker.locator('.more-times').isVisible(), false);
    } finally {
      await context.close();
    }
  });
}
