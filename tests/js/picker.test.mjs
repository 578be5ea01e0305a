// The booking element as the npm package ships it (`bookable-slots/picker`): its zone index is
// the tz release's zone tables (scripts/zone-index.mjs), every zone in it is one the engine
// knows, the zone search resolves and finds names as documented, and its TypeScript types
// (bookable-picker.d.ts, HTMLElementTagNameMap, typed events) compile in a strict DOM project.
// Needs pkg/ (scripts/build-pkg.sh) and the `typescript` dev dependency (scripts/setup.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT, PKG } from './helpers.mjs';

const bookable = await import(pathToFileURL(join(PKG, 'node.js')).href);
const index = await import(pathToFileURL(join(PKG, 'zone-index.js')).href);
const { zoneIndex } = await import(pathToFileURL(join(ROOT, 'scripts/zone-index.mjs')).href);
const { ZoneCatalog, parseOffset } = await import(pathToFileURL(join(PKG, 'shared/zone-search.js')).href);

/** `{ cc: { name, zones } }` from the index text. */
function countries(text) {
  return Object.fromEntries(text.split('\n').map((line) => {
    const [cc, name, ...zones] = line.split('|');
    return [cc, { name, zones }];
  }));
}

test('the zone index is the release\'s zone.tab and iso3166.tab, and the engine knows every zone in it', () => {
  const fresh = zoneIndex();
  assert.equal(index.default, fresh.text, 'pkg/zone-index.js is up to date with crates/tzdb/tzdata');
  assert.equal(index.version, bookable.tzdataVersion());
  const { names, links } = bookable.timeZones();
  const byCountry = countries(index.default);
  const listed = Object.values(byCountry).flatMap((c) => c.zones);
  for (const z of listed) assert.ok(names.includes(z) || Object.hasOwn(links, z), `${z} is a zone or link of the engine`);
  for (const n of names.filter((n) => n.includes('/') && !n.startsWith('Etc/'))) assert.ok(listed.includes(n), `${n} has a country`);
  // each country keeps its own name for its zone, a Link or not
  assert.deepEqual(byCountry.NL, { name: 'Netherlands', zones: ['Europe/Amsterdam'] });
  assert.equal(links['Europe/Amsterdam'], 'Europe/Brussels');
  assert.deepEqual(byCountry.IN, { name: 'India', zones: ['Asia/Kolkata'] });
  assert.equal(byCountry.GB.name, 'Britain (UK)');
  assert.ok(byCountry.US.zones.includes('America/Los_Angeles') && byCountry.US.zones.length > 20);
  const rows = readFileSync(join(ROOT, 'crates/tzdb/tzdata/zone.tab'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(listed.length, rows.length, 'one entry per zone.tab row');
});

test('the zone search: names a visitor\'s browser reports, typed names, offsets and words', () => {
  const catalog = new ZoneCatalog(bookable.timeZones(), index.default);
  for (const [name, resolved] of [
    ['Europe/Amsterdam', 'Europe/Amsterdam'], // a place of the index keeps its own name
    ['europe/oslo', 'Europe/Oslo'],
    ['Asia/Calcutta', 'Asia/Kolkata'], // an old name is today's
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['US/Eastern', 'America/New_York'],
    ['Etc/UTC', 'UTC'],
    ['UTC', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'], // a zone of the engine outside the places
    ['Mars/Olympus_Mons', null],
    ['Etc/Unknown', null],
    ['', null],
  ]) assert.equal(catalog.resolve(name), resolved, name);
  for (const [query, minutes] of [['UTC+5:30', 330], ['gmt-8', -480], ['+0545', 345], ['utc', 0], ['UTC−3', -180], ['utc+15', null], ['India', null]]) {
    assert.equal(parseOffset(query), minutes, query);
  }
  const now = Date.parse('2026-07-01T12:00:00Z');
  const offsetOf = (id) => Math.round((Date.parse(`${bookable.localDateTime(now, id)}:00Z`) - now) / 60e3);
  const first = (q, locale = 'en-US') => catalog.search(q, { locale, offsetOf })[0]?.id;
  assert.equal(first('los angeles'), 'America/Los_Angeles');
  assert.equal(first('India'), 'Asia/Kolkata');
  assert.equal(first('Netherlands'), 'Europe/Amsterdam');
  assert.equal(first('Indien', 'de-DE'), 'Asia/Kolkata');
  assert.equal(first('saigon'), 'Asia/Ho_Chi_Minh');
  assert.deepEqual(catalog.search('UTC+5:45', { locale: 'en-US', offsetOf }).map((e) => e.id), ['Asia/Kathmandu']);
  assert.equal(catalog.search('', { locale: 'en-US', offsetOf }).length, catalog.entries.length, 'nothing typed: every place');
  assert.equal(catalog.place('Europe/Amsterdam', 'fr-FR'), 'Amsterdam, Pays-Bas');
  assert.equal(catalog.place('Asia/Singapore', 'en-US'), 'Singapore');
});

function compile(dir, file) {
  const program = ts.createProgram([join(dir, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

test('bookable-picker.d.ts: the tag, the properties and every event are typed; mistakes are errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookable-picker-types-'));
  try {
    for (const f of ['bookable.d.ts', 'bookable-picker.d.ts']) copyFileSync(join(PKG, f), join(dir, f));
    copyFileSync(join(ROOT, 'tests/js/types/picker-usage.ts'), join(dir, 'usage.ts'));
    assert.deepEqual(compile(dir, 'usage.ts'), [], 'the usage compiles, and each @ts-expect-error line is an error');
    // without the expectations, every one of those lines is an error (and nothing else)
    const source = readFileSync(join(dir, 'usage.ts'), 'utf8');
    const expected = source.split('\n').filter((l) => l.trim().startsWith('// @ts-expect-error')).length;
    writeFileSync(join(dir, 'usage.ts'), source.replaceAll('// @ts-expect-error', '// was expected:'));
    assert.equal(compile(dir, 'usage.ts').length, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
