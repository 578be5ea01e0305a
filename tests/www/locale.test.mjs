// Interface language and time format follow the locale: French, Dutch and German text with
// 24-hour times, English with 12-hour times; the locale attribute overrides the browser's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForSlots, expectedLabel, plain } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const CASES = [
  { locale: 'fr-FR', zoneLabel: 'Votre fuseau horaire', slotsOn: /^Créneaux disponibles le /, confirm: 'Confirmer', back: 'Retour', next: 'Mois suivant', h24: true },
  { locale: 'nl-NL', zoneLabel: 'Je tijdzone', slotsOn: /^Beschikbare tijden op /, confirm: 'Bevestigen', back: 'Terug', next: 'Volgende maand', h24: true },
  { locale: 'de-DE', zoneLabel: 'Ihre Zeitzone', slotsOn: /^Verfügbare Zeiten am /, confirm: 'Bestätigen', back: 'Zurück', next: 'Nächster Monat', h24: true },
  { locale: 'en-US', zoneLabel: 'Your time zone', slotsOn: /^Available times on /, confirm: 'Confirm', back: 'Back', next: 'Next month', h24: false },
];

for (const c of CASES) {
  test(`${c.locale}: interface text in its language, ${c.h24 ? '24' : '12'}-hour times`, async () => {
    const zone = 'Europe/Paris';
    const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', { locale: c.locale, timezoneId: zone });
    try {
      const picker = await waitForSlots(page);
      assert.equal(await picker.locator('.zone label').textContent(), c.zoneLabel);
      assert.match(await picker.locator('.slots-heading').textContent(), c.slotsOn);
      assert.equal(await picker.locator('button.next').getAttribute('aria-label'), c.next);
      const month = new Intl.DateTimeFormat(c.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 15));
      assert.equal(plain(await picker.locator('.month').textContent()), plain(month));
      assert.equal(await picker.locator('.card').getAttribute('lang'), c.locale);
      const buttons = await picker.locator('.slot-list button[data-start]').evaluateAll((bs) =>
        bs.map((b) => ({ start: b.dataset.start, time: b.querySelector('.time').textContent })));
      assert.ok(buttons.length >= 2);
      for (const b of buttons) {
        const time = plain(b.time);
        assert.equal(time, expectedLabel(b.start, zone, c.locale));
        if (c.h24) assert.match(time, /^\d{2}:\d{2}$/, `${time} is 24-hour`);
        else assert.match(time, /^\d{1,2}:\d{2} (AM|PM)$/, `${time} is 12-hour`);
      }
      // the 22:00 Paris slot of the first day
      const late = buttons.find((b) => b.start === '2026-03-23T21:00:00Z');
      assert.equal(plain(late.time), c.h24 ? '22:00' : '10:00 PM');
      await picker.locator('.slot-list button[data-start]').first().click();
      assert.equal(await picker.locator('button.confirm').textContent(), c.confirm);
      assert.equal(await picker.locator('button.back').textContent(), c.back);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the locale attribute overrides the browser language', async () => {
  const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json&locale=nl-NL', { locale: 'en-US' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.zone label').textContent(), 'Je tijdzone');
    assert.match(plain(await picker.locator('.slot-list .time').first().textContent()), /^\d{2}:\d{2}$/);
    // and can change at run time
    await page.evaluate(() => document.querySelector('bookable-picker').setAttribute('locale', 'en-GB'));
    await picker.locator('.zone label', { hasText: 'Your time zone' }).waitFor();
    assert.match(plain(await picker.locator('.slot-list .time').first().textContent()), /^\d{2}:\d{2}$/, 'en-GB is 24-hour');
    await page.evaluate(() => document.querySelector('bookable-picker').setAttribute('locale', 'en-US'));
    await picker.locator('.slot-list .time', { hasText: /AM|PM/ }).first().waitFor();
  } finally {
    await context.close();
  }
});
