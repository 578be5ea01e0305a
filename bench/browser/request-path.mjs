#!/usr/bin/env node
// The request path, in Node and in headless Chromium (the browser visitors use), side by side:
// `computeSlots(request)` (a whole request as a JS object: written as JSON text, read by the
// engine, computed, slots built in JS) against `Scheduler.slots(start, end)` on a page prepared
// once (computed and built only), on the same scenarios. The gap is what reading a request costs.
//
//   node bench/browser/request-path.mjs            2-team and members-500, both runtimes
//   node bench/browser/request-path.mjs --quick    shorter sampling
//
// Needs pkg/ (bash scripts/build-pkg.sh), Debian's /usr/bin/chromium and tests/www's
// playwright-core (bash scripts/setup.sh installs both). Medians of ≥ 15 samples over ≥ 2 s after
// a 300 ms warm-up per row, in one process per runtime.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { derive } from '../lib/scenarios.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const scenarios = {
  '2-team': JSON.parse(readFileSync(join(root, 'bench/scenarios/2-team.json'), 'utf8')),
  'members-500': derive(JSON.parse(readFileSync(join(root, 'bench/scenarios/scale-members-base.json'), 'utf8')), { members: 500 }),
};

/** Runs in Node and in the page alike: the two medians for each scenario. */
async function measureAll(bookable, scenarios, quick) {
  const median = (fn) => {
    const warm = performance.now();
    while (performance.now() - warm < 300) fn();
    const samples = [];
    const t0 = performance.now();
    while (samples.length < 15 || performance.now() - t0 < (quick ? 600 : 2000)) {
      const s = performance.now();
      fn();
      samples.push(performance.now() - s);
      if (samples.length >= 2000) break;
    }
    samples.sort((a, b) => a - b);
    return samples[samples.length >> 1];
  };
  const out = {};
  for (const [name, request] of Object.entries(scenarios)) {
    const { range, ...page } = request;
    const scheduler = new bookable.Scheduler(page);
    const a = bookable.computeSlots(request).slots.length;
    const b = scheduler.slots(range.start, range.end).slots.length;
    if (a !== b) throw new Error(`${name}: computeSlots and Scheduler.slots disagree`);
    out[name] = {
      slots: a,
      computeSlots: median(() => bookable.computeSlots(request)),
      schedulerSlots: median(() => scheduler.slots(range.start, range.end)),
    };
    scheduler.free();
  }
  return out;
}

function table(runtime, results) {
  const rows = [];
  for (const [name, r] of Object.entries(results)) {
    rows.push(`| ${runtime} | ${name} | ${r.slots} | ${r.computeSlots.toFixed(2)} ms | ${r.schedulerSlots.toFixed(2)} ms | ${(r.computeSlots / r.schedulerSlots).toFixed(2)}× |`);
  }
  return rows;
}

// Node.
const node = await import(pathToFileURL(join(root, 'pkg/node.js')).href);
const rows = table('Node ' + process.version, await measureAll(node, scenarios, quick));

// Chromium: a page served from the repository loads the web build and runs the same function.
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><meta charset="utf-8"><title>request path</title>');
    return;
  }
  const file = join(root, path);
  if (!file.startsWith(root)) return res.writeHead(403).end();
  let body;
  try {
    body = readFileSync(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const require = createRequire(join(root, 'tests/www/package.json'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const version = await browser.version();
  const results = await page.evaluate(
    async ([source, scenarios, quick]) => {
      const bookable = await import('/pkg/bookable.js');
      await bookable.default();
      const measureAll = new Function(`return (${source})`)();
      return measureAll(bookable, scenarios, quick);
    },
    [measureAll.toString(), scenarios, quick],
  );
  rows.push(...table('Chromium ' + version, results));
} finally {
  await browser.close();
  server.close();
}
console.log('| runtime | scenario | slots | computeSlots(request) | Scheduler.slots(start, end) | ratio |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
