// What the /admin/ suites share: the owner API from Node, the engine on a page's public answer,
// signing in through the form, moving inside the app, and the screens with what each waits for.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, openPage } from './helpers.mjs';

export const { BASE_URL } = process.env;
export const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN;
const engine = await import(pathToFileURL(join(process.env.PKG_DIR || join(REPO, 'pkg'), 'node.js')).href);
export const RUN = Math.random().toString(36).slice(2, 7); // ids of this run

export async function call(method, path, body, token = TOKEN) {
  const res = await fetch(new URL(path, BASE_URL), {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
export const every = (span) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [span]]));

/** The starts a page offers at `now`, by the engine in Node on the page's public answer. */
export async function offered(pageId, now = new Date().toISOString()) {
  const res = await fetch(new URL(`/api/pages/${pageId}`, BASE_URL));
  assert.equal(res.status, 200);
  return engine.computeSlots({ ...(await res.json()).request, now }).slots.map((s) => s.start);
}

export async function signIn(page, token = TOKEN) {
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#nav').waitFor({ state: 'visible' });
}

/** Opens `path` in the app signed in (the token goes in through the sign-in form). */
export async function openApp(browser, path, options = {}) {
  const opened = await openPage(browser, '/admin/', options);
  await signIn(opened.page, options.token);
  if (path !== '/admin/') {
    await opened.page.evaluate((p) => {
      history.pushState(null, '', p);
      dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }
  await opened.page.locator('main h1').waitFor();
  return opened;
}

/** No page error, dialog or console error but the failed loads of the statuses in `refused`. */
export const clean = (problems, refused = []) => {
  assert.deepEqual(problems.errors, []);
  const expected = (m) => refused.some((s) => m === `Failed to load resource: the server responded with a status of ${s} (${{ 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' }[s]})`);
  assert.deepEqual(problems.console.filter((m) => !expected(m)), []);
  assert.deepEqual(problems.dialogs, []);
};

// a host who works around the clock and its page, for the bookings tests
/** The app's screens: [name, address] (the bookings of `bookingsPage`). */
export const screens = (bookingsPage) => [
  ['sign-in', null],
  ['members', '/admin/'],
  ['pages', '/admin/pages'],
  ['page', '/admin/pages/single'],
  ['member', '/admin/members/camille'],
  ['bookings', `/admin/bookings?page=${bookingsPage}`],
];

export async function ready(page, name) {
  if (name === 'members') await page.locator('tr[data-member]').first().waitFor();
  if (name === 'pages') await page.locator('tr[data-page]').first().waitFor();
  if (name === 'page') await page.locator('.preview ol.slots li, .preview p[data-now]').first().waitFor();
  if (name === 'member') await page.locator('main bookable-hours').waitFor();
  if (name === 'bookings') await page.locator('p[role=status]', { hasText: /booking/ }).waitFor();
}

/** Goes to `path` inside the app (as a link would) and waits for its screen. */
export async function go(page, name, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.locator('main h1').waitFor();
  await ready(page, name);
}


/** A host working around the clock (`UTC`) and a page of 30 minutes with it alone. */
export async function hostAndPage(host, page) {
  assert.equal((await call('PUT', `/api/admin/members/${host}`, { name: 'Hana Host', timezone: 'UTC', weekly: every(['00:00', '24:00']) })).status, 200);
  assert.equal((await call('PUT', `/api/admin/pages/${page}`, { title: 'Admin call', timezone: 'UTC', event: { duration: 30, step: 30 }, members: [{ id: host }] })).status, 200);
}

/** Books `start` on `page` as a visitor: the booking's id. */
export async function book(page, start, name) {
  const res = await fetch(new URL(`/api/pages/${page}/bookings`, BASE_URL), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ start, attendee: { name, email: 'visitor@example.com' } }) });
  assert.equal(res.status, 201);
  return (await res.json()).booking.id;
}
