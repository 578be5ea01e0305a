// The team's app (/admin/, issue 20): axe-core on every screen in light and dark, and screenshots
// of every screen for people to look at (artifacts/www/admin-<screen>-<desktop|phone>[-dark].png
// and -desktop-ar-EG.png), each checked for sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, DESKTOP, PHONE, launch, openPage, axeViolations } from './helpers.mjs';
import { RUN, book, clean, go, hostAndPage, offered, screens, signIn } from './admin-helpers.mjs';

const HOST = `adm-shot-${RUN}`;
const PAGE = `adm-shots-${RUN}`;
let browser;
before(async () => {
  browser = await launch();
  await hostAndPage(HOST, PAGE);
  const starts = await offered(PAGE);
  await book(PAGE, starts[2], 'Ada Lovelace');
  await book(PAGE, starts[5], 'Grace Hopper');
});
after(async () => {
  await browser?.close();
});

/** Each screen in one context (the sign-in screen first): `fn(page, name)` at each. */
async function everyScreen(options, fn) {
  const { context, page, problems } = await openPage(browser, '/admin/', options);
  try {
    await page.locator('#token').waitFor();
    await fn(page, 'sign-in');
    await signIn(page);
    for (const [name, path] of screens(PAGE).slice(1)) {
      await go(page, name, path);
      await fn(page, name);
    }
    clean(problems);
  } finally {
    await context.close();
  }
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations on any screen (${scheme})`, async () => {
    await everyScreen({ colorScheme: scheme, bypassCSP: true }, async (page, name) => {
      if (name === 'bookings') await page.locator('.booking.confirmed').first().getByRole('button', { name: /^Cancel the booking/ }).click();
      if (name === 'sign-in') {
        await page.getByRole('button', { name: 'Sign in' }).click(); // the empty token's error shown
        await page.locator('#token[aria-invalid="true"]').waitFor();
      }
      assert.deepEqual(await axeViolations(page), [], `${name} (${scheme})`);
    });
  });
}

test('screenshots of every screen: desktop and phone, light and dark, and right-to-left', async () => {
  const runs = [];
  for (const scheme of ['light', 'dark']) {
    runs.push({ suffix: `desktop${scheme === 'dark' ? '-dark' : ''}`, colorScheme: scheme, viewport: DESKTOP });
    runs.push({ suffix: `phone${scheme === 'dark' ? '-dark' : ''}`, colorScheme: scheme, viewport: PHONE, phone: true });
  }
  runs.push({ suffix: 'desktop-ar-EG', colorScheme: 'light', viewport: DESKTOP, locale: 'ar-EG', timezoneId: 'Africa/Cairo' });
  for (const run of runs) {
    await everyScreen(run, async (page, name) => {
      if (run.locale === 'ar-EG') {
        assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
        // the interface is English: its dates and times too, never Arabic digits among English words
        assert.doesNotMatch(await page.locator('main').textContent(), /[\u0660-\u0669]/, name);
      }
      const [width, wide] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.scroll')).slice(0, 3).map((e) => e.outerHTML.slice(0, 80)),
      ]);
      assert.ok(width <= run.viewport.width, `${name} ${run.suffix}: no sideways scrolling (${width}px: ${wide.join(' | ')})`);
      await page.screenshot({ path: join(ARTIFACTS, `admin-${name}-${run.suffix}.png`), fullPage: true });
    });
  }
});
