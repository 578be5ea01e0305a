// SPEC 1.1 on the page: a round-robin page whose members have limits of their own still shows
// who hosts each slot. Anne (maxPerDay 2 of her own) and Bram (the event's maxPerDay 1) each have
// a booking on Wednesday 2026-11-25; Bram was booked longer ago, so he hosts on other days, and
// on Wednesday, where he is full, Anne does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForSlots } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('member limits on a round-robin page: each slot shows its host', async () => {
  const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/member-limits.json', { locale: 'en-US', timezoneId: 'UTC' });
  try {
    const picker = await waitForSlots(page);
    const hostsOn = async (day) => {
      await picker.locator(`td[data-date="${day}"]`).click();
      await picker.locator(`.slot-list button[data-start^="${day}"]`).first().waitFor();
      return picker.locator('.slot-list .host').allTextContents();
    };
    const tuesday = await hostsOn('2026-11-24');
    assert.equal(tuesday.length, 3);
    assert.deepEqual([...new Set(tuesday)], ['with Bram de Vries']);
    const wednesday = await hostsOn('2026-11-25');
    assert.equal(wednesday.length, 3, 'Anne keeps Wednesday bookable');
    assert.deepEqual([...new Set(wednesday)], ['with Anne Dupont']);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
