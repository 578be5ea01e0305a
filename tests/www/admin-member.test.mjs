// The member screen of /admin/ (www/admin/member.js, issue 20), mounted by a stand-in of the app
// shell (fixtures/admin-member.js: the shell's `ctx` over fetch and a token) on a demo server of
// its own (this suite changes the demo's members): a night shift across midnight typed with the
// keyboard, saved, and the booking page /p/single offering it; a day off saved and its times gone;
// the server's and the engine's errors at their fields; Away with a reason and the status API
// agreeing; a member token that cannot open another member; axe and screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ARTIFACTS, DESKTOP, PHONE, REPO, addDays, axeViolations, launch, localDate, openPage, wallToUtc } from './helpers.mjs';

const PKG = process.env.PKG_DIR || join(REPO, 'pkg');
const SERVER = process.env.BOOKABLE_SERVER || join(REPO, 'target', 'debug', 'bookable-server');
const TOKEN = `www-member-${randomBytes(16).toString('hex')}`;
const ZONE = 'Europe/Paris';

function startServer(dir) {
  const child = spawn(SERVER, ['--demo', '--listen', '127.0.0.1:0', '--database', `sqlite:${join(dir, 'db.sqlite3')}`, '--www-dir', join(REPO, 'www'),
    '--pkg-dir', PKG, '--mount', `/fixtures=${join(REPO, 'tests/www/fixtures')}`], {
    env: { ...process.env, BOOKABLE_ADMIN_TOKEN: TOKEN, BOOKABLE_BOOKINGS_PER_MINUTE: '0', BOOKABLE_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bookable-server printed no address in 30 s:\n${output.join('\n')}`));
    }, 30_000);
    child.on('error', (e) => reject(new Error(`${SERVER}: ${e.message} (tests/www/run.sh builds it)`)));
    child.on('exit', (code) => reject(new Error(`bookable-server exited (${code}):\n${output.join('\n')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const m = /^bookable-server: listening on (http\S+\/)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ base: m[1], child });
      }
    });
  });
}

