// scripts/check-module-graph.mjs on small trees of the repository's layout: it finds loops in
// Rust (`use`, `crate::`/`super::` paths, a child reaching back into its parent) and in JS
// (static and dynamic relative imports), prints them, honours the allow-list, and refuses a
// stale entry. And the repository itself has no loop outside the allow-list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'check-module-graph.mjs');

function check(files) {
  const root = mkdtempSync(join(tmpdir(), 'module-graph-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
    return { code: run.status, out: run.stdout + run.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const lib = 'mod a;\nmod b;\nmod c;\nmod d;\n';

test('a downhill tree passes; comments, strings and a parent naming its children are no edges', () => {
  const r = check({
    'src/lib.rs': lib + 'pub use a::A;\n',
    'src/a.rs': 'use crate::b::B;\n// crate::c::C in a comment\npub struct A;\n',
    'src/b.rs': 'pub struct B; const S: &str = "crate::a::A";\n',
    'src/c.rs': 'mod inner;\n',
    'src/c/inner.rs': 'use super::super::d::D;\n',
    'src/d.rs': 'pub struct D;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n',
    'www/page.js': "import { x } from './x.js';\n",
    'www/x.js': 'export const x = 1;\n',
  });
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /module graph: no loop/);
});

test('a Rust loop through use trees and expression paths is printed and fails', () => {
  const r = check({
    'src/lib.rs': lib,
    'src/a.rs': 'use crate::{b::{B, Other}, d};\n',
    'src/b.rs': 'pub struct B; fn f() { crate::c::g(); }\n',
    'src/c.rs': 'pub fn g() { let _ = super::a::thing; }\n',
    'src/d.rs': '',
  });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /LOOP: src\/a\.rs → src\/b\.rs → src\/c\.rs → src\/a\.rs/);
});

test('a child reaching back into a parent that uses it is a loop', () => {
  const r = check({
    'src/lib.rs': 'mod m;\nmod user;\n',
    'src/m/mod.rs': 'mod kid;\npub struct Shared;\n',
    'src/m/kid.rs': 'use super::Shared;\n',
    'src/user.rs': 'use crate::m::kid::K;\n',
  });
  assert.equal(r.code, 0, r.out); // mod.rs naming kid is its table of contents
  const looped = check({
    'src/lib.rs': 'mod m;\n',
    'src/m/mod.rs': 'mod kid;\nmod other;\npub struct Shared;\n',
    'src/m/kid.rs': 'use super::other::O;\n',
    'src/m/other.rs': 'use super::kid::K;\n',
  });
  assert.equal(looped.code, 1, looped.out);
  assert.match(looped.out, /LOOP: src\/m\/kid\.rs → src\/m\/other\.rs → src\/m\/kid\.rs/);
});

test('a JS loop through a dynamic import is printed and fails', () => {
  const r = check({
    'www/picker.js': "const booking = () => import('./booking.js');\n",
    'www/booking.js': "import { Picker } from './picker.js';\n",
    'npm/api.js': "export * from './request.js';\n",
    'npm/request.js': '// import "./api.js" is only a comment\n',
  });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /LOOP: www\/booking\.js → www\/picker\.js → www\/booking\.js/);
  assert.doesNotMatch(r.out, /LOOP: npm\//);
});

test('the allow-list lets a known loop pass and fails on an entry whose loop is gone', () => {
  const files = {
    'src/lib.rs': 'mod x;\nmod y;\n',
    'src/x.rs': 'use crate::y::Y;\n',
    'src/y.rs': 'use crate::x::X;\n',
    'scripts/module-loops-allowed.txt': '# known\nsrc/y.rs -> src/x.rs -> src/y.rs\n',
  };
  const allowed = check(files);
  assert.equal(allowed.code, 0, allowed.out);
  assert.match(allowed.out, /known loop/);
  const stale = check({ ...files, 'src/y.rs': 'pub struct Y;\n' });
  assert.equal(stale.code, 1, stale.out);
  assert.match(stale.out, /stale allow-list entry/);
});

test('the repository has no loop outside its allow-list', () => {
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
