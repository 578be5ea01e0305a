// The picker's pieces one by one in Chromium, outside the element (tests/www/fixtures/units.html):
// the month grid, the day's times, the zone combobox and the booking step's narrow interface.
// Each is built with plain options and callbacks; the tests read its DOM and what it reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './helpers.mjs';

let browser;
let session;
before(async () => {
  browser = await launch();
  session = await openPage(browser, '/fixtures/units.html');
  await session.page.waitForSelector('html[data-ready]');
});
after(async () => {
  await session?.context.close();
  await browser?.close();
});

test('month grid: six weeks from the locale\'s first day, days with times selectable, keys report moves', async () => {
  const got = await session.page.evaluate(() => {
    const { MonthGrid, Formats, translator, PlainDate, PlainYearMonth } = window.units;
    const calls = [];
    const stage = document.getElementById('stage');
    let focus = PlainDate.from('2026-03-04');
    const grid = new MonthGrid({
      root: document, t: translator('en'), formats: () => new Formats('en-US', null), heading: 'h3', firstDay: 1, rtl: false, focus: () => focus,
      onMonth: (d) => calls.push(['month', d]), onFocus: (d) => calls.push(['focus', String(d)]), onPick: (d, p) => calls.push(['pick', String(d), p]),
    });
    stage.replaceChildren(grid.calendar);
    const month = PlainYearMonth.from('2026-03');
    grid.render({ month, available: new Map([['2026-03-04', []], ['2026-03-05', []]]), selected: PlainDate.from('2026-03-04'), focus, today: PlainDate.from('2026-03-02'), min: month, max: month.add({ months: 2 }) });
    const cells = [...grid.tbody.querySelectorAll('td')];
    const days = cells.filter((c) => c.dataset.date);
    grid.focusCell(focus);
    for (const key of ['ArrowRight', 'ArrowDown', 'End', 'PageDown', 'Enter', 'x']) document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    grid.next.click();
    grid.prev.click();
    days[4].click();
    return {
      month: grid.month.textContent, cells: cells.length, rows: grid.tbody.rows.length, lead: cells.findIndex((c) => c.dataset.date),
      head: [...grid.head.querySelectorAll('.wd')].map((th) => th.textContent).join(' '),
      available: days.filter((c) => c.classList.contains('available')).map((c) => c.dataset.date),
      selected: days.filter((c) => c.getAttribute('aria-selected') === 'true').map((c) => c.dataset.date),
      tabStops: days.filter((c) => c.tabIndex === 0).map((c) => c.dataset.date),
      today: days.find((c) => c.getAttribute('aria-current') === 'date').getAttribute('aria-label'),
      disabled: [grid.prev.disabled, grid.next.disabled], calls,
    };
  });
  assert.equal(got.month, 'March 2026');
  assert.deepEqual([got.cells, got.rows, got.lead], [42, 6, 6], 'March 1, 2026 is a Sunday: six days before it in a week from Monday');
  assert.equal(got.head, 'Mon Tue Wed Thu Fri Sat Sun');
  assert.deepEqual(got.available, ['2026-03-04', '2026-03-05']);
  assert.deepEqual(got.selected, ['2026-03-04']);
  assert.deepEqual(got.tabStops, ['2026-03-04']);
  assert.equal(got.today, 'Monday, March 2, 2026 (today)');
  assert.deepEqual(got.disabled, [true, false]);
  // the focus stays where the element keeps it (it is not moved here), so each key starts from
  // March 4; Previous is disabled in the first month, so its click reports nothing
  assert.deepEqual(got.calls, [
    ['focus', '2026-03-05'], ['focus', '2026-03-11'], ['focus', '2026-03-08'], ['focus', '2026-04-04'], ['pick', '2026-03-04', false],
    ['month', 1], ['pick', '2026-03-05', true],
  ]);
});

test('day\'s times: a button per slot with its wall time and host; no day: a hint or the next day with times', async () => {
  const got = await session.page.evaluate(() => {
    const { DayTimes, Formats, translator, PlainDate, PlainYearMonth } = window.units;
    const calls = [];
    const times = new DayTimes({ t: translator('en'), formats: () => new Formats('en-US', 'h23'), heading: 'h3', onPick: (s) => calls.push(['pick', s]), onNextAvailable: (d) => calls.push(['next', String(d)]) });
    document.getElementById('stage').replaceChildren(times.section);
    const slots = [
      { start: '2026-03-04T08:00:00Z', end: '2026-03-04T08:30:00Z', localStart: '2026-03-04T09:00', localEnd: '2026-03-04T09:30', hosts: ['ana'] },
      { start: '2026-03-04T13:30:00Z', end: '2026-03-04T14:00:00Z', localStart: '2026-03-04T14:30', localEnd: '2026-03-04T15:00', hosts: ['bob'] },
    ];
    times.render({ date: PlainDate.from('2026-03-04'), slots, hostLabel: (s) => `with ${s.hosts[0]}` });
    const shown = { heading: times.heading.textContent, buttons: [...times.list.querySelectorAll('button')].map((b) => b.textContent) };
    times.list.querySelectorAll('button')[1].click();
    const focused = times.focusTime('2026-03-04T13:30:00Z') && times.list.contains(document.activeElement);
    const month = PlainYearMonth.from('2026-03');
    times.render({ date: null, month, monthHasDays: true, nextAvailable: () => null });
    const hint = [times.empty.textContent, times.nextAvailable.hidden, times.list.children.length];
    times.render({ date: null, month, monthHasDays: false, nextAvailable: () => PlainDate.from('2026-05-11') });
    const none = [times.empty.textContent, times.nextAvailable.textContent];
    times.nextAvailable.click();
    return { shown, focused, hint, none, calls };
  });
  assert.deepEqual(got.shown, { heading: 'Available times on Wednesday, March 4', buttons: ['09:00with ana', '14:30with bob'] });
  assert.equal(got.focused, true);
  assert.deepEqual(got.hint, ['Choose a day to see the available times.', true, 0]);
  assert.deepEqual(got.none, ['No available times in March 2026.', 'Next available: Monday, May 11']);
  assert.deepEqual(got.calls, [['pick', '2026-03-04T13:30:00Z'], ['next', '2026-05-11']]);
});

