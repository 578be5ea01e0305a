// `bookable-slots/picker` through a bundler: install the packed package into the Vite app, build
// picker.html and serve it (then the same page from the dev server); in headless Chromium the
// element loads the engine, its stylesheet, the zone index and its German text from the bundle.
// Needs pkg/ (scripts/build-pkg.sh) and this folder's npm dependencies (scripts/setup.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, preview } from 'vite';
import { chromium } from 'playwright-core';

const APP = dirname(fileURLToPath(import.meta.url));
const PKG = resolve(APP, '../../pkg');
const DIST = join(APP, 'dist-picker');
const INPUT = { picker: join(APP, 'picker.html') };
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(PKG, 'package.json')), 'pkg/ is missing: bash scripts/build-pkg.sh');
  const packDir = mkdtempSync(join(tmpdir(), 'bookable-pack-'));
  const npm = (args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: APP, encoding: 'utf8' });
  const [packed] = JSON.parse(npm(['pack', PKG, '--pack-destination', packDir, '--json']));
  npm(['install', '--no-save', join(packDir, packed.filename)]);
  rmSync(packDir, { recursive: true, force: true });
  rmSync(DIST, { recursive: true, force: true });
  await build({ root: APP, logLevel: 'warn', build: { outDir: DIST, rollupOptions: { input: INPUT } } });
  server = await preview({ root: APP, logLevel: 'warn', build: { outDir: DIST }, preview: { host: '127.0.0.1', port: 4199, strictPort: false } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.httpServer.close(done) : done()));
  rmSync(DIST, { recursive: true, force: true });
});

test('imported by name in Node, as a framework rendering pages on a server does: no error, nothing defined', () => {
  // `node` in this app, where the packed package is installed: Node's own resolution of the name
  const script = "const m = await import('bookable-slots/picker'); console.log(JSON.stringify({ cls: typeof m.BookablePicker, ce: typeof customElements }));";
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: APP, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { cls: 'function', ce: 'undefined' });
});

test('the build emits the wasm, the stylesheet and one chunk per language', () => {
  const assets = readdirSync(join(DIST, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(', '));
  assert.ok(assets.some((f) => /^bookable-picker-.*\.css$/.test(f)), assets.join(', '));
  assert.ok(assets.filter((f) => f.endsWith('.js')).length >= 10, `the languages are chunks of their own: ${assets.join(', ')}`);
});

async function checkPage(url) {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  try {
    await page.goto(url);
    await page.waitForSelector('#result:not([data-status="running"])', { timeout: 30_000 });
    assert.equal(await page.getAttribute('#result', 'data-status'), 'done', `${await page.textContent('#result')}\n${problems.join('\n')}`);
    assert.deepEqual(JSON.parse(await page.textContent('#result')), { timezone: 'Europe/Berlin', locale: 'de-DE', month: '2026-11', firstAvailable: '2026-11-23' });
    const picker = page.locator('bookable-picker');
    await picker.locator('.slot-list button').first().waitFor();
    assert.deepEqual(await picker.locator('.slot-list .time').allTextContents(), ['09:00', '09:30']);
    assert.equal(await picker.locator('.zone label').textContent(), 'Ihre Zeitzone');
    assert.equal(await picker.locator('.zone-input').inputValue(), 'Berlin, Deutschland');
    assert.equal(await picker.locator('.card').evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid', 'the stylesheet applies');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

test('the built page shows the element, in German, with its styles', async () => {
  await checkPage(new URL('picker.html', server.resolvedUrls.local[0]).href);
});

test('the same page from the Vite dev server', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'bookable-vite-cache-'));
  const dev = await createServer({ root: APP, cacheDir, logLevel: 'warn', server: { host: '127.0.0.1', port: 4209, strictPort: false } });
  try {
    await dev.listen();
    await checkPage(new URL('picker.html', dev.resolvedUrls.local[0]).href);
  } finally {
    await dev.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
