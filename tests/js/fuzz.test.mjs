// A short run of the npm fuzzer (tests/js/fuzz.mjs): odd JS values, Proxies, throwing getters,
// huge arrays and mutated fixtures through the package; no trap, only coded errors, and the
// CLI's answer on a sample. `node tests/js/fuzz.mjs --seconds 3600` runs it for an hour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

test('20 seconds of fuzzing the npm package find nothing', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'tests/js/fuzz.mjs'), '--seconds', '20'], { encoding: 'utf8' });
  process.stdout.write(run.stdout.split('\n').map((l) => (l ? `# ${l}` : l)).join('\n'));
  assert.equal(run.status, 0, run.stderr.slice(0, 3000));
  assert.match(run.stdout, /no finding/);
  const calls = Number(/(\d+) calls/.exec(run.stdout)?.[1]);
  assert.ok(calls > 1000, `only ${calls} calls`);
});
