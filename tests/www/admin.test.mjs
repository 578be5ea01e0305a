// The team's app (/admin/, issue 20) in a real browser against bookable-server: signing in and
// out, the members list with the statuses the API gives (asked again at the first `until`),
// creating a member and a page in the UI and the page's preview agreeing with the engine on the
// page's public answer, a host cancelling and rescheduling, a member token kept to its own
// member, the server's errors at their fields, the keyboard, axe in light and dark, and
// screenshots of every screen (desktop and phone, light and dark, one right-to-left).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, DESKTOP, PHONE, REPO, launch, openPage, axeViolations } from './helpers.mjs';

const { BASE_URL } = process.env;
const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN;
const engine = await import(pathToFileURL(join(process.env.PKG_DIR || join(REPO, 'pkg'), 'node.js')).href);
const RUN = Math.random().toString(36).slice(2, 7); // ids of this run

async function call(method, path, body, token = TOKEN) {
  const res = await fetch(new URL(path, BASE_URL), {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
const every = (span) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [span]]));

/** The starts a page offers at `now`, by the engine in Node on the page's public answer. */
async function offered(pageId, now = new Date().toISOString()) {
  const res = await fetch(new URL(`/api/pages/${pageId}`, BASE_URL));
  assert.equal(res.status, 200);
  return engine.computeSlots({ ...(await res.json()).request, now }).slots.map((s) => s.start);
}

async function signIn(page, token = TOKEN) {
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#nav').waitFor({ state: 'visible' });
}

