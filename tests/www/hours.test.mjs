// <bookable-hours> and <bookable-overrides> (issue 20) in a real browser against the served
// package: a night shift typed with the keyboard only (the "next day" mark, the value, the week
// strip's bars on both days), 24:00, copy to other days, the zone search, the engine's error at
// its field while typing, a day off and other hours on the month calendar, the value property
// and events, ten languages and RTL, 320 px, axe in both schemes, and screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DESKTOP, PHONE, REPO, axeViolations, launch, openPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const START = { timezone: 'Europe/Paris', weekly: { mon: [['09:00', '17:00']] } };
const url = (value = START, locale) => `/fixtures/hours.html?value=${encodeURIComponent(JSON.stringify(value))}${locale ? `&locale=${locale}` : ''}`;
const ready = (page) => page.locator('bookable-hours .weekday').first().waitFor().then(() => page.locator('bookable-overrides .grid').waitFor());
const value = (page, sel = '#hours') => page.evaluate((s) => document.querySelector(s).value, sel);
const lastChange = (page, from) => page.evaluate((f) => window.__changes.filter((c) => c.from === f).at(-1)?.detail ?? null, from);

/** Presses Tab until the focused element (in the shadow roots) matches `test`; at most `max` presses. */
async function tabTo(page, description, predicate, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(`(() => { let el = document.activeElement; while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement; return (${predicate})(el); })()`);
    if (hit) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

test('keyboard only: a night shift across midnight, 24:00 and copy to other days', async () => {
  const { context, page, problems } = await openPage(browser, url(), { viewport: DESKTOP });
  try {
    await ready(page);
    const hours = page.locator('bookable-hours');
    // Saturday: + Add hours, then type 22:00 – 02:00
    await tabTo(page, "Saturday's + Add hours", `(el) => el && el.classList.contains('add') && el.closest('.weekday')?.dataset.day === 'sat'`);
    await page.keyboard.press('Enter');
    const sat = hours.locator('.weekday[data-day="sat"]');
    assert.equal(await sat.locator('.start').evaluate((el) => el === el.getRootNode().activeElement), true, 'focus moves to the new start field');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('22:00');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab'); // `2` reads 02:00 (and the field says so once left)
    assert.equal(await sat.locator('.end').inputValue(), '02:00');
    assert.equal(await sat.locator('.next-day').isVisible(), true, 'the night shift is marked "next day"');
    assert.deepEqual((await value(page)).weekly.sat, [['22:00', '02:00']]);
    assert.deepEqual((await lastChange(page, 'hours')).weekly.sat, [['22:00', '02:00']], 'bookable:change carries the SPEC JSON');
    // the strip: Saturday 22:00–24:00 and Sunday 00:00–02:00
    const bars = await hours.locator('.strip-on').evaluateAll((rs) => rs.map((r) => `${r.dataset.day} ${r.getAttribute('x')} ${r.getAttribute('width')}`));
    assert.deepEqual(bars.sort(), ['mon 540 480', 'sat 1320 120', 'sun 0 120']);
    assert.equal(await hours.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.evaluate(() => document.querySelector('#hours').error), null);

    // Monday: a second stretch 18:00 – 24:00
    await tabTo(page, "Monday's + Add hours", `(el) => el && el.classList.contains('add') && el.closest('.weekday')?.dataset.day === 'mon'`, 200);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('18:00');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24:00');
    assert.deepEqual((await value(page)).weekly.mon, [['09:00', '17:00'], ['18:00', '24:00']]);
    assert.equal(await page.evaluate(() => document.querySelector('#hours').error), null, '24:00 is a valid end');
    assert.equal(await hours.locator('.weekday[data-day="mon"] .next-day:visible').count(), 0, '24:00 is not the next day');

    // copy Monday to Tuesday and Wednesday: button, Space on two boxes, Apply
    await tabTo(page, "Monday's copy button", `(el) => el && el.classList.contains('copy') && el.closest('.weekday')?.dataset.day === 'mon'`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space'); // Tuesday (focused first)
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Wednesday
    await tabTo(page, 'Apply', `(el) => el && el.classList.contains('apply')`);
    await page.keyboard.press('Enter');
    const v = await value(page);
    assert.deepEqual(v.weekly.tue, v.weekly.mon);
    assert.deepEqual(v.weekly.wed, v.weekly.mon);
    assert.equal(v.weekly.thu, undefined);
    assert.match(await hours.locator('.status').textContent(), /Monday’s hours copied to Tuesday and Wednesday/);
    assert.equal(await hours.locator('.weekday[data-day="mon"] .copy').evaluate((el) => el === el.getRootNode().activeElement), true, 'focus goes back to the copy button');

    // remove Tuesday's second stretch with its × button
    await hours.locator('.weekday[data-day="tue"] .remove').nth(1).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual((await value(page)).weekly.tue, [['09:00', '17:00']]);

    // the zone: type a city, Enter
    await hours.locator('.zone-input').focus();
    await page.keyboard.type('Tokyo');
    await page.keyboard.press('Enter');
    assert.equal((await value(page)).timezone, 'Asia/Tokyo');
    assert.equal((await lastChange(page, 'hours')).timezone, 'Asia/Tokyo');
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
  } finally {
    await context.close();
  }
});

test('the engine checks as one types: the error at its field, described, then gone', async () => {
  const { context, page } = await openPage(browser, url(), { viewport: DESKTOP });
  try {
    await ready(page);
    const mon = page.locator('bookable-hours .weekday[data-day="mon"]');
    const end = mon.locator('.end');
    await end.fill('25:00');
    assert.equal(await end.getAttribute('aria-invalid'), 'true');
    assert.equal(await mon.locator('.start').getAttribute('aria-invalid'), null, 'only the wrong side is marked');
    const described = await end.getAttribute('aria-describedby');
    const text = await mon.locator(`#${described}`).textContent();
    assert.equal(text, 'An end is 00:00 to 24:00.');
    assert.equal(await mon.locator(`#${described}`).isVisible(), true);
    const error = await page.evaluate(() => document.querySelector('#hours').error);
    assert.equal(error.code, 'invalid_time');
    assert.equal(error.path, 'weekly.mon[0]');
    await mon.locator('.start').fill('24:00');
    assert.equal(await mon.locator('.start').getAttribute('aria-invalid'), 'true', '24:00 is no start');
    await mon.locator('.start').fill('08:30');
    await end.fill('16:30');
    assert.equal(await end.getAttribute('aria-invalid'), null);
    assert.equal(await mon.locator('.field-error:visible').count(), 0);
    assert.equal(await page.evaluate(() => document.querySelector('#hours').error), null);
    assert.deepEqual((await value(page)).weekly.mon, [['08:30', '16:30']]);
    // an error a server gives (its §9 path) shows at its field too
    await page.evaluate(() => document.querySelector('#hours').showError({ code: 'invalid_time', path: 'weekly.mon[0]', message: 'x' }));
    assert.equal(await mon.locator('[aria-invalid="true"]').count() > 0, true);
  } finally {
    await context.close();
  }
});

test('overrides and time off on the month calendar: a day off, other hours for a range, removed again', async () => {
  const { context, page, problems } = await openPage(browser, url(), { viewport: DESKTOP });
  try {
    await ready(page);
    const o = page.locator('bookable-overrides');
    const first = await o.locator('td[data-date]').first().getAttribute('data-date'); // the 1st of the shown month
    const d = (n) => `${first.slice(0, 8)}${String(n).padStart(2, '0')}`;
    // keyboard: focus the grid's day, move to the 10th, Enter picks it
    await o.locator('td[tabindex="0"]').focus();
    const focused = await o.locator('td[tabindex="0"]').getAttribute('data-date');
    const steps = 10 - +focused.slice(8);
    for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
    await page.keyboard.press('Enter');
    await o.locator('.choice[data-kind="off"]').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await value(page, '#overrides'), { overrides: {}, timeOff: [{ from: d(10), to: d(10) }] });
    assert.equal(await o.locator(`td[data-date="${d(10)}"]`).getAttribute('class'), 'day available off');
    assert.match(await o.locator(`td[data-date="${d(10)}"]`).getAttribute('aria-label'), /time off$/);
    // the 20th to the 22nd: other hours 10:00 – 14:00
    await o.locator(`td[data-date="${d(20)}"]`).click();
    await o.locator('#through').fill(d(22));
    await o.locator('#through').dispatchEvent('change');
    await o.locator('.choice[data-kind="hours"]').click();
    const start = o.locator('.date-hours .start');
    await start.fill('10:00');
    await o.locator('.date-hours .end').fill('14:00');
    const v = await value(page, '#overrides');
    assert.deepEqual(v.overrides, { [d(20)]: [['10:00', '14:00']], [d(21)]: [['10:00', '14:00']], [d(22)]: [['10:00', '14:00']] });
    assert.deepEqual((await lastChange(page, 'overrides')).overrides, v.overrides);
    assert.equal(await o.locator('.planned li').count(), 4);
    // a bad time at a date: the engine's error at the field
    await start.fill('7');
    assert.equal(await start.inputValue(), '7');
    assert.equal(await page.evaluate(() => document.querySelector('#overrides').error), null, '7 reads 07:00');
    await start.fill('99:00');
    assert.equal(await start.getAttribute('aria-invalid'), 'true');
    assert.match(await page.evaluate(() => document.querySelector('#overrides').error.path), /^overrides\.\d{4}-\d{2}-20\[0\]$/);
    await start.fill('10:00');
    // remove the day off from the planned list
    await o.locator('.planned li', { hasText: 'Time off' }).locator('button').click();
    assert.deepEqual((await value(page, '#overrides')).timeOff, []);
    assert.equal(await o.locator('.planned li').count(), 3);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('every language has every key; RTL and a 320 px phone fit', async () => {
  const { hoursEnglish } = await import(join(REPO, 'www/hours/text.js'));
  for (const lang of ['fr', 'nl', 'de', 'es', 'it', 'pt', 'ja', 'ar', 'he']) {
    const table = (await import(join(REPO, `www/hours/i18n/${lang}.js`))).default;
    assert.deepEqual(Object.keys(table).sort(), Object.keys(hoursEnglish).sort(), `${lang}: the same keys as English`);
    for (const [k, v] of Object.entries(hoursEnglish)) {
      const holes = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
      assert.equal(holes(table[k]), holes(v), `${lang}.${k}: the same placeholders`);
    }
  }
  const { context, page, problems } = await openPage(browser, url(START, 'he'), { locale: 'he-IL', viewport: { width: 320, height: 800 }, phone: true });
  try {
    await ready(page);
    const hours = page.locator('bookable-hours');
    assert.equal(await hours.locator('.card').getAttribute('dir'), 'rtl');
    assert.equal(await hours.locator('.add').first().textContent(), '+ הוספת שעות');
    assert.equal(await hours.locator('.day-name').first().textContent(), 'יום שני');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'nothing wider than 320 px');
    // Monday's bar is mirrored: 09:00–17:00 from the right
    assert.equal(await hours.locator('.strip-on[data-day="mon"]').getAttribute('x'), String(1440 - 1020));
    await page.screenshot({ path: join(ARTIFACTS, 'hours-phone-he.png'), fullPage: true });
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

for (const scheme of ['light', 'dark']) {
  test(`axe and screenshots: ${scheme}`, async () => {
    const night = { timezone: 'Europe/Paris', weekly: { mon: [['09:00', '12:30'], ['13:30', '17:30']], tue: [['09:00', '17:00']], fri: [['22:00', '06:00']], sat: [['10:00', '24:00']] } };
    const suffix = scheme === 'dark' ? '-dark' : '';
    for (const [kind, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const { context, page, problems } = await openPage(browser, url(night), { viewport, colorScheme: scheme, phone: kind === 'phone' });
      try {
        await ready(page);
        // an error and an open copy panel are on screen too
        await page.locator('bookable-hours .weekday[data-day="tue"] .end').fill('25:00');
        await page.locator('bookable-hours .weekday[data-day="mon"] .copy').click();
        await page.locator('bookable-overrides .choice[data-kind="hours"]').click();
        assert.deepEqual(await axeViolations(page), [], `axe (${kind}, ${scheme})`);
        const file = join(ARTIFACTS, `hours-${kind}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 20000);
        assert.deepEqual(problems.errors, []);
      } finally {
        await context.close();
      }
    }
  });
}

test('a value set before the element is defined: its zone, and a whole day as one bar', async () => {
  const { context, page } = await openPage(browser, url({ timezone: 'America/New_York', weekly: { sun: [['00:00', '00:00']] } }), { viewport: DESKTOP });
  try {
    await ready(page);
    assert.equal(await page.locator('bookable-hours .zone-input').getAttribute('data-zone'), 'America/New_York');
    assert.deepEqual(await value(page), { timezone: 'America/New_York', weekly: { sun: [['00:00', '00:00']] } });
    const bars = await page.locator('bookable-hours .strip-on').evaluateAll((rs) => rs.map((r) => `${r.dataset.day} ${r.getAttribute('x')} ${r.getAttribute('width')}`));
    assert.deepEqual(bars, ['sun 0 1440'], '00:00–00:00 is the whole day');
  } finally {
    await context.close();
  }
});

test('the package bundle (pkg/bookable-hours.js) defines both elements, in German, with the engine', async () => {
  const { context, page, problems } = await openPage(browser, '/fixtures/hours-pkg.html', { viewport: DESKTOP });
  try {
    await ready(page);
    assert.equal(await page.locator('bookable-hours .add').first().textContent(), '+ Zeiten hinzufügen');
    assert.equal(await page.locator('bookable-hours .zone-input').getAttribute('data-zone'), 'Asia/Kolkata');
    await page.locator('bookable-hours .weekday[data-day="thu"] .add').click();
    await page.locator('bookable-hours .weekday[data-day="thu"] .end').fill('24:30');
    assert.equal(await page.locator('bookable-hours .weekday[data-day="thu"] .stretch .field-error').textContent(), 'Ein Ende liegt zwischen 00:00 und 24:00.');
    assert.equal(await page.locator('bookable-overrides .choice[data-kind="off"]').textContent(), 'Freier Tag');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
