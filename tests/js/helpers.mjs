// Shared pieces of the Node tests: where things are, the CLI, the fixtures, and installing the
// npm package from its tarball into a fresh project the way a user would.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = join(ROOT, 'pkg');
export const FIXTURES = join(ROOT, 'tests/fixtures');
export const CLI = join(ROOT, 'target/release/bookable');

function need(path, how) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${how}`);
}

/**
 * `{ name, kind: 'slots' | 'status', request, response }` for every public fixture, SPEC 1.1's
 * (`spec-1.1/slots`, `spec-1.1/status`, team status included) after the others.
 */
export function fixtures() {
  need(FIXTURES, 'the fixtures are committed under tests/fixtures (scripts/sync-shared.sh)');
  const all = [];
  for (const folder of ['slots', 'status', 'spec-1.1/slots', 'spec-1.1/status']) {
    const kind = folder.endsWith('slots') ? 'slots' : 'status';
    const dir = join(FIXTURES, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const { request, response } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      all.push({ name: `${folder}/${file}`, kind, request, response });
    }
  }
  return all;
}

/**
 * `{ name, request, response }` for every busy case of the contract (`spec-1.2/busy`: feeds as
 * Outlook, Exchange, Google and Radicale write them), answered by `busyTimes` and `bookable busy`.
 */
export function busyFixtures() {
  need(FIXTURES, 'the fixtures are committed under tests/fixtures (scripts/sync-shared.sh)');
  const dir = join(FIXTURES, 'spec-1.2/busy');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ name: `spec-1.2/busy/${file}`, ...JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

/** The bad requests of errors.jsonl: `{ name, kind, request, codes: [...], path }`. */
export function errorFixtures() {
  return readFileSync(join(FIXTURES, 'errors.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const e = JSON.parse(line);
      return { ...e, codes: Array.isArray(e.code) ? e.code : [e.code] };
    });
}

/**
 * Runs the CLI on one request (an object, or raw text): `{ status, json }` with the parsed
 * stdout.
 */
export function runCli(kind, request) {
  need(CLI, 'build it with `cargo build --release`');
  const input = typeof request === 'string' ? request : JSON.stringify(request);
  const run = spawnSync(CLI, [kind], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.error) throw run.error;
  return { status: run.status, json: JSON.parse(run.stdout) };
}

/**
 * `npm pack`s pkg/ and installs the tarball into a fresh temporary project. Returns
 * `{ project, tarball, files }` (files: what the tarball holds).
 */
export function installPackage() {
  need(join(PKG, 'package.json'), 'build it with `bash scripts/build-pkg.sh`');
  const project = mkdtempSync(join(tmpdir(), 'bookable-user-'));
  const npm = (args, cwd) =>
    execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd,
      encoding: 'utf8',
    });
  const [packed] = JSON.parse(npm(['pack', PKG, '--pack-destination', project, '--json'], project));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'a-user-app', private: true, type: 'module' }, null, 2),
  );
  npm(['install', `./${packed.filename}`], project);
  return { project, tarball: join(project, packed.filename), files: packed.files.map((f) => f.path) };
}

/**
 * Imports `bookable-slots` from a module inside `project`, so Node resolves the bare specifier
 * from that project's node_modules with its own conditions, exactly as the user's code would.
 */
export async function importFrom(project, specifier = 'bookable-slots') {
  const file = join(project, `use-${specifier.replace(/\W/g, '_')}.mjs`);
  writeFileSync(file, `export * from '${specifier}';\nexport { default } from '${specifier}';\n`);
  return import(pathToFileURL(file).href);
}

/**
 * Asserts that `actual` has every field of `expected` with the same value (extra fields
 * allowed; arrays equal in length, element by element; `reasons` lists compared as sets).
 * Returns a list of differences, empty when it holds.
 */
export function subsetDiff(actual, expected, path = '') {
  if (expected === null || typeof expected !== 'object') {
    return Object.is(actual, expected) ? [] : [`${path || '(root)'}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: not an array`];
    if (path.endsWith('reasons')) {
      const a = [...actual].sort();
      const e = [...expected].sort();
      return JSON.stringify(a) === JSON.stringify(e) ? [] : [`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)} (as sets)`];
    }
    if (actual.length !== expected.length) return [`${path}: length ${actual.length} != ${expected.length}`];
    return expected.flatMap((e, i) => subsetDiff(actual[i], e, `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: not an object`];
  return Object.keys(expected).flatMap((k) =>
    k in actual ? subsetDiff(actual[k], expected[k], path ? `${path}.${k}` : k) : [`${path ? `${path}.${k}` : k}: missing`],
  );
}
