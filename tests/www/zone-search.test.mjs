// The time zone picker (issue 14, item 2): search by city, country, common zone names and UTC
// offsets; each option with its current offset and local time from the engine; the visitor's
// own zone name kept (Europe/Amsterdam is not shown as Brussels); the 12 h / 24 h switch,
// remembered. Expected offsets and local times come from the engine itself (the package's Node
// build), not from Intl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, launch, openPage, waitForSlots, plain, zoneOf, chooseZone, events } from './helpers.mjs';

const SPRING = '/embed.html?config=/fixtures/dst-spring.json';
const NOW = Date.parse('2026-03-23T06:00:00Z'); // the fixture's `now`
const engine = await import(pathToFileURL(join(process.env.PKG_DIR || join(REPO, 'pkg'), 'node.js')).href);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The options the zone field lists for `query`: `[{ zone, place, offset, name, time }]`. */
async function search(picker, query) {
  const input = picker.locator('.zone-input');
  await input.fill(query);
  await picker.locator('.zone-pop').waitFor({ state: 'visible' });
  return picker.locator('[role=option]').evaluateAll((os) => os.map((o) => ({
    zone: o.dataset.zone,
    place: o.querySelector('.zo-place').textContent,
    offset: o.querySelector('.zo-offset').textContent,
    name: o.querySelector('.zo-name').textContent,
    time: o.querySelector('.zo-time').textContent,
  })));
}

