#!/usr/bin/env node
// Builds the results tables of BENCHMARKS.md from a real run:
//   native: target/criterion (cargo bench --bench engine), saved to bench/results/native.json
//   Node:   bench/results/node.json (node bench/node/bench.mjs)
//   node bench/report.mjs           print the markdown
//   node bench/report.mjs --write   also replace the part of BENCHMARKS.md between the
//                                   `<!-- results:begin -->` and `<!-- results:end -->` markers
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, loadNative, loadNode, fmt } from './lib/results.mjs';

const native = loadNative({ collect: true });
const node = loadNode();
const rows = node?.results ?? [];
const byName = new Map(rows.map((r) => [r.name, r]));
const med = (g, id) => native[g]?.[id]?.median;
const ratio = (a, b) => (a != null && b != null ? `${(a / b).toFixed(0)}×` : '—');
const lines = [];
const out = (s = '') => lines.push(s);

// ---- machine
const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? node?.machine?.cpu ?? '?';
let rustc = '?';
try {
  rustc = execFileSync('rustc', ['-V'], { encoding: 'utf8' }).trim();
} catch {}
const m = node?.machine ?? {};
out(`Machine: ${m.nproc ?? '?'} cores (\`nproc\`), CPU \`${model}\` (/proc/cpuinfo), ${rustc}, Node ${m.node ?? '?'}; ` +
  `bookable ${m.bookable ?? '?'} (tzdata ${m.tzdata ?? '?'}), slot-calculator ${m.slotCalculator ?? '?'}; Node run ${m.date ?? '?'}${m.commit ? ` on commit ${m.commit}` : ''}.`);
out();

// ---- scenarios
const main = ['1-single-host', '2-team', '3-collective', '4-stretches'];
out('### Scenarios (medians)');
out();
out('| scenario | slots | native parse | native `slots_from_value` | native `to_json` | native `slot_starts` | npm `computeSlots` | npm `Scheduler.slots` | npm `slotStarts` (Float64Array) |');
out('|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const name of main) {
  const r = byName.get(name);
  out(`| ${name} | ${r?.slots ?? '—'} | ${fmt(med('parse', name))} | **${fmt(med('slots_from_value', name))}** | ${fmt(med('to_json', name))} | ${fmt(med('slot_starts', name))} | **${fmt(r?.computeSlots?.median)}** | ${fmt(r?.schedulerSlots?.median)} | ${fmt(r?.slotStarts?.median)} |`);
}
out();
out('The JS boundary: `Scheduler.slots` returns plain objects (strings, arrays of ids), `slotStarts` a Float64Array of');
out('epoch ms computed by the same engine; their gap is the cost of building the objects. Native `slot_starts` is the');
out('same call without WebAssembly or JS.');
out();
out('| scenario | `Scheduler.slots` − `slotStarts` | objects / typed array | npm `slotStarts` / native `slot_starts` | `new Scheduler` |');
out('|---|--:|--:|--:|--:|');
for (const name of main) {
  const r = byName.get(name);
  const a = r?.schedulerSlots?.median;
  const b = r?.slotStarts?.median;
  out(`| ${name} | ${a != null && b != null ? fmt(a - b) : '—'} | ${a != null && b != null ? `${(a / b).toFixed(1)}×` : '—'} | ${b != null && med('slot_starts', name) != null ? `${(b / med('slot_starts', name)).toFixed(1)}×` : '—'} | ${fmt(r?.schedulerNew?.median)} |`);
}
out();

// ---- slot-calculator
out('### Side by side with slot-calculator (same request, answers checked equal first)');
out();
out('| scenario | compared request | answers | bookable npm | slot-calculator | ratio |');
out('|---|---|---|--:|--:|--:|');
for (const r of rows) {
  if (!r.sc) continue;
  if (!r.sc.expressible) {
    out(`| ${r.name} | not expressible: ${r.sc.why} | — | — | — | — |`);
    continue;
  }
  const step = r.sc.notes?.map((n) => /^step (\d+) → (\d+)/.exec(n)).find(Boolean);
  const what = [
    step ? `step ${step[2]} (= duration; the scenario's is ${step[1]})` : 'identical request',
    r.sc.mode === 'plain' ? 'collective as one member\'s hours minus the others\' off-hours' : null,
  ].filter(Boolean).join('; ');
  const answers = r.sc.equal ? `equal (${r.sc.bookableSlots} slots)` : `differ: ${r.sc.bookableSlots} vs ${r.sc.scSlots} slots`;
  out(`| ${r.name} | ${what} | ${answers} | ${fmt(r.sc.bookable?.median)} | ${fmt(r.sc.slotCalculator?.median)} | **${r.sc.ratio != null ? `${r.sc.ratio.toFixed(0)}×` : '—'}** |`);
}
out();

// ---- scaling
for (const [group, label, unit] of [
  ['scale_members', 'members (roundRobin, 31 days)', 'members'],
  ['scale_days', 'range length (50 members)', 'days'],
]) {
  out(`### Scaling: ${label}`);
  out();
  out(`| ${unit} | slots | native | npm \`computeSlots\` | slot-calculator | slot-calculator / npm |`);
  out('|--:|--:|--:|--:|--:|--:|');
  for (const r of rows.filter((x) => x.group === group)) {
    const sc = r.sc?.slotCalculator?.median;
    out(`| ${r.x} | ${r.slots} | ${fmt(med(group, String(r.x)))} | ${fmt(r.computeSlots?.median)} | ${fmt(sc)} | ${r.sc?.ratio != null ? `${r.sc.ratio.toFixed(0)}×` : '—'} |`);
  }
  out();
}

// ---- targets
const s2native = med('slots_from_value', '2-team');
const s2npm = byName.get('2-team')?.computeSlots?.median;
const ratios = rows.filter((r) => r.sc?.ratio != null).map((r) => [r.name, r.sc.ratio]);
const minRatio = ratios.reduce((a, b) => (b[1] < a[1] ? b : a), ['—', Infinity]);
const inst = node?.instantiation?.median;
const yes = (ok) => (ok ? 'met' : '**not met**');
out('### Targets');
out();
out('| target | figure | |');
out('|---|--:|---|');
out(`| scenario 2 natively < 2 ms | ${fmt(s2native)} | ${s2native == null ? '—' : yes(s2native < 2)} |`);
out(`| scenario 2 through npm in Node < 5 ms | ${fmt(s2npm)} | ${s2npm == null ? '—' : yes(s2npm < 5)} |`);
out(`| every scenario ≥ 50× faster than slot-calculator | lowest ${Number.isFinite(minRatio[1]) ? `${minRatio[1].toFixed(0)}× (${minRatio[0]})` : '—'} | ${Number.isFinite(minRatio[1]) ? yes(minRatio[1] >= 50) : '—'} |`);
out(`| module instantiation < 30 ms | ${fmt(inst)} (median of ${node?.instantiation?.runs ?? '?'} fresh processes; first call ${fmt(node?.instantiation?.firstCallMs)}) | ${inst == null ? '—' : yes(inst < 30)} |`);

const md = lines.join('\n') + '\n';
process.stdout.write(md);
if (process.argv.includes('--write')) {
  const file = join(root, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const begin = '<!-- results:begin -->';
  const end = '<!-- results:end -->';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error('BENCHMARKS.md has no results markers');
  writeFileSync(file, text.slice(0, i + begin.length) + '\n' + md + text.slice(j));
  console.error('BENCHMARKS.md updated');
}
