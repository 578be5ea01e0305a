// Keeps the hand-written TypeScript types (npm/bookable.d.ts) in step with the engine:
// - every public fixture request and the package's real response to it type-check (strict, with
//   excess-property checks), so no field the engine reads or writes is missing from the types;
// - every field the types declare is used by some accepted request or some real response, so
//   the types promise nothing the engine rejects or never writes;
// - the README's usage (types/usage.ts) compiles, and typical mistakes are type errors;
// - no `any` anywhere.
// Needs pkg/ (scripts/build-pkg.sh) and the `typescript` dev dependency (scripts/setup.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT, PKG, errorFixtures, fixtures } from './helpers.mjs';

const DTS = join(ROOT, 'npm/bookable.d.ts');
const bookable = await import(pathToFileURL(join(PKG, 'node.js')).href);
const calendars = await import(pathToFileURL(join(PKG, 'calendars-node.js')).href);

/** One source of each kind, with every field the types declare (SPEC §10). */
function calendarSources() {
  const ics = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'DTSTART;TZID=Europe/Paris:20260302T093000',
    'DTEND;TZID=Europe/Paris:20260302T100000',
    'RRULE:FREQ=WEEKLY;BYDAY=MO',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTART:20260302T120000Z',
    'DTEND:20260302T110000Z',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const at = (dateTime) => ({ dateTime, timeZone: 'W. Europe Standard Time' });
  return [
    { ics, allDay: 'free', tentative: 'busy' },
    {
      googleFreeBusy: {
        kind: 'calendar#freeBusy',
        timeMin: '2026-03-01T00:00:00.000Z',
        timeMax: '2026-04-01T00:00:00.000Z',
        groups: {},
        calendars: { 'ana@example.com': { busy: [{ start: '2026-03-03T09:00:00Z', end: '2026-03-03T10:00:00Z' }], errors: [] } },
      },
    },
    {
      graphSchedule: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
        value: [
          {
            scheduleId: 'ana@contoso.com',
            availabilityView: '0220',
            scheduleItems: [
              { isPrivate: false, status: 'busy', subject: 'Review', location: 'Room 1', start: at('2026-03-04T09:00:00.0000000'), end: at('2026-03-04T10:00:00.0000000') },
            ],
            workingHours: { daysOfWeek: ['monday'], startTime: '09:00:00.0000000', endTime: '17:00:00.0000000' },
            error: null,
          },
        ],
      },
      tentative: 'free',
    },
  ];
}

