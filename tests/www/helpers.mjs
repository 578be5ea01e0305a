// Shared helpers of the booking page tests: the browser, the served URL, and expected values
// computed independently of the page (Intl in Node, for the emulated zone and locale).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) throw new Error('BASE_URL is not set: run the tests through tests/www/run.sh');
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = join(REPO, 'artifacts', 'www');
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Headless Debian chromium (a fresh profile each launch). */
export function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/**
 * A page in a new context. Records page errors, console errors, CSP violations and dialogs so
 * tests can assert there were none.
 */
export async function openPage(browser, path, { locale = 'en-US', timezoneId = 'Europe/Paris', viewport = { width: 1100, height: 900 }, bypassCSP = false, colorScheme = 'light', reducedMotion = 'no-preference', phone = false, before } = {}) {
  const context = await browser.newContext({ locale, timezoneId, viewport, bypassCSP, colorScheme, reducedMotion, ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await context.newPage();
  const problems = { errors: [], console: [], dialogs: [] };
  page.on('pageerror', (e) => problems.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.console.push(m.text());
  });
  page.on('dialog', async (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__events = [];
    document.addEventListener('bookable:select', (e) => window.__events.push({ detail: e.detail, target: e.target.id || e.target.tagName }));
    // every event of the element, in order: { type, detail, target, bubbles, composed }
    window.__all = [];
    for (const type of ['ready', 'error', 'day', 'month', 'timezone', 'select']) {
      document.addEventListener(`bookable:${type}`, (e) => window.__all.push({
        type: e.type, detail: JSON.parse(JSON.stringify(e.detail)), target: e.target.id || e.target.tagName, bubbles: e.bubbles, composed: e.composed,
      }));
    }
  });
  if (before) await before(page);
  await page.goto(new URL(path, BASE_URL).href);
  return { context, page, problems };
}

/** The element's events so far (see openPage), optionally of one type. */
export const events = (page, type) => page.evaluate((t) => window.__all.filter((e) => !t || e.type === `bookable:${t}`), type);

/** Phone and desktop viewports of the issue. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** WCAG contrast ratio of two CSS colours `rgb(r, g, b)` (opaque). */
export function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** axe-core's violations on the page, as one line each. */
export async function axeViolations(page) {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const require = createRequire(import.meta.url);
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits until the picker shows a selected day with slot buttons (or a done/error state). */
export async function waitForSlots(page, picker = 'bookable-picker') {
  const p = page.locator(picker);
  // the engine's times: a page served by the server shows its first times before (aria-busy)
  await p.locator('.card:not([aria-busy]) .slot-list button[data-start]').first().waitFor({ state: 'visible', timeout: 20000 });
  return p;
}

/** The zone a picker shows its times in (its zone field's `data-zone`: an IANA name). */
export const zoneOf = (picker) => picker.locator('.zone-input').getAttribute('data-zone');

/** Types `text` into the zone field and presses Enter; waits until the picker shows `expected`. */
export async function chooseZone(picker, text, expected) {
  const input = picker.locator('.zone-input');
  await input.fill(text);
  await input.press('Enter');
  if (expected) await picker.locator(`.zone-input[data-zone="${expected}"]`).waitFor();
}

/** Intl output with its special spaces made plain (Node and Chromium ICU versions differ there). */
export const plain = (s) => String(s).replace(/[\u202f\u00a0\u2009]/g, ' ').trim();

/** The label the page should give an instant: its local short time in `zone`, in `locale`. */
export function expectedLabel(iso, zone, locale) {
  return plain(new Intl.DateTimeFormat(locale, { timeZone: zone, timeStyle: 'short' }).format(new Date(iso)));
}

/** The civil date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(iso, zone) {
  const p = {};
  for (const { type, value } of new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso))) p[type] = value;
  return `${p.year}-${p.month}-${p.day}`;
}

function offsetMs(ms, zone) {
  const p = {};
  for (const { type, value } of new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(ms))) p[type] = value;
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - ms;
}

/** The UTC instant (RFC 3339) of a wall time that exists exactly once in `zone`. */
export function wallToUtc(date, time, zone) {
  const wall = Date.parse(`${date}T${time}:00Z`);
  let t = wall - offsetMs(wall, zone);
  t = wall - offsetMs(t, zone);
  const iso = new Date(t).toISOString().replace('.000Z', 'Z');
  if (localDate(iso, zone) !== date) throw new Error(`wallToUtc: ${date} ${time} ${zone} is not a single wall time`);
  return iso;
}

export const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

/**
 * Every slot of every month the picker can show: clicks each enabled day and reads its buttons.
 * Returns [{ date, start, end, time, host }], in the order shown.
 */
export async function collectAllSlots(page, picker = 'bookable-picker') {
  const p = page.locator(picker);
  // back to the first month
  while (await p.locator('button.prev').isEnabled()) await p.locator('button.prev').click();
  const out = [];
  for (;;) {
    const dates = await p.locator('td[data-date]:not([aria-disabled="true"])').evaluateAll((cells) => cells.map((c) => c.dataset.date));
    for (const date of dates) {
      await p.locator(`td[data-date="${date}"]`).click();
      const rows = await p.locator('.slot-list button[data-start]').evaluateAll((buttons) =>
        buttons.map((b) => ({
          start: b.dataset.start,
          end: b.dataset.end,
          time: b.querySelector('.time').textContent,
          host: b.querySelector('.host') ? b.querySelector('.host').textContent : null,
        })));
      for (const r of rows) out.push({ date, ...r, time: plain(r.time) });
    }
    const next = p.locator('button.next');
    if (!(await next.isEnabled())) break;
    await next.click();
  }
  return out;
}
