// Styling (issue 14, item 5): ::part() on every visible piece, every colour a custom property, a
// dark scheme (the visitor's setting, or theme="dark"/"light"), the selected day keeping its
// colours under the pointer, contrast of at least 4.5:1 everywhere in both schemes, axe in
// both schemes. Screenshots of an owner's theme and of the dark scheme go to artifacts/www/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, REPO, axeViolations, contrast, launch, openPage, waitForSlots } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const css = (locator, ...props) => locator.evaluate((el, ps) => {
  const s = getComputedStyle(el);
  return Object.fromEntries(ps.map((p) => [p, s[p]]));
}, props);

test('::part() styles every piece the owner names; the other element keeps the defaults', async () => {
  // reduced motion: the day selected on load is read after, not during, its colour's transition
  const { context, page, problems } = await openPage(browser, '/fixtures/parts.html', { timezoneId: 'Europe/Paris', reducedMotion: 'reduce' });
  try {
    const styled = await waitForSlots(page, '#styled');
    const plain = await waitForSlots(page, '#plain');
    const selected = (p) => p.locator('td[aria-selected="true"] .n');
    assert.deepEqual(await css(selected(styled), 'borderRadius', 'backgroundColor', 'color'), { borderRadius: '4px', backgroundColor: 'rgb(10, 90, 40)', color: 'rgb(255, 255, 250)' });
    assert.equal((await css(selected(plain), 'borderRadius')).borderRadius, '50%');
    assert.match((await css(styled.locator('.card'), 'boxShadow')).boxShadow, /rgb\(10, 90, 40\)/);
    assert.equal((await css(styled.locator('.card'), 'borderTopLeftRadius')).borderTopLeftRadius, '2px');
    assert.equal((await css(styled.locator('.title'), 'textTransform')).textTransform, 'uppercase');
    assert.equal((await css(styled.locator('.slot').first(), 'borderTopLeftRadius')).borderTopLeftRadius, '999px');
    assert.equal((await css(styled.locator('.slot .time').first(), 'fontStyle')).fontStyle, 'italic');
    assert.equal((await css(styled.locator('.zone-input'), 'borderTopWidth')).borderTopWidth, '2px');
    assert.equal((await css(styled.locator('th').first(), 'textTransform')).textTransform, 'uppercase');
    assert.match((await css(styled.locator('.card'), 'fontFamily')).fontFamily, /Georgia/);
    assert.equal((await css(plain.locator('.slot .time').first(), 'fontStyle')).fontStyle, 'normal');
    // every visible piece has a part name
    const unnamed = await styled.evaluate((el) => {
      const missing = [];
      for (const sel of ['.card', 'header', '.title', '.meta', '.zone', '.zone-input', '.zone-hint', '.clock', '.clock-option', '.calendar', '.month-nav', '.nav', '.month', '.grid', 'th', 'td[data-date] .n', '.slots', '.slots-heading', '.slot-list', '.slot', '.slot .time']) {
        for (const e of el.shadowRoot.querySelectorAll(sel)) if (!e.getAttribute('part')) missing.push(sel);
      }
      return [...new Set(missing)];
    });
    assert.deepEqual(unnamed, []);
    await page.screenshot({ path: join(ARTIFACTS, 'parts.png'), fullPage: true });
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test('every colour comes from a custom property: an owner who sets them all sees no other colour', async () => {
  // reduced motion: no colour caught halfway through a transition
  const { context, page } = await openPage(browser, '/fixtures/parts.html', { timezoneId: 'Europe/Paris', reducedMotion: 'reduce' });
  try {
    const styled = await waitForSlots(page, '#styled');
    const owner = [...readFileSync(join(REPO, 'tests/www/fixtures/parts.css'), 'utf8').matchAll(/--bookable-[\w-]+:\s*(rgba?\([^)]*\))/g)].map((m) => m[1].replace(/\s+/g, ' ').replace(/, /g, ', '));
    const collect = () => styled.evaluate((el) => {
      const props = ['color', 'backgroundColor', 'borderTopColor', 'borderRightColor', 'borderBottomColor', 'borderLeftColor', 'outlineColor', 'textDecorationColor', 'stroke', 'fill', 'boxShadow', 'caretColor'];
      const out = new Map();
      for (const e of [el.shadowRoot.querySelector('.card'), ...el.shadowRoot.querySelectorAll('.card *')]) {
        const s = getComputedStyle(e);
        for (const p of props) {
          if ((p === 'fill' || p === 'stroke') && !(e instanceof SVGElement)) continue; // only paint SVG
          for (const c of s[p].match(/rgba?\([^)]*\)/g) || []) if (!out.has(c)) out.set(c, `${e.className || e.tagName} ${p}`);
        }
      }
      return [...out];
    });
    await styled.locator('td[data-date="2026-03-25"]').hover(); // a hovered day
    const seen = await collect();
    await styled.locator('.zone-input').click(); // the zone list too
    await styled.locator('[role=option]').first().waitFor();
    seen.push(...(await collect()));
    const allowed = new Set([...owner, 'rgba(0, 0, 0, 0)']);
    const strangers = seen.filter(([c]) => !allowed.has(c));
    assert.deepEqual(strangers, [], 'colours not set by the owner');
    // and the stylesheet writes colours only as the fallbacks of its --bookable-* properties
    const sheet = readFileSync(join(REPO, 'www/bookable-picker.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const literals = [...sheet.matchAll(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)/gi)].map((m) => {
      const line = sheet.slice(sheet.lastIndexOf('\n', m.index) + 1, sheet.indexOf('\n', m.index));
      return /^\s*--_[\w-]+: var\(--bookable-[\w-]+, [^;]+\);$/.test(line) ? null : line.trim();
    }).filter(Boolean);
    assert.deepEqual(literals, [], 'a colour outside a --bookable-* fallback');
  } finally {
    await context.close();
  }
});

/** Text colour against the nearest opaque background, for each selector's first visible match. */
const contrasts = (picker, selectors) => picker.evaluate((el, sels) => {
  const bg = (e) => {
    for (let n = e; n; n = n.parentElement || (n.getRootNode().host ?? null)) {
      const c = getComputedStyle(n).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const out = {};
  for (const s of sels) {
    const e = [...el.shadowRoot.querySelectorAll(s)].find((x) => x.checkVisibility());
    if (e) out[s] = [getComputedStyle(e).color, bg(e)];
  }
  return out;
}, selectors);

const TEXT = ['.title', '.meta', '.zone label', '.zone-input', '.zone-hint', '.clock-option[aria-pressed="true"]', '.clock-option[aria-pressed="false"]', '.month', 'th', '.day:not(.available) .n', '.day.available:not([aria-selected="true"]) .n', '.day[aria-selected="true"] .n', '.slots-heading', '.slot', '.slot .host', '.notice'];

for (const scheme of ['light', 'dark']) {
  test(`${scheme} scheme: every text at 4.5:1 or more, under the pointer too; the selected day keeps its colours`, async () => {
    // reduced motion: colours are read where they settle, not halfway through the hover's transition
    const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-fall.json&timezone=Etc/Unknown', { colorScheme: scheme, timezoneId: 'Europe/Paris', reducedMotion: 'reduce' });
    try {
      const picker = await waitForSlots(page);
      const surface = (await css(picker.locator('.card'), 'backgroundColor')).backgroundColor;
      assert.equal(surface, scheme === 'dark' ? 'rgb(17, 24, 39)' : 'rgb(255, 255, 255)');
      const check = async (what) => {
        for (const [sel, [fg, bg]] of Object.entries(await contrasts(picker, TEXT))) {
          assert.ok(contrast(fg, bg) >= 4.5, `${what}: ${sel} ${fg} on ${bg} is ${contrast(fg, bg).toFixed(2)}:1`);
        }
      };
      await check('at rest');
      // the pointer on an available day, on the selected day, on a time
      await picker.locator('td.available:not([aria-selected="true"])').first().hover();
      const [fg, bg] = Object.values(await contrasts(picker, ['.day.available:hover .n']))[0];
      assert.ok(contrast(fg, bg) >= 4.5, `hovered day ${contrast(fg, bg).toFixed(2)}:1`);
      const sel = picker.locator('td[aria-selected="true"]');
      const rest = await css(sel.locator('.n'), 'backgroundColor', 'color');
      await sel.hover();
      assert.deepEqual(await css(sel.locator('.n'), 'backgroundColor', 'color'), rest, 'hovering the selected day changes nothing');
      assert.ok(contrast(rest.color, rest.backgroundColor) >= 4.5);
      await picker.locator('.slot').first().hover();
      const [sfg, sbg] = Object.values(await contrasts(picker, ['.slot:hover']))[0];
      assert.ok(contrast(sfg, sbg) >= 4.5, `hovered time ${contrast(sfg, sbg).toFixed(2)}:1`);
      // the zone list, its active option
      await picker.locator('.zone-input').fill('new');
      for (const [s, [f, b]] of Object.entries(await contrasts(picker, ['.zone-option[aria-selected="true"] .zo-place', '.zone-option[aria-selected="true"] .zo-name', '.zone-option[aria-selected="false"] .zo-time', '.zone-help']))) {
        assert.ok(contrast(f, b) >= 4.5, `${s} ${f} on ${b} is ${contrast(f, b).toFixed(2)}:1`);
      }
      await page.screenshot({ path: join(ARTIFACTS, `scheme-${scheme}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test(`${scheme} scheme: axe finds nothing on the demo, the zone list, the confirmation, the notice and an error`, async () => {
    const { context, page } = await openPage(browser, '/', { colorScheme: scheme, timezoneId: 'America/New_York', bypassCSP: true });
    try {
      await waitForSlots(page, '#single');
      const team = await waitForSlots(page, '#team');
      assert.deepEqual(await axeViolations(page), [], 'pick step');
      await team.locator('.zone-input').fill('Paris');
      assert.deepEqual(await axeViolations(page), [], 'zone list open');
      await team.locator('.zone-input').press('Enter');
      await team.locator('.slot-list button').first().click();
      await team.locator('.confirm-step').waitFor({ state: 'visible' });
      assert.deepEqual(await axeViolations(page), [], 'confirm step');
    } finally {
      await context.close();
    }
    for (const path of ['/embed.html?config=/fixtures/dst-spring.json&timezone=Etc/Unknown', '/embed.html?config=/fixtures/invalid.json', '/embed.html?config=/fixtures/later.json']) {
      const { context: c2, page: p2 } = await openPage(browser, path, { colorScheme: scheme, locale: 'de-DE', bypassCSP: true });
      try {
        await p2.locator('bookable-picker').locator(':is(.slot-list button, .error):visible').first().waitFor();
        assert.deepEqual(await axeViolations(p2), [], path);
      } finally {
        await c2.close();
      }
    }
  });
}

test('theme="dark" and theme="light" override the visitor\'s scheme', async () => {
  const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json&theme=dark', { colorScheme: 'light' });
  try {
    const picker = await waitForSlots(page);
    assert.equal((await css(picker.locator('.card'), 'backgroundColor')).backgroundColor, 'rgb(17, 24, 39)');
    assert.equal((await css(page.locator('html'), 'colorScheme')).colorScheme, 'dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await picker.evaluate((el) => el.setAttribute('theme', 'light'));
    assert.equal((await css(picker.locator('.card'), 'backgroundColor')).backgroundColor, 'rgb(255, 255, 255)');
    await picker.evaluate((el) => el.removeAttribute('theme'));
    assert.equal((await css(picker.locator('.card'), 'backgroundColor')).backgroundColor, 'rgb(17, 24, 39)', 'no attribute: the visitor\'s (dark) scheme');
  } finally {
    await context.close();
  }
});
