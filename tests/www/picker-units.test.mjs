// The picker's pieces that need no DOM, in Node, from www/'s source with the built package (pkg/,
// scripts/build-pkg.sh): the configuration and its errors (picker/config.js), the grid's keys
// (picker/month-grid.js), a month's times from the real engine (picker/month-slots.js) checked
// against Scheduler.slots itself, formats (shared/format.js), and the entry imported in Node,
// from the source and as the package ships it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PKG, sourceTree } from './paths.mjs';

const SRC = sourceTree();
after(() => rmSync(SRC, { recursive: true, force: true }));
const load = (rel) => import(pathToFileURL(join(SRC, rel)).href);
const engine = await load('pkg/bookable.js');
engine.initSync({ module: readFileSync(join(PKG, 'bookable_bg.wasm')) });
await (await load('shared/engine.js')).engine(); // the elements' handle on it: the same module, loaded
const { normalizeConfig, pageRequest, errorDetail, isTransient, coded } = await load('picker/config.js');
const { keyTarget, weekColumn } = await load('picker/month-grid.js');
const { MonthSlots } = await load('picker/month-slots.js');
const { SentSlots, preview } = await load('picker/preview.js');
const { Formats, wallMs, firstDayOfWeek } = await load('shared/format.js');
const { PlainDate, PlainYearMonth } = await load('shared/plain-date.js');
const { selectDetail } = await load('picker/confirm-step.js');

test('config: a bare request or a wrapped one; bad shapes are TypeErrors; errors are coded', () => {
  const request = { timezone: 'Europe/Paris', event: { duration: 30 }, members: [] };
  assert.deepEqual(normalizeConfig(request), { request, title: null, description: null, names: {}, action: null, firstSlots: null });
  const firstSlots = { from: '2026-03-02T06:00:00Z', to: '2026-03-03T06:00:00Z', slots: [] };
  const wrapped = normalizeConfig({ title: 'Intro', description: 7, names: { ana: 'Ana' }, action: '/b', request, firstSlots });
  assert.deepEqual(wrapped, { request, title: 'Intro', description: null, names: { ana: 'Ana' }, action: '/b', firstSlots });
  assert.equal(normalizeConfig({ request, firstSlots: 'soon' }).firstSlots, null);
  for (const bad of [null, [], 'x', { request: [] }, { request: null }]) assert.throws(() => normalizeConfig(bad), TypeError);
  assert.deepEqual(pageRequest({ ...request, range: {}, explain: true }), request);
  assert.deepEqual(errorDetail(coded('http_error', 'HTTP 503', { status: 503 })), { code: 'http_error', path: '', message: 'HTTP 503', status: 503 });
  assert.equal(errorDetail(new TypeError('x')).code, 'invalid_config');
  assert.equal(errorDetail(new Error('x')).code, 'load_failed');
  assert.equal(isTransient({ code: 'http_error', status: 503 }), true);
  assert.equal(isTransient({ code: 'http_error', status: 404 }), false);
  assert.equal(isTransient({ code: 'network_error' }), true);
  assert.equal(isTransient({ code: 'invalid_timezone' }), false);
});

test('grid keys: arrows by day and week, Home/End within the locale\'s week, pages by month and year', () => {
  const d = PlainDate.from('2026-03-31'); // a Tuesday
  const at = (key, o = {}) => String(keyTarget(d, key, o));
  assert.equal(at('ArrowRight'), '2026-04-01');
  assert.equal(at('ArrowRight', { rtl: true }), '2026-03-30');
  assert.equal(at('ArrowLeft', { rtl: true }), '2026-04-01');
  assert.equal(at('ArrowUp'), '2026-03-24');
  assert.equal(at('ArrowDown'), '2026-04-07');
  assert.equal(at('Home', { firstDay: 1 }), '2026-03-30'); // Monday
  assert.equal(at('End', { firstDay: 1 }), '2026-04-05');
  assert.equal(at('Home', { firstDay: 0 }), '2026-03-29'); // Sunday
  assert.equal(at('End', { firstDay: 6 }), '2026-04-03'); // a week from Saturday ends on Friday
  assert.equal(at('PageDown'), '2026-04-30');
  assert.equal(at('PageUp'), '2026-02-28');
  assert.equal(at('PageUp', { shiftKey: true }), '2025-03-31');
  assert.equal(keyTarget(d, 'Enter'), 'pick');
  assert.equal(keyTarget(d, ' '), 'pick');
  assert.equal(keyTarget(d, 'a'), null);
  assert.equal(weekColumn(PlainDate.from('2026-03-01'), 0), 0); // a Sunday
  assert.equal(weekColumn(PlainDate.from('2026-03-01'), 1), 6);
});

const request = {
  timezone: 'Europe/Paris',
  event: { duration: 30, maxDaysAhead: 40 },
  members: [{ id: 'ana', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '10:00']], fri: [['23:00', '23:30']] } }],
};
const NOW = '2026-03-02T06:00:00Z';

