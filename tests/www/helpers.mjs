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
export async function openPage(browser, path, { locale = 'en-US', timezoneId = 'Europe/Paris', viewport = { width: 1100, height: 900 }, bypassCSP = false } = {}) {
  const context = await browser.newContext({ locale, timezoneId, viewport, bypassCSP });
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
  });
  await page.goto(new URL(path, BASE_URL).href);
  return { context, page, problems };
}

/** Waits until the picker shows a selected day with slot buttons (or a done/error state). */
export async function waitForSlots(page, picker = 'bookable-picker') {
  const p = page.locator(picker);
  await p.locator('.slot-list button[data-start]').first().waitFor({ state: 'visible', timeout: 20000 });
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
