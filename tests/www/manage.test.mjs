// The visitor's page for one booking, /manage/{id}#TOKEN, served by bookable-server (run.sh's):
// the booking at the engine's wall times in the visitor's zone, moved through the same picker,
// cancelled with a reason; the page's notice windows explained before the visitor acts, a closed
// window's button disabled with the reason (also when it closes while the page is open), the
// server's own refusal shown when the browser's clock is wrong; nothing shown for a wrong token.
// axe on the page; screenshots in artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, axeViolations, launch, localDate, openPage, waitForSlots } from './helpers.mjs';

const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN;
const RUN = Date.now().toString(36);
const call = async (method, path, body, token = TOKEN) => {
  const res = await fetch(new URL(path, BASE_URL), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};
const every = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));
const DAY = 86400e3;
/** Tomorrow (UTC) at `hour`:00, as the engine writes instants. */
const tomorrowAt = (hour) => new Date(Math.floor(Date.now() / DAY) * DAY + DAY + hour * 3600e3).toISOString().replace('.000Z', 'Z');

let browser;
const member = `mia-${RUN}`;
before(async () => {
  assert.ok(TOKEN, 'run.sh exports the owner token');
  assert.equal((await call('PUT', `/api/admin/members/${member}`, { name: 'Mia Host', timezone: 'UTC', weekly: every([['00:00', '24:00']]) })).status, 200);
  for (const [page, policy] of [[`open-${RUN}`, {}], [`strict-${RUN}`, { cancelNotice: 525600 }], [`hour-${RUN}`, { cancelNotice: 60, allowReschedule: false }]]) {
    const put = await call('PUT', `/api/admin/pages/${page}`, { title: `Call ${page}`, timezone: 'UTC', event: { duration: 30 }, members: [{ id: member }], policy });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }
  browser = await launch();
});
after(() => browser?.close());

async function book(page, start) {
  const res = await fetch(new URL(`/api/pages/${page}/bookings`, BASE_URL), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ start, attendee: { name: 'Vera Visitor', email: 'vera@example.com' } }),
  });
  assert.equal(res.status, 201);
  const { booking } = await res.json();
  const url = new URL(booking.manageUrl);
  return { booking, path: `${url.pathname}${url.hash}`, token: url.hash.slice(1) };
}

test('a visitor sees the booking in their zone, moves it with the picker, then cancels it with a reason', async () => {
  const { booking, path, token } = await book(`open-${RUN}`, tomorrowAt(10));
  const { context, page, problems } = await openPage(browser, path, { timezoneId: 'Asia/Tokyo' });
  try {
    await page.locator('#booking').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#title').textContent(), `Call open-${RUN}`);
    const when = await page.locator('#when').textContent();
    assert.match(when, /7:00\s?PM/, `10:00Z is 19:00 in Tokyo: ${when}`);
    assert.match(when, /Asia\/Tokyo/);
    assert.equal(await page.locator('#hosts').textContent(), 'Mia Host');
    // no notice window: until the meeting starts (19:00 in Tokyo)
    assert.match(await page.locator('#cancel-policy').textContent(), /^You can cancel it until .*7:00\s?PM \(when the meeting starts\)\.$/);
    assert.match(await page.locator('#move-policy').textContent(), /^You can move it until .*7:00\s?PM \(when the meeting starts\)\.$/);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'manage-desktop-light.png'), fullPage: true });
    // Move it: the same picker, the choice posted as a reschedule.
    await page.locator('#move').click();
    const picker = await waitForSlots(page, '#picker-slot bookable-picker');
    // its own time is not busy for it: offered again, as the server would accept it
    await picker.locator(`td[data-date="${localDate(booking.start, 'Asia/Tokyo')}"]`).click();
    await picker.locator(`.slot-list button[data-start="${booking.start}"]`).waitFor();
    const slot = picker.locator(`.slot-list button[data-start]:not([data-start="${booking.start}"])`).first();
    const start = await slot.getAttribute('data-start');
    await slot.click();
    await picker.locator('button.confirm').click();
    await page.locator('#notice', { hasText: 'moved' }).waitFor();
    const moved = await call('GET', `/api/bookings/${booking.id}`, undefined, token);
    assert.equal(moved.body.booking.start, start);
    assert.equal(moved.body.booking.sequence, 1);
    // Cancel it, with a reason.
    await page.locator('#reason').fill('A clash at work');
    await page.locator('#cancel').click();
    await page.locator('#status', { hasText: 'Cancelled' }).waitFor();
    assert.equal(await page.locator('#actions').isVisible(), false);
    const gone = await call('GET', `/api/bookings/${booking.id}`, undefined, token);
    assert.deepEqual([gone.body.booking.status, gone.body.booking.reason], ['cancelled', 'A clash at work']);
    assert.deepEqual([problems.errors, problems.console], [[], []]);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
  }
});