/** "UTC+5:30" for an instant in a zone, by the engine. */
function engineOffset(zone, ms = NOW) {
  const wall = engine.localDateTime(ms, zone);
  const minutes = Math.round((Date.parse(`${wall}:00Z`) - ms) / 60e3);
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${Math.floor(a / 60)}${a % 60 ? `:${String(a % 60).padStart(2, '0')}` : ''}`;
}

/** The engine's local time there, as en-US writes a wall time. */
function engineTime(zone, ms = NOW) {
  const wall = engine.localDateTime(ms, zone);
  return plain(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', timeStyle: 'short' }).format(Date.parse(`${wall}:00Z`)));
}

test('search by city, country, common zone names, old names and offsets', async () => {
  const { context, page, problems } = await openPage(browser, SPRING, { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const cases = [
      // [query, the zone expected first (or among the first `within`), within]
      ['los angeles', 'America/Los_Angeles', 1],
      ['London', 'Europe/London', 1],
      ['Pacific Time', 'America/Los_Angeles', 3],
      ['India Standard Time', 'Asia/Kolkata', 1],
      ['India', 'Asia/Kolkata', 1],
      ['UTC+5:30', 'Asia/Kolkata', 2],
      ['gmt+9', 'Asia/Tokyo', 12],
      ['Netherlands', 'Europe/Amsterdam', 1],
      ['são paulo', 'America/Sao_Paulo', 1],
      ['calcutta', 'Asia/Kolkata', 1],
      ['Kiev', 'Europe/Kyiv', 1],
      ['United Kingdom', 'Europe/London', 1],
      ['Britain', 'Europe/London', 1],
      ['Eastern Time', 'America/New_York', 30],
      ['Asia/Tokyo', 'Asia/Tokyo', 1],
      ['utc', 'UTC', 1],
    ];
    for (const [query, zone, within] of cases) {
      const options = await search(picker, query);
      const at = options.findIndex((o) => o.zone === zone);
      assert.ok(at >= 0 && at < within, `"${query}": ${zone} is option ${at + 1} of ${options.length} (${options.slice(0, 4).map((o) => o.zone).join(', ')})`);
    }
    // an offset query lists exactly the zones at that offset now, by the engine
    const half = await search(picker, 'UTC+5:30');
    assert.deepEqual(half.map((o) => o.zone).sort(), ['Asia/Colombo', 'Asia/Kolkata']);
    // every option shows its offset and local time now, from the engine
    for (const o of [...half, ...(await search(picker, 'United States')).slice(0, 8), ...(await search(picker, 'Lord Howe'))]) {
      assert.equal(o.offset, engineOffset(o.zone), `${o.zone}'s offset`);
      assert.equal(plain(o.time), engineTime(o.zone), `${o.zone}'s local time`);
    }
    const la = (await search(picker, 'los angeles'))[0];
    assert.deepEqual({ ...la, time: plain(la.time) }, { zone: 'America/Los_Angeles', place: 'Los Angeles, United States', offset: 'UTC−7', name: 'Pacific Time', time: '11:00 PM' });
    // nothing found: said so, and Enter does not pretend
    const none = await search(picker, 'Atlantis');
    assert.deepEqual(none, []);
    assert.equal(await picker.locator('.zone-count').textContent(), 'No time zone matches “Atlantis”.');
    await picker.locator('.zone-input').press('Enter');
    assert.equal(await picker.locator('.zone-error').isVisible(), true);
    assert.equal(await zoneOf(picker), 'Europe/Paris');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('in German, "Indien" and "Vereinigtes Königreich" find their zones; the list is in German', async () => {
  const { context, page } = await openPage(browser, SPRING, { locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.zone-input').inputValue(), 'Berlin, Deutschland');
    assert.equal((await search(picker, 'Indien'))[0].zone, 'Asia/Kolkata');
    assert.equal((await search(picker, 'Vereinigtes Königreich'))[0].zone, 'Europe/London');
    const ny = (await search(picker, 'New York'))[0];
    assert.equal(ny.place, 'New York, Vereinigte Staaten');
    assert.equal(ny.offset, engineOffset('America/New_York'));
    assert.equal(plain(ny.time), '02:00');
    assert.match(await picker.locator('.zone-help').textContent(), /Stadt, ein Land/);
  } finally {
    await context.close();
  }
});

test('a visitor in Europe/Amsterdam keeps Amsterdam (a Link to Brussels), and old names become today\'s', async () => {
  for (const [reported, zone, place] of [
    ['Europe/Amsterdam', 'Europe/Amsterdam', 'Amsterdam, Netherlands'],
    ['Europe/Oslo', 'Europe/Oslo', 'Oslo, Norway'],
    ['Asia/Calcutta', 'Asia/Kolkata', 'Kolkata, India'],
    ['Europe/Kiev', 'Europe/Kyiv', 'Kyiv, Ukraine'],
  ]) {
    const { context, page } = await openPage(browser, SPRING, { timezoneId: reported });
    try {
      const picker = await waitForSlots(page);
      assert.equal(await zoneOf(picker), zone, reported);
      assert.equal(await picker.locator('.zone-input').inputValue(), place, reported);
      assert.equal(await picker.evaluate((el) => el.timezone), zone);
      assert.equal((await events(page, 'ready'))[0].detail.timezone, zone);
    } finally {
      await context.close();
    }
  }
  assert.equal(engine.timeZones().links['Europe/Amsterdam'], 'Europe/Brussels', 'still a Link in this release');
});

test('keyboard: arrows move through the options, Enter picks, Escape closes and restores', async () => {
  const { context, page } = await openPage(browser, SPRING, { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const input = picker.locator('.zone-input');
    await input.focus();
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    await page.keyboard.type('new');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    const ids = await picker.locator('[role=option]').evaluateAll((os) => os.map((o) => [o.id, o.dataset.zone]));
    assert.ok(ids.length >= 3);
    assert.equal(await input.getAttribute('aria-activedescendant'), ids[0][0], 'the first match is active');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), ids[2][0]);
    assert.equal(await picker.locator(`#${ids[2][0]}`).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await picker.locator(`.zone-input[data-zone="${ids[1][1]}"]`).waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    // Escape: closes the list, then restores the shown zone's name
    await page.keyboard.type('tok');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.inputValue(), 'tok');
    await page.keyboard.press('Escape');
    assert.notEqual(await input.inputValue(), 'tok');
    assert.equal(await zoneOf(picker), ids[1][1]);
    // a click on an option picks it
    await input.fill('Kathmandu');
    await picker.locator('[role=option][data-zone="Asia/Kathmandu"]').click();
    await picker.locator('.zone-input[data-zone="Asia/Kathmandu"]').waitFor();
    assert.match(await picker.locator('.zone-hint').textContent(), /UTC\+5:45/);
  } finally {
    await context.close();
  }
});

