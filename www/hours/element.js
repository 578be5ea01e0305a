// <bookable-hours>: a member's weekly working hours (documented in www/README.md). This module
// only exports the class; bookable-hours-define.js registers the tag. Per weekday several
// stretches ("+ Add hours", remove, copy to other days), hours across midnight (an end not after
// its start, SPEC §4) and `24:00`, the member's zone (the picker's zone combobox), the week drawn
// as a strip, and the engine's check as one types: its §9 error shows at its field
// (`aria-invalid`, `aria-describedby`). `value` is `{ timezone, weekly }` as SPEC JSON;
// `bookable:change` carries it after every edit, `error` is the engine's objection or null.
import { adoptStyles, engine, styleSheet, zoneCatalog } from '../shared/engine.js';
import { emit } from '../shared/events.js';
import { upgradeProperties } from '../shared/properties.js';
import { Formats, validLocale } from '../shared/format.js';
import { uiLocale } from '../shared/i18n.js';
import { h } from '../shared/dom.js';
import { ZoneClock } from '../shared/zone-clock.js';
import { ZoneCombobox } from '../shared/zone-combobox.js';
import { checkMember, errorText } from './check.js';
import { CopyDays } from './copy-days.js';
import { Stretches, readOnly } from './stretches.js';
import { hoursText } from './text.js';
import { WEEKDAYS, weekdayMs } from './times.js';
import { WeekStrip } from './week-strip.js';

const CSS_URL = new URL('../bookable-hours.css', import.meta.url).href;
const Base = globalThis.HTMLElement ?? class {};

export class BookableHours extends Base {
  static observedAttributes = ['locale', 'heading-level', 'timezone', 'readonly'];

  /** Starts loading what the element needs (the engine, the stylesheet) before one is built. */
  static preload() {
    engine().catch(() => {});
    styleSheet(CSS_URL).catch(() => {});
  }

  #root;
  #weekly = {};
  #zone = null;
  #error = null;
  #t = null;
  #ui = uiLocale('en');
  #parts = null;
  #load = 0;
  #clock = new ZoneClock();

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
    if (oldValue === newValue || !this.#load) return; // before the first load, connectedCallback starts it
    if (name === 'timezone' && newValue) this.#zone = newValue;
    this.#start();
  }

