// <bookable-team-status> and the screen /admin/teams/{team} (www/admin/team.js), mounted by the
// test page fixtures/team-status.html with the app shell's ctx, against bookable-server --demo:
// the table is the engine's SPEC §8 team status and agrees with the server's; going Away (by
// keyboard, with a reason) shows in the table and in GET /members/{id}/status; a manager token
// toggles a teammate, a member token is refused; "assign next" marks and increments, release
// decrements; with Playwright's fake clock the table ticks from Away to Available at the start of
// working hours without a reload, equal to the engine's answer (in Node) at that instant; axe in
// light and dark; 320 px; the ten languages; screenshots under artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, BASE_URL, DESKTOP, PHONE, REPO, axeViolations, launch, openPage, plain } from './helpers.mjs';

const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN;
const PKG = process.env.PKG_DIR || join(REPO, 'pkg');
const HOUR = 3600e3;
const DAY = 24 * HOUR;

let browser;
let engine;
before(async () => {
  assert.ok(TOKEN, 'BOOKABLE_ADMIN_TOKEN is set by run.sh');
  browser = await launch();
  engine = await import(pathToFileURL(join(PKG, 'node.js')).href);
});
after(async () => {
  await browser?.close();
});

/** The admin API as the owner (or `token`): `{ status, body }`. */
async function admin(method, path, body, token = TOKEN) {
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(new URL(`/api/admin${path}`, BASE_URL), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

async function ok(method, path, body, token) {
  const r = await admin(method, path, body, token);
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

/** A team of its own (the demo's stays as it is for the other suites). */
async function makeTeam(team, members, assignment = 'leastLoaded') {
  for (const [id, body] of Object.entries(members)) await ok('PUT', `/members/${id}`, body);
  await ok('PUT', `/teams/${team}`, { members: Object.keys(members), assignment });
}

const url = (team, { token = TOKEN, role = 'owner', lang } = {}) =>
  `/fixtures/team-status.html?team=${team}&role=${role}${lang ? `&lang=${lang}` : ''}#${token}`;

/** Opens the screen and waits for the table's rows. */
async function openTable(team, options = {}, pageOptions = {}) {
  const opened = await openPage(browser, url(team, options), pageOptions);
  await opened.page.locator('bookable-team-status tbody tr').first().waitFor({ timeout: 20000 });
  return opened;
}

/** The table's rows as text: { id → { status, source, reason, until, hours, assigned, next } }. */
const rows = (page) => page.locator('bookable-team-status').evaluate((el) => {
  const out = {};
  for (const tr of el.shadowRoot.querySelectorAll('tbody tr')) {
    const cell = (c) => tr.querySelector(`.${c}`).textContent;
    out[tr.dataset.member] = {
      status: tr.dataset.status,
      statusText: tr.querySelector('[part~="status"]').textContent,
      source: cell('source'), reason: cell('reason'), until: tr.querySelector('.until time')?.getAttribute('datetime') ?? null,
      assigned: cell('assigned'), next: Boolean(tr.querySelector('[part="next-badge"]')),
    };
  }
  return out;
});
const elementStatus = (page) => page.locator('bookable-team-status').evaluate((el) => el.status);
const live = (page) => page.locator('bookable-team-status').evaluate((el) => el.shadowRoot.querySelector('[role="status"]').textContent.trim());
/** The §8 fields of a status answer (the server adds id, name, capacity, manual, lastAssignedAt). */
const spec = ({ status, source, reason, until, eligible, hoursToday }) => ({ status, source, reason, until, eligible, hoursToday });

test('the demo team: the table is the engine’s status now and agrees with the server’s', async () => {
  const { context, page, problems } = await openTable('support', {}, {
    before: (p) => p.addInitScript(() => {
      window.__changes = [];
      document.addEventListener('bookable:change', (e) => window.__changes.push(e.detail));
    }),
  });
  try {
    const server = (await ok('GET', '/teams/support/status'));
    const mine = await elementStatus(page);
    assert.deepEqual(mine.members.map((m) => m.id), ['camille', 'jordan', 'priya']);
    assert.deepEqual(mine.members.map(spec), server.members.map(spec), 'the browser engine and the server compute the same table');
    assert.equal(mine.next, server.next);
    const shown = await rows(page);
    for (const m of server.members) {
      assert.equal(shown[m.id].status, m.status);
      assert.equal(shown[m.id].statusText, m.status === 'available' ? 'Available' : 'Away');
      assert.equal(shown[m.id].source, m.source === 'manual' ? 'Manual' : 'Schedule');
      assert.equal(shown[m.id].until, m.until);
      assert.equal(shown[m.id].assigned, `${m.capacity.assigned} / ${m.capacity.max}`);
      assert.equal(shown[m.id].next, m.id === server.next);
    }
    // the table's semantics: a caption, column headers, a row header per member
    const table = page.getByRole('table', { name: /Availability: support/ });
    await table.waitFor();
    assert.equal(await table.getByRole('columnheader').count(), 8);
    assert.equal(await table.getByRole('rowheader').count(), 3);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Team support');
    // bookable:change carried the same SPEC JSON, once
    assert.deepEqual(await page.evaluate(() => window.__changes), [mine]);
    assert.deepEqual(problems, { errors: [], console: [], dialogs: [] });
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
  }
});

test('go Away by keyboard with a reason: the table and GET /members/{id}/status agree; then Available', async () => {
  await makeTeam('ts-away', {
    'ts-ana': { name: 'Ana Ruiz', timezone: 'UTC', weekly: ALWAYS, capacity: { max: 2 } },
    'ts-ben': { name: 'Ben Okafor', timezone: 'Asia/Tokyo', weekly: ALWAYS, capacity: { max: 3 } },
  });
  const { context, page, problems } = await openTable('ts-away');
  try {
    await page.evaluate(() => {
      window.__changes = [];
      document.addEventListener('bookable:change', (e) => window.__changes.push(e.detail));
    });
    const el = page.locator('bookable-team-status');
    const toggle = el.getByRole('button', { name: 'Set Away, Ana Ruiz' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const dialog = el.getByRole('dialog', { name: 'Set Ana Ruiz Away' });
    await dialog.waitFor();
    assert.equal(await el.evaluate((e) => e.shadowRoot.activeElement?.id.startsWith('away-reason')), true, 'the reason field has focus');
    await page.keyboard.type('lunch');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('bookable-team-status').shadowRoot.querySelector('tr[data-member="ts-ana"]').dataset.status === 'away');
    const api = (await ok('GET', '/members/ts-ana/status'));
    assert.equal(api.status, 'away');
    assert.equal(api.source, 'manual');
    assert.equal(api.reason, 'lunch');
    const shown = (await rows(page))['ts-ana'];
    assert.deepEqual([shown.status, shown.source, shown.reason], ['away', 'Manual', 'lunch']);
    assert.deepEqual(spec((await elementStatus(page)).members[0]), spec(api));
    assert.equal(await live(page), 'Ana Ruiz is now Away.');
    // the next conversation no longer goes to Ana; focus is back on Ana's button, now "Set Available"
    assert.equal((await elementStatus(page)).next, 'ts-ben');
    assert.equal(await el.evaluate((e) => e.shadowRoot.activeElement?.getAttribute('aria-label')), 'Set Available, Ana Ruiz');
    const changes = await page.evaluate(() => window.__changes);
    assert.equal(changes.at(-1).members[0].status, 'away');
    assert.deepEqual(changes.at(-1), await elementStatus(page), 'bookable:change carries the SPEC JSON status');

    // Escape cancels the dialog and changes nothing
    await el.getByRole('button', { name: 'Set Away, Ben Okafor' }).focus();
    await page.keyboard.press('Enter');
    await el.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await el.getByRole('dialog').waitFor({ state: 'hidden' });
    assert.equal((await ok('GET', '/members/ts-ben/status')).status, 'available');

    await el.getByRole('button', { name: 'Set Available, Ana Ruiz' }).click();
    await page.waitForFunction(() => document.querySelector('bookable-team-status').shadowRoot.querySelector('tr[data-member="ts-ana"]').dataset.status === 'available');
    const back = await ok('GET', '/members/ts-ana/status');
    assert.deepEqual([back.status, back.source, back.reason], ['available', 'manual', null]);
    assert.deepEqual(spec((await elementStatus(page)).members[0]), spec(back));
    assert.equal(await live(page), 'Ana Ruiz is now Available.');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('a manager token toggles a teammate; a member token is refused the screen', async () => {
  await makeTeam('ts-lead', {
    'ts-cho': { name: 'Cho Min', timezone: 'Asia/Seoul', weekly: ALWAYS },
    'ts-dev': { name: 'Dev Patel', timezone: 'Asia/Kolkata', weekly: ALWAYS },
  });
  const manager = (await ok('POST', '/tokens', { role: 'manager' })).token;
  const { context, page, problems } = await openTable('ts-lead', { token: manager, role: 'manager' });
  try {
    const el = page.locator('bookable-team-status');
    await el.getByRole('button', { name: 'Set Away, Dev Patel' }).click();
    await el.getByRole('button', { name: 'Set Away', exact: true }).click(); // no reason
    await page.waitForFunction(() => document.querySelector('bookable-team-status').shadowRoot.querySelector('tr[data-member="ts-dev"]').dataset.status === 'away');
    const api = await ok('GET', '/members/ts-dev/status', undefined, manager);
    assert.deepEqual([api.status, api.source, api.reason], ['away', 'manual', null]);
    assert.deepEqual(spec((await elementStatus(page)).members[1]), spec(api));
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
  const member = (await ok('POST', '/tokens', { role: 'member', member: 'ts-cho' })).token;
  assert.equal((await admin('GET', '/teams/ts-lead/status', undefined, member)).status, 403);
  const refused = await openPage(browser, url('ts-lead', { token: member, role: 'member' }));
  try {
    await refused.page.getByText('Only the owner and managers see the team’s availability.').waitFor();
    assert.equal(await refused.page.locator('bookable-team-status').count(), 0);
  } finally {
    await refused.context.close();
  }
});

test('assign next marks the next assignee and increments its count; release decrements', async () => {
  await makeTeam('ts-assign', {
    'ts-eva': { name: 'Eva Novak', timezone: 'Europe/Prague', weekly: ALWAYS, capacity: { max: 2 } },
    'ts-finn': { name: 'Finn Berg', timezone: 'Europe/Oslo', weekly: ALWAYS, capacity: { max: 4 } },
  });
  const { context, page, problems } = await openTable('ts-assign');
  try {
    const el = page.locator('bookable-team-status');
    let shown = await rows(page);
    // leastLoaded, both at 0: lastAssignedAt missing for both, then id → ts-eva
    assert.equal((await ok('GET', '/teams/ts-assign/status')).next, 'ts-eva');
    assert.deepEqual([shown['ts-eva'].next, shown['ts-finn'].next], [true, false]);
    assert.equal(await el.getByRole('button', { name: 'Release, Eva Novak' }).isDisabled(), true);
    await el.getByRole('button', { name: 'Assign next' }).click();
    await page.waitForFunction(() => /Assigned to/.test(document.querySelector('bookable-team-status').shadowRoot.querySelector('[role="status"]').textContent));
    assert.equal(await live(page), 'Assigned to Eva Novak.');
    shown = await rows(page);
    assert.equal(shown['ts-eva'].assigned, '1 / 2');
    // 1/2 against 0/4: Finn is next now, in the browser and on the server
    const server = await ok('GET', '/teams/ts-assign/status');
    assert.equal(server.next, 'ts-finn');
    assert.deepEqual([shown['ts-eva'].next, shown['ts-finn'].next], [false, true]);
    assert.deepEqual((await elementStatus(page)).members.map(spec), server.members.map(spec));
    await el.getByRole('button', { name: 'Assign next' }).click();
    await page.waitForFunction(() => document.querySelector('bookable-team-status').shadowRoot.querySelector('tr[data-member="ts-finn"] .assigned').textContent === '1 / 4');
    assert.equal(await live(page), 'Assigned to Finn Berg.');
    // 1/2 = 0.5 against 1/4: Finn again
    assert.equal((await elementStatus(page)).next, (await ok('GET', '/teams/ts-assign/status')).next);
    await el.getByRole('button', { name: 'Release, Eva Novak' }).click();
    await page.waitForFunction(() => document.querySelector('bookable-team-status').shadowRoot.querySelector('tr[data-member="ts-eva"] .assigned').textContent === '0 / 2');
    assert.equal((await ok('GET', '/members/ts-eva/status')).capacity.assigned, 0);
    assert.equal(await live(page), 'Released one conversation of Eva Novak.');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('the table ticks from Away to Available at the start of working hours, without a reload (page.clock)', async () => {
  // Gil works 09:00–17:00 in Lisbon every day; Hana 22:00–06:00 in Tokyo (a night shift)
  const days = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));
  const members = {
    'ts-gil': { name: 'Gil Sousa', timezone: 'Europe/Lisbon', weekly: days([['09:00', '17:00']]) },
    'ts-hana': { name: 'Hana Sato', timezone: 'Asia/Tokyo', weekly: days([['22:00', '06:00']]) },
  };
  await makeTeam('ts-clock', members, 'roundRobin');
  // tomorrow 09:00 in Lisbon (UTC in winter, +1 in summer: asked of the engine)
  const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  let start = Date.parse(`${tomorrow}T09:00:00Z`);
  const offset = Date.parse(`${engine.localDateTime(start, 'Europe/Lisbon')}:00Z`) - start;
  start -= offset;
  assert.equal(engine.localDateTime(start, 'Europe/Lisbon'), `${tomorrow}T09:00`);
  // the request built here from what was PUT (not from the page's reading of the API)
  const request = {
    assignment: 'roundRobin',
    members: Object.entries(members).map(([id, m]) => ({ id, timezone: m.timezone, weekly: m.weekly })),
  };
  const at = (ms) => engine.availabilityStatus({ ...request, now: new Date(ms).toISOString() });

  const { context, page, problems } = await openPage(browser, url('ts-clock'), {
    before: (p) => p.clock.install({ time: start - 60e3 }),
  });
  try {
    await page.locator('bookable-team-status tbody tr').first().waitFor({ timeout: 20000 });
    await page.evaluate(() => {
      window.__sameDocument = true;
    });
    const before = await elementStatus(page);
    const browserNow = await page.evaluate(() => Date.now());
    assert.ok(browserNow < start);
    assert.deepEqual(before, at(browserNow), 'before: the engine’s answer at the fake instant');
    assert.equal(before.members[0].status, 'away');
    assert.equal(before.members[0].until, new Date(start).toISOString().replace('.000Z', 'Z'));
    assert.equal((await rows(page))['ts-gil'].status, 'away');

    await page.clock.runFor(90e3); // past 09:00 in Lisbon
    await page.waitForFunction(() => document.querySelector('bookable-team-status').shadowRoot.querySelector('tr[data-member="ts-gil"]').dataset.status === 'available', null, { timeout: 5000 });
    const afterNow = await page.evaluate(() => Date.now());
    assert.ok(afterNow >= start);
    const after = await elementStatus(page);
    assert.deepEqual(after, at(afterNow), 'after: the engine’s answer at the fake instant');
    assert.deepEqual([after.members[0].status, after.members[0].source, after.members[0].reason], ['available', 'schedule', null]);
    const shown = (await rows(page))['ts-gil'];
    assert.deepEqual([shown.statusText, shown.source, shown.reason], ['Available', 'Schedule', '']);
    assert.equal(await live(page), 'Gil Sousa is now Available.');
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

const AXE_TEAM = {
  'ts-ida': { name: 'Ida Berg', timezone: 'Europe/Stockholm', weekly: ALWAYS, capacity: { max: 3 } },
  'ts-jon': { name: 'Jon Ek', timezone: 'America/Chicago', weekly: { mon: [['09:00', '17:00']] } },
};

test('the package’s bundle (bookable-slots/team-status) with a request property ticks at 09:00 UTC', async () => {
  const { BookableTeamStatus } = await import(pathToFileURL(join(PKG, 'bookable-team-status.js')).href);
  assert.equal(typeof BookableTeamStatus, 'function', 'imported in Node it defines nothing and throws nothing');
  const nine = Date.parse('2026-12-07T09:00:00Z'); // a Monday
  const { context, page, problems } = await openPage(browser, '/fixtures/team-status-pkg.html', { before: (p) => p.clock.install({ time: nine - 20e3 }) });
  try {
    await page.locator('bookable-team-status tbody tr').first().waitFor({ timeout: 20000 });
    const request = await page.locator('bookable-team-status').evaluate((el) => el.request);
    const first = await elementStatus(page);
    assert.equal(first.members[0].status, 'away');
    assert.deepEqual(first.members[1], { ...engine.availabilityStatus({ ...request, now: '2026-12-07T08:59:50Z' }).members[1] });
    assert.equal(first.members[1].reason, 'training');
    assert.equal(await page.locator('bookable-team-status').getByRole('button').count(), 0, 'no actions without the API');
    await page.clock.runFor(30e3);
    await page.waitForFunction(() => document.querySelector('bookable-team-status').status.members[0].status === 'available', null, { timeout: 5000 });
    const now = await page.evaluate(() => Date.now());
    assert.deepEqual(await elementStatus(page), engine.availabilityStatus({ ...request, now: new Date(now).toISOString() }));
    assert.equal(await live(page), 'Ana is now Available.');
    const changes = await page.evaluate(() => window.__changes);
    assert.deepEqual(changes.map((c) => [c.members[0].status, c.next]), [['away', null], ['available', 'ana']]);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
  }
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds nothing on the table and the Away dialog (${scheme})`, async () => {
    await makeTeam('ts-axe', AXE_TEAM);
    const { context, page, problems } = await openTable('ts-axe', {}, { colorScheme: scheme });
    try {
      assert.deepEqual(await axeViolations(page), []);
      const el = page.locator('bookable-team-status');
      await el.getByRole('button', { name: /^Set Away/ }).first().click();
      await el.getByRole('dialog').waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await page.keyboard.press('Escape');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('320 px wide: no sideways scrolling; the rows stack with their labels', async () => {
  const { context, page, problems } = await openTable('support', {}, { viewport: { width: 320, height: 700 }, phone: true });
  try {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320));
    const table = page.getByRole('table');
    assert.equal(await table.getByRole('rowheader').count(), 3, 'still a table with row headers');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('every language has every English text; Arabic lays out right to left', async () => {
  const dir = join(REPO, 'www', 'team-status', 'i18n');
  const { english } = await import(pathToFileURL(join(REPO, 'www', 'team-status', 'text.js')).href);
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  assert.equal(files.length, 9);
  for (const f of files) {
    const table = (await import(pathToFileURL(join(dir, f)).href)).default;
    assert.deepEqual(Object.keys(table), Object.keys(english), f);
    for (const [k, v] of Object.entries(english)) {
      const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(holes(table[k]), holes(v), `${f}: ${k}`);
    }
  }
  const { context, page, problems } = await openTable('support', { lang: 'ar' }, { locale: 'ar-EG', timezoneId: 'Africa/Cairo' });
  try {
    const card = page.locator('bookable-team-status [part="card"]');
    assert.equal(await card.getAttribute('dir'), 'rtl');
    assert.match(plain(await page.locator('bookable-team-status caption').textContent()), /^التوفّر: support/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'الفريق support');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('screenshots: desktop and phone, light and dark, Arabic', async () => {
  const shots = [
    ['desktop', DESKTOP, 'light', null], ['desktop', DESKTOP, 'dark', null],
    ['phone', PHONE, 'light', null], ['phone', PHONE, 'dark', null],
    ['desktop', DESKTOP, 'light', 'ar'], ['phone', PHONE, 'dark', 'ar'],
  ];
  for (const [kind, viewport, scheme, lang] of shots) {
    const { context, page, problems } = await openTable('support', { lang }, { viewport, colorScheme: scheme, phone: kind === 'phone', ...(lang ? { locale: 'ar-EG', timezoneId: 'Africa/Cairo' } : {}) });
    try {
      const file = join(ARTIFACTS, `team-status-${kind}-${lang || 'en'}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 10000);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  }
  // the Away dialog, open
  await makeTeam('ts-axe', AXE_TEAM);
  const { context, page } = await openTable('ts-axe', {}, { viewport: DESKTOP });
  try {
    await page.locator('bookable-team-status').getByRole('button', { name: /^Set Away/ }).first().click();
    await page.keyboard.type('Training');
    await page.screenshot({ path: join(ARTIFACTS, 'team-status-desktop-en-light-away-dialog.png') });
  } finally {
    await context.close();
  }
});
