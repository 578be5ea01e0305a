#!/usr/bin/env node
// Draws bench/scaling.svg: median time per request against team size (1 → 500 members) and
// range length (7 → 366 days), log–log, for bookable native, bookable through npm in Node, and
// slot-calculator. Reads the same results as bench/report.mjs. No dependencies.
//   node bench/plot.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, loadNative, loadNode, fmt } from './lib/results.mjs';

const native = loadNative({ collect: true });
const node = loadNode();
const rows = node?.results ?? [];

const series = (group) => [
  {
    label: 'bookable, native (criterion)',
    color: '#1b7837',
    points: Object.entries(native[group] ?? {}).map(([x, v]) => [Number(x), v.median]),
  },
  {
    label: 'bookable, npm in Node (computeSlots)',
    color: '#2166ac',
    points: rows.filter((r) => r.group === group && r.computeSlots).map((r) => [r.x, r.computeSlots.median]),
  },
  {
    label: 'slot-calculator 2.2 (step = duration)',
    color: '#b2182b',
    points: rows.filter((r) => r.group === group && r.sc?.slotCalculator).map((r) => [r.x, r.sc.slotCalculator.median]),
  },
].map((s) => ({ ...s, points: s.points.sort((a, b) => a[0] - b[0]) }));

const panels = [
  { group: 'scale_members', title: 'team size (roundRobin, 31 days)', xlabel: 'members' },
  { group: 'scale_days', title: 'range length (50 members)', xlabel: 'days' },
];

const W = 900;
const H = 400;
const pw = 380;
const ph = 260;
const top = 50;
const lefts = [70, 70 + pw + 60];
const all = panels.flatMap((p) => series(p.group).flatMap((s) => s.points.map(([, y]) => y))).filter((y) => y > 0);
const ymin = 10 ** Math.floor(Math.log10(Math.min(...all, 0.1)));
const ymax = 10 ** Math.ceil(Math.log10(Math.max(...all, 1)));
const tick = (ms) => (ms >= 1000 ? `${ms / 1000} s` : ms >= 1 ? `${ms} ms` : `${Math.round(ms * 1000)} µs`);
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">\n`;
svg += `<rect width="${W}" height="${H}" fill="white"/>\n`;
svg += `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">bookable: median time per slots request as the work grows (log–log, ${node?.machine?.nproc ?? '?'}-core machine)</text>\n`;
panels.forEach((p, i) => {
  const left = lefts[i];
  const ss = series(p.group);
  const xs = ss.flatMap((s) => s.points.map(([x]) => x));
  if (!xs.length) return;
  const xmin = Math.min(...xs);
  const xmax = Math.max(...xs);
  const X = (x) => left + (xmax === xmin ? pw / 2 : ((Math.log10(x) - Math.log10(xmin)) / (Math.log10(xmax) - Math.log10(xmin))) * pw);
  const Y = (y) => top + ph - ((Math.log10(y) - Math.log10(ymin)) / (Math.log10(ymax) - Math.log10(ymin))) * ph;
  svg += `<text x="${left + pw / 2}" y="${top - 10}" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>\n`;
  svg += `<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>\n`;
  for (let e = Math.log10(ymin); e <= Math.log10(ymax); e++) {
    const y = Y(10 ** e);
    svg += `<line x1="${left}" x2="${left + pw}" y1="${y}" y2="${y}" stroke="#eee"/>`;
    svg += `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${esc(tick(10 ** e))}</text>\n`;
  }
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    svg += `<line x1="${X(x)}" x2="${X(x)}" y1="${top}" y2="${top + ph}" stroke="#f3f3f3"/>`;
    svg += `<text x="${X(x)}" y="${top + ph + 16}" text-anchor="middle">${x}</text>\n`;
  }
  svg += `<text x="${left + pw / 2}" y="${top + ph + 34}" text-anchor="middle">${esc(p.xlabel)}</text>\n`;
  for (const s of ss) {
    if (!s.points.length) continue;
    svg += `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.points.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ')}"/>\n`;
    for (const [x, y] of s.points) svg += `<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3" fill="${s.color}"><title>${esc(`${s.label}: ${x} → ${fmt(y)}`)}</title></circle>`;
    svg += '\n';
  }
});
series('scale_members').forEach((s, k) => {
  const x = 70 + k * 280;
  svg += `<line x1="${x}" x2="${x + 24}" y1="${H - 18}" y2="${H - 18}" stroke="${s.color}" stroke-width="3"/><text x="${x + 30}" y="${H - 14}">${esc(s.label)}</text>\n`;
});
svg += '</svg>\n';
const file = join(root, 'bench/scaling.svg');
writeFileSync(file, svg);
console.log(`wrote ${file}`);