let dir;
let server;
let base;
let browser;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bookable-www-member-'));
  ({ base, child: server } = await startServer(dir));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((ok) => server.once('exit', ok));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function api(method, path, body, token = TOKEN) {
  const res = await fetch(new URL(path, base), {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

const screen = (member, { token = TOKEN, role = 'owner', self, ...options } = {}) =>
  openPage(browser, new URL(`/fixtures/admin-member.html?member=${member}&role=${role}${self ? `&self=${self}` : ''}#${token}`, base).href, { timezoneId: ZONE, viewport: DESKTOP, ...options });
const mounted = async (page) => {
  await page.locator('body[data-mounted]').waitFor({ state: 'attached' });
  const state = await page.locator('body').getAttribute('data-mounted');
  if (state !== 'true') throw new Error(`the screen did not mount: ${await page.evaluate(() => window.__mountError)}`);
  await page.locator('bookable-hours .weekday').first().waitFor();
  await page.locator('bookable-overrides .grid td[data-date]').first().waitFor();
};

/** Presses Tab until the focused element (through shadow roots) matches; at most `max` presses. */
async function tabTo(page, description, predicate, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(`(() => { let el = document.activeElement; while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement; return (${predicate})(el); })()`);
    if (hit) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

/** The booking page's slot starts on `date` (Paris), or null when the day has no times. */
async function pageSlots(date) {
  const { context, page } = await openPage(browser, new URL('/p/single', base).href, { timezoneId: ZONE, viewport: DESKTOP });
  try {
    const picker = page.locator('bookable-picker');
    await picker.locator('td[data-date]').first().waitFor();
    await picker.locator('.grid td.available').first().waitFor();
    while (!(await picker.locator(`td[data-date="${date}"]`).count())) await picker.locator('button.next').click();
    const cell = picker.locator(`td[data-date="${date}"]`);
    if ((await cell.getAttribute('aria-disabled')) === 'true') return null;
    await cell.click();
    await picker.locator('.slot-list button[data-start]').first().waitFor();
    return await picker.locator('.slot-list button[data-start]').evaluateAll((bs) => bs.map((b) => b.dataset.start));
  } finally {
    await context.close();
  }
}

// the first Saturday at least 3 days from today in Paris (the demo's time off is on day 2), and
// the Tuesday after it
const today = localDate(new Date().toISOString(), ZONE);
let saturday = addDays(today, 3);
while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
const sunday = addDays(saturday, 1);
const tuesday = addDays(saturday, 3);

test('a night shift across midnight, typed and saved with the keyboard, is offered by the booking page', async () => {
  assert.equal(await pageSlots(saturday), null, 'before: Camille does not work on Saturdays');
  const { context, page, problems } = await screen('camille');
  try {
    await mounted(page);
    await tabTo(page, "Saturday's + Add hours", `(el) => el && el.classList.contains('add') && el.closest('.weekday')?.dataset.day === 'sat'`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('22:00');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('02:00');
    assert.equal(await page.locator('bookable-hours .weekday[data-day="sat"] .next-day').isVisible(), true);
    await tabTo(page, 'Save', `(el) => el && el.type === 'submit'`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__announced.includes('Saved.'));
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
  const { json } = await api('GET', '/api/admin/members/camille');
  assert.deepEqual(json.member.weekly.sat, [['22:00', '02:00']]);
  assert.deepEqual(json.member.weekly.mon, [['09:00', '12:30'], ['13:30', '17:30']], 'the other days are kept');
  assert.equal(json.member.busy.length, 4, 'fields the screen does not edit are kept');
  // the booking page: Saturday 22:00–24:00 and Sunday 00:00–02:00, in half hours
  const sat = ['22:00', '22:30', '23:00', '23:30'].map((t) => wallToUtc(saturday, t, ZONE));
  const sun = ['00:00', '00:30', '01:00', '01:30'].map((t) => wallToUtc(sunday, t, ZONE));
  assert.deepEqual(await pageSlots(saturday), sat);
  assert.deepEqual(await pageSlots(sunday), sun);
});

test('a day off taken on the month calendar vanishes from the booking page', async () => {
  const before = await pageSlots(tuesday);
  assert.ok(before && before.length > 0, `before: ${tuesday} has times`);
  const { context, page, problems } = await screen('camille');
  try {
    await mounted(page);
    const o = page.locator('bookable-overrides');
    while (!(await o.locator(`td[data-date="${tuesday}"]`).count())) await o.locator('button.next').click();
    await o.locator(`td[data-date="${tuesday}"]`).click();
    await o.locator('.choice[data-kind="off"]').click();
    assert.match(await o.locator('.planned').textContent(), /Time off/);
    await page.locator('button[type=submit]').click();
    await page.waitForFunction(() => window.__announced.includes('Saved.'));
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
  const { json } = await api('GET', '/api/admin/members/camille');
  assert.ok(json.member.timeOff.some((x) => x.from === tuesday && x.to === tuesday), JSON.stringify(json.member.timeOff));
  assert.equal(await pageSlots(tuesday), null, 'after: the day off has no times');
  const pub = await (await fetch(new URL('/api/pages/single', base))).json();
  const off = pub.request.members[0].timeOff;
  assert.ok(off.some((x) => x.start === wallToUtc(tuesday, '00:00', ZONE)), 'the public request carries the day off as instants');
});

test('errors at their fields: the engine before saving, the server after', async () => {
  const { context, page, problems } = await screen('jordan');
  try {
    await mounted(page);
    const stored = (await api('GET', '/api/admin/members/jordan')).json.member;
    // the engine: an end of 25:00 is marked while typing, and Save sends nothing, focusing it
    const end = page.locator('bookable-hours .weekday[data-day="wed"] .end');
    await end.fill('25:00');
    assert.equal(await end.getAttribute('aria-invalid'), 'true');
    await page.locator('button[type=submit]').click();
    assert.equal(await end.evaluate((el) => el === el.getRootNode().activeElement), true, 'focus goes to the wrong field');
    assert.equal(await page.locator('#m-form-error').isVisible(), true);
    assert.equal((await api('GET', '/api/admin/members/jordan')).json.member.updatedAt, stored.updatedAt, 'nothing saved');
    await end.fill('17:00');
    // the server: an email it refuses, at the email field (§9 path `email`)
    await page.locator('#m-email').fill('not an email');
    await page.locator('button[type=submit]').click();
    await page.locator('#m-email[aria-invalid="true"]').waitFor();
    const described = await page.locator('#m-email').getAttribute('aria-describedby');
    const text = await page.locator(`#${described.split(' ')[0]}`).textContent();
    assert.ok(text.length > 5 && (await page.locator(`#${described.split(' ')[0]}`).isVisible()), `the server's message at the field: ${text}`);
    assert.equal(await page.locator('#m-email').evaluate((el) => el === document.activeElement), true);
    assert.equal((await api('GET', '/api/admin/members/jordan')).json.member.updatedAt, stored.updatedAt, 'nothing saved');
    // a calendar the server refuses (an ICS feed that is not http or https): at its URL field
    await page.locator('#m-email').fill('jordan.lee@example.com');
    await page.locator('.m-actions button', { hasText: '+ ICS URL' }).click();
    assert.equal(await page.locator('#m-cal-0-url').evaluate((el) => el === document.activeElement), true);
    await page.keyboard.type('ftp://calendar.example.com/jordan.ics');
    await page.locator('button[type=submit]').click();
    await page.locator('#m-cal-0-url[aria-invalid="true"]').waitFor();
    assert.equal(await page.locator('#m-email').getAttribute('aria-invalid'), null, 'the email mark is gone');
    assert.ok((await page.locator('#m-cal-0-url-error').textContent()).length > 5);
    assert.equal((await api('GET', '/api/admin/members/jordan')).json.member.updatedAt, stored.updatedAt, 'nothing saved');
    await page.locator('.m-calendar button', { hasText: 'Remove calendar 1' }).click();
    // fixed: saved, the mark gone
    await page.locator('button[type=submit]').click();
    await page.waitForFunction(() => window.__announced.includes('Saved.'));
    assert.equal(await page.locator('#m-email').getAttribute('aria-invalid'), null);
    assert.equal((await api('GET', '/api/admin/members/jordan')).json.member.email, 'jordan.lee@example.com');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('Away with a reason: the screen and the status API agree; a manager reads and sets the status; a member token sees only its member', async () => {
  const made = await api('POST', '/api/admin/tokens', { role: 'member', member: 'priya' });
  assert.equal(made.status, 201);
  const own = await screen('priya', { token: made.json.token, role: 'member', self: 'priya' });
  try {
    await mounted(own.page);
    await own.page.locator('#m-reason').fill('lunch');
    await own.page.locator('button[data-status="away"]').click();
    await own.page.waitForFunction(() => window.__announced.includes('Status: Away'));
    assert.equal((await own.page.locator('.m-status-line').textContent()).trim(), 'Away — lunch');
    assert.match(await own.page.locator('.m-status').textContent(), /Set by hand/);
    const s = (await api('GET', '/api/admin/members/priya/status')).json;
    assert.equal(s.status, 'away');
    assert.equal(s.source, 'manual');
    assert.equal(s.reason, 'lunch');
    // a member saves its own hours (its capacity and busy items, the team's, go back unchanged)
    await own.page.locator('bookable-hours .weekday[data-day="sun"] .add').click();
    await own.page.locator('button[type=submit]').click();
    await own.page.waitForFunction(() => window.__announced.includes('Saved.'));
    const saved = (await api('GET', '/api/admin/members/priya')).json.member;
    assert.deepEqual(saved.weekly.sun, [['09:00', '17:00']]);
    assert.deepEqual(saved.capacity, { max: 3 });
    assert.deepEqual(own.problems.errors, []);
  } finally {
    await own.context.close();
  }
  // a manager reads a member (nothing to change but the status) and sets the status
  const manager = await api('POST', '/api/admin/tokens', { role: 'manager' });
  assert.equal(manager.status, 201);
  const read = await screen('jordan', { token: manager.json.token, role: 'manager' });
  try {
    await mounted(read.page);
    assert.equal(await read.page.locator('button[type=submit]').count(), 0);
    assert.equal(await read.page.locator('bookable-hours .time').first().evaluate((el) => el.readOnly), true);
    assert.equal(await read.page.locator('bookable-hours .add').first().isDisabled(), true);
    assert.equal(await read.page.locator('bookable-overrides .choice').first().isDisabled(), true);
    await read.page.locator('button[data-status="away"]').click();
    await read.page.waitForFunction(() => window.__announced.includes('Status: Away'));
    assert.equal((await api('GET', '/api/admin/members/jordan/status')).json.status, 'away');
    assert.deepEqual(read.problems.errors, []);
  } finally {
    await read.context.close();
  }
  const other = await screen('camille', { token: made.json.token, role: 'member', self: 'priya' });
  try {
    await other.page.locator('body[data-mounted]').waitFor({ state: 'attached' });
    assert.equal(await other.page.locator('body').getAttribute('data-mounted'), 'error');
    assert.match(await other.page.evaluate(() => window.__mountError), /forbidden/);
    assert.equal(await other.page.locator('bookable-hours').count(), 0, 'nothing of Camille is shown');
  } finally {
    await other.context.close();
  }
});

for (const scheme of ['light', 'dark']) {
  test(`the member screen: axe and screenshots, ${scheme}`, async () => {
    const suffix = scheme === 'dark' ? '-dark' : '';
    for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const { context, page, problems } = await screen('camille', { viewport, colorScheme: scheme, phone: kind === 'phone' });
      try {
        await mounted(page);
        await page.locator('.m-actions button', { hasText: '+ CalDAV calendar' }).click();
        assert.deepEqual(await axeViolations(page), [], `axe (${kind}, ${scheme})`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, 'nothing wider than the screen');
        const file = join(ARTIFACTS, `admin-member-${kind}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 20000);
        assert.deepEqual(problems.errors, []);
        assert.deepEqual(await page.evaluate(() => window.__csp), []);
      } finally {
        await context.close();
      }
    }
  });
}