test('the 12 h / 24 h switch changes every time shown and is remembered', async () => {
  const { context, page } = await openPage(browser, SPRING, { timezoneId: 'Europe/Paris' });
  try {
    let picker = await waitForSlots(page);
    const times = () => picker.locator('.slot-list .time').allTextContents();
    assert.deepEqual((await times()).map(plain), ['9:00 AM', '10:00 AM', '10:00 PM']);
    assert.equal(await picker.locator('.clock-option[data-clock="h12"]').getAttribute('aria-pressed'), 'true');
    await picker.locator('.clock-option[data-clock="h23"]').click();
    assert.deepEqual((await times()).map(plain), ['09:00', '10:00', '22:00']);
    assert.equal(await picker.locator('.clock-option[data-clock="h23"]').getAttribute('aria-pressed'), 'true');
    assert.match(plain(await picker.locator('.zone-hint').textContent()), /now 07:00$/);
    await picker.locator('.slot-list button').first().click();
    assert.match(plain(await picker.locator('.confirm-step .when').textContent()), /09:00\s*–\s*10:00/);
    // remembered: a new page on the same site opens in 24-hour
    await page.reload();
    picker = await waitForSlots(page);
    assert.deepEqual((await times()).map(plain), ['09:00', '10:00', '22:00']);
    assert.equal(await page.evaluate(() => localStorage.getItem('bookable-picker:hour-cycle')), 'h23');
    await picker.locator('.clock-option[data-clock="h12"]').click();
    assert.deepEqual((await times()).map(plain), ['9:00 AM', '10:00 AM', '10:00 PM']);
  } finally {
    await context.close();
  }
  // a German visitor's default is 24-hour; 12-hour is one click away
  const { context: de, page: dePage } = await openPage(browser, SPRING, { locale: 'de-DE', timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(dePage);
    assert.deepEqual((await picker.locator('.slot-list .time').allTextContents()).map(plain), ['09:00', '10:00', '22:00']);
    await picker.locator('.clock-option[data-clock="h12"]').click();
    assert.match(plain(await picker.locator('.slot-list .time').last().textContent()), /^10:00 PM$/);
  } finally {
    await de.close();
  }
});

test('abbreviations and cities that are not zone names (CLDR, GeoNames: zone-names.js, loaded at the first search)', async () => {
  const loaded = [];
  const { context, page, problems } = await openPage(browser, SPRING, { timezoneId: 'Europe/Paris' });
  page.on('request', (r) => r.url().endsWith('/zone-names.js') && loaded.push(r.url()));
  try {
    const picker = await waitForSlots(page);
    assert.deepEqual(loaded, [], 'not loaded before the visitor searches');
    const input = picker.locator('.zone-input');
    for (const [query, zone] of [['PST', 'America/Los_Angeles'], ['Mumbai', 'Asia/Kolkata'], ['San Francisco', 'America/Los_Angeles'], ['Beijing', 'Asia/Shanghai']]) {
      await input.fill(query);
      const top = picker.locator('[role=option]').first();
      await picker.locator(`[role=option]:first-child[data-zone="${zone}"]`).waitFor();
      assert.equal(await top.getAttribute('aria-selected'), 'true', `${query}: the first option is active`);
    }
    assert.equal(loaded.length, 1, 'loaded once');
    // Enter takes it: the times are shown in Shanghai
    await input.press('Enter');
    await picker.locator('.zone-input[data-zone="Asia/Shanghai"]').waitFor();
    assert.match(plain(await input.inputValue()), /Shanghai/);
    assert.deepEqual([problems.errors, problems.console], [[], []]);
  } finally {
    await context.close();
  }
});
