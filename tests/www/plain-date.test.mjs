// PlainDate and PlainYearMonth (www/shared/plain-date.js), in Node: checked against a naive
// calendar that walks one day at a time from 1970-01-01 (no Date arithmetic), and the cases the
// picker leans on (month ends, leap years, Temporal's "constrain" for months).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './paths.mjs';

const { PlainDate, PlainYearMonth, clampMonth } = await import(pathToFileURL(join(REPO, 'www/shared/plain-date.js')).href);

const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const lengths = (y) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Every date from 1970-01-01 for `n` days, by counting: [epochDays, y, m, d, isoWeekday]. */
function* naiveDays(n) {
  let y = 1970;
  let m = 1;
  let d = 1;
  let wd = 4; // 1970-01-01 was a Thursday
  for (let i = 0; i < n; i++) {
    yield [i, y, m, d, wd];
    wd = (wd % 7) + 1;
    if (++d > lengths(y)[m - 1]) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
    }
  }
}

test('every day from 1970 to 2110: ISO text, weekday, epoch days, month length, next and previous day', () => {
  let prev = null;
  for (const [days, y, m, d, wd] of naiveDays(51500)) {
    const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const date = PlainDate.from(text);
    assert.equal(date.toString(), text);
    assert.equal(date.epochDays, days, text);
    assert.equal(date.dayOfWeek, wd, text);
    assert.equal(date.daysInMonth, lengths(y)[m - 1], text);
    assert.ok(PlainDate.fromEpochDays(days).equals(date), text);
    if (prev) {
      assert.ok(prev.add({ days: 1 }).equals(date), `${prev} + 1 day`);
      assert.ok(date.add({ days: -1 }).equals(prev), `${text} - 1 day`);
      assert.equal(PlainDate.compare(prev, date), -1);
      assert.equal(PlainDate.compare(date, prev), 1);
    }
    prev = date;
  }
});

test('from(): a wall time gives its date; impossible or malformed dates are RangeErrors', () => {
  assert.equal(PlainDate.from('2026-03-29T02:30').toString(), '2026-03-29');
  assert.equal(PlainDate.from('2026-03-29T02:30:15').toString(), '2026-03-29');
  for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-3-1', '26-03-01', 'today', '', '2026-03-29x']) {
    assert.throws(() => PlainDate.from(bad), RangeError, bad);
  }
  assert.equal(PlainDate.from('2024-02-29').toString(), '2024-02-29');
  assert.equal(JSON.stringify({ d: PlainDate.from('2026-01-05') }), '{"d":"2026-01-05"}');
});

test('months: add constrains the day to the month (Temporal "constrain"), years are 12 months', () => {
  const cases = [
    ['2026-01-31', { months: 1 }, '2026-02-28'],
    ['2024-01-31', { months: 1 }, '2024-02-29'],
    ['2026-03-31', { months: -1 }, '2026-02-28'],
    ['2026-12-15', { months: 1 }, '2027-01-15'],
    ['2026-01-15', { months: -1 }, '2025-12-15'],
    ['2024-02-29', { years: 1 }, '2025-02-28'],
    ['2026-05-31', { months: 12 }, '2027-05-31'],
    ['2026-05-31', { months: -12 }, '2025-05-31'],
    ['2026-10-31', { months: 1, days: 1 }, '2026-12-01'], // months first, then days
  ];
  for (const [from, add, want] of cases) assert.equal(PlainDate.from(from).add(add).toString(), want, `${from} + ${JSON.stringify(add)}`);
  // against the naive calendar: each month of 1990–2030 from its 31st-or-last day
  for (let y = 1990; y <= 2030; y++) {
    for (let m = 1; m <= 12; m++) {
      const date = new PlainDate(y, m, lengths(y)[m - 1]);
      const next = date.add({ months: 1 });
      const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
      assert.deepEqual([next.year, next.month, next.day], [ny, nm, Math.min(date.day, lengths(ny)[nm - 1])]);
    }
  }
});

test('PlainYearMonth: order, add, until, clamping, first day, length', () => {
  const m = PlainYearMonth.from('2026-11');
  assert.equal(m.add({ months: 2 }).toString(), '2027-01');
  assert.equal(m.add({ months: -11 }).toString(), '2025-12');
  assert.equal(m.add({ years: -1 }).toString(), '2025-11');
  assert.equal(m.until(PlainYearMonth.from('2027-02')), 3);
  assert.equal(PlainYearMonth.from('2027-02').until(m), -3);
  assert.equal(PlainYearMonth.from('2026-11-23').toString(), '2026-11');
  assert.equal(PlainYearMonth.compare(m, PlainYearMonth.from('2026-12')), -1);
  assert.equal(PlainYearMonth.compare(m, PlainYearMonth.from('2026-11')), 0);
  assert.ok(m.equals(PlainDate.from('2026-11-30').toPlainYearMonth()));
  assert.equal(PlainYearMonth.from('2024-02').daysInMonth, 29);
  assert.equal(m.toPlainDate({ day: 30 }).toString(), '2026-11-30');
  assert.throws(() => m.toPlainDate({ day: 31 }), RangeError);
  assert.equal(m.utcMs, Date.parse('2026-11-01T00:00:00Z'));
  const [min, max] = [PlainYearMonth.from('2026-03'), PlainYearMonth.from('2026-06')];
  assert.equal(clampMonth(PlainYearMonth.from('2026-01'), min, max), min);
  assert.equal(clampMonth(PlainYearMonth.from('2027-01'), min, max), max);
  assert.equal(clampMonth(m.add({ months: -7 }), min, max).toString(), '2026-04');
  assert.throws(() => PlainYearMonth.from('2026-13'), RangeError);
});