test('month slots: one engine query a month, by the visitor\'s days, the months that can be shown', () => {
  const scheduler = new engine.Scheduler(request);
  let calls = 0;
  const counting = { slots: (...a) => (calls++, scheduler.slots(...a)) };
  const slots = new MonthSlots({ scheduler: counting, nowArg: NOW, now: Date.parse(NOW), event: request.event });
  const march = PlainYearMonth.from('2026-03');
  // Tokyo is 8 h ahead of Paris in March: Friday 23:00 in Paris is Saturday 07:00 there
  for (const zone of ['Europe/Paris', 'Asia/Tokyo', 'America/Los_Angeles']) {
    const days = slots.days(march, zone);
    const all = scheduler.slots('2026-02-27T00:00:00Z', '2026-04-03T00:00:00Z', { now: NOW, viewerTimezone: zone, local: true }).slots
      .filter((s) => s.localStart.startsWith('2026-03'));
    assert.deepEqual([...days.values()].flat().map((s) => s.start), all.map((s) => s.start), zone);
    for (const [key, list] of days) for (const s of list) assert.equal(s.localStart.slice(0, 10), key);
  }
  assert.equal(calls, 3);
  slots.days(march, 'Asia/Tokyo');
  assert.equal(calls, 3, 'a month and zone asked for once');
  const tokyo = [...slots.days(march, 'Asia/Tokyo').keys()];
  assert.ok(tokyo.includes('2026-03-07') && !tokyo.includes('2026-03-06'), tokyo.join());
  assert.deepEqual(Object.fromEntries(Object.entries(slots.range('Europe/Paris')).map(([k, v]) => [k, String(v)])), { min: '2026-03', max: '2026-04' });
  assert.equal(slots.days(PlainYearMonth.from('2026-05'), 'Europe/Paris').size, 0, 'past maxDaysAhead: nothing, no query');
  assert.equal(calls, 3);
  assert.equal(String(slots.firstAvailable(march, 'Europe/Paris')), '2026-03-02');
  assert.equal(String(slots.today('Pacific/Kiritimati')), '2026-03-02');
  assert.equal(String(slots.today('Pacific/Pago_Pago')), '2026-03-01');
  slots.setNow(Date.parse('2026-03-20T12:00:00Z'));
  slots.days(march, 'Asia/Tokyo');
  assert.equal(calls, 4, 'now moved: asked again');
  scheduler.free();
});

// Across a spring-forward night (Paris 29 March, Santiago and Lord Howe's half hour on 5 April),
// midnight, and half- and quarter-hour zones: the server's first slots, converted by Intl, are the
// days and wall times the engine gives for every month they cover.
test('preview: the server\'s first slots by day, as the engine gives them in every zone', () => {
  const all = [['00:00', '03:30'], ['22:00', '24:00']];
  const night = {
    timezone: 'Europe/Paris',
    event: { duration: 30, step: 30 },
    members: [
      { id: 'ana', timezone: 'Europe/Paris', weekly: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all } },
      { id: 'bob', timezone: 'America/Santiago', weekly: { sat: [['01:00', '04:00']], sun: [['00:00', '02:00']] } },
    ],
    team: { mode: 'roundRobin' },
  };
  const scheduler = new engine.Scheduler(night);
  const from = '2026-03-20T00:00:00Z';
  const now = Date.parse(from);
  const first = scheduler.slots(from, '2026-04-20T00:00:00Z', { now: from }).slots[0];
  const to = new Date(Date.parse(first.start) + 33 * 86400e3).toISOString();
  const sent = { from, to, slots: scheduler.slots(from, to, { now: from }).slots.map(({ start, end, hosts }) => ({ start, end, hosts })) };
  for (const zone of ['Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    const shown = new SentSlots(sent, zone, now);
    const { min, max } = shown.range();
    assert.ok(shown.covers(min), zone);
    for (let m = min; PlainYearMonth.compare(m, max) <= 0; m = m.add({ months: 1 })) {
      const expected = new Map();
      for (const s of scheduler.slots(new Date(m.utcMs - 15 * 3600e3).toISOString(), new Date(m.add({ months: 1 }).utcMs + 15 * 3600e3).toISOString(), { now: from, viewerTimezone: zone, local: true }).slots) {
        if (!s.localStart.startsWith(m.toString()) || s.start >= to) continue;
        const key = s.localStart.slice(0, 10);
        if (!expected.has(key)) expected.set(key, []);
        expected.get(key).push({ start: s.start, end: s.end, localStart: s.localStart, localEnd: s.localEnd, hosts: [...s.hosts] });
      }
      assert.ok(expected.size > 0, `${zone} ${m}`);
      assert.deepEqual(shown.days(m), expected, `${zone} ${m}`);
    }
    assert.equal(String(shown.today()), String(PlainDate.from(engine.localDateTime(now, zone))), zone);
  }
  // what the picker does with them
  const config = { request: night, firstSlots: sent };
  // the zone as Intl names it (ICU's canonical names are old ones: Asia/Katmandu)
  const kathmandu = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kathmandu' }).resolvedOptions().timeZone;
  assert.equal(preview(config, 'Asia/Kathmandu', now).zone, kathmandu);
  assert.deepEqual(preview(config, 'Asia/Kathmandu', now).slots.days(PlainYearMonth.from('2026-03')), new SentSlots(sent, 'Asia/Kathmandu', now).days(PlainYearMonth.from('2026-03')));
  assert.equal(preview({ ...config, request: { ...night, now: from } }, 'Asia/Kathmandu', now), null, 'a fixed now: the engine');
  assert.equal(preview(config, 'Mars/Olympus_Mons', now), null, 'a zone Intl does not know');
  assert.equal(preview({ ...config, firstSlots: { ...sent, slots: [] } }, 'UTC', now), null, 'no first day');
  assert.equal(preview({ ...config, firstSlots: { ...sent, to: first.end } }, 'UTC', now), null, 'the first day\'s month not covered');
  assert.equal(preview({ ...config, firstSlots: { from, to } }, 'UTC', now), null, 'not the shape');
  assert.equal(preview(config, 'UTC', Date.parse(to)), null, 'every slot gone by now');
  // the event's notice counts from the visitor's now (the answer may be a minute or two old)
  const noticed = preview({ ...config, request: { ...night, event: { ...night.event, minNotice: 90 } } }, 'UTC', now).slots;
  const firstKept = [...noticed.days(PlainYearMonth.from('2026-03')).values()].flat()[0];
  assert.ok(Date.parse(firstKept.start) >= now + 90 * 60e3 && sent.slots.some((s) => Date.parse(s.start) < now + 90 * 60e3), firstKept.start);
  scheduler.free();
});

