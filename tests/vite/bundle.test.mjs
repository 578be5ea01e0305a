// The bundler test: install the packed npm package into this tiny Vite app, `vite build` it,
// serve the build with `vite preview`, and run the page in headless Chromium (playwright-core
// with Debian's /usr/bin/chromium), which computes slots with bookable in the page; then the
// same page from Vite's dev server.
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
const DIST = join(APP, 'dist');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(PKG, 'package.json')), 'pkg/ is missing: bash scripts/build-pkg.sh');
  // Install the package as a user would: from its tarball (not saved to package.json).
  const packDir = mkdtempSync(join(tmpdir(), 'bookable-pack-'));
  const npm = (args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: APP, encoding: 'utf8' });
  const [packed] = JSON.parse(npm(['pack', PKG, '--pack-destination', packDir, '--json']));
  npm(['install', '--no-save', join(packDir, packed.filename)]);
  rmSync(packDir, { recursive: true, force: true });

  rmSync(DIST, { recursive: true, force: true });
  await build({ root: APP, logLevel: 'warn', build: { outDir: DIST } });
  server = await preview({ root: APP, logLevel: 'warn', build: { outDir: DIST }, preview: { host: '127.0.0.1', port: 4179, strictPort: false } });
  // playwright gives every launch a fresh, empty profile of its own.
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.httpServer.close(done) : done()));
});

test('the build emits the WebAssembly module as an asset', () => {
  const assets = readdirSync(join(DIST, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(', '));
  assert.ok(assets.some((f) => f.endsWith('.js')), assets.join(', '));
});

/** Opens the page at `url`, waits for it to finish, and checks what it computed. */
async function checkPage(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  const wasm = [];
  page.on('response', (r) => r.url().split('?')[0].endsWith('.wasm') && wasm.push({ status: r.status(), type: r.headers()['content-type'] }));

  await page.goto(url);
  await page.waitForSelector('#result:not([data-status="running"])', { timeout: 30_000 });
  const status = await page.getAttribute('#result', 'data-status');
  const text = await page.textContent('#result');
  assert.equal(status, 'done', `${text}\n${problems.join('\n')}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(wasm, [{ status: 200, type: 'application/wasm' }]);

  const result = JSON.parse(text);
  // Ana works Monday 09:00–10:00 in Paris (UTC+1 in November).
  assert.deepEqual(result.response, {
    timezone: 'Europe/Paris',
    slots: [
      { start: '2026-11-23T08:00:00Z', end: '2026-11-23T08:30:00Z', hosts: ['ana'] },
      { start: '2026-11-23T08:30:00Z', end: '2026-11-23T09:00:00Z', hosts: ['ana'] },
    ],
    days: [{ date: '2026-11-23', count: 2, first: '2026-11-23T08:00:00Z' }],
  });
  assert.deepEqual(result.error, {
    isError: true,
    name: 'BookableError',
    code: 'invalid_timezone',
    path: 'timezone',
    message: result.error.message,
  });
  assert.ok(result.error.message.length > 0);
  assert.deepEqual(result.after, result.response);
  // December 2026 has four Mondays with two slots each.
  assert.equal(result.month.slots.length, 8);
  assert.deepEqual(result.month.days.map((d) => d.date), ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
  assert.deepEqual(result.starts, [Date.parse('2026-11-23T08:00:00Z'), Date.parse('2026-11-23T08:30:00Z')]);
  assert.match(result.tzdata, /^\d{4}[a-z]$/);

  const items = await page.locator('#slots li').allTextContents();
  assert.deepEqual(items, [
    '2026-11-23T08:00:00Z – 2026-11-23T08:30:00Z with ana',
    '2026-11-23T08:30:00Z – 2026-11-23T09:00:00Z with ana',
  ]);
  await page.close();
}

test('the built page loads bookable and computes slots in headless Chromium', async () => {
  await checkPage(server.resolvedUrls.local[0]);
});

test('the same page from the Vite dev server', async () => {
  // A fresh dependency cache: the installed package changes without package-lock.json changing.
  const cacheDir = mkdtempSync(join(tmpdir(), 'bookable-vite-cache-'));
  const dev = await createServer({ root: APP, cacheDir, logLevel: 'warn', server: { host: '127.0.0.1', port: 4189, strictPort: false } });
  try {
    await dev.listen();
    await checkPage(dev.resolvedUrls.local[0]);
  } finally {
    await dev.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
