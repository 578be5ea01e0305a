// Where the repository and the built package are, for tests that run in Node without the server,
// and www/'s element modules as Node can import them.
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = process.env.PKG_DIR || join(REPO, 'pkg');

/**
 * A copy of www/'s element modules (the entry, picker/, shared/) with `pkg` linked to the built
 * package, as serve.mjs mounts it: their `…/pkg/…` imports resolve. Returns its directory.
 */
export function sourceTree() {
  const dir = mkdtempSync(join(tmpdir(), 'bookable-www-'));
  for (const f of ['bookable-picker.js', 'bookable-picker-define.js', 'picker', 'shared']) cpSync(join(REPO, 'www', f), join(dir, f), { recursive: true });
  symlinkSync(PKG, join(dir, 'pkg'), 'dir');
  return dir;
}
