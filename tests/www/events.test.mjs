// Events (issue 14, item 6): bookable:ready, bookable:day, bookable:month, bookable:timezone and
// bookable:select, each with its documented detail, bubbling and composed (bookable:error is in
// errors.test.mjs); a framed element posts them to its target-origin.
// dst-spring.json: `now` 2026-03-23T06:00Z; Camille (Paris) every day 09:00–11:00 and
// 22:00–23:00 from March 23 to April 3, 60-minute slots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForSlots, events, chooseZone } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const slot = (start, end, localStart, localEnd) => ({ start, end, localStart, localEnd, hosts: ['camille'] });

test('every event and its detail, in the order the visitor causes them', async () => {
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const clear = () => page.evaluate(() => {
      window.__all.length = 0;
    });
    const all = await events(page);
    for (const e of all) {
      assert.equal(e.target, 'BOOKABLE-PICKER');
      assert.equal(e.bubbles, true, `${e.type} bubbles`);
      assert.equal(e.composed, true, `${e.type} leaves the shadow root`);
    }
    assert.deepEqual(all.map((e) => [e.type, e.detail]), [
      ['bookable:ready', { timezone: 'Europe/Paris', locale: 'en-US', month: '2026-03', firstAvailable: '2026-03-23' }],
    ]);

    // a day: its slots, with the engine's wall times
    await clear();
    await picker.locator('td[data-date="2026-03-25"]').click();
    assert.deepEqual((await events(page)).map((e) => [e.type, e.detail]), [
      ['bookable:day', {
        date: '2026-03-25',
        timezone: 'Europe/Paris',
        slots: [
          slot('2026-03-25T08:00:00Z', '2026-03-25T09:00:00Z', '2026-03-25T09:00', '2026-03-25T10:00'),
          slot('2026-03-25T09:00:00Z', '2026-03-25T10:00:00Z', '2026-03-25T10:00', '2026-03-25T11:00'),
          slot('2026-03-25T21:00:00Z', '2026-03-25T22:00:00Z', '2026-03-25T22:00', '2026-03-25T23:00'),
        ],
      }],
    ]);
    // the same day again: nothing new
    await picker.locator('td[data-date="2026-03-25"]').click();
    assert.equal((await events(page)).length, 1);

    // a month: its days, then its first free day
    await clear();
    await picker.locator('button.next').click();
    const [month, day] = await events(page);
    assert.deepEqual([month.type, month.detail], ['bookable:month', { month: '2026-04', timezone: 'Europe/Paris', days: ['2026-04-01', '2026-04-02', '2026-04-03'] }]);
    assert.equal(day.type, 'bookable:day');
    assert.equal(day.detail.date, '2026-04-01');
    assert.deepEqual(day.detail.slots[0], slot('2026-04-01T07:00:00Z', '2026-04-01T08:00:00Z', '2026-04-01T09:00', '2026-04-01T10:00'));

    // a zone: where from, where to, the offset now (minutes east of UTC, by the engine)
    await clear();
    await chooseZone(picker, 'Tokyo', 'Asia/Tokyo');
    const zoneEvents = await events(page);
    assert.deepEqual(zoneEvents[0], {
      type: 'bookable:timezone', detail: { timezone: 'Asia/Tokyo', previous: 'Europe/Paris', offset: 540 }, target: 'BOOKABLE-PICKER', bubbles: true, composed: true,
    });
    // 09:00 in Paris on April 1 is 16:00 in Tokyo, the same date: the day stays, nothing more
    assert.deepEqual(zoneEvents.map((e) => e.type), ['bookable:timezone']);
    await chooseZone(picker, 'Kolkata', 'Asia/Kolkata');
    assert.equal((await events(page, 'timezone'))[1].detail.offset, 330);

    // a choice: the confirmed slot, in the zone the visitor chose (April 1 in Kolkata starts
    // with Paris's 22:00 of March 31)
    await clear();
    await picker.locator('.slot-list button').nth(1).click();
    assert.deepEqual(await events(page), [], 'nothing before confirming');
    await picker.locator('button.confirm').click();
    assert.deepEqual((await events(page)).map((e) => [e.type, e.detail]), [
      ['bookable:select', {
        start: '2026-04-01T07:00:00Z', end: '2026-04-01T08:00:00Z', hosts: ['camille'], names: ['Camille Martin'], title: 'DST spring fixture', duration: 60, timezone: 'Asia/Kolkata',
        localStart: '2026-04-01T12:30', localEnd: '2026-04-01T13:30',
      }],
    ]);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('framed with target-origin, every event reaches the parent as { type, detail }', async () => {
  const { context, page } = await openPage(browser, '/fixtures/frame.html', { timezoneId: 'Asia/Kolkata' });
  try {
    const frame = page.frameLocator('#with-origin');
    await frame.locator('bookable-picker .slot-list button[data-start]').first().waitFor({ timeout: 20000 });
    await frame.locator('bookable-picker button.next').click();
    await page.waitForFunction(() => window.received.some((m) => m.data.type === 'bookable:month'));
    const received = await page.evaluate(() => window.received.filter((m) => m.frame === 'with-origin').map((m) => m.data));
    const types = received.map((m) => m.type);
    for (const t of ['bookable:ready', 'bookable:resize', 'bookable:month', 'bookable:day']) assert.ok(types.includes(t), `${t} posted (${types.join(', ')})`);
    assert.deepEqual(received.find((m) => m.type === 'bookable:ready').detail, { timezone: 'Asia/Kolkata', locale: 'en-US', month: '2026-03', firstAvailable: '2026-03-23' });
    assert.ok(received.find((m) => m.type === 'bookable:resize').detail.height > 300);
    assert.ok((await page.evaluate(() => window.received)).every((m) => m.frame === 'with-origin'), 'the frame without origin posts nothing');
  } finally {
    await context.close();
  }
});
