#!/usr/bin/env node
// Bundles one of www/'s element modules with everything it imports statically from www/ into one
// ES module for the package (and the pages, which load the package's copy): a page then asks for
// one file instead of some twenty, and sends it with one compression dictionary. The source
// stays in its rooms (picker/, shared/); this only joins them. It reads the ES module subset
// www/ is written in: one-line `import … from '…'` / `export … from '…'` statements, `export`
// before declarations and `export { a, b as c }` lists, no import loops. Each module becomes a
// function scope returning its exports, evaluated in the order ES modules would be. Imports of
// `…/pkg/…` (the package's own modules) stay imports, re-pointed from the output file; dynamic
// `import('…')` and `new URL('…', import.meta.url)` are re-pointed too (their files are copied
// beside the bundle by scripts/build-pkg.sh). Whole-line comments and indentation are dropped,
// except inside a template literal spanning lines (kept as written).
//
//   node scripts/bundle-element.mjs www/ENTRY.js PKGDIR     writes PKGDIR/ENTRY.js
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const [entryArg, pkgArg] = process.argv.slice(2);
if (!entryArg || !pkgArg) {
  console.error('usage: node scripts/bundle-element.mjs www/ENTRY.js PKGDIR');
  process.exit(2);
}
const www = resolve(dirname(new URL(import.meta.url).pathname), '../www');
const wwwPkg = join(www, 'pkg') + sep;
const entry = resolve(entryArg);
const pkgRoot = resolve(pkgArg); // the package's root: the bundle keeps the entry's place in www/
const out = join(pkgRoot, relative(www, entry));

/** A specifier for `target` (a www/ path) from the output file, in the package's layout. */
function fromOut(target) {
  const inPkg = target.startsWith(wwwPkg) ? join(pkgRoot, target.slice(wwwPkg.length)) : join(pkgRoot, relative(www, target));
  const rel = relative(dirname(out), inPkg).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const IMPORT = /^(import|export)\s+(.*?)\s*from\s*'([^']+)';\s*$/;
const BARE_IMPORT = /^import\s+'([^']+)';\s*$/;
const modules = new Map(); // file → { id, code, exports }
const externals = new Map(); // specifier from out → alias
const order = [];

function load(file, stack = []) {
  if (modules.has(file)) return modules.get(file);
  if (stack.includes(file)) throw new Error(`import loop: ${[...stack, file].map((f) => relative(www, f)).join(' → ')}`);
  const src = readFileSync(file, 'utf8');
  const dir = dirname(file);
  const head = [];
  const body = [];
  const exports = new Map(); // exported name → local expression
  let inBlockComment = false;
  let inTemplate = false;
  for (const line of src.split('\n')) {
    const t = line.trim();
    const ticks = (line.match(/`/g) || []).length % 2 === 1;
    if (inTemplate) {
      body.push(line);
      if (ticks) inTemplate = false;
      continue;
    }
    if (inBlockComment) {
      if (t.endsWith('*/')) inBlockComment = false;
      continue;
    }
    if (t.startsWith('/**') || t.startsWith('/*')) {
      if (!t.endsWith('*/')) inBlockComment = true;
      continue;
    }
    if (t.startsWith('//') || t === '') continue;
    if (ticks) inTemplate = true;
    if (BARE_IMPORT.test(t)) throw new Error(`${relative(www, file)}: bare imports are not bundled: ${t}`);
    const m = IMPORT.exec(t);
    if (m && !line.startsWith(' ')) {
      const [, kind, what, spec] = m;
      const target = resolve(dir, spec);
      let source;
      if (target.startsWith(wwwPkg)) {
        const s = fromOut(target);
        if (!externals.has(s)) externals.set(s, `$x${externals.size}`);
        source = externals.get(s);
      } else source = `$m${load(target, [...stack, file]).id}`;
      const names = bindings(what, file);
      if (kind === 'import') {
        head.push(`const { ${names.map(([imported, local]) => (imported === local ? local : `${imported}: ${local}`)).join(', ')} } = ${source};`);
      } else {
        for (const [imported, exported] of names) exports.set(exported, `${source}.${imported}`);
      }
      continue;
    }
    let code = line.replace(/\bimport\('(\.[^']+)'\)/g, (_, s) => `import('${fromOut(resolve(dir, s))}')`)
      .replace(/new URL\('(\.[^']+)', import\.meta\.url\)/g, (_, s) => `new URL('${fromOut(resolve(dir, s))}', import.meta.url)`);
    const decl = /^export\s+((?:async\s+)?(?:class|function\*?|const|let)\s+([A-Za-z_$][\w$]*))/.exec(code);
    const list = /^export\s+\{([^}]*)\};\s*$/.exec(code);
    if (decl) {
      exports.set(decl[2], decl[2]);
      code = code.replace(/^export\s+/, '');
    } else if (list) {
      for (const [local, exported] of bindings(`{${list[1]}}`, file)) exports.set(exported, local);
      continue;
    } else if (/^export\b/.test(code)) throw new Error(`${relative(www, file)}: export form not bundled: ${t}`);
    body.push(code.trimStart());
  }
  const mod = { id: order.length, exports };
  const ret = [...exports].map(([name, expr]) => (name === expr ? name : `${name}: ${expr}`)).join(', ');
  mod.code = `// ${relative(www, file)}\nconst $m${mod.id} = (() => {\n${[...head, ...body].join('\n')}\nreturn { ${ret} };\n})();`;
  modules.set(file, mod);
  order.push(mod);
  return mod;
}

/** `default`, `{ a, b as c }`, `* as x`, combinations: [[imported, local], …]. */
function bindings(what, file) {
  const out = [];
  let rest = what.trim();
  const def = /^([A-Za-z_$][\w$]*)\s*(?:,\s*|$)/.exec(rest);
  if (def && !rest.startsWith('{')) {
    out.push(['default', def[1]]);
    rest = rest.slice(def[0].length);
  }
  const list = /^\{([^}]*)\}$/.exec(rest.trim());
  if (list) {
    for (const part of list[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      const [imported, local = imported] = part.split(/\s+as\s+/);
      out.push([imported, local]);
    }
  } else if (rest.trim()) throw new Error(`${relative(www, file)}: import form not bundled: ${what}`);
  return out;
}

const root = load(entry);
const exportsOut = [...root.exports.keys()];
const text = [
  `// ${relative(pkgRoot, out)}: generated by scripts/bundle-element.mjs from www/${relative(www, entry)} and what it imports`,
  '// (the source, with comments, is in the bookable repository: www/picker/, www/shared/).',
  ...[...externals].map(([spec, alias]) => `import * as ${alias} from '${spec}';`),
  ...order.map((m) => m.code),
  exportsOut.length ? `export const { ${exportsOut.join(', ')} } = $m${root.id};` : '',
  '',
].join('\n');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
console.log(`bundle-element: ${relative(process.cwd(), out)} from ${order.length} modules (${text.length} B)`);
