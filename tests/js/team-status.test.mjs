// The availability table as the npm package ships it (`bookable-slots/team-status`): imported in
// Node it defines nothing and throws nothing, and its TypeScript types (bookable-team-status.d.ts,
// HTMLElementTagNameMap, typed events) compile in a strict DOM project where mistakes are errors.
// Needs pkg/ (scripts/build-pkg.sh) and the `typescript` dev dependency (scripts/setup.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT, PKG } from './helpers.mjs';

test('the package entry imports in Node and defines nothing', async () => {
  const { BookableTeamStatus } = await import(pathToFileURL(join(PKG, 'bookable-team-status.js')).href);
  assert.equal(typeof BookableTeamStatus, 'function');
  assert.equal(typeof BookableTeamStatus.load, 'function');
  assert.equal(typeof globalThis.customElements, 'undefined');
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

test('bookable-team-status.d.ts: the tag, the properties and the events are typed; mistakes are errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookable-team-status-types-'));
  try {
    for (const f of ['bookable.d.ts', 'bookable-team-status.d.ts']) copyFileSync(join(PKG, f), join(dir, f));
    copyFileSync(join(ROOT, 'tests/js/types/team-status-usage.ts'), join(dir, 'usage.ts'));
    assert.deepEqual(compile(dir, 'usage.ts'), [], 'the usage compiles, and each @ts-expect-error line is an error');
    const source = readFileSync(join(dir, 'usage.ts'), 'utf8');
    const expected = source.split('\n').filter((l) => l.trim().startsWith('// @ts-expect-error')).length;
    writeFileSync(join(dir, 'usage.ts'), source.replaceAll('// @ts-expect-error', '// was expected:'));
    assert.equal(compile(dir, 'usage.ts').length, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
