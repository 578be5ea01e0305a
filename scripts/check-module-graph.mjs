#!/usr/bin/env node
// The import graph of the Rust core (`src/`, a module is a file) and of the JS in `www/` and
// `npm/` (a module is a file, edges are relative `import`/`export … from`/`import()` specifiers),
// checked for loops: data flows downhill, so no module may reach itself again. Every loop found
// is printed as a path (`a → b → c → a`); the command fails on any loop not in the allow-list
// (`scripts/module-loops-allowed.txt`), and on an allow-list entry that no longer loops (so the
// list only ever shrinks).
//
//   node scripts/check-module-graph.mjs           check, print the loops, exit 1 on a new one
//   node scripts/check-module-graph.mjs --edges   also print every edge (what the check saw)
//   node scripts/check-module-graph.mjs --root DIR   check the tree at DIR instead
//
// Rust: the edges come from `use` trees and from paths in code (`crate::a::b`, `super::x`,
// `self::x`, and a child module's own name), after comments, strings and char literals are
// blanked. A path names the file of its longest prefix that is a module file. A parent's edges
// to its own submodules are not counted: `lib.rs` and a `mod.rs` declare and gather their
// children (the table of contents), while a child that reaches back into its parent counts.
// `src/main.rs` is another crate (the CLI over the library's public surface) and is left out.

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// `--root DIR` checks another tree of the same layout (the tests' own small trees).
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const allowFile = join(root, 'scripts', 'module-loops-allowed.txt');
const showEdges = process.argv.includes('--edges');

function walk(dir, keep) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(name)) out.push(path);
  }
  return out;
}

const rel = (p) => relative(root, p).split(sep).join('/');

// ---------------------------------------------------------------- Rust

