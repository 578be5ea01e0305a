// Screenshots for people to look at (artifacts/www/): the demo on a desktop (1280×800) and a
// phone (390×844) in en-US, de-DE and ar-EG, light and dark; on the phone also the screen after
// tapping a day (the times scrolled into view) and the zone search for a city.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DESKTOP, PHONE, launch, openPage, waitForSlots } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const ZONES = { 'en-US': 'America/Los_Angeles', 'de-DE': 'Europe/Berlin', 'ar-EG': 'Africa/Cairo' };
const CITY = { 'en-US': 'Vancouver', 'de-DE': 'Indien', 'ar-EG': 'Dubai' };

for (const locale of Object.keys(ZONES)) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshots: ${locale}, ${scheme}`, async () => {
      const suffix = scheme === 'dark' ? '-dark' : '';
      const desktop = await openPage(browser, `/?locale=${locale}`, { locale, timezoneId: ZONES[locale], viewport: DESKTOP, colorScheme: scheme });
      try {
        await waitForSlots(desktop.page, '#single');
        await waitForSlots(desktop.page, '#team');
        const file = join(ARTIFACTS, `desktop-${locale}${suffix}.png`);
        await desktop.page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 20000);
        assert.deepEqual(desktop.problems.errors, []);
      } finally {
        await desktop.context.close();
      }
      const phone = await openPage(browser, `/?locale=${locale}`, { locale, timezoneId: ZONES[locale], viewport: PHONE, colorScheme: scheme, phone: true });
      try {
        const team = await waitForSlots(phone.page, '#team');
        await phone.page.screenshot({ path: join(ARTIFACTS, `phone-${locale}${suffix}.png`), fullPage: true });
        // the visitor scrolls to the team's calendar and taps a day with times
        await team.locator('.grid').evaluate((el) => el.scrollIntoView({ block: 'end' }));
        const days = team.locator('td.available:not([aria-selected="true"])');
        await (await days.count() ? days.first() : team.locator('td.available').first()).tap();
        await phone.page.waitForTimeout(800);
        await phone.page.screenshot({ path: join(ARTIFACTS, `phone-${locale}${suffix}-times.png`) });
        // and looks for their city
        await team.locator('.zone-input').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await team.locator('.zone-input').fill(CITY[locale]);
        await team.locator('[role=option]').first().waitFor();
        await phone.page.screenshot({ path: join(ARTIFACTS, `phone-${locale}${suffix}-zone.png`) });
        assert.deepEqual(phone.problems.errors, []);
      } finally {
        await phone.context.close();
      }
    });
  }
}
