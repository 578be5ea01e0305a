#!/usr/bin/env node
// What a WebAssembly module's bytes are: each section's raw size and its brotli (q11) and gzip
// (-9) sizes compressed on its own, and each kind's share of the compressed whole. The code
// section is the compiled engine; the data section is static data (the tz database, tables,
// strings).
//
//   node bench/wasm-sections.mjs [FILE.wasm ...]     (default: pkg/bookable_bg.wasm)
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gz = (b) => gzipSync(b, { level: 9 }).length;

function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a WebAssembly module');
  const out = [];
  let i = 8;
  while (i < buf.length) {
    const id = buf[i++];
    let size = 0;
    let shift = 0;
    for (;;) {
      const b = buf[i++];
      size |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    out.push({ name: NAMES[id] || `section ${id}`, bytes: buf.subarray(i, i + size) });
    i += size;
  }
  return out;
}

const files = process.argv.slice(2);
for (const file of files.length ? files : ['pkg/bookable_bg.wasm']) {
  const buf = readFileSync(file);
  const kinds = new Map();
  for (const s of sections(buf)) {
    const kind = s.name === 'code' || s.name === 'data' ? s.name : 'other (types, imports, exports, tables…)';
    const k = kinds.get(kind) || { raw: 0, parts: [] };
    k.raw += s.bytes.length;
    k.parts.push(s.bytes);
    kinds.set(kind, k);
  }
  const rows = [...kinds].map(([kind, k]) => {
    const bytes = Buffer.concat(k.parts);
    return { kind, raw: k.raw, br: br(bytes), gz: gz(bytes) };
  });
  const sum = (f) => rows.reduce((a, r) => a + r[f], 0);
  const pct = (n, d) => `${((100 * n) / d).toFixed(1)} %`;
  console.log(`${file}: ${buf.length} B raw, ${br(buf)} B brotli, ${gz(buf)} B gzip (whole file)`);
  console.log('| section | raw | share | brotli | share | gzip | share |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.kind} | ${r.raw} B | ${pct(r.raw, sum('raw'))} | ${r.br} B | ${pct(r.br, sum('br'))} | ${r.gz} B | ${pct(r.gz, sum('gz'))} |`);
}