/** Request roots and response roots, with the values that exercise them. */
function samples() {
  const roots = {
    SlotsRequest: [],
    SchedulerRequest: [],
    StatusRequest: [],
    TeamStatusRequest: [],
    SlotsResponse: [],
    StatusResponse: [],
    TeamStatusResponse: [],
  };
  for (const f of fixtures()) {
    if (f.kind === 'slots') {
      roots.SlotsRequest.push(f.request);
      roots.SlotsResponse.push(bookable.computeSlots(f.request));
      // The `local: true` extension: the same response with each slot's local times.
      const local = bookable.computeSlots(f.request, { local: true });
      if (local.slots.length && roots.SlotsResponse.length % 8 === 1) roots.SlotsResponse.push(local);
      const { range, ...rest } = f.request;
      new bookable.Scheduler(rest).free(); // accepted
      roots.SchedulerRequest.push(rest);
    } else if (f.request.members) {
      roots.TeamStatusRequest.push(f.request);
      roots.TeamStatusResponse.push(bookable.availabilityStatus(f.request));
    } else {
      roots.StatusRequest.push(f.request);
      roots.StatusResponse.push(bookable.availabilityStatus(f.request));
    }
  }
  // Public requests (SPEC §11) are slots requests too, with the fullDates / bookingCount
  // extensions where limits and bookings were.
  for (const f of fixtures().filter((f) => f.kind === 'slots' && f.request.range)) {
    const pub = calendars.publicRequest(f.request);
    if (pub.members.some((m) => m.fullDates || m.bookingCount)) {
      roots.SlotsRequest.push(pub);
      const { range, ...page } = pub;
      new bookable.Scheduler(page).free(); // accepted
      roots.SchedulerRequest.push(page);
    }
  }
  // An offered roundRobin explanation names its hosts and candidates.
  const rr = fixtures().find((f) => f.kind === 'slots' && f.request.team?.mode === 'roundRobin' && f.response.slots.length);
  if (rr) {
    const offered = bookable.computeSlots({ ...rr.request, explain: rr.response.slots[0].start });
    assert.ok(offered.explanation.candidates, `${rr.name}: an offered roundRobin explanation has candidates`);
    roots.SlotsResponse.push(offered);
  }
  // A status member may carry the slots-only member fields (one object for both requests).
  const slotsMember = fixtures().find((f) => f.kind === 'slots' && f.request.members.some((m) => m.busy && m.bookings && m.lastBookedAt));
  if (slotsMember) {
    const m = slotsMember.request.members.find((x) => x.busy && x.bookings && x.lastBookedAt);
    const extra = {
      now: slotsMember.request.now,
      member: {
        ...m,
        bookings: m.bookings.map((b) => ({ ...b, bufferBefore: 5, bufferAfter: 10 })),
        limits: { maxPerDay: 1, maxPerWeek: 2, maxPerMonth: 3 },
        fullDates: ['2026-03-03'],
        bookingCount: 3,
        required: false,
        priority: 1,
        weight: 2,
        lastAssignedAt: slotsMember.request.now,
        manual: { status: 'away', since: slotsMember.request.now },
      },
    };
    bookable.availabilityStatus(extra); // accepted (throws otherwise)
    roots.StatusRequest.push(extra);
    // The same member in a team status.
    const team = { now: extra.now, assignment: 'leastLoaded', members: [extra.member] };
    bookable.availabilityStatus(team);
    roots.TeamStatusRequest.push(team);
  }
  // Calendar sources (SPEC §10), through the calendars entry: a slots and a status member with
  // one of each, and busy requests with their real answers.
  const sources = calendarSources();
  const base = fixtures().find((f) => f.kind === 'slots' && f.request.range && f.request.members.length === 1);
  const withCalendars = { ...base.request, members: [{ ...base.request.members[0], calendars: sources }] };
  roots.SlotsRequest.push(withCalendars);
  roots.SlotsResponse.push(calendars.computeSlots(withCalendars));
  const { range: _horizon, ...calendarPage } = withCalendars;
  new calendars.Scheduler(calendarPage).free(); // accepted
  roots.SchedulerRequest.push(calendarPage);
  const statusWithCalendars = { now: base.request.now, member: { ...base.request.members[0], calendars: sources } };
  calendars.availabilityStatus(statusWithCalendars); // accepted
  roots.StatusRequest.push(statusWithCalendars);
  const teamWithCalendars = { now: base.request.now, members: [statusWithCalendars.member] };
  calendars.availabilityStatus(teamWithCalendars); // accepted
  roots.TeamStatusRequest.push(teamWithCalendars);
  roots.BusyRequest = sources.map((source) => ({ source, range: { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' }, timezone: 'Europe/Paris' }));
  roots.BusyResponse = roots.BusyRequest.map((r) => calendars.busyTimes(r));
  assert.ok(roots.BusyResponse[0].warnings.length, 'a warning to type-check');
  return roots;
}

function literal(value) {
  return JSON.stringify(value, null, 1);
}

function compile(dir, files, options) {
  const program = ts.createProgram(
    files.map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      exactOptionalPropertyTypes: false,
      noUncheckedIndexedAccess: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      ...options,
    },
  );
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  return { program, diagnostics };
}

/** Our interfaces (declared in bookable.d.ts) among the object types a type may stand for. */
function ownObjectTypes(checker, type) {
  const out = [];
  const visit = (t) => {
    if (t.isUnion()) return t.types.forEach(visit);
    const sym = t.aliasSymbol ?? t.getSymbol();
    const decl = sym?.declarations?.[0];
    if (decl && decl.getSourceFile().fileName.endsWith('bookable.d.ts') && (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl))) out.push(t);
  };
  visit(type);
  return out;
}

function interfaceName(prop) {
  const parent = prop.declarations?.[0]?.parent;
  return parent && ts.isInterfaceDeclaration(parent) ? parent.name.text : '?';
}

/** Every `Interface.field` reachable from the root type, with the field's type followed. */
function declaredFields(checker, rootType) {
  const seen = new Set();
  const fields = new Set();
  const follow = (type) => {
    if (type.isUnion()) return type.types.forEach(follow);
    if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type).forEach(follow);
    for (const t of ownObjectTypes(checker, type)) {
      if (seen.has(t)) continue;
      seen.add(t);
      for (const prop of checker.getPropertiesOfType(t)) {
        fields.add(`${interfaceName(prop)}.${prop.name}`);
        follow(checker.getNonNullableType(checker.getTypeOfSymbol(prop)));
      }
      const index = checker.getIndexInfosOfType(t);
      index.forEach((info) => follow(info.type));
    }
  };
  follow(rootType);
  return fields;
}

/** Every `Interface.field` some object literal under `node` fills in. */
function usedFields(checker, node, into) {
  const visit = (n) => {
    if (ts.isObjectLiteralExpression(n)) {
      const contextual = checker.getContextualType(n);
      if (contextual) {
        for (const p of n.properties) {
          const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
          if (!name) continue;
          for (const t of ownObjectTypes(checker, contextual)) {
            const prop = checker.getPropertyOfType(t, name);
            if (prop) into.add(`${interfaceName(prop)}.${name}`);
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
}

test('bookable.d.ts has no `any`', () => {
  const source = ts.createSourceFile(DTS, readFileSync(DTS, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found = [];
  const visit = (n) => {
    if (n.kind === ts.SyntaxKind.AnyKeyword) found.push(source.getLineAndCharacterOfPosition(n.getStart()).line + 1);
    ts.forEachChild(n, visit);
  };
  visit(source);
  assert.deepEqual(found, [], `\`any\` on lines ${found}`);
});

test('every fixture request and every real response type-checks, and every declared field is used', () => {
  const roots = samples();
  const dir = mkdtempSync(join(tmpdir(), 'bookable-types-'));
  try {
    copyFileSync(DTS, join(dir, 'bookable.d.ts'));
    const names = Object.keys(roots);
    let body = `import type { ${names.join(', ')}, ErrorCode } from './bookable.js';\n`;
    for (const root of names) {
      body += `export const ${root}_samples: ${root}[] = [\n${roots[root].map(literal).join(',\n')}\n];\n`;
    }
    const errors = errorFixtures()
      .filter((e) => typeof e.request === 'object')
      .map((e) => {
        try {
          bookable.computeSlots(e.request);
        } catch (err) {
          return { code: err.code, path: err.path, message: err.message };
        }
        throw new Error(`${e.name} did not throw`);
      });
    body += `export const thrown: { code: ErrorCode; path: string; message: string }[] = ${literal(errors)};\n`;
    writeFileSync(join(dir, 'samples.ts'), body);

    const { program, diagnostics } = compile(dir, ['samples.ts'], { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
    assert.deepEqual(diagnostics, []);

    const checker = program.getTypeChecker();
    const file = program.getSourceFile(join(dir, 'samples.ts'));
    for (const root of names) {
      const decl = file.statements.find((s) => ts.isVariableStatement(s) && s.declarationList.declarations[0].name.text === `${root}_samples`);
      const arrayType = checker.getTypeAtLocation(decl.declarationList.declarations[0].name);
      const declared = declaredFields(checker, checker.getTypeArguments(arrayType)[0]);
      const used = new Set();
      usedFields(checker, decl, used);
      const unused = [...declared].filter((f) => !used.has(f)).sort();
      assert.deepEqual(unused, [], `${root}: declared but never used by an accepted request or real response`);
      assert.ok(declared.size >= 5, `${root}: ${declared.size} fields declared`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the README usage compiles in browser, newer and Node-only setups, and mistakes are type errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookable-usage-'));
  try {
    copyFileSync(DTS, join(dir, 'bookable.d.ts'));
    copyFileSync(join(ROOT, 'tests/js/types/usage.ts'), join(dir, 'usage.ts'));
    const setups = {
      'ES2022 + DOM': { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] },
      'ESNext + DOM': { lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'] },
      // A Node project: no DOM library, @types/node (from this folder's node_modules).
      'ES2022 + @types/node': {
        lib: ['lib.es2022.d.ts'],
        types: ['node'],
        typeRoots: [join(ROOT, 'tests/js/node_modules/@types')],
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
      },
    };
    for (const [name, options] of Object.entries(setups)) {
      const { diagnostics } = compile(dir, ['usage.ts'], options);
      assert.deepEqual(diagnostics, [], name);
    }
    // Without its @ts-expect-error lines' expectations, the mistakes are real errors.
    const mistakes = readFileSync(join(dir, 'usage.ts'), 'utf8').replaceAll('// @ts-expect-error', '// was expected:');
    writeFileSync(join(dir, 'usage.ts'), mistakes);
    const { diagnostics } = compile(dir, ['usage.ts'], setups['ES2022 + DOM']);
    const expected = (mistakes.match(/\/\/ was expected:/g) ?? []).length;
    assert.ok(expected >= 7);
    assert.ok(diagnostics.length >= expected, diagnostics.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('calendars.d.ts: the calendars entry has the whole API, busyTimes, and typed sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookable-calendars-types-'));
  try {
    copyFileSync(DTS, join(dir, 'bookable.d.ts'));
    copyFileSync(join(ROOT, 'npm/calendars.d.ts'), join(dir, 'calendars.d.ts'));
    writeFileSync(
      join(dir, 'use.ts'),
      `import init, { busyTimes, computeSlots, Scheduler, type BusyResponse, type CalendarSource } from './calendars.js';
await init();
const source: CalendarSource = { ics: 'BEGIN:VCALENDAR', allDay: 'free' };
const answer: BusyResponse = busyTimes({ source, range: { start: '2026-03-01T00:00:00Z', end: new Date() }, timezone: 'UTC' });
const lines: number[] = answer.warnings.map((w) => w.line);
computeSlots({ range: { start: 0, end: 1 }, timezone: 'UTC', event: { duration: 30 },
  members: [{ id: 'a', timezone: 'UTC', calendars: [source, { googleFreeBusy: { calendars: {} } }] }] });
new Scheduler({ timezone: 'UTC', event: { duration: 30 }, members: [{ id: 'a', timezone: 'UTC' }] }).free();
// @ts-expect-error a source is one of three kinds
const wrong: CalendarSource = { url: 'https://example.com/feed.ics' };
// @ts-expect-error allDay is "busy" or "free"
busyTimes({ source: { ics: '', allDay: true }, range: { start: 0, end: 1 }, timezone: 'UTC' });
export { lines, wrong };
`,
    );
    const { diagnostics } = compile(dir, ['use.ts'], { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
    assert.deepEqual(diagnostics, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
