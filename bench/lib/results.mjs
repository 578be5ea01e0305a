// Loads benchmark results: criterion's estimates (native) and bench/results/node.json (npm and
// slot-calculator). Used by bench/report.mjs and bench/plot.mjs.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = join(root, 'bench/results');

/**
 * Reads `target/criterion/<group>/<id>/new/estimates.json` for every group of benches/engine.rs
 * into `{ group: { id: { median, low, high } } }`, milliseconds (median with its 95 % interval).
 */
export function readCriterion(dir = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'criterion')) {
  const out = {};
  if (!existsSync(dir)) return out;
  for (const group of readdirSync(dir)) {
    const gdir = join(dir, group);
    if (group === 'report' || !existsSync(gdir)) continue;
    let ids;
    try {
      ids = readdirSync(gdir);
    } catch {
      continue;
    }
    for (const id of ids) {
      const f = join(gdir, id, 'new/estimates.json');
      if (!existsSync(f)) continue;
      const e = JSON.parse(readFileSync(f, 'utf8')).median;
      (out[group] ??= {})[id] = {
        median: e.point_estimate / 1e6,
        low: e.confidence_interval.lower_bound / 1e6,
        high: e.confidence_interval.upper_bound / 1e6,
      };
    }
  }
  return out;
}

/** Native results: freshly collected from target/criterion if present, else the committed copy. */
export function loadNative({ collect = false } = {}) {
  const saved = join(resultsDir, 'native.json');
  if (collect) {
    const groups = readCriterion();
    if (Object.keys(groups).length) {
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(saved, JSON.stringify(groups, null, 1) + '\n');
      return groups;
    }
  }
  return existsSync(saved) ? JSON.parse(readFileSync(saved, 'utf8')) : {};
}

export function loadNode() {
  const f = join(resultsDir, 'node.json');
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null;
}

export const fmt = (ms) =>
  ms == null || Number.isNaN(ms)
    ? '—'
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : ms >= 100
        ? `${ms.toFixed(0)} ms`
        : ms >= 1
          ? `${ms.toFixed(2)} ms`
          : `${(ms * 1000).toFixed(1)} µs`;
