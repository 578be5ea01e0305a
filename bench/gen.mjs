#!/usr/bin/env node
// Writes the deterministic benchmark inputs to bench/scenarios/ (see bench/lib/scenarios.mjs).
//   node bench/gen.mjs           write the files
//   node bench/gen.mjs --check   exit 1 if any committed file differs from what the code makes
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseFiles, manifest } from './lib/scenarios.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');
const check = process.argv.includes('--check');
const files = { ...baseFiles(), 'manifest.json': manifest() };
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const [name, value] of Object.entries(files)) {
  const text = JSON.stringify(value) + '\n';
  const path = join(dir, name);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`stale: bench/scenarios/${name} (run node bench/gen.mjs)`);
      stale++;
    }
  } else {
    writeFileSync(path, text);
    console.log(`bench/scenarios/${name}  ${text.length} bytes`);
  }
}
if (check) {
  if (stale) process.exit(1);
  console.log(`bench/scenarios: ${Object.keys(files).length} files up to date`);
}
