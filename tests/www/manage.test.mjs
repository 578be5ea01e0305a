// The visitor's page for one booking, /manage/{id}#TOKEN, served by bookable-server (run.sh's):
// the booking at the engine's wall times in the visitor's zone, moved through the same picker,
// cancelled with a reason, refused inside the page's notice window with the server's words, and
// nothing shown for a wrong token. axe on the page; a screenshot in artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, axeViolations, launch, openPage, waitForSlots } from './helpers.mjs';

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
  for (const [page, policy] of [[`open-${RUN}`, {}], [`strict-${RUN}`, { cancelNotice: 525600 }]]) {
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
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'manage-desktop-light.png'), fullPage: true });
    // Move it: the same picker, the choice posted as a reschedule.
    await page.locator('#move').click();
    const picker = await waitForSlots(page, '#picker-slot bookable-picker');
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

test('inside the notice window the refusal is the server\'s, and the booking stays', async () => {
  const { booking, path, token } = await book(`strict-${RUN}`, tomorrowAt(11));
  const { context, page } = await openPage(browser, path, { colorScheme: 'dark' });
  try {
    await page.locator('#booking').waitFor({ state: 'visible' });
    await page.locator('#cancel').click();
    await page.locator('#problem').waitFor({ state: 'visible' });
    assert.match(await page.locator('#problem').textContent(), /closes 525600 minutes before the start/);
    assert.equal(await page.locator('#status').textContent(), 'Confirmed');
    assert.equal((await call('GET', `/api/bookings/${booking.id}`, undefined, token)).body.booking.status, 'confirmed');
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'manage-refused-dark.png'), fullPage: true });
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
