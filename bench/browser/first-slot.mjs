#!/usr/bin/env node
// First paint of the demo page: how long until the first time (a slot button) is on screen, in
// headless Chromium, on localhost and throttled like a slow phone (CDP: 150 ms latency, 1.6 Mbps
// down, 750 kbps up, 4× CPU slowdown), on a first visit (empty cache) and a repeat visit (the same
// browser profile opening the page again). A benchmark to run by hand, not a test.
//
//   node bench/browser/first-slot.mjs [--runs 7] [--url http://host:port/] [--only local|throttled]
//                                     [--compare http://host:port/] [--static]
//
// Without --url it starts the demo as `bash scripts/demo.sh` serves it (target/release/
// bookable-server --demo on a fresh SQLite file, this tree's www/ and pkg/: build both first);
// with --static, www/serve.mjs instead (static files, no `firstSlots` in the pages' answers). With --compare, the runs of the two pages alternate (A, B, A, B…), so that a machine
// busy with other work weighs on both alike: compare those two columns, not runs of other days. Per run the page records, in an animation-frame loop, the first frame in which some
// picker's shadow root holds a `.slot-list button` ("first slot"), the first in which every
// picker does ("all pickers"), and the first in which every picker shows the engine's own times
// (its card no longer `aria-busy`: before, the server's first times), in ms since navigation
// start. Prints medians (min–max).
// Needs pkg/ (bash scripts/build-pkg.sh), /usr/bin/chromium and tests/www's playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'tests/www/package.json'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
if (args.includes('-h') || args.includes('--help')) {
  console.log('usage: node bench/browser/first-slot.mjs [--runs 7] [--url URL] [--only local|throttled] [--compare URL] [--static]');
  process.exit(0);
}
const RUNS = Number(option('--runs', 7));
const only = option('--only');
const compare = option('--compare');

const THROTTLED = {
  network: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 },
  cpu: 4,
};

let server = null;
let url = option('--url');
if (!url && args.includes('--static')) {
  const { createDemoServer } = await import(pathToFileURL(join(root, 'www/serve.mjs')).href);
  server = createDemoServer({ pkg: join(root, 'pkg') });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${server.address().port}/`;
} else if (!url) {
  const data = mkdtempSync(join(tmpdir(), 'bookable-bench-'));
  const child = spawn(join(root, 'target/release/bookable-server'), ['--demo', '--listen', '127.0.0.1:0', '--database', `sqlite:${join(data, 'demo.sqlite3')}`], {
    cwd: root, env: { ...process.env, BOOKABLE_ADMIN_TOKEN: 'bench-owner-token-0000' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise((ok, fail) => {
    let out = '';
    child.on('exit', (code) => fail(new Error(`bookable-server exited with ${code}: build it with cargo build --release -p bookable-server`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) ok(m[0]);
    });
  });
  server = { close: () => child.kill('SIGTERM'), closeAllConnections: () => rmSync(data, { recursive: true, force: true }) };
}

// in the page, before any of its scripts: the first frames with a slot button
const RECORD = () => {
  window.__firstSlot = { any: null, all: null, engine: null };
  const look = () => {
    const pickers = [...document.querySelectorAll('bookable-picker')];
    const shown = pickers.filter((p) => p.shadowRoot && p.shadowRoot.querySelector('.slot-list button'));
    // the engine's own times: the card no longer aria-busy (a preview of the server's is)
    const ready = shown.filter((p) => !p.shadowRoot.querySelector('.card[aria-busy]'));
    const now = performance.now();
    if (shown.length && window.__firstSlot.any === null) window.__firstSlot.any = now;
    if (pickers.length && shown.length === pickers.length && window.__firstSlot.all === null) window.__firstSlot.all = now;
    if (pickers.length && ready.length === pickers.length) {
      window.__firstSlot.engine = now;
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function visit(page, target) {
  await page.goto(target, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstSlot && window.__firstSlot.engine !== null, null, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => window.__firstSlot);
}

/** One context (a fresh profile): a first visit, then a repeat visit of the same page. */
async function run(target, throttled) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(RECORD);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', THROTTLED.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLED.cpu });
  }
  try {
    const first = await visit(page, target);
    await page.goto('about:blank');
    const repeat = await visit(page, target);
    return { first, repeat };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

const targets = compare ? [url, compare] : [url];
console.log(`first slot on ${targets.join(' and ')}: ${RUNS} runs each${compare ? ', alternating' : ''}, Chromium ${browser.version()}, ${new Date().toISOString()}`);
console.log('| page | network | visit | first slot | all pickers | the engine\'s, all pickers |');
console.log('|---|---|---|---|---|---|');
try {
  for (const [name, throttled] of [['localhost', false], ['throttled', true]]) {
    if (only && !name.startsWith(only)) continue;
    for (const target of targets) await run(target, throttled); // warm-up: the server's compression caches, Chromium's own start
    const runs = targets.map(() => []);
    for (let i = 0; i < RUNS; i++) for (const [t, target] of targets.entries()) runs[t].push(await run(target, throttled));
    for (const [t, target] of targets.entries()) {
      for (const visitKind of ['first', 'repeat']) {
        const any = runs[t].map((r) => r[visitKind].any);
        const all = runs[t].map((r) => r[visitKind].all);
        const engine = runs[t].map((r) => r[visitKind].engine);
        const label = throttled ? '150 ms, 1.6 Mbps, 4× CPU' : 'localhost';
        console.log(`| ${target} | ${label} | ${visitKind} | ${fmt(any)} | ${fmt(all)} | ${fmt(engine)} |`);
      }
    }
  }
} finally {
  await browser.close();
  server?.close();
  server?.closeAllConnections();
}
