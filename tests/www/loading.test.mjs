// Loading (issue 14, item 9): a skeleton the size of the calendar with aria-busy while the engine
// loads, preload hints that fetch the module graph and the wasm at once (each file once), one
// stylesheet load for every element, compressed responses with cache headers, Escape back from
// the confirmation; and the element as the npm package ships it (item 10).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { BASE_URL, DESKTOP, PHONE, launch, openPage, waitForSlots } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Holds the wasm back until `release()`; returns that function. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((ok) => {
    release = ok;
  });
  await page.route((url) => url.pathname.endsWith('.wasm'), async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

// On a desktop the times sit beside the calendar: the card keeps its height to the pixel. On a
// phone they are below it: nothing above the times moves, and their list grows to fit.
for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`${name}: a skeleton with aria-busy while the engine loads; nothing moves when the times arrive`, async () => {
    let release;
    const { context, page, problems } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', {
      viewport,
      before: async (p) => {
        release = await holdWasm(p);
      },
    });
    try {
      const picker = page.locator('bookable-picker');
      await picker.locator('.card[aria-busy="true"]').waitFor();
      await page.waitForTimeout(200);
      const skeleton = await picker.evaluate((el) => {
        const root = el.shadowRoot;
        return {
          busy: root.querySelector('.card').getAttribute('aria-busy'),
          rows: root.querySelectorAll('tbody tr').length,
          cells: root.querySelectorAll('tbody td').length,
          placeholders: root.querySelectorAll('.slot-list .skeleton').length,
          buttons: root.querySelectorAll('.slot-list button').length,
          status: root.querySelector('.status').textContent,
          title: root.querySelector('.title').textContent,
          height: root.querySelector('.card').getBoundingClientRect().height,
          width: root.querySelector('.card').getBoundingClientRect().width,
          grid: root.querySelector('.grid').getBoundingClientRect().top,
          heading: root.querySelector('.slots-heading').getBoundingClientRect().top,
        };
      });
      assert.deepEqual({ busy: skeleton.busy, rows: skeleton.rows, cells: skeleton.cells, placeholders: skeleton.placeholders, buttons: skeleton.buttons, status: skeleton.status, title: skeleton.title },
        { busy: 'true', rows: 6, cells: 42, placeholders: 6, buttons: 0, status: 'Loading available times…', title: 'DST spring fixture' }, 'the owner\'s title shows at once');
      release();
      await waitForSlots(page);
      const loaded = await picker.evaluate((el) => {
        const card = el.shadowRoot.querySelector('.card');
        return {
          busy: card.getAttribute('aria-busy'), height: card.getBoundingClientRect().height, width: card.getBoundingClientRect().width, rows: el.shadowRoot.querySelectorAll('tbody tr').length,
          grid: el.shadowRoot.querySelector('.grid').getBoundingClientRect().top, heading: el.shadowRoot.querySelector('.slots-heading').getBoundingClientRect().top,
        };
      });
      assert.equal(loaded.busy, null);
      assert.equal(loaded.rows, 6, 'six weeks, loaded or not');
      assert.equal(loaded.width, skeleton.width);
      console.log(`${name}: card ${skeleton.height.toFixed(1)} px loading, ${loaded.height.toFixed(1)} px loaded`);
      assert.ok(Math.abs(loaded.grid - skeleton.grid) <= 1, `the calendar moved from y=${skeleton.grid} to ${loaded.grid}`);
      assert.ok(Math.abs(loaded.heading - skeleton.heading) <= 1, `the times' heading moved from y=${skeleton.heading} to ${loaded.heading}`);
      if (name === 'desktop') assert.ok(Math.abs(loaded.height - skeleton.height) <= 1, `the card went from ${skeleton.height} to ${loaded.height} px`);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('preload hints: the module graph and the pages\' answers start at once, then the wasm; each file loads once; one stylesheet for two elements', async () => {
  const { context, page, problems } = await openPage(browser, '/', { timezoneId: 'Europe/Paris' });
  const requests = [];
  const warnings = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  try {
    await page.reload();
    await waitForSlots(page, '#single');
    await waitForSlots(page, '#team');
    const count = (path) => requests.filter((p) => p === path).length;
    const hints = await page.evaluate(() => [...document.querySelectorAll('link[rel=modulepreload], link[rel=preload]')].map((l) => new URL(l.href).pathname));
    const first = ['/pkg/bookable-picker.js', '/pkg/bookable.js', '/pkg/bookable_web.js', '/pkg/api.js', '/pkg/expand.js', '/pkg/request.js', '/pkg/zone-index.js', '/pkg/bookable-picker.css', '/demo/single.json', '/demo/team.json'];
    for (const path of first) {
      assert.ok(hints.includes(path), `${path} is hinted`);
      assert.equal(count(path), 1, `${path} loaded once (${count(path)})`);
    }
    // every file of the element's static module graph is hinted: nothing waits for its importer
    // (the details step is imported once the first times are shown)
    const modules = requests.filter((p) => p.endsWith('.js') && !['/demo.js', '/embed.js', '/pkg/picker/booking.js'].includes(p));
    for (const m of modules) assert.ok(hints.includes(m), `${m} has a hint`);
    assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'no hint goes unused');
    // the wasm is not hinted: the element asks for it once, after what the first times need
    assert.ok(!hints.includes('/pkg/bookable_bg.wasm'));
    assert.equal(count('/pkg/bookable_bg.wasm'), 1);
    const wasmAt = requests.indexOf('/pkg/bookable_bg.wasm');
    for (const path of first) assert.ok(requests.indexOf(path) < wasmAt, `${path} before the wasm`);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

/** A raw GET (Node's fetch would decompress): status, headers and body size. */
function raw(path, headers = {}) {
  return new Promise((ok, fail) => {
    get(new URL(path, BASE_URL), { headers }, (res) => {
      let size = 0;
      res.on('data', (chunk) => {
        size += chunk.length;
      });
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, size }));
    }).on('error', fail);
  });
}

