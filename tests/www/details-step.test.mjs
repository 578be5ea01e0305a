// The details step (Name, Email, Notes: picker/booking.js, loaded with import()) is styled in every
// theme (issue 20): its fields have a visible border against the card (WCAG 1.4.11: ≥ 3:1), the
// error text is in the error colour (≥ 4.5:1 on the card) — light, dark, Arabic (RTL) and a phone,
// on the demo server's /p/{page}. The step once read `--bookable-*` properties without a default:
// its fields had no border at all unless the owner set them. The confirmation after booking shows
// the zone, the host, the duration and the link to /manage/{id}. Screenshots in artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, BASE_URL, PHONE, axeViolations, contrast, launch, openPage, plain, waitForSlots } from './helpers.mjs';

const TOKEN = process.env.BOOKABLE_ADMIN_TOKEN;
const RUN = Date.now().toString(36);
const PAGE = `details-${RUN}`;
const call = async (method, path, body) => {
  const res = await fetch(new URL(path, BASE_URL), {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};
const every = (pairs) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, pairs]));

let browser;
before(async () => {
  assert.ok(TOKEN, 'run.sh exports the owner token');
  const member = `dana-${RUN}`;
  assert.equal((await call('PUT', `/api/admin/members/${member}`, { name: 'Dana Host', timezone: 'UTC', weekly: every([['00:00', '24:00']]) })).status, 200);
  const put = await call('PUT', `/api/admin/pages/${PAGE}`, { title: 'Details call', timezone: 'UTC', event: { duration: 30 }, members: [{ id: member }] });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  browser = await launch();
});
after(() => browser?.close());

/** The card's background behind the fields: the first opaque background up from `el`. */
const backdrop = (locator) => locator.evaluate((el) => {
  for (let n = el.parentElement || el.getRootNode().host; n; n = n.parentElement || n.getRootNode().host) {
    const bg = getComputedStyle(n).backgroundColor;
    if (!/rgba\(.*,\s*0\)$|transparent/.test(bg)) return bg;
  }
  return 'rgb(255, 255, 255)';
});

const THEMES = [
  { name: 'light', options: { colorScheme: 'light' } },
  { name: 'dark', options: { colorScheme: 'dark' } },
  { name: 'rtl-ar', options: { colorScheme: 'light', locale: 'ar-EG' } },
  { name: 'phone-dark', options: { colorScheme: 'dark', viewport: PHONE, phone: true } },
];

for (const { name, options } of THEMES) {
  test(`the details step in ${name}: every field has a visible border, errors in the error colour`, async () => {
    const { context, page, problems } = await openPage(browser, `/p/${PAGE}`, { timezoneId: 'UTC', ...options });
    try {
      const picker = await waitForSlots(page);
      await picker.locator('.slot-list button[data-start]').first().click();
      await picker.locator('#field-name').waitFor();
      if (options.locale === 'ar-EG') assert.equal(await picker.locator('.card').getAttribute('dir'), 'rtl');
      for (const id of ['field-name', 'field-email', 'field-notes']) {
        const field = picker.locator(`#${id}`);
        const style = await field.evaluate((el) => {
          const s = getComputedStyle(el);
          return { width: parseFloat(s.borderTopWidth), style: s.borderTopStyle, color: s.borderTopColor, background: s.backgroundColor, text: s.color };
        });
        const behind = await backdrop(field);
        assert.ok(style.width >= 1 && style.style === 'solid', `${name} #${id}: a border (${JSON.stringify(style)})`);
        assert.ok(contrast(style.color, behind) >= 3, `${name} #${id}: border ${style.color} on ${behind} is ≥ 3:1 (${contrast(style.color, behind).toFixed(2)})`);
        assert.ok(!/rgba\(.*,\s*0\)$/.test(style.background), `${name} #${id}: a background (${style.background})`);
        assert.ok(contrast(style.text, style.background) >= 4.5, `${name} #${id}: text ${style.text} on ${style.background}`);
      }
      await page.screenshot({ path: join(ARTIFACTS, `details-${name}.png`), fullPage: true });
      // an empty submit: the errors and the invalid fields' borders in the error colour
      await picker.locator('button.book').click();
      const error = picker.locator('#field-name-error');
      await error.waitFor({ state: 'visible' });
      const danger = await picker.locator('#field-name').evaluate((el) => getComputedStyle(el).borderTopColor);
      const errorColor = await error.evaluate((el) => getComputedStyle(el).color);
      assert.equal(errorColor, danger, `${name}: the error text and the invalid border share the error colour`);
      const behind = await backdrop(error);
      assert.ok(contrast(errorColor, behind) >= 4.5, `${name}: error ${errorColor} on ${behind} (${contrast(errorColor, behind).toFixed(2)})`);
      const normal = await picker.locator('#field-notes').evaluate((el) => getComputedStyle(el).borderTopColor);
      assert.notEqual(danger, normal, `${name}: an invalid field's border differs from a valid one's`);
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: join(ARTIFACTS, `details-${name}-errors.png`), fullPage: true });
      assert.deepEqual([problems.errors, problems.console], [[], []]);
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
    } finally {
      await context.close();
    }
  });
}

test('the confirmation shows the time zone, the host, the duration and the manage link, which opens the booking', async () => {
  const { context, page, problems } = await openPage(browser, `/p/${PAGE}`, { timezoneId: 'Asia/Tokyo' });
  try {
    const picker = await waitForSlots(page);
    await picker.locator('.slot-list button[data-start]').first().click();
    await picker.locator('#field-name').fill('Kai Visitor');
    await picker.locator('#field-email').fill('kai@example.com');
    const posted = page.waitForResponse((r) => r.url().endsWith(`/api/pages/${PAGE}/bookings`) && r.request().method() === 'POST');
    await picker.locator('button.book').click();
    const res = await posted;
    assert.equal(res.status(), 201);
    const { booking } = await res.json();
    const done = picker.locator('.done-step');
    await done.waitFor({ state: 'visible' });
    assert.equal(plain(await done.locator('.hosts').innerText()), 'with Dana Host');
    assert.equal(plain(await done.locator('.duration').innerText()), 'Duration: 30 minutes');
    assert.match(plain(await done.locator('.zone-line').innerText()), /^Times are shown in .*Tokyo/);
    const link = done.locator('a.manage');
    assert.equal(plain(await link.innerText()), 'Change or cancel this booking');
    assert.equal(await link.getAttribute('href'), booking.manageUrl);
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, 'confirmation-desktop-light.png'), fullPage: true });
    assert.deepEqual([problems.errors, problems.console], [[], []]);
    // the link is the visitor's page of this booking (its token in the fragment)
    await link.click();
    await page.waitForURL((u) => u.pathname === `/manage/${booking.id}`);
    await page.locator('#booking').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#hosts').textContent(), 'Dana Host');
    assert.match(await page.locator('#when').textContent(), /Asia\/Tokyo/);
  } finally {
    await context.close();
  }
});
