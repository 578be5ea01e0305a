// <bookable-overrides>: a member's date overrides and time off (SPEC §3 `overrides`, `timeOff`) on
// a month calendar (the picker's month grid, every day choosable): a date or a range of dates
// gets its usual hours, a day off, or other hours (the same stretch editor as <bookable-hours>);
// the planned list removes any entry. Checked by the engine as one types, like <bookable-hours>.
// `value` is `{ overrides, timeOff }`; `bookable:change` carries it after every edit.
import { localDateTime } from '../pkg/bookable.js';
import { adoptStyles, engine } from '../shared/engine.js';
import { emit } from '../shared/events.js';
import { upgradeProperties } from '../shared/properties.js';
import { Formats, firstDayOfWeek, validLocale, wallMs } from '../shared/format.js';
import { uiLocale } from '../shared/i18n.js';
import { h } from '../shared/dom.js';
import { PlainDate } from '../shared/plain-date.js';
import { MonthGrid } from '../picker/month-grid.js';
import { checkMember, errorText } from './check.js';
import { applyRange, kindOf } from './dates.js';
import { Stretches, readOnly } from './stretches.js';
import { hoursText } from './text.js';

const CSS_URL = new URL('../bookable-hours.css', import.meta.url).href;
const Base = globalThis.HTMLElement ?? class {};
const clone = (v) => JSON.parse(JSON.stringify(v));

export class BookableOverrides extends Base {
  static observedAttributes = ['locale', 'heading-level', 'timezone', 'readonly'];