test('the demo server compresses (brotli, else gzip), tags and caches its responses', async () => {
  const plainWasm = await raw('/pkg/bookable_bg.wasm');
  assert.equal(plainWasm.headers['content-encoding'], undefined);
  const br = await raw('/pkg/bookable_bg.wasm', { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.match(br.headers.vary, /(^|,)\s*accept-encoding\s*(,|$)/i);
  assert.equal(br.headers['cache-control'], 'public, max-age=300');
  assert.ok(br.size < plainWasm.size / 3.5, `wasm ${plainWasm.size} B raw, ${br.size} B brotli`);
  const gz = await raw('/bookable-picker.js', { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  const page = await raw('/', { 'accept-encoding': 'br' });
  assert.equal(page.headers['content-encoding'], 'br');
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.match(page.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal((await raw('/demo/team.json', { 'accept-encoding': 'br' })).headers['content-encoding'], 'br');
  assert.equal((await raw('/bookable-picker.js', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'], 'gzip', 'q=0 refuses');
  // an unchanged file is a 304 for the validator the browser holds (its ETag, else its Last-Modified)
  const first = (await raw('/bookable-picker.css', { 'accept-encoding': 'br' })).headers;
  assert.ok(first.etag || first['last-modified'], 'a validator');
  const again = await raw('/bookable-picker.css', { 'accept-encoding': 'br', ...(first.etag ? { 'if-none-match': first.etag } : { 'if-modified-since': first['last-modified'] }) });
  assert.equal(again.status, 304);
  assert.equal(again.size, 0);
  let total = 0;
  let totalRaw = 0; // (the wasm dominates both)
  for (const path of ['/', '/pkg/bookable-picker.js', '/pkg/bookable-picker.css', '/pkg/zone-index.js', '/pkg/bookable.js', '/pkg/bookable_web.js', '/pkg/api.js', '/pkg/expand.js', '/pkg/request.js', '/pkg/bookable_bg.wasm', '/demo.js', '/demo.css']) {
    total += (await raw(path, { 'accept-encoding': 'br' })).size;
    totalRaw += (await raw(path)).size;
  }
  console.log(`the demo page's files: ${totalRaw} B uncompressed, ${total} B with brotli`);
  assert.ok(total < totalRaw / 3.5, `${total} B of ${totalRaw} B`);
});

test('Escape on the confirmation goes back to the times, focus on the time chosen', async () => {
  const { context, page } = await openPage(browser, '/embed.html?config=/fixtures/dst-spring.json', { timezoneId: 'Europe/Paris' });
  try {
    const picker = await waitForSlots(page);
    const second = picker.locator('.slot-list button').nth(1);
    const start = await second.getAttribute('data-start');
    await second.click();
    await picker.locator('.confirm-step').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await picker.locator('.slot-list').waitFor({ state: 'visible' });
    assert.equal(await picker.locator('.confirm-step').isVisible(), false);
    assert.equal(await picker.evaluate((el) => el.shadowRoot.activeElement?.dataset.start), start);
    assert.deepEqual(await page.evaluate(() => window.__events), [], 'nothing was chosen');
  } finally {
    await context.close();
  }
});

test('the element as the npm package ships it: bookable-slots/picker loads the engine from the package', async () => {
  const { context, page, problems } = await openPage(browser, '/fixtures/pkg-only.html', { timezoneId: 'Europe/Paris' });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await page.reload();
    const picker = await waitForSlots(page);
    assert.equal(await picker.locator('.slot-list button').first().getAttribute('data-start'), '2026-03-23T08:00:00Z');
    for (const path of ['/pkg/bookable-picker.js', '/pkg/bookable-picker.css', '/pkg/bookable.js', '/pkg/zone-index.js', '/pkg/bookable_bg.wasm']) {
      assert.ok(requests.includes(path), `${path} from the package`);
    }
    assert.deepEqual(requests.filter((p) => !p.startsWith('/pkg/') && !p.startsWith('/fixtures/') && p !== '/favicon.ico'), [], 'nothing from www/');
    assert.equal(await picker.locator('.card').evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid', 'its stylesheet applies');
    // its interface text in another language comes from the package too
    await picker.evaluate((el) => el.setAttribute('locale', 'de-DE'));
    await picker.locator('.zone label', { hasText: 'Ihre Zeitzone' }).waitFor();
    assert.ok(requests.includes('/pkg/shared/i18n/de.js'));
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

// The server's first slots (`firstSlots` of the page's answer) while the engine loads: the times
// of the first day, with their hosts, are those the engine then shows; the zone field waits for
// the engine; a time chosen meanwhile is confirmed once the engine has it.
for (const name of ['single', 'team']) {
  test(`/p/${name}: the server's first times show before the engine, and are the engine's`, async () => {
    let release;
    const { context, page, problems } = await openPage(browser, `/p/${name}`, {
      timezoneId: 'Asia/Kolkata',
      before: async (p) => {
        release = await holdWasm(p);
      },
    });
    const times = (picker) => picker.locator('.slot-list button[data-start]').evaluateAll((bs) => bs.map((b) => [b.dataset.start, b.textContent]));
    try {
      const picker = page.locator('bookable-picker');
      await picker.locator('.card.preview[aria-busy="true"] .slot-list button[data-start]').first().waitFor();
      const shown = await picker.evaluate((el) => ({
        day: el.shadowRoot.querySelector('.slots-heading').textContent,
        zoneDisabled: el.shadowRoot.querySelector('.zone-input').disabled,
        status: el.shadowRoot.querySelector('.status').textContent,
      }));
      assert.ok(shown.zoneDisabled && shown.status, 'the zone field still loads, and says so');
      const before = await times(picker);
      assert.ok(before.length > 0);
      release();
      await picker.locator('.card:not([aria-busy]) .zone-input[data-zone="Asia/Kolkata"]').waitFor();
      assert.equal(await picker.locator('.slots-heading').textContent(), shown.day, 'the same day');
      assert.deepEqual(await times(picker), before, 'the same times, labels and hosts');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test('a time chosen from the server\'s first times is confirmed once the engine has loaded', async () => {
  let release;
  const { context, page, problems } = await openPage(browser, '/p/single', {
    before: async (p) => {
      release = await holdWasm(p);
    },
  });
  try {
    const picker = page.locator('bookable-picker');
    const second = picker.locator('.card.preview .slot-list button[data-start]').nth(1);
    const start = await second.getAttribute('data-start');
    await second.click();
    await page.waitForTimeout(300);
    assert.equal(await picker.locator('.confirm-step').isVisible(), false, 'nothing to confirm before the engine');
    release();
    await picker.locator('.confirm-step').waitFor();
    assert.equal(await picker.evaluate((el) => el.shadowRoot.querySelector('.card').getAttribute('aria-busy')), null);
    // back from the confirmation, the focus is on the time that was chosen
    await picker.locator('.confirm-step button.back').click();
    await picker.locator('.slot-list').waitFor();
    assert.equal(await picker.evaluate((el) => el.shadowRoot.activeElement?.dataset.start), start);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
