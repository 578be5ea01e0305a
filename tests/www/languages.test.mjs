// Languages and direction (issue 14, item 7): Spanish, Italian, Portuguese and Japanese text
// beside English, French, Dutch and German (and Arabic and Hebrew); a language without a table
// is English throughout, never English sentences around another language's dates; right-to-left
// pages mirror the month arrows and the arrow keys and use the locale's digits everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, launch, openPage, waitForSlots, plain } from './helpers.mjs';

const SPRING = '/embed.html?config=/fixtures/dst-spring.json';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('every language table has every English key, with the same placeholders', async () => {
  const { english, LANGUAGES } = await import(pathToFileURL(join(REPO, 'www/shared/i18n.js')).href);
  const files = readdirSync(join(REPO, 'www/shared/i18n')).map((f) => f.replace(/\.js$/, ''));
  assert.deepEqual([...files, 'en'].sort(), [...LANGUAGES].sort(), 'LANGUAGES lists the tables');
  const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const lang of files) {
    const table = (await import(pathToFileURL(join(REPO, 'www/shared/i18n', `${lang}.js`)).href)).default;
    assert.deepEqual(Object.keys(table).sort(), Object.keys(english).sort(), `${lang}: the same keys as English`);
    for (const [key, text] of Object.entries(table)) {
      assert.deepEqual(holes(text), holes(english[key]), `${lang}.${key} keeps its placeholders`);
      assert.ok(text.trim().length > 0, `${lang}.${key}`);
    }
  }
});

const CASES = [
  { locale: 'es-ES', label: 'Tu zona horaria', heading: 'Horarios disponibles el lunes, 23 de marzo', confirm: 'Confirmar', next: 'Mes siguiente', time: '9:00' },
  { locale: 'it-IT', label: 'Il tuo fuso orario', heading: 'Orari disponibili lunedì 23 marzo', confirm: 'Conferma', next: 'Mese successivo', time: '09:00' },
  { locale: 'pt-BR', label: 'Fuso horário', heading: 'Horários disponíveis em segunda-feira, 23 de março', confirm: 'Confirmar', next: 'Próximo mês', time: '09:00' },
  { locale: 'ja-JP', label: 'タイムゾーン', heading: '3月23日月曜日の空き時間', confirm: '確定', next: '次の月', time: '9:00' },
];

for (const c of CASES) {
  test(`${c.locale}: the interface in its language around its own dates`, async () => {
    const { context, page, problems } = await openPage(browser, SPRING, { locale: c.locale, timezoneId: 'Europe/Paris' });
    try {
      const picker = await waitForSlots(page);
      assert.equal(await picker.locator('.zone label').textContent(), c.label);
      assert.equal(plain(await picker.locator('.slots-heading').textContent()), c.heading);
      assert.equal(await picker.locator('button.next').getAttribute('aria-label'), c.next);
      assert.equal(plain(await picker.locator('.slot-list .time').first().textContent()), c.time);
      assert.equal(await picker.locator('.card').getAttribute('lang'), c.locale);
      await picker.locator('.slot-list button').first().click();
      assert.equal(await picker.locator('button.confirm').textContent(), c.confirm);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('a language without a table (Korean) is English throughout: text, dates and numbers', async () => {
  const { context, page } = await openPage(browser, SPRING, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.card').getAttribute('lang'), 'en-KR');
    assert.equal(await picker.locator('.zone label').textContent(), 'Your time zone');
    assert.equal(await picker.locator('.month').textContent(), 'March 2026');
    assert.match(await picker.locator('.slots-heading').textContent(), /^Available times on Monday, March 23$/);
    const text = await picker.evaluate((el) => el.shadowRoot.querySelector('.card').innerText);
    assert.doesNotMatch(text, /[\u3131-\uD79D]/, 'no Hangul next to English sentences');
    // Korea's weeks start on Sunday: the region still decides
    assert.equal(await picker.locator('th').first().getAttribute('abbr'), 'Sunday');
  } finally {
    await context.close();
  }
});

/** The focused day cell's date, through the shadow root. */
const focusedDate = (picker) => picker.evaluate((el) => el.shadowRoot.activeElement?.dataset.date ?? null);

const ARABIC_INDIC = /[\u0660-\u0669]/;
const LATIN = /[0-9]/;
// Egyptian Arabic writes Arabic-Indic digits, Hebrew Latin ones: each page uses its own only
for (const { locale, own, other, zone } of [
  { locale: 'ar-EG', own: ARABIC_INDIC, other: LATIN, zone: 'Africa/Cairo' },
  { locale: 'he-IL', own: LATIN, other: ARABIC_INDIC, zone: 'Asia/Jerusalem' },
]) {
  test(`${locale}: right to left, mirrored arrows and keys, the locale's digits throughout`, async () => {
    const { context, page, problems } = await openPage(browser, SPRING, { locale, timezoneId: zone });
    try {
      const picker = await waitForSlots(page);
      assert.equal(await picker.locator('.card').getAttribute('dir'), 'rtl');
      // "previous" sits on the right and points right; "next" on the left and points left
      const prev = await picker.locator('button.prev').boundingBox();
      const next = await picker.locator('button.next').boundingBox();
      assert.ok(prev.x > next.x, 'previous month on the right');
      for (const b of ['prev', 'next']) {
        assert.equal(await picker.locator(`button.${b} svg`).evaluate((el) => getComputedStyle(el).transform), 'matrix(-1, 0, 0, 1, 0, 0)', `${b} arrow mirrored`);
      }
      const day23 = await picker.locator('td[data-date="2026-03-23"]').boundingBox();
      const day24 = await picker.locator('td[data-date="2026-03-24"]').boundingBox();
      assert.ok(day24.x < day23.x, 'the next day is to the left');
      // the Right arrow goes back a day (to the right), the Left arrow forward
      await picker.locator('td[data-date="2026-03-24"]').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await focusedDate(picker), '2026-03-23');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await focusedDate(picker), '2026-03-25');
      const x25 = (await picker.locator('td[data-date="2026-03-25"]').boundingBox()).x;
      assert.ok(x25 < day24.x, 'and that is visually to the left');
      // the same digits in day numbers, times, the month and the zone's offset
      const texts = [
        ...(await picker.locator('td[data-date] .n').allTextContents()),
        ...(await picker.locator('.slot-list .time').allTextContents()),
        await picker.locator('.month').textContent(),
        await picker.locator('.zone-hint').textContent(),
        await picker.locator('.slots-heading').textContent(),
        ...(await picker.locator('.clock-option').allTextContents()),
      ];
      for (const t of texts) {
        assert.match(t, own, `"${t}" has the locale's digits`);
        assert.doesNotMatch(t, other, `"${t}" has no other digits`);
      }
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('ar-EG: the interface is Arabic, the owner\'s English title keeps its own direction', async () => {
  const { context, page } = await openPage(browser, SPRING, { locale: 'ar-EG', timezoneId: 'Africa/Cairo' });
  try {
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.zone label').textContent(), 'منطقتك الزمنية');
    assert.match(await picker.locator('.slots-heading').textContent(), /^الأوقات المتاحة يوم /);
    assert.equal(await picker.locator('.title').evaluate((el) => getComputedStyle(el).direction), 'ltr');
    assert.equal(await picker.locator('.card').evaluate((el) => getComputedStyle(el).direction), 'rtl');
  } finally {
    await context.close();
  }
});
