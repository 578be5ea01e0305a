// The types of `bookable-slots/hours` (npm/bookable-hours.d.ts): types/hours-usage.ts compiles
// with `strict` against the package's .d.ts files, and each `@ts-expect-error` line is an error.
// Needs pkg/ (scripts/build-pkg.sh) and the `typescript` dev dependency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, PKG } from './helpers.mjs';

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

test('bookable-hours.d.ts: the tags, values, errors and events are typed; mistakes are errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookable-hours-types-'));
  try {
    for (const f of ['bookable.d.ts', 'bookable-hours.d.ts', 'bookable-picker.d.ts']) copyFileSync(join(PKG, f), join(dir, f));
    copyFileSync(join(ROOT, 'tests/js/types/hours-usage.ts'), join(dir, 'usage.ts'));
    assert.deepEqual(compile(dir, 'usage.ts'), [], 'the usage compiles, and each @ts-expect-error line is an error');
    const source = readFileSync(join(dir, 'usage.ts'), 'utf8');
    const expected = source.split('\n').filter((l) => l.trim().startsWith('// @ts-expect-error')).length;
    writeFileSync(join(dir, 'usage.ts'), source.replaceAll('// @ts-expect-error', '// was expected:'));
    assert.equal(compile(dir, 'usage.ts').length, expected);
    // both element type files in one program: their globals agree
    writeFileSync(join(dir, 'both.ts'), "import './bookable-picker.js';\nimport './bookable-hours.js';\nexport const tags = [document.createElement('bookable-picker').timezone, document.createElement('bookable-hours').value.timezone];\n");
    assert.deepEqual(compile(dir, 'both.ts'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