test('formats: wall times in UTC, offsets in the locale\'s digits, the visitor\'s clock, the week\'s first day', () => {
  assert.equal(wallMs('2026-03-29T02:30'), Date.parse('2026-03-29T02:30:00Z'));
  assert.equal(wallMs('2026-03-29T02:30:15'), Date.parse('2026-03-29T02:30:15Z'));
  const en = new Formats('en-US', null);
  assert.equal(en.clock, 'h12');
  assert.equal(en.wallTime('2026-03-29T14:05'), '2:05 PM');
  assert.equal(en.offset(330), 'UTC+5:30');
  assert.equal(en.offset(-420), 'UTC−7');
  assert.equal(en.offset(0), 'UTC+0');
  assert.equal(new Formats('en-US', 'h23').wallTime('2026-03-29T14:05'), '14:05');
  assert.equal(new Formats('ar-EG', null).offset(345), 'UTC+٥:٤٥');
  assert.equal(en.dayShort.format(PlainDate.from('2026-03-29').utcMs), 'Sunday, March 29');
  assert.equal(firstDayOfWeek('en-US'), 0);
  assert.equal(firstDayOfWeek('de-DE'), 1);
});

test('select detail: names from the page, the id when there is none', () => {
  const slot = { start: 'a', end: 'b', localStart: 'c', localEnd: 'd', hosts: ['ana', 'bob'] };
  const config = { title: null, names: { ana: 'Ana' }, request: { event: { duration: 30 } } };
  assert.deepEqual(selectDetail(slot, config, 'UTC', 'Book a meeting'), {
    start: 'a', end: 'b', hosts: ['ana', 'bob'], names: ['Ana', 'bob'], title: 'Book a meeting', duration: 30, timezone: 'UTC', localStart: 'c', localEnd: 'd',
  });
});

test('the entry imports in Node (server-side rendering): nothing is defined, nothing throws', () => {
  // a fresh Node without DOM globals, as a framework rendering pages on a server
  const script = `
    const m = await import(${JSON.stringify(pathToFileURL(join(SRC, 'bookable-picker.js')).href)});
    const d = await import(${JSON.stringify(pathToFileURL(join(SRC, 'bookable-picker-define.js')).href)});
    const e = await import(${JSON.stringify(pathToFileURL(join(SRC, 'picker/element.js')).href)});
    const p = await import(${JSON.stringify(pathToFileURL(join(PKG, 'bookable-picker.js')).href)});
    console.log(JSON.stringify({ entry: typeof m.BookablePicker, same: m.BookablePicker === d.BookablePicker && d.BookablePicker === e.BookablePicker,
      observed: m.BookablePicker.observedAttributes, pkg: p.BookablePicker.observedAttributes, customElements: typeof customElements }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const observed = ['src', 'locale', 'timezone', 'heading-level', 'action'];
  assert.deepEqual(JSON.parse(out), { entry: 'function', same: true, observed, pkg: observed, customElements: 'undefined' });
});
