// npm/README.md's "Your own backend (Node)" example, run as it is written: the code between its
// markers is copied into a project that installed the package from its tarball, served on a
// free port, and asked as a booking page would: the public request has no feed and gives the
// slots, a start is booked once (201, then 409), and the next answer no longer offers it.
// Needs pkg/ (scripts/build-pkg.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, importFrom, installPackage } from './helpers.mjs';

let user;
let server;
let base;
let engine;
before(async () => {
  user = installPackage();
  engine = await importFrom(user.project, 'bookable-slots');
  const readme = readFileSync(join(ROOT, 'npm/README.md'), 'utf8');
  const block = /<!-- backend-example -->\s*```js\n([\s\S]*?)```\s*<!-- \/backend-example -->/.exec(readme);
  assert.ok(block, 'the README has the example between its markers');
  const file = join(user.project, 'backend.mjs');
  writeFileSync(file, block[1]);
  ({ server } = await import(pathToFileURL(file).href));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server?.close();
  rmSync(user.project, { recursive: true, force: true });
});

const offered = async () => {
  const res = await fetch(`${base}/page.json`);
  assert.equal(res.status, 200);
  const config = await res.json();
  const text = JSON.stringify(config);
  assert.ok(!text.includes('VCALENDAR') && !text.includes('calendars') && !text.includes('"bookings"'), text);
  return engine.computeSlots({ ...config.request, now: Date.now() }).slots;
};

test('the README backend serves a public request and books each start once', async () => {
  const slots = await offered();
  assert.ok(slots.length > 10, 'a month of weekday hours');
  const post = (start) => fetch(`${base}/bookings`, { method: 'POST', body: JSON.stringify({ start }) });
  const first = await post(slots[0].start);
  assert.equal(first.status, 201);
  assert.deepEqual((await first.json()).booking.hosts, ['ana']);
  const again = await post(slots[0].start);
  assert.equal(again.status, 409);
  assert.equal((await again.json()).error.code, 'slot_taken');
  const after = await offered();
  assert.ok(!after.some((s) => s.start === slots[0].start), 'the booked start is gone');
  // the 10-minute buffer after it: the next half hour is gone too when it starts at the end
  const next = new Date(Date.parse(slots[0].end)).toISOString().replace('.000Z', 'Z');
  assert.ok(!after.some((s) => s.start === next), 'its buffer holds');
});
