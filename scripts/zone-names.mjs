#!/usr/bin/env node
// Writes www/shared/zone-names.js, the names the time zone search finds beyond the zone index
// (zone-index.mjs) and Intl: the abbreviations people type ("PST", "CET", "IST") and the cities
// that are not a zone's own name ("Mumbai", "San Francisco", "Beijing"). Nothing kept by hand:
//   - CLDR (cldr-core's metaZones.json, cldr-dates-full's timeZoneNames.json; Unicode licence):
//     the short names of the metazones in English (en and its regional locales: "PST" in en,
//     "AEST" in en-AU, "IST" in en-IN) with the zones using each metazone now (its golden zone,
//     the one CLDR maps for territory 001, first); zone-specific short names ("BST" for London);
//     the English exemplar city of each zone where it is written otherwise than the zone's name
//     ("Ho Chi Minh City"). English only: the other nine languages' exemplar cities ("ロサンゼルス")
//     would add 12.3 KB gzip to the 8.5 KB (measured with CLDR 48.2: fr…pt 2.2 KB, ja/ar/he the rest).
//   - GeoNames' largest cities of each zone, as @vvo/tzdb publishes them (mainCities; MIT,
//     the data CC BY 4.0 GeoNames).
// The output is committed (a build needs no download); run after updating the pinned sources:
//
//   (cd scripts/zone-names && npm ci) && node scripts/zone-names.mjs www/shared/zone-names.js
//
// Zones are named as the sources name them (CLDR keeps old names: Asia/Calcutta); the search
// resolves them through the engine's links. Abbreviations of two letters ("PT", "ET") are left
// out: they would outrank every city starting with those letters.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const MODULES = join(dirname(fileURLToPath(import.meta.url)), 'zone-names', 'node_modules');
const json = (path) => JSON.parse(readFileSync(join(MODULES, path), 'utf8'));
const version = (name) => json(`${name}/package.json`).version;
const norm = (s) => String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const cityOf = (id) => id.slice(id.lastIndexOf('/') + 1).replace(/_/g, ' ');

/** CLDR's nested zone tree ({ America: { Los_Angeles: {...} } }) as [id, value] pairs. */
function zonesOf(tree, isLeaf, prefix = '') {
  const out = [];
  for (const [k, v] of Object.entries(tree || {})) {
    const id = prefix ? `${prefix}/${k}` : k;
    if (isLeaf(v)) out.push([id, v]);
    else if (v && typeof v === 'object') out.push(...zonesOf(v, isLeaf, id));
  }
  return out;
}

const names = (locale) => json(`cldr-dates-full/main/${locale}/timeZoneNames.json`).main[locale].dates.timeZoneNames;

export function zoneNames() {
  const meta = json('cldr-core/supplemental/metaZones.json').supplemental.metaZones;
  // zones by the metazone they use now (an entry without `_to`)
  const members = new Map();
  for (const [id, uses] of zonesOf(meta.metazoneInfo.timezone, Array.isArray)) {
    const now = uses.find((u) => !u.usesMetazone._to);
    if (!now) continue;
    const mz = now.usesMetazone._mzone;
    if (!members.has(mz)) members.set(mz, []);
    members.get(mz).push(id);
  }
  const golden = new Map(meta.metazones.filter((m) => m.mapZone._territory === '001').map((m) => [m.mapZone._other, m.mapZone._type]));

  // abbreviations: metazone → Set, zone → Set (English locales only)
  const byMeta = new Map();
  const byZone = new Map();
  const add = (map, key, abbr) => {
    if (abbr.length < 3 || !/^[A-Za-z]+$/.test(abbr) || /^(UTC|GMT)$/.test(abbr)) return;
    if (!map.has(key)) map.set(key, new Set());
    map.get(key).add(abbr);
  };
  const english = JSON.parse(readFileSync(join(MODULES, 'cldr-core/availableLocales.json'), 'utf8')).availableLocales.full.filter((l) => l === 'en' || l.startsWith('en-'));
  for (const locale of english) {
    const tzn = names(locale);
    for (const [mz, v] of Object.entries(tzn.metazone || {})) for (const a of Object.values(v.short || {})) add(byMeta, mz, a);
    for (const [id, v] of zonesOf(tzn.zone, (v) => v && (v.exemplarCity || v.short || v.long))) for (const a of Object.values(v.short || {})) add(byZone, id, a);
  }
  const abbreviations = [];
  for (const [mz, set] of [...byMeta].sort(([a], [b]) => a.localeCompare(b))) {
    const zones = members.get(mz) || [];
    const first = golden.get(mz);
    const ordered = first && zones.includes(first) ? [first, ...zones.filter((z) => z !== first)] : zones;
    if (ordered.length) abbreviations.push(`${[...set].join(' ')}|${ordered.join(' ')}`);
  }
  for (const [id, set] of [...byZone].sort(([a], [b]) => a.localeCompare(b))) abbreviations.push(`${[...set].join(' ')}|${id}`);

  // other names of a zone's places: English exemplar cities, GeoNames' cities
  const places = new Map(); // id → [name]
  const seen = new Map(); // id → Set(norm)
  const put = (id, name) => {
    if (!seen.has(id)) seen.set(id, new Set([norm(cityOf(id))]));
    if (/[|;\n]/.test(name)) throw new Error(`${id}: a separator in the name ${name}`);
    const n = norm(name);
    if (!n || seen.get(id).has(n)) return;
    seen.get(id).add(n);
    if (!places.has(id)) places.set(id, []);
    places.get(id).push(name);
  };
  for (const [id, v] of zonesOf(names('en').zone, (v) => v && typeof v.exemplarCity === 'string')) {
    if (!id.startsWith('Etc/')) put(id, v.exemplarCity); // Etc/Unknown's "Unknown City" is no place
  }
  const vvo = json('@vvo/tzdb/raw-time-zones.json');
  for (const z of vvo) for (const city of z.mainCities || []) put(z.name, city);

  const placeLines = [...places].sort(([a], [b]) => a.localeCompare(b)).map(([id, list]) => `${id}|${list.join(';')}`);
  return {
    sources: `CLDR ${version('cldr-dates-full')} (cldr-core ${version('cldr-core')}), @vvo/tzdb ${version('@vvo/tzdb')}`,
    places: placeLines.join('\n'),
    abbreviations: abbreviations.join('\n'),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/zone-names.mjs OUT.js');
    process.exit(2);
  }
  const { sources, places, abbreviations } = zoneNames();
  const text = `// Generated by scripts/zone-names.mjs from ${sources}. Do not edit.
// CLDR: Unicode licence; GeoNames' cities (via @vvo/tzdb, MIT): CC BY 4.0 GeoNames.
// The time zone search's other names (zone-search.js, loaded when the visitor first searches).
export const sources = ${JSON.stringify(sources)};
// Zone|name;name;…: exemplar cities written otherwise than the zone's name, large cities in it
export const places = ${JSON.stringify(places)};
// ABBR ABBR|Zone Zone…: English abbreviations, the zones using them now (the golden zone first)
export const abbreviations = ${JSON.stringify(abbreviations)};
`;
  writeFileSync(out, text);
  console.log(`zone-names: ${out} (${sources}): ${places.split('\n').length} zones with places, ${abbreviations.split('\n').length} abbreviation lines; raw ${text.length} B, gzip -9 ${gzipSync(text, { level: 9 }).length} B`);
}