/** Opens `path` in the app signed in (the token goes in through the sign-in form). */
async function openApp(browser, path, options = {}) {
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
const clean = (problems, refused = []) => {
  assert.deepEqual(problems.errors, []);
  const expected = (m) => refused.some((s) => m === `Failed to load resource: the server responded with a status of ${s} (${{ 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' }[s]})`);
  assert.deepEqual(problems.console.filter((m) => !expected(m)), []);
  assert.deepEqual(problems.dialogs, []);
};

// a host who works around the clock and its page, for the bookings tests
const HOST = `adm-host-${RUN}`;
const PAGE = `adm-call-${RUN}`;
let browser;
before(async () => {
  browser = await launch();
  assert.equal((await call('PUT', `/api/admin/members/${HOST}`, { name: 'Hana Host', timezone: 'UTC', weekly: every(['00:00', '24:00']) })).status, 200);
  assert.equal((await call('PUT', `/api/admin/pages/${PAGE}`, { title: 'Admin call', timezone: 'UTC', event: { duration: 30, step: 30 }, members: [{ id: HOST }] })).status, 200);
});
after(async () => {
  await browser?.close();
});

test('signing in asks the server who the token is; a wrong token is refused at its field; signing out forgets the token', async () => {
  const { context, page, problems } = await openPage(browser, '/admin/');
  try {
    await page.locator('h1', { hasText: 'Sign in' }).waitFor();
    await page.locator('#token').fill('bk_not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#token[aria-invalid="true"]').waitFor();
    assert.match(await page.locator('#token-error').textContent(), /not valid/);
    problems.console = problems.console.filter((m) => !/status of 401/.test(m)); // that refusal
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await signIn(page);
    await page.locator('h1', { hasText: 'Members' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus on the heading');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('bookable-admin-token')), TOKEN);
    // a reload keeps the session (sessionStorage)
    await page.reload();
    await page.locator('h1', { hasText: 'Members' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('h1', { hasText: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    // the CSP was kept: no violation, no inline script or style
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    clean(problems);
  } finally {
    await context.close();
  }
});

test('the members list shows each status and today\'s hours as the API gives them, and asks again at the first `until`', async () => {
  const { context, page, problems } = await openPage(browser, '/admin/', { before: (p) => p.clock.install() });
  try {
    await signIn(page);
    await page.locator('tr[data-member="camille"]').waitFor();
    const { body } = await call('GET', '/api/admin/members');
    for (const m of body.members) {
      const status = await page.locator(`tr[data-member="${m.id}"] [data-status]`).getAttribute('data-status');
      assert.equal(status, m.status.status, m.id);
      const text = await page.locator(`tr[data-member="${m.id}"] [data-status]`).textContent();
      assert.match(text, m.status.status === 'available' ? /^Available/ : /^Away/);
      if (m.status.until) assert.match(text, /until /);
      const hours = (await page.locator(`tr[data-member="${m.id}"] td`).nth(2).textContent()).trim();
      assert.equal(hours === '—', m.status.hoursToday.length === 0, `${m.id}: ${hours}`);
      if (m.status.hoursToday.length) assert.equal(hours.split(', ').length, m.status.hoursToday.length, `${m.id}: ${hours}`);
    }
    // a host working around the clock works all day today; the inbox team's table is a link away
    assert.equal((await page.locator(`tr[data-member="${HOST}"] td`).nth(2).textContent()).trim(), 'all day');
    assert.equal(await page.getByRole('link', { name: /^support \(3 members\)$/ }).getAttribute('href'), '/admin/teams/support');
    // the first automatic change to come: the list is asked for again then, not before
    const until = Math.min(...body.members.map((m) => (m.status.until ? Date.parse(m.status.until) : Infinity)));
    assert.ok(Number.isFinite(until));
    let asked = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/admin/members') asked++;
    });
    const wait = until - (await page.evaluate(() => Date.now()));
    if (wait > 5000) {
      await page.clock.runFor(wait - 3000);
      assert.equal(asked, 0, 'not asked before the boundary');
    }
    const again = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/admin/members');
    await page.clock.runFor(Math.min(wait, 3000) + 1000);
    await again;
    clean(problems);
  } finally {
    await context.close();
  }
});

test('the owner creates a member and a page in the UI; errors land at their fields; the preview is the engine on the public answer', async () => {
  const { context, page, problems } = await openApp(browser, '/admin/');
  const member = `zoe-${RUN}`;
  const pageId = `zoe-call-${RUN}`;
  try {
    // a bad zone: the server's error at the zone field
    await page.getByLabel('Id', { exact: true }).fill(member);
    await page.getByLabel('Name', { exact: true }).fill('Zoë Quist');
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Add member' }).click();
    const zone = page.getByLabel('Time zone');
    await page.locator('input[data-path="timezone"][aria-invalid="true"]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'timezone');
    const described = await zone.getAttribute('aria-describedby');
    assert.match(await page.locator(`#${described.split(' ').pop()}`).textContent(), /zone/i);
    assert.equal((await call('GET', `/api/admin/members/${member}`)).status, 404, 'nothing written');
    await zone.fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.locator(`tr[data-member="${member}"]`).waitFor();
    const made = await call('GET', `/api/admin/members/${member}`);
    assert.deepEqual([made.body.member.name, made.body.member.timezone], ['Zoë Quist', 'Europe/Berlin']);

    // a page: a duration of 0 is refused at the duration field
    await page.getByRole('link', { name: 'Pages' }).click();
    await page.locator('h1', { hasText: 'Pages' }).waitFor();
    await page.getByLabel('Page id').fill(pageId);
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.locator('h1', { hasText: `New page ${pageId}` }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/admin/pages/${pageId}`);
    await page.getByLabel('Title').fill('Zoë and Camille');
    await page.getByLabel('Time zone').fill('Europe/Paris');
    await page.getByLabel('Duration (minutes)').fill('0');
    await page.getByLabel('Step between starts (minutes)').fill('15');
    await page.getByLabel('Mode').selectOption('roundRobin');
    await page.locator('tr[data-member="camille"] input[type=checkbox]').first().check();
    await page.locator(`tr[data-member="${member}"] input[type=checkbox]`).first().check();
    await page.getByLabel('Minutes before the start').fill('1440, 60');
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.locator('input[data-path="event.duration"][aria-invalid="true"]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'event.duration');
    assert.equal((await call('GET', `/api/admin/pages/${pageId}`)).status, 404, 'nothing written');
    // a weight of 0 is refused at that member's weight
    await page.getByLabel('Duration (minutes)').fill('45');
    await page.locator(`tr[data-member="${member}"] input[inputmode="decimal"]`).fill('0');
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.locator(`tr[data-member="${member}"] input[aria-invalid="true"]`).waitFor();
    assert.equal(await page.locator(`tr[data-member="${member}"] input[aria-invalid="true"]`).getAttribute('data-path'), 'members[1].weight');
    assert.equal(await page.locator('input[data-path="event.duration"]').getAttribute('aria-invalid'), null, 'the fixed field is clear');
    await page.locator(`tr[data-member="${member}"] input[inputmode="decimal"]`).fill('2');
    await page.getByRole('button', { name: 'Create page' }).click();
    await page.locator('.preview ol.slots li').first().waitFor();
    const stored = (await call('GET', `/api/admin/pages/${pageId}`)).body.page;
    assert.deepEqual(
      [stored.title, stored.timezone, stored.event, stored.team.mode, stored.members, stored.reminders],
      ['Zoë and Camille', 'Europe/Paris', { duration: 45, step: 15 }, 'roundRobin', [{ id: 'camille' }, { id: member, weight: 2 }], [1440, 60]],
    );
    // the preview: the first starts the engine offers on the public answer at the preview's now
    const now = await page.locator('.preview ol.slots').getAttribute('data-now');
    const shown = await page.locator('.preview ol.slots li').evaluateAll((lis) => lis.map((li) => li.dataset.start));
    assert.deepEqual(shown, (await offered(pageId, now)).slice(0, shown.length));
    assert.equal(shown.length, 8);

    // deleting a member a page lists is refused with the server's 409
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('button', { name: 'Delete Zoë Quist' }).click();
    await page.getByRole('button', { name: 'Delete Zoë Quist' }).click();
    await page.locator('[role=alert]:not([hidden])').waitFor();
    assert.match(await page.locator('[role=alert]:not([hidden])').textContent(), /Zoë Quist was not deleted/);
    assert.equal((await call('GET', `/api/admin/members/${member}`)).status, 200);
    clean(problems, [400, 404, 409]);
  } finally {
    await context.close();
  }
});

test('a host cancels a booking with a reason and reschedules another to a start the page offers', async () => {
  const starts = await offered(PAGE);
  const ids = [];
  for (const [i, start] of starts.slice(3, 5).entries()) {
    const res = await fetch(new URL(`/api/pages/${PAGE}/bookings`, BASE_URL), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ start, attendee: { name: `Visitor ${i}`, email: `v${i}@example.com` } }) });
    assert.equal(res.status, 201);
    ids.push((await res.json()).booking.id);
  }
  const { context, page, problems } = await openApp(browser, `/admin/bookings?page=${PAGE}`);
  try {
    await page.locator(`[data-booking="${ids[1]}"]`).waitFor();
    assert.equal(await page.getByLabel('Page').inputValue(), PAGE);
    assert.equal(await page.locator('.booking').count(), 2);
    // cancel the first
    await page.locator(`[data-booking="${ids[0]}"]`).getByRole('button', { name: /^Cancel the booking/ }).click();
    await page.locator(`[data-booking="${ids[0]}"] textarea`).fill('The host is ill');
    await page.locator(`[data-booking="${ids[0]}"]`).getByRole('button', { name: 'Cancel booking' }).click();
    await page.locator(`[data-booking="${ids[0]}"].cancelled`).waitFor();
    const cancelled = (await call('GET', `/api/admin/bookings/${ids[0]}`)).body.booking;
    assert.deepEqual([cancelled.status, cancelled.reason], ['cancelled', 'The host is ill']);
    assert.match(await page.locator('#announce').textContent(), /cancelled/);
    // move the second to another offered start
    await page.locator(`[data-booking="${ids[1]}"]`).getByRole('button', { name: /^Reschedule the booking/ }).click();
    const choice = page.locator(`[data-booking="${ids[1]}"] select`);
    await choice.waitFor();
    const options = await choice.locator('option').evaluateAll((os) => os.map((o) => o.value));
    const now = await offered(PAGE);
    assert.ok(options.every((o) => now.includes(o) || Date.parse(o) < Date.now() + 60000), 'every option is offered');
    const target = options[10];
    await choice.selectOption(target);
    await page.locator(`[data-booking="${ids[1]}"]`).getByRole('button', { name: 'Move booking' }).click();
    await page.waitForFunction(() => /moved/.test(document.getElementById('announce').textContent));
    const moved = (await call('GET', `/api/admin/bookings/${ids[1]}`)).body.booking;
    assert.deepEqual([moved.status, moved.start, moved.sequence], ['confirmed', target, 1]);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.booking), ids[1], 'focus stays on the booking');
    clean(problems);
  } finally {
    await context.close();
  }
});

test('a member token sees its own member only: the app offers nothing else and the server refuses the rest', async () => {
  const made = await call('POST', '/api/admin/tokens', { role: 'member', member: HOST });
  assert.equal(made.status, 201);
  const token = made.body.token;
  const { context, page, problems } = await openPage(browser, '/admin/');
  try {
    await signIn(page, token);
    await page.waitForURL(`**/admin/members/${HOST}`);
    assert.equal(await page.locator('#who').textContent(), `Member ${HOST}`);
    const links = await page.locator('#nav li:not([hidden]) a').evaluateAll((as) => as.map((a) => a.textContent));
    assert.deepEqual(links, ['My member', 'Bookings']);
    // another member's address: not shown, and the server refuses it too
    await page.evaluate(() => {
      history.pushState(null, '', '/admin/members/camille');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.locator('h1', { hasText: 'Not for this token' }).waitFor();
    assert.doesNotMatch(await page.locator('main').textContent(), /Camille/);
    assert.equal((await call('GET', '/api/admin/members/camille', null, token)).status, 403);
    for (const path of ['/admin/pages', `/admin/pages/${PAGE}`]) {
      await page.evaluate((p) => {
        history.pushState(null, '', p);
        dispatchEvent(new PopStateEvent('popstate'));
      }, path);
      await page.locator('h1', { hasText: 'Not for this token' }).waitFor();
    }
    // its bookings: no member filter, nobody else's bookings, no other member's name
    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.locator('h1', { hasText: 'Bookings' }).waitFor();
    await page.locator('p[role=status]', { hasText: /booking/ }).waitFor();
    assert.equal(await page.getByLabel('Member').count(), 0);
    const hosts = await page.locator('.booking').evaluateAll((els) => els.map((e) => e.textContent));
    assert.ok(hosts.every((t) => t.includes('with Hana Host')), hosts.join('\n'));
    assert.doesNotMatch(await page.locator('main').textContent(), /Camille|Jordan|Priya/);
    // the member screen (member.js) is another module's; where it is missing, its load fails
    clean(problems, [404]);
  } finally {
    await context.close();
    await call('DELETE', `/api/admin/tokens/${made.body.id}`);
  }
});

test('keyboard: sign in, move between screens, open and close a booking\'s cancel form without a pointer', async () => {
  const { context, page, problems } = await openPage(browser, '/admin/');
  try {
    await page.locator('#token').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Sign in', 'focus on the heading');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'token');
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Members' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Members');
    // from the heading, Tab backwards reaches the nav; forwards the first member link
    await page.locator('#nav a', { hasText: 'Bookings' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Bookings' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Bookings', 'focus moves to the new heading');
    assert.equal(await page.locator('#nav a[aria-current=page]').textContent(), 'Bookings');
    await page.getByLabel('Page').selectOption(PAGE);
    await page.getByRole('button', { name: 'Show' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.booking.confirmed').first().waitFor();
    const cancel = page.locator('.booking.confirmed').first().getByRole('button', { name: /^Cancel the booking/ });
    await cancel.focus();
    await page.keyboard.press('Enter');
    assert.equal(await cancel.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA', 'focus in the reason');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep it');
    await page.keyboard.press('Enter');
    assert.equal(await cancel.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'false', 'focus back on the button');
    // Back returns to the members list
    await page.goBack();
    await page.locator('h1', { hasText: 'Members' }).waitFor();
    clean(problems);
  } finally {
    await context.close();
  }
});

const SCREENS = [
  ['sign-in', null],
  ['members', '/admin/'],
  ['pages', '/admin/pages'],
  ['page', '/admin/pages/single'],
  ['bookings', `/admin/bookings?page=${PAGE}`],
];

async function ready(page, name) {
  if (name === 'members') await page.locator('tr[data-member]').first().waitFor();
  if (name === 'pages') await page.locator('tr[data-page]').first().waitFor();
  if (name === 'page') await page.locator('.preview ol.slots li, .preview p[data-now]').first().waitFor();
  if (name === 'bookings') await page.locator('p[role=status]', { hasText: /booking/ }).waitFor();
}

/** Goes to `path` inside the app (as a link would) and waits for its screen. */
async function go(page, name, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.locator('main h1').waitFor();
  await ready(page, name);
}

/** Each screen in one context (the sign-in screen first): `fn(page, name)` at each. */
async function everyScreen(options, fn) {
  const { context, page, problems } = await openPage(browser, '/admin/', options);
  try {
    await page.locator('#token').waitFor();
    await fn(page, 'sign-in');
    await signIn(page);
    for (const [name, path] of SCREENS.slice(1)) {
      await go(page, name, path);
      await fn(page, name);
    }
    clean(problems);
  } finally {
    await context.close();
  }
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations on any screen (${scheme})`, async () => {
    await everyScreen({ colorScheme: scheme, bypassCSP: true }, async (page, name) => {
      if (name === 'bookings') await page.locator('.booking.confirmed').first().getByRole('button', { name: /^Cancel the booking/ }).click();
      if (name === 'sign-in') {
        await page.getByRole('button', { name: 'Sign in' }).click(); // the empty token's error shown
        await page.locator('#token[aria-invalid="true"]').waitFor();
      }
      assert.deepEqual(await axeViolations(page), [], `${name} (${scheme})`);
    });
  });
}

test('screenshots of every screen: desktop and phone, light and dark, and right-to-left', async () => {
  const runs = [];
  for (const scheme of ['light', 'dark']) {
    runs.push({ suffix: `desktop${scheme === 'dark' ? '-dark' : ''}`, colorScheme: scheme, viewport: DESKTOP });
    runs.push({ suffix: `phone${scheme === 'dark' ? '-dark' : ''}`, colorScheme: scheme, viewport: PHONE, phone: true });
  }
  runs.push({ suffix: 'desktop-ar-EG', colorScheme: 'light', viewport: DESKTOP, locale: 'ar-EG', timezoneId: 'Africa/Cairo' });
  for (const run of runs) {
    await everyScreen(run, async (page, name) => {
      if (run.locale === 'ar-EG') {
        assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
        // the interface is English: its dates and times too, never Arabic digits among English words
        assert.doesNotMatch(await page.locator('main').textContent(), /[\u0660-\u0669]/, name);
      }
      const [width, wide] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.scroll')).slice(0, 3).map((e) => e.outerHTML.slice(0, 80)),
      ]);
      assert.ok(width <= run.viewport.width, `${name} ${run.suffix}: no sideways scrolling (${width}px: ${wide.join(' | ')})`);
      await page.screenshot({ path: join(ARTIFACTS, `admin-${name}-${run.suffix}.png`), fullPage: true });
    });
  }
});