  /** `{ timezone, weekly }` (SPEC §3): days without hours are left out. */
  get value() {
    const weekly = {};
    for (const d of WEEKDAYS) if (this.#weekly[d] && this.#weekly[d].length) weekly[d] = this.#weekly[d].map((p) => [...p]);
    return { timezone: this.#zone || this.getAttribute('timezone') || 'UTC', weekly };
  }
  set value(v) {
    const weekly = {};
    for (const d of WEEKDAYS) weekly[d] = Array.isArray(v?.weekly?.[d]) ? v.weekly[d].map((p) => [String(p[0]), String(p[1])]) : [];
    this.#weekly = weekly;
    if (v && typeof v.timezone === 'string') this.#zone = v.timezone;
    if (this.#parts) {
      this.#render();
      this.#check();
    }
  }

  /** The engine's objection to the value (`{ code, path, message }`), or null. */
  get error() {
    return this.#error;
  }

  /**
   * Shows an error at the field its path names (`weekly.mon[0]`, `timezone`), as a server's §9
   * answer gives it; returns whether such a field is here.
   */
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
    if (!this.#zone) this.#zone = zoneCatalog().visitorZone(this.getAttribute('timezone'), 'UTC').zone;
    this.#build();
    this.#render();
    this.#check();
    emit(this, 'ready', { value: this.value });
  }

  #build() {
    const t = this.#t;
    const ui = this.#ui;
    const level = Math.min(5, Math.max(1, parseInt(this.getAttribute('heading-level'), 10) || 2));
    const fmt = new Formats(ui.locale, null);
    const weekdayLong = (ms) => fmt.weekdayLong.format(ms);
    const zone = new ZoneCombobox({
      root: this.#root, catalog: zoneCatalog, clock: this.#clock, locale: ui.locale, t, formats: () => fmt, current: () => this.#zone,
      onChoose: (id) => {
        if (this.hasAttribute('readonly')) return zone.render();
        this.#zone = id;
        zone.render();
        this.#changed();
      },
    });
    const days = WEEKDAYS.map((day) => {
      const label = weekdayLong(weekdayMs(day));
      const id = `d-${day}`;
      const stretches = new Stretches({
        t, id, label,
        onChange: (pairs) => {
          this.#weekly[day] = pairs;
          this.#changed();
        },
      });
      const copy = new CopyDays({
        t, id, day, label, weekdayLong,
        onApply: (targets) => {
          for (const d of targets) this.#weekly[d] = this.#weekly[day].map((p) => [...p]);
          for (const d of targets) this.#parts.days.find((x) => x.day === d).stretches.render(this.#weekly[d]);
          this.#parts.status.textContent = t('copied', { day: label, days: fmt.list.format(targets.map((d) => weekdayLong(weekdayMs(d)))) });
          this.#changed();
        },
      });
      const error = h('p', { class: 'field-error day-error', id: `${id}-error`, part: 'field-error', hidden: true });
      const name = h('span', { class: 'day-name', id: `${id}-name`, part: 'day-name' }, label);
      const node = h('div', { class: 'weekday', role: 'group', part: 'weekday', 'data-day': day, 'aria-labelledby': `${id}-name`, 'aria-describedby': `${id}-error` },
        name, stretches.node, h('div', { class: 'day-tools' }, stretches.add, copy.button), copy.panel, error);
      return { day, stretches, copy, error, node };
    });
    const strip = new WeekStrip();
    const status = h('p', { class: 'status', role: 'status', part: 'status' });
    const heading = h(`h${level}`, { class: 'title', part: 'title' }, t('hoursTitle'));
    const zoneBox = h('div', { class: 'zone', part: 'zone' }, zone.label, zone.field, zone.hint, zone.error);
    const card = h('div', { class: 'card hours', part: 'card', dir: ui.dir, lang: ui.locale }, heading, zoneBox, h('div', { class: 'days' }, ...days.map((d) => d.node)), strip.node, status);
    this.#parts = { zone, days, strip, status, fmt };
    this.#root.replaceChildren(...this.#root.querySelectorAll('link'), card);
  }

  #render() {
    const p = this.#parts;
    p.zone.render();
    for (const d of p.days) d.stretches.render(this.#weekly[d.day] || []);
    this.#drawStrip();
    if (this.hasAttribute('readonly')) readOnly(this.#root);
  }

  #drawStrip() {
    const p = this.#parts;
    const t = this.#t;
    p.strip.render(this.#weekly, {
      label: t('strip', { zone: p.zone.labelOf(this.#zone) }), rtl: this.#ui.dir === 'rtl',
      weekday: (ms) => p.fmt.weekday.format(ms), hour: (m) => (m === 1440 ? '24' : p.fmt.num2.format(m / 60)),
    });
  }

  #changed() {
    this.#drawStrip();
    this.#check();
    emit(this, 'change', this.value);
  }

  /** Asks the engine; shows its objection at its field. */
  #check() {
    const v = this.value;
    this.#error = checkMember({ timezone: v.timezone, weekly: v.weekly });
    this.#showError(this.#error);
  }

  #showError(error) {
    const p = this.#parts;
    const t = this.#t;
    for (const d of p.days) {
      d.stretches.setError();
      d.error.hidden = true;
    }
    const zoneInput = p.zone.input;
    if (zoneInput.dataset.serverError) {
      zoneInput.removeAttribute('aria-invalid');
      p.zone.error.hidden = true;
      delete zoneInput.dataset.serverError;
    }
    if (!error) return true;
    const m = /^weekly\.(mon|tue|wed|thu|fri|sat|sun)(?:\[(\d+)\])?/.exec(error.path || '');
    if (m) {
      const d = p.days.find((x) => x.day === m[1]);
      const index = m[2] != null ? +m[2] : -1;
      const pair = index >= 0 ? this.#weekly[m[1]][index] : null;
      const { side, text } = errorText(t, error, pair);
      if (pair) d.stretches.setError(index, side, text);
      else {
        d.error.textContent = text;
        d.error.hidden = false;
      }
      return true;
    }
    if ((error.path || '').startsWith('timezone')) {
      zoneInput.setAttribute('aria-invalid', 'true');
      zoneInput.dataset.serverError = '1';
      p.zone.error.textContent = errorText(t, error).text;
      p.zone.error.hidden = false;
      return true;
    }
    return false;
  }
}