// Comments, string literals (plain, byte, raw) and char literals replaced by spaces; newlines
// kept. Lifetimes (`'a`) stay.
function blankRust(text) {
  let out = '';
  let i = 0;
  const n = text.length;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      out += blank(text.slice(i, j));
      i = j;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') { depth++; j += 2; }
        else if (text[j] === '*' && text[j + 1] === '/') { depth--; j += 2; }
        else j++;
      }
      out += blank(text.slice(i, j));
      i = j;
    } else if ((c === 'r' || (c === 'b' && next === 'r')) && /^b?r#*"/.test(text.slice(i, i + 300)) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      const m = /^b?r(#*)"/.exec(text.slice(i));
      const close = '"' + m[1];
      let j = text.indexOf(close, i + m[0].length);
      j = j < 0 ? n : j + close.length;
      out += blank(text.slice(i, j));
      i = j;
    } else if (c === '"' || (c === 'b' && next === '"' && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ''))) {
      let j = i + (c === 'b' ? 2 : 1);
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += blank(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === "'") {
      const m = /^'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'/su.exec(text.slice(i, i + 16));
      if (m) {
        out += blank(m[0]);
        i += m[0].length;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// `a::{b, c::{d, e}}` → ['a::b', 'a::c::d', 'a::c::e'] (aliases and globs kept as the path).
function expandUseTree(tree) {
  tree = tree.replace(/\s+/g, '');
  const brace = tree.indexOf('{');
  if (brace < 0) return [tree.replace(/as\w+$/, '').replace(/::$/, '')];
  const prefix = tree.slice(0, brace);
  const inner = tree.slice(brace + 1, tree.lastIndexOf('}'));
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '{') depth++;
    else if (inner[i] === '}') depth--;
    else if (inner[i] === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts
    .filter((p) => p.length > 0)
    .flatMap((p) => expandUseTree(p).map((q) => (q === 'self' ? prefix.replace(/::$/, '') : prefix + q)));
}

function rustGraph(dir = 'src', crateRoot = 'lib') {
  const src = join(root, dir);
  if (!existsSync(src)) return new Map();
  const files = walk(src, (name) => name.endsWith('.rs')).filter((f) => crateRoot !== 'lib' || rel(f) !== 'src/main.rs');
  // Module path (['read', 'json']) ↔ file.
  const moduleOf = new Map();
  const fileOf = new Map();
  for (const file of files) {
    const parts = relative(src, file).split(sep);
    const last = parts.pop().replace(/\.rs$/, '');
    if (!(parts.length === 0 && last === crateRoot) && last !== 'mod') parts.push(last);
    const key = parts.join('::');
    moduleOf.set(file, parts);
    fileOf.set(key, file);
  }
  const edges = new Map(files.map((f) => [rel(f), new Set()]));
  for (const file of files) {
    const here = moduleOf.get(file);
    const text = blankRust(readFileSync(file, 'utf8'));
    const from = rel(file);
    // Inline modules (`mod tests { … }`) by brace depth: `super::` inside one names the file.
    const scopes = []; // { name, depth }
    let depth = 0;
    const paths = []; // [module path of the scope, path text]
    const tokens = /\bmod\s+([A-Za-z_]\w*)\s*\{|\buse\s+([^;]+);|\b((?:crate|super|self|[a-z_][a-z0-9_]*)(?:\s*::\s*(?:[A-Za-z_]\w*|\{))+)|[{}]/g;
    let m;
    while ((m = tokens.exec(text))) {
      const scope = here.concat(scopes.map((s) => s.name));
      if (m[0] === '{') depth++;
      else if (m[0] === '}') {
        depth--;
        if (scopes.length && scopes[scopes.length - 1].depth === depth) scopes.pop();
      } else if (m[1]) {
        scopes.push({ name: m[1], depth });
        depth++;
      } else if (m[2]) {
        for (const p of expandUseTree(m[2])) paths.push([scope, p]);
        // Braces inside the use tree are balanced: nothing to count.
      } else if (m[3]) {
        paths.push([scope, m[3].replace(/\s+/g, '').replace(/::\{?$/, '')]);
      }
    }
    for (const [scope, path] of paths) {
      const segs = path.split('::').filter((s) => s && s !== '*');
      let abs;
      if (segs[0] === 'crate') abs = segs.slice(1);
      else if (segs[0] === 'self') abs = scope.concat(segs.slice(1));
      else if (segs[0] === 'super') {
        abs = scope.slice();
        while (segs[0] === 'super') { abs.pop(); segs.shift(); }
        abs = abs.concat(segs);
      } else if (fileOf.has(here.concat(segs[0]).join('::'))) abs = here.concat(segs);
      else continue; // std, a dependency, or a local name
      // The file of the longest prefix that is a module file.
      let target;
      for (let k = abs.length; k >= 0; k--) {
        const f = fileOf.get(abs.slice(0, k).join('::'));
        if (f) { target = f; break; }
      }
      if (!target || target === file) continue;
      const to = moduleOf.get(target);
      // A parent naming its own submodule: the table of contents, not an import.
      if (to.length > here.length && here.every((s, k) => to[k] === s)) continue;
      edges.get(from).add(rel(target));
    }
  }
  return edges;
}

// ---------------------------------------------------------------- JS

function blankJs(text) {
  // Comments only (specifiers are strings); a `//` inside a string is rare enough in these
  // folders, and a `/*` in a regex literal is not used.
  return text.replace(/\/\*[\s\S]*?\*\//g, (s) => s.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

function jsGraph() {
  const files = ['www', 'npm'].flatMap((d) => walk(join(root, d), (name) => /\.(m?js)$/.test(name)));
  const known = new Set(files.map(rel));
  const edges = new Map(files.map((f) => [rel(f), new Set()]));
  const spec = /\b(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const file of files) {
    const text = blankJs(readFileSync(file, 'utf8'));
    let m;
    while ((m = spec.exec(text))) {
      const target = rel(resolve(dirname(file), m[1] ?? m[2]));
      // Files made by the build (pkg/, wasm glue) are outside the scanned folders: no edge.
      if (known.has(target) && target !== rel(file)) edges.get(rel(file)).add(target);
    }
  }
  return edges;
}

// ---------------------------------------------------------------- loops

// Tarjan's strongly connected components; each component of more than one module is a loop.
function components(edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

// One loop through the component, from its first module: a shortest path back to it.
function loopIn(comp, edges) {
  const inside = new Set(comp);
  const start = comp[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of [...(edges.get(v) ?? [])].sort()) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return comp;
}

function readAllowed() {
  if (!existsSync(allowFile)) return [];
  return readFileSync(allowFile, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => ({ line, set: [...new Set(line.split(/\s*(?:->|→)\s*/))].sort().join(' ') }));
}

const graphs = [
  ['Rust core (src/)', rustGraph()],
  ['Rust service (server/src/)', rustGraph('server/src', 'main')],
  ['JS (www/, npm/)', jsGraph()],
];
const allowed = readAllowed();
const used = new Set();
let bad = 0;
for (const [name, edges] of graphs) {
  const count = [...edges.values()].reduce((n, s) => n + s.size, 0);
  console.log(`${name}: ${edges.size} modules, ${count} edges`);
  if (showEdges) for (const [from, tos] of edges) for (const to of tos) console.log(`  ${from} -> ${to}`);
  for (const comp of components(edges)) {
    const loop = loopIn(comp, edges).join(' → ');
    const entry = allowed.find((a) => a.set === comp.join(' '));
    if (entry) {
      used.add(entry);
      console.log(`  known loop (allowed in ${rel(allowFile)}): ${loop}`);
    } else {
      bad++;
      console.log(`  LOOP: ${loop}`);
      if (comp.length > loop.split(' → ').length - 1) console.log(`    (the modules caught in it: ${comp.join(', ')})`);
    }
  }
}
for (const entry of allowed) {
  if (!used.has(entry)) {
    bad++;
    console.log(`stale allow-list entry (no such loop any more; remove it from ${rel(allowFile)}): ${entry.line}`);
  }
}
if (bad > 0) {
  console.log(`module graph: ${bad} problem(s); break a loop by moving what both modules need into the module both use`);
  process.exit(1);
}
console.log('module graph: no loop');
