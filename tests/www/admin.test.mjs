// The team's app (/admin/, issue 20) in a real browser against bookable-server: signing in and
// out, the members list with the statuses the API gives (asked again at the first `until`),
// creating a member and a page in the UI and the page's preview agreeing with the engine on the
// page's public answer, a host cancelling and rescheduling, a member token kept to its own
// member, a manager who reads and cancels, the server's errors at their fields, the keyboard.
// Axe and the screenshots: admin-screens.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './helpers.mjs';
import { RUN, TOKEN, book, call, clean, go, hostAndPage, offered, openApp, signIn } from './admin-helpers.mjs';

const HOST = `adm-host-${RUN}`;
const PAGE = `adm-call-${RUN}`;
let browser;
before(async () => {
  browser = await launch();
  await hostAndPage(HOST, PAGE);
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
    await page.waitForFunction(() => document.activeElement.tagName === 'H1' && document.activeElement.textContent === 'Members'); // focus on the heading
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
  for (const [i, start] of starts.slice(3, 5).entries()) ids.push(await book(PAGE, start, `Visitor ${i}`));
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
    // the live region is filled just after the list redraws (a screen reader hears a change)
    await page.waitForFunction(() => /cancelled/.test(document.getElementById('announce').textContent));
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
    await page.waitForFunction((id) => document.activeElement.dataset.booking === id, ids[1]); // focus stays on the booking
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
    // its own screen, whole: the hours it may edit, its status
    await page.locator('main bookable-hours').waitFor();
    assert.equal(await page.locator('main h1').first().textContent(), 'Hana Host');
    assert.equal(await page.locator('main bookable-hours').evaluate((e) => e.readOnly ?? e.hasAttribute('readonly')), false);
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
    clean(problems);
  } finally {
    await context.close();
    await call('DELETE', `/api/admin/tokens/${made.body.id}`);
  }
});

test('the owner opens a member from the list and sees its screen; signed out there, a member token starts at its own member', async () => {
  const made = await call('POST', '/api/admin/tokens', { role: 'member', member: HOST });
  assert.equal(made.status, 201);
  const { context, page, problems } = await openPage(browser, '/admin/');
  try {
    await signIn(page);
    await page.locator(`tr[data-member="${HOST}"] a`).first().click();
    await page.waitForURL(`**/admin/members/${HOST}`);
    await page.locator('main bookable-hours').waitFor();
    await page.locator('main bookable-overrides').waitFor();
    assert.equal(await page.locator('main h1').first().textContent(), 'Hana Host');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#token').waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/');
    await signIn(page, made.body.token);
    await page.waitForURL(`**/admin/members/${HOST}`);
    await page.locator('main bookable-hours').waitFor();
    clean(problems);
  } finally {
    await context.close();
    await call('DELETE', `/api/admin/tokens/${made.body.id}`);
  }
});

test('a manager reads everything, changes no member or page, and cancels a booking', async () => {
  const made = await call('POST', '/api/admin/tokens', { role: 'manager' });
  assert.equal(made.status, 201);
  const [start] = (await offered(PAGE)).slice(-1);
  const id = await book(PAGE, start, 'Manny Visitor');
  const { context, page, problems } = await openPage(browser, '/admin/');
  try {
    await signIn(page, made.body.token);
    await page.locator('tr[data-member="camille"]').waitFor();
    assert.equal(await page.locator('#who').textContent(), 'Manager');
    assert.equal(await page.getByRole('button', { name: /^Delete/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Add member' }).count(), 0);
    await go(page, 'page', `/admin/pages/${PAGE}`);
    assert.equal(await page.getByRole('button', { name: 'Save page' }).count(), 0);
    assert.ok(await page.getByLabel('Duration (minutes)').isDisabled());
    await go(page, 'bookings', `/admin/bookings?page=${PAGE}&from=${start.slice(0, 10)}&to=${start.slice(0, 10)}`);
    const row = page.locator(`[data-booking="${id}"]`);
    await row.getByRole('button', { name: /^Cancel the booking/ }).click();
    await row.getByRole('button', { name: 'Cancel booking' }).click();
    await page.locator(`[data-booking="${id}"].cancelled`).waitFor();
    assert.equal((await call('GET', `/api/admin/bookings/${id}`)).body.booking.status, 'cancelled');
    clean(problems);
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
    await page.waitForFunction(() => document.activeElement.tagName === 'H1' && document.activeElement.textContent === 'Members');
    // from the heading, Tab backwards reaches the nav; forwards the first member link
    await page.locator('#nav a', { hasText: 'Bookings' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement.tagName === 'H1' && document.activeElement.textContent === 'Bookings'); // focus moves to the new heading
    assert.equal(await page.locator('#nav a[aria-current=page]').textContent(), 'Bookings');
    await page.getByLabel('Page').selectOption(PAGE);
    await page.getByRole('button', { name: 'Show' }).focus();
    await page.keyboard.press('Enter');
    // the page's list, not the first one (CI pressed Enter on a row the page's list then replaced)
    await page.locator('.days:not([aria-busy])').waitFor();
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
    // the reschedule form: Escape closes it, focus back on its button
    const move = page.locator('.booking.confirmed').first().getByRole('button', { name: /^Reschedule the booking/ });
    await move.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement.tagName === 'SELECT');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    assert.equal(await move.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Reschedule…');
    // Back returns to the members list
    await page.goBack();
    await page.locator('h1', { hasText: 'Members' }).waitFor();
    clean(problems);
  } finally {
    await context.close();
  }
});