test('zone combobox: search, keys, a choice reported; an unknown zone is an error until Escape', async () => {
  const { page } = session;
  await page.evaluate(async () => {
    const { ZoneCombobox, ZoneClock, Formats, translator, engine, zoneCatalog } = window.units;
    await engine();
    window.chosen = [];
    let zone = 'Europe/Paris';
    const box = new ZoneCombobox({
      root: document, catalog: zoneCatalog, clock: new ZoneClock(() => Date.parse('2026-07-01T12:00:00Z')), locale: 'en-US', t: translator('en'),
      formats: () => new Formats('en-US', 'h23'), current: () => zone, onChoose: (id) => { window.chosen.push(id); zone = id; box.render(); },
    });
    document.getElementById('stage').replaceChildren(box.label, box.field, box.hint, box.error);
    box.render();
    window.box = box;
  });
  assert.equal(await page.inputValue('#zone'), 'Paris, France');
  assert.equal(await page.textContent('.zone-hint'), 'Central European Time · UTC+2 · now 14:00');
  await page.fill('#zone', 'kolkata');
  const first = page.locator('[role=option]').first();
  assert.equal(await first.getAttribute('data-zone'), 'Asia/Kolkata');
  assert.equal(await first.textContent(), 'Kolkata, IndiaIndia Standard TimeUTC+5:3017:30');
  assert.equal(await page.getAttribute('#zone', 'aria-activedescendant'), 'zone-0');
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.evaluate(() => window.chosen), ['Asia/Kolkata']);
  assert.equal(await page.inputValue('#zone'), 'Kolkata, India');
  assert.equal(await page.getAttribute('#zone', 'aria-expanded'), 'false');
  await page.fill('#zone', 'Atlantis');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#zone', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('.zone-error'), 'Unknown time zone. Choose one from the list.');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#zone', 'aria-invalid'), null);
  assert.equal(await page.inputValue('#zone'), 'Kolkata, India');
  assert.deepEqual(await page.evaluate(() => window.chosen), ['Asia/Kolkata'], 'nothing else chosen');
});

test('the booking step sees only its interface: its form in the container given, checks before any POST, a refused POST said', async () => {
  const got = await session.page.evaluate(async () => {
    const { ConfirmStep, translator } = window.units;
    const t = translator('en');
    const sheets = [];
    const step = new ConfirmStep({ t, heading: 'h3', adoptStyles: (s) => sheets.push(s instanceof CSSStyleSheet), onConfirm() {}, onBack() {} });
    document.getElementById('stage').replaceChildren(step.confirm, step.done);
    const reports = [];
    const detail = { start: '2026-03-04T08:00:00Z', end: '2026-03-04T08:30:00Z', hosts: ['ana'], names: ['Ana'], title: 'Intro' };
    // the demo server answers a POST with 405: the step says the booking could not be made
    step.offerDetails({ action: '/nowhere', detail, current: () => true, onBooked: (d) => reports.push(['booked', d]), onTaken: () => reports.push(['taken']), onError: (e) => reports.push(['error', e.message]) });
    const form = await new Promise((ok) => {
      const wait = () => (step.details.querySelector('form') ? ok(step.details.querySelector('form')) : setTimeout(wait, 20));
      wait();
    });
    form.requestSubmit();
    const invalid = [...form.querySelectorAll('[aria-invalid=true]')].map((i) => i.name);
    form.querySelector('[name=name]').value = 'Zoë';
    form.querySelector('[name=email]').value = 'zoe@example.com';
    form.requestSubmit();
    const error = await new Promise((ok) => {
      const wait = () => (!form.querySelector('.send-error').hidden ? ok(form.querySelector('.send-error').textContent) : setTimeout(wait, 20));
      wait();
    });
    return { sheets, invalid, error, reports, outside: document.getElementById('stage').querySelectorAll('form').length };
  });
  assert.deepEqual(got.sheets, [true]);
  assert.deepEqual(got.invalid, ['name', 'email']);
  assert.equal(got.error, 'The booking could not be made. Please try again later.');
  assert.deepEqual(got.reports, []);
  assert.equal(got.outside, 1);
});
