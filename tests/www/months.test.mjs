// Empty months (issue 14, item 3): a page whose availability starts months ahead opens on that
// month with its first free day chosen; an empty month says when the next free day is and one
// click goes there; every month opened shows its first free day's times.
// later.json: `now` 2026-03-02; Léa (Paris) Tuesdays and Thursdays 10:00–12:00 from 2026-07-07
// to 2026-09-30, away the whole of August.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForSlots, events } from './helpers.mjs';

const LATER = '/embed.html?config=/fixtures/later.json';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const selected = (picker) => picker.locator('td[aria-selected="true"]').getAttribute('data-date');

test('availability from July: the page opens on July 7, not on an empty March', async () => {
  const { context, page, problems } = await openPage(browser, LATER, { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.month').textContent(), 'July 2026');
    assert.equal(await selected(picker), '2026-07-07');
    assert.deepEqual(await picker.locator('.slot-list button').evaluateAll((bs) => bs.map((b) => b.dataset.start)), ['2026-07-07T08:00:00Z', '2026-07-07T09:00:00Z']);
    assert.deepEqual((await events(page, 'ready')).map((e) => e.detail), [{ timezone: 'Europe/Paris', locale: 'en-US', month: '2026-07', firstAvailable: '2026-07-07' }]);
    // the months before are reachable and say where the times are
    assert.equal(await picker.locator('button.prev').isEnabled(), true);
    await picker.locator('button.prev').click();
    assert.equal(await picker.locator('.month').textContent(), 'June 2026');
    assert.equal(await picker.locator('.empty').textContent(), 'No available times in June 2026.');
    const jump = picker.locator('.next-available');
    assert.equal(await jump.textContent(), 'Next available: Tuesday, July 7');
    await jump.click();
    assert.equal(await picker.locator('.month').textContent(), 'July 2026');
    assert.equal(await selected(picker), '2026-07-07');
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('an empty August offers September 1 in one click; each month opened selects its first free day', async () => {
  const { context, page } = await openPage(browser, LATER, { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    await picker.locator('td[data-date="2026-07-16"]').click();
    await picker.locator('button.next').click();
    assert.equal(await picker.locator('.month').textContent(), 'August 2026');
    assert.equal(await picker.locator('td[aria-selected="true"]').count(), 0);
    assert.equal(await picker.locator('.slot-list button').count(), 0);
    assert.equal(await picker.locator('.empty').textContent(), 'No available times in August 2026.');
    const jump = picker.locator('.next-available');
    assert.equal(await jump.textContent(), 'Next available: Tuesday, September 1');
    await page.evaluate(() => {
      window.__all.length = 0;
    });
    await jump.click();
    assert.equal(await picker.locator('.month').textContent(), 'September 2026');
    assert.equal(await selected(picker), '2026-09-01');
    assert.equal(await picker.locator('.slots-heading').textContent(), 'Available times on Tuesday, September 1');
    const [month, day] = await events(page);
    assert.deepEqual(month.detail, {
      month: '2026-09', timezone: 'Europe/Paris',
      days: ['2026-09-01', '2026-09-03', '2026-09-08', '2026-09-10', '2026-09-15', '2026-09-17', '2026-09-22', '2026-09-24', '2026-09-29'],
    });
    assert.equal(day.type, 'bookable:day');
    assert.equal(day.detail.date, '2026-09-01');
    // back to July: its first free day, not the 16th picked before
    await picker.locator('button.prev').click();
    await picker.locator('button.prev').click();
    assert.equal(await picker.locator('.month').textContent(), 'July 2026');
    assert.equal(await selected(picker), '2026-07-07');
    // after the last free day (dateRange ends on September 30): no jump to offer
    await picker.locator('button.next').click();
    await picker.locator('button.next').click();
    await picker.locator('button.next').click();
    assert.equal(await picker.locator('.month').textContent(), 'October 2026');
    assert.equal(await picker.locator('button.next').isDisabled(), true);
    assert.equal(await picker.locator('.empty').textContent(), 'No available times in October 2026.');
    assert.equal(await picker.locator('.next-available').isVisible(), false);
  } finally {
    await context.close();
  }
});

test('keyboard: PageDown into the empty August moves focus there and offers the jump', async () => {
  const { context, page } = await openPage(browser, LATER, { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    await picker.locator('td[data-date="2026-07-07"]').focus();
    await page.keyboard.press('PageDown');
    assert.equal(await picker.locator('.month').textContent(), 'August 2026');
    assert.equal(await picker.locator('td[tabindex="0"]').getAttribute('data-date'), '2026-08-07');
    assert.equal(await picker.evaluate((el) => el.shadowRoot.activeElement.dataset.date), '2026-08-07');
    assert.equal(await picker.locator('.next-available').isVisible(), true);
    await page.keyboard.press('PageDown');
    assert.equal(await picker.locator('.month').textContent(), 'September 2026');
    assert.equal(await selected(picker), '2026-09-01', 'the month\'s first free day is chosen');
    assert.equal(await picker.locator('td[tabindex="0"]').getAttribute('data-date'), '2026-09-07', 'focus stays where the keys put it');
  } finally {
    await context.close();
  }
});
