// Finds and imports the npm package `bookable-slots` built into `pkg/` (scripts/build-pkg.sh), the
// way a user's `import ... from 'bookable-slots'` would resolve it in Node.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEFAULT_PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../../pkg');

function pickExport(entry) {
  if (typeof entry === 'string') return entry;
  if (entry == null || typeof entry !== 'object') return null;
  if ('.' in entry) return pickExport(entry['.']);
  for (const cond of ['node', 'import', 'default', 'require']) {
    if (cond in entry) {
      const found = pickExport(entry[cond]);
      if (found) return found;
    }
  }
  return null;
}

/** The file Node would load for `import 'bookable-slots'` from the package in `pkgDir`. */
export function entryFile(pkgDir = DEFAULT_PKG) {
  const manifest = join(pkgDir, 'package.json');
  if (!existsSync(manifest)) {
    throw new Error(`no npm package at ${pkgDir} (build it first: bash scripts/build-pkg.sh)`);
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const rel = pickExport(pkg.exports) ?? pkg.main ?? pkg.module ?? 'index.js';
  return join(pkgDir, rel);
}

/** Imports the package; returns its API (`computeSlots`, `Scheduler`, …) ready to call. */
export async function loadBookable(pkgDir = DEFAULT_PKG) {
  const mod = await import(pathToFileURL(entryFile(pkgDir)).href);
  const api = typeof mod.computeSlots === 'function' ? mod : mod.default;
  if (!api || typeof api.computeSlots !== 'function') {
    throw new Error(`the package at ${pkgDir} exports no computeSlots`);
  }
  return api;
}