  #root;
  #value = { overrides: {}, timeOff: [] };
  #t = null;
  #ui = uiLocale('en');
  #fmt = null;
  #parts = null;
  #load = 0;
  #month = null;
  #focus = null;
  #from = null;
  #to = null;
  #kind = 'usual';
  #pairs = [['09:00', '17:00']];
  #error = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, CSS_URL);
  }

  connectedCallback() {
    upgradeProperties(this, ['value'], (e) => console.error(e));
    if (!this.#parts) this.#start();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue && this.#load) this.#start();
  }

  /** `{ overrides, timeOff }` (SPEC §3). */
  get value() {
    return clone(this.#value);
  }
  set value(v) {
    this.#value = { overrides: v && v.overrides && typeof v.overrides === 'object' ? clone(v.overrides) : {}, timeOff: Array.isArray(v && v.timeOff) ? clone(v.timeOff) : [] };
    if (this.#parts) {
      this.#pick(this.#from, false);
      this.#check();
    }
  }

  /** The engine's objection (`{ code, path, message }`), or null. */
  get error() {
    return this.#error;
  }

  /** Shows an error whose path is `overrides…` or `timeOff…` (a server's §9 answer); returns whether it did. */
  showError(error) {
    if (!this.#parts) return false;
    return this.#showError(error);
  }

  /** Focuses the first field marked invalid; returns whether there was one. */
  focusError() {
    const el = this.#root.querySelector('[aria-invalid="true"]');
    if (el) el.focus();
    return !!el;
  }

  async #start() {
    const load = ++this.#load;
    const requested = validLocale(this.getAttribute('locale')) || validLocale(document.documentElement.lang) || validLocale(navigator.language) || 'en';
    const ui = uiLocale(requested);
    const [t] = await Promise.all([hoursText(ui.lang), engine()]);
    if (load !== this.#load) return;
    this.#ui = ui;
    this.#t = t;
    this.#fmt = new Formats(ui.locale, null);
    const today = this.#today();
    this.#from ??= today;
    this.#to ??= today;
    this.#focus ??= today;
    this.#month ??= today.toPlainYearMonth();
    this.#build();
    this.#pick(this.#from, false);
    this.#check();
  }

  /** Today in the member's zone (the `timezone` attribute), by the engine's tz data. */
  #today() {
    const zone = this.getAttribute('timezone') || 'UTC';
    try {
      return PlainDate.from(localDateTime(Date.now(), zone));
    } catch {
      return PlainDate.from(new Date().toISOString());
    }
  }

  #build() {
    const t = this.#t;
    const ui = this.#ui;
    const level = Math.min(5, Math.max(1, parseInt(this.getAttribute('heading-level'), 10) || 2));
    const grid = new MonthGrid({
      root: this.#root, t, formats: () => this.#fmt, firstDay: firstDayOfWeek(ui.locale), rtl: ui.dir === 'rtl', heading: `h${level + 1}`,
      focus: () => this.#focus,
      onMonth: (step) => {
        this.#month = this.#month.add({ months: step });
        this.#focus = this.#month.toPlainDate({ day: Math.min(this.#focus.day, this.#month.daysInMonth) });
        this.#renderGrid();
      },
      onFocus: (date) => {
        // a cell focused by the pointer stays (re-rendering it would lose the click)
        this.#focus = date;
        if (!date.toPlainYearMonth().equals(this.#month)) {
          this.#month = date.toPlainYearMonth();
          this.#renderGrid();
        } else grid.setTabStop(date);
        grid.focusCell(date);
      },
      onPick: (date) => {
        this.#focus = date;
        this.#pick(date, true);
      },
    });
    const panelDate = h(`h${level + 1}`, { class: 'panel-date', id: 'panel-date', part: 'panel-date' });
    const choice = (kind, key) => {
      const b = h('button', { type: 'button', class: 'choice', part: 'choice', 'data-kind': kind, 'aria-pressed': 'false' }, t(key));
      b.addEventListener('click', () => {
        this.#kind = kind;
        this.#renderPanel();
        this.#commit();
      });
      return b;
    };
    const choices = [choice('usual', 'usual'), choice('off', 'dayOff'), choice('hours', 'custom')];
    const through = h('input', { type: 'date', class: 'date', id: 'through', part: 'date-input', 'aria-describedby': 'through-help through-error' });
    const throughError = h('p', { class: 'field-error', id: 'through-error', hidden: true });
    through.addEventListener('change', () => {
      let to = null;
      try {
        to = PlainDate.from(through.value);
      } catch {
        /* below */
      }
      if (!to || PlainDate.compare(to, this.#from) < 0) {
        through.setAttribute('aria-invalid', 'true');
        throughError.textContent = t('dateInvalid');
        throughError.hidden = false;
        return;
      }
      through.removeAttribute('aria-invalid');
      throughError.hidden = true;
      this.#to = to;
      this.#renderGrid();
      this.#renderPanel();
      this.#commit();
    });
    const stretches = new Stretches({
      t, id: 'o', label: t('custom'),
      onChange: (pairs) => {
        this.#pairs = pairs;
        this.#commit();
      },
    });
    const hoursBox = h('div', { class: 'date-hours', part: 'date-hours' }, stretches.node, stretches.add);
    const panelError = h('p', { class: 'field-error', id: 'panel-error', part: 'field-error', role: 'alert', hidden: true });
    const planned = h('ul', { class: 'planned', part: 'planned', 'aria-labelledby': 'planned-title' });
    const nothing = h('p', { class: 'nothing' }, t('nothingPlanned'));
    const status = h('p', { class: 'status', role: 'status' });
    const panel = h('section', { class: 'panel', part: 'panel', 'aria-labelledby': 'panel-date' }, panelDate,
      h('div', { class: 'choices', role: 'group', 'aria-labelledby': 'panel-date' }, ...choices),
      h('div', { class: 'through' }, h('label', { for: 'through' }, t('through')), through, h('p', { class: 'help', id: 'through-help' }, t('throughHelp')), throughError),
      hoursBox, panelError,
      h(`h${level + 1}`, { class: 'planned-title', id: 'planned-title' }, t('planned')), nothing, planned);
    const heading = h(`h${level}`, { class: 'title', part: 'title' }, t('overridesTitle'));
    const card = h('div', { class: 'card overrides', part: 'card', dir: ui.dir, lang: ui.locale }, heading, h('div', { class: 'dates' }, grid.calendar, panel), status);
    this.#parts = { grid, panelDate, choices, through, stretches, hoursBox, panelError, planned, nothing, status };
    this.#root.replaceChildren(...this.#root.querySelectorAll('link'), card);
  }

  /** The range starts again at `date` (one day); the panel shows what that date is. */
  #pick(date, announce) {
    this.#from = date;
    this.#to = date;
    this.#kind = kindOf(this.#value, date);
    const o = this.#value.overrides[date.toString()];
    if (o) this.#pairs = o.map((p) => [...p]);
    this.#parts.stretches.render(this.#pairs);
    this.#renderGrid();
    this.#renderPanel();
    this.#renderPlanned();
    if (announce) this.#parts.status.textContent = this.#parts.panelDate.textContent;
  }

  #renderGrid() {
    const p = this.#parts;
    const month = this.#month;
    const all = new Set();
    for (let d = 1; d <= month.daysInMonth; d++) all.add(month.toPlainDate({ day: d }).toString());
    p.grid.render({ month, available: all, selected: this.#from, focus: this.#focus, today: this.#today(), min: month.add({ years: -5 }), max: month.add({ years: 5 }) });
    const t = this.#t;
    const from = this.#from.toString();
    const to = this.#to.toString();
    for (const cell of p.grid.tbody.querySelectorAll('td[data-date]')) {
      const key = cell.dataset.date;
      const kind = kindOf(this.#value, PlainDate.from(key));
      cell.classList.toggle('off', kind === 'off');
      cell.classList.toggle('override', kind === 'hours');
      cell.classList.toggle('in-range', key > from && key <= to);
      if (kind !== 'usual') cell.setAttribute('aria-label', `${cell.getAttribute('aria-label')}, ${t(kind === 'off' ? 'markOff' : 'markOverride')}`);
    }
  }

  #renderPanel() {
    const p = this.#parts;
    const f = this.#fmt;
    p.panelDate.textContent = this.#to.equals(this.#from) ? f.dayLong.format(this.#from.utcMs) : f.dayLong.formatRange(this.#from.utcMs, this.#to.utcMs);
    for (const b of p.choices) b.setAttribute('aria-pressed', String(b.dataset.kind === this.#kind));
    p.through.value = this.#to.toString();
    p.through.min = this.#from.toString();
    p.hoursBox.hidden = this.#kind !== 'hours';
  }

  /** An instant as a wall time in the member's zone. */
  #instant(at) {
    try {
      return this.#fmt.range.format(wallMs(localDateTime(at, this.getAttribute('timezone') || 'UTC')));
    } catch {
      return String(at);
    }
  }

  #renderPlanned() {
    const p = this.#parts;
    const t = this.#t;
    const f = this.#fmt;
    const day = (s) => f.dayShort.format(PlainDate.from(s).utcMs);
    const items = [];
    this.#value.timeOff.forEach((x, i) => {
      const text = 'from' in x ? (x.from === x.to ? t('offOn', { date: day(x.from) }) : t('offFromTo', { from: day(x.from), to: day(x.to) })) : t('offAt', { from: this.#instant(x.start), to: this.#instant(x.end) });
      items.push({ key: 'from' in x ? x.from : String(x.start), text, remove: () => this.#value.timeOff.splice(i, 1) });
    });
    for (const [date, pairs] of Object.entries(this.#value.overrides)) {
      const hours = pairs.length ? f.list.format(pairs.map(([a, b]) => `${a}–${b}`)) : t('unavailable');
      items.push({ key: date, text: t('overrideOn', { date: day(date), hours }), remove: () => delete this.#value.overrides[date] });
    }
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    p.planned.replaceChildren(...items.map((item, i) => {
      const button = h('button', { type: 'button', class: 'remove', part: 'remove-button', 'aria-label': `${t('remove')}: ${item.text}`, title: t('remove') }, '×');
      button.addEventListener('click', () => {
        item.remove();
        this.#pick(this.#from, false);
        this.#check();
        p.status.textContent = t('removed');
        emit(this, 'change', this.value);
        const rest = p.planned.querySelectorAll('button');
        (rest[Math.min(i, rest.length - 1)] || p.choices[0]).focus();
      });
      return h('li', { part: 'planned-item' }, h('span', {}, item.text), button);
    }));
    p.nothing.hidden = items.length > 0;
    if (this.hasAttribute('readonly')) readOnly(this.#root);
  }

  /** The panel's choice applied to the range. */
  #commit() {
    if (this.hasAttribute('readonly')) return;
    this.#value = applyRange(this.#value, this.#from, this.#to, this.#kind, this.#pairs);
    this.#renderGrid();
    this.#renderPlanned();
    this.#check();
    emit(this, 'change', this.value);
  }

  #check() {
    this.#error = checkMember({ timezone: this.getAttribute('timezone') || 'UTC', ...this.#value });
    this.#showError(this.#error);
  }

  #showError(error) {
    const p = this.#parts;
    p.stretches.setError();
    p.panelError.hidden = true;
    if (!error) return true;
    const m = /^(overrides|timeOff)(?:\.(\d{4}-\d{2}-\d{2})(?:\[(\d+)\])?)?/.exec(error.path || '');
    if (!m) return false;
    const index = m[3] != null ? +m[3] : -1;
    const pair = m[2] && index >= 0 ? (this.#value.overrides[m[2]] || [])[index] : null;
    const { side, text } = errorText(this.#t, error, pair);
    if (pair && m[2] >= this.#from.toString() && m[2] <= this.#to.toString() && this.#kind === 'hours') p.stretches.setError(index, side, text);
    p.panelError.textContent = m[2] ? `${this.#fmt.dayShort.format(PlainDate.from(m[2]).utcMs)}: ${text}` : text;
    p.panelError.hidden = false;
    return true;
  }
}

