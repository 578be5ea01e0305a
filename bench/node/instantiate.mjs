// Child process of bench.mjs: times `import` of the bookable package in a fresh Node process
// (read + compile + instantiate the WebAssembly module, run the JS glue), then the first call.
// Prints one JSON line.
import { loadBookable, DEFAULT_PKG } from './load-bookable.mjs';

const pkgDir = process.argv[2] ?? DEFAULT_PKG;
const t0 = performance.now();
const api = await loadBookable(pkgDir);
const t1 = performance.now();
const response = api.computeSlots({
  now: '2026-11-22T10:00:00Z',
  range: { start: '2026-11-23T00:00:00Z', end: '2026-11-24T00:00:00Z' },
  timezone: 'Europe/Paris',
  event: { duration: 30 },
  members: [{ id: 'ana', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '10:00']] } }],
});
const t2 = performance.now();
if (response.slots.length !== 2) throw new Error(`unexpected first answer: ${JSON.stringify(response)}`);
console.log(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1 }));