test('inside the notice window the page says so first and disables Cancel; the server agrees', async () => {
  const { booking, path, token } = await book(`strict-${RUN}`, tomorrowAt(11));
  const { context, page } = await openPage(browser, path, { colorScheme: 'dark', timezoneId: 'UTC' });
  try {
    await page.locator('#booking').waitFor({ state: 'visible' });
    // a year's notice: closed before the page opened; moving has no window
    const closed = await page.locator('#cancel-policy').textContent();
    assert.match(closed, /^You could cancel it until .* \(365 days before the start\); write to your host\.$/);
    assert.equal(await page.locator('#cancel').isDisabled(), true);
    assert.equal(await page.locator('#reason').isDisabled(), true);
    assert.equal(await page.locator('#cancel').getAttribute('aria-describedby'), 'cancel-policy');
    assert.equal(await page.locator('#move').isDisabled(), false);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'manage-window-closed-dark.png'), fullPage: true });
  } finally {
    await context.close();
  }
  // a browser whose clock is a year slow offers Cancel: the server still refuses, in its words
  const slow = await openPage(browser, path, { colorScheme: 'dark', before: (p) => p.clock.install({ time: Date.now() - 400 * 86400e3 }) });
  try {
    const page = slow.page;
    await page.locator('#booking').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#cancel').isDisabled(), false);
    await page.locator('#cancel').click();
    await page.locator('#problem').waitFor({ state: 'visible' });
    assert.match(await page.locator('#problem').textContent(), /closes 525600 minutes before the start/);
    assert.equal(await page.locator('#status').textContent(), 'Confirmed');
    assert.equal((await call('GET', `/api/bookings/${booking.id}`, undefined, token)).body.booking.status, 'confirmed');
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'manage-refused-dark.png'), fullPage: true });
  } finally {
    await slow.context.close();
  }
});

test('a window that closes while the page is open disables its button then; a change the page does not allow is explained', async () => {
  const { path } = await book(`hour-${RUN}`, tomorrowAt(13));
  const start = Date.parse(tomorrowAt(13));
  // two minutes before Cancel closes (an hour before the start)
  const { context, page, problems } = await openPage(browser, path, { timezoneId: 'UTC', before: (p) => p.clock.install({ time: start - 62 * 60e3 }) });
  try {
    await page.locator('#booking').waitFor({ state: 'visible' });
    assert.match(await page.locator('#cancel-policy').textContent(), /^You can cancel it until .*12:00\s?PM \(1 hour before the start\)\.$/);
    assert.equal(await page.locator('#cancel').isDisabled(), false);
    assert.equal(await page.locator('#move-policy').textContent(), 'This page does not let you move it online; write to your host.');
    assert.equal(await page.locator('#move').isDisabled(), true);
    await page.clock.runFor(3 * 60e3);
    await page.locator('#cancel:disabled').waitFor();
    assert.match(await page.locator('#cancel-policy').textContent(), /^You could cancel it until .*12:00\s?PM \(1 hour before the start\); write to your host\.$/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual([problems.errors, problems.console], [[], []]);
    await page.screenshot({ path: join(ARTIFACTS, 'manage-desktop-window.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('a wrong token shows nothing of the booking', async () => {
  const { booking } = await book(`open-${RUN}`, tomorrowAt(12));
  const { context, page } = await openPage(browser, `/manage/${booking.id}#not-the-token`);
  try {
    await page.locator('#loading', { hasText: 'No booking is found' }).waitFor();
    assert.equal(await page.locator('#booking').isVisible(), false);
    assert.ok(!(await page.content()).includes('Vera'));
  } finally {
    await context.close();
  }
});

test('the booking page /p/{page} shows the page\'s slots under the strict CSP', async () => {
  const { context, page, problems } = await openPage(browser, `/p/open-${RUN}`, { timezoneId: 'UTC' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('h2, h1, .title').first().textContent(), `Call open-${RUN}`);
    assert.ok((await picker.locator('.slot-list button[data-start]').count()) > 0);
    assert.deepEqual([problems.errors, problems.console], [[], []]);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
  }
});
