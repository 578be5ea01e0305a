// <bookable-picker>: a booking calendar on the bookable WebAssembly engine.
//
//   <script type="module" src="https://host/bookable-picker.js"></script>
//   <bookable-picker src="/booking/team.json" locale="fr-FR" timezone="Asia/Kolkata"
//                    target-origin="https://www.example.com"></bookable-picker>
//
// Configuration: the SPEC slots request without `range`, from the JSON at `src` or from the
// `request` property; or a wrapper `{ "title", "description", "names": {id: name}, "request" }`
// (from `src` or the `config` property). Attributes: `locale` (default: the browser's),
// `heading-level` (of the title, default 2),
// `timezone` (the visitor's zone; default: detected), `target-origin` (where to postMessage the
// chosen slot when framed; absent = never post). Every slot button has `data-start` (UTC,
// RFC 3339) and every day cell `data-date` (YYYY-MM-DD in the visitor's zone).
// On confirm it dispatches `bookable:select` (bubbles, composed) with
// `{ start, end, hosts, timezone }`.
//
// All text from the configuration is rendered with textContent, never as HTML, and nothing
// here needs inline scripts or style attributes (works under a strict CSP).
//
// One tz database per page: every local date and time shown comes from the engine (each
// slot's `localStart` / `localEnd`, `localDateTime` for today, `timeZones()` for the zone list
// and old names), computed with the same IANA data as the slots themselves. `Intl` only formats
// a wall time it is given (with `timeZone: 'UTC'` on a Date built from that wall time); it never
// converts an instant, so a browser whose zone data is older or newer than the engine's still
// shows the engine's times.

import init, { Scheduler, localDateTime, timeZones } from './pkg/bookable.js';
import { translator } from './i18n.js';

const CSS_URL = new URL('./bookable-picker.css', import.meta.url).href;
const PAD = 15 * 3600e3; // widest UTC offset (14 h) plus margin: a month query covers every zone
const DAY = 86400e3;
let engineReady = null;
const engine = () => (engineReady ??= init());

// ---- small helpers -------------------------------------------------------------------------

/** Build an element; attributes via setAttribute, string children as text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

let zoneTable = null;
/** The engine's zone names (after init): `{ names, links, lower, list }`, read once. */
function zones() {
  if (!zoneTable) {
    const { names, links } = timeZones();
    const lower = new Map();
    for (const n of names) lower.set(n.toLowerCase(), n);
    for (const [alias, zone] of Object.entries(links)) if (!lower.has(alias.toLowerCase())) lower.set(alias.toLowerCase(), zone);
    // The picker offers places (Area/Location) and UTC, not Etc/GMT+5-style or legacy names.
    const list = names.filter((n) => n.includes('/') && !n.startsWith('Etc/')).concat('UTC').sort();
    zoneTable = { names: new Set(names), links, lower, list };
  }
  return zoneTable;
}

/**
 * The zone as the engine's database names it, else null: a link such as Asia/Calcutta comes
 * back as its zone (Asia/Kolkata), Etc/UTC and its links as `UTC`; case is forgiven. Needs the
 * engine to be loaded.
 */
export function validZone(zone) {
  if (typeof zone !== 'string' || !zone.trim()) return null;
  const z = zone.trim();
  const { names, links, lower } = zones();
  const found = names.has(z) ? z : Object.hasOwn(links, z) ? links[z] : lower.get(z.toLowerCase()) ?? null;
  return found === 'Etc/UTC' ? 'UTC' : found;
}

function validLocale(locale) {
  try {
    return Intl.getCanonicalLocales(locale)[0] || null;
  } catch {
    return null;
  }
}

/** The local date (YYYY-MM-DD) of an instant in a zone, by the engine's database. */
const dateKey = (ms, zone) => localDateTime(ms, zone).slice(0, 10);

/** A wall time (`YYYY-MM-DDTHH:MM[:SS]`, from the engine) as ms to format with `timeZone: 'UTC'`. */
const wallMs = (l) => Date.UTC(+l.slice(0, 4), +l.slice(5, 7) - 1, +l.slice(8, 10), +l.slice(11, 13), +l.slice(14, 16), l.length > 16 ? +l.slice(17, 19) : 0);

const keyUTC = (key) => Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10));
const utcKey = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (key, n) => utcKey(keyUTC(key) + n * DAY);
const monthIndex = (key) => +key.slice(0, 4) * 12 + (+key.slice(5, 7) - 1);
const monthStartKey = (index) => utcKey(Date.UTC(Math.floor(index / 12), index % 12, 1));
const daysInMonth = (index) => new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();

function instantMs(v) {
  return typeof v === 'number' ? v : Date.parse(v);
}

function firstDayOfWeek(locale) {
  try {
    const l = new Intl.Locale(locale);
    const info = typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo;
    if (info && info.firstDay) return info.firstDay % 7;
  } catch {
    /* fall through */
  }
  return /-(US|CA|JP|BR|MX|IL|KR|TW|PH|ZA|HK)\b/i.test(locale) ? 0 : 1;
}

/** A config from JSON: either a bare request or `{ title, description, names, request }`. */
function normalizeConfig(json) {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new TypeError('the configuration must be a JSON object');
  const wrapped = Object.hasOwn(json, 'request') && !Object.hasOwn(json, 'members');
  const request = wrapped ? json.request : json;
  if (!request || typeof request !== 'object' || Array.isArray(request)) throw new TypeError('"request" must be an object');
  const names = wrapped && json.names && typeof json.names === 'object' ? json.names : {};
  return {
    request,
    title: wrapped && typeof json.title === 'string' ? json.title : null,
    description: wrapped && typeof json.description === 'string' ? json.description : null,
    names,
  };
}

// ---- the element ---------------------------------------------------------------------------

export class BookablePicker extends HTMLElement {
  static observedAttributes = ['src', 'locale', 'timezone', 'heading-level'];

  #root;
  #els = null;
  #configProp = null;
  #config = null;
  #scheduler = null;
  #nowArg = undefined;
  #now = 0;
  #pageZone = 'UTC';
  #zone = 'UTC';
  #zoneNotice = false;
  #locale = 'en';
  #t = translator('en');
  #fmt = null;
  #firstDay = 1;
  #dayCache = new Map(); // `${month}|${zone}` → days of that month in that zone
  #view = 0; // month index (year * 12 + month) of the shown month
  #minMonth = 0;
  #maxMonth = 0;
  #focus = null; // roving-tabindex day (YYYY-MM-DD)
  #selected = null; // chosen day
  #slot = null; // chosen slot
  #step = 'idle'; // idle | loading | error | pick | confirm | done
  #error = null;
  #loadToken = 0;
  #zoneList = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    if (!this.#els) this.#build();
    if (this.#step === 'idle') this.#reload();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#els) return;
    if (name === 'src' && !this.#configProp) this.#reload();
    else if (name === 'locale' || name === 'heading-level') {
      this.#build();
      this.#render();
    } else if (name === 'timezone') {
      if (this.#scheduler) this.#resolveZone(); // else #apply resolves it once the engine is loaded
      this.#render();
    }
  }

  /** The SPEC slots request without `range`. */
  get request() {
    return this.#config ? this.#config.request : null;
  }
  set request(request) {
    this.config = { request };
  }

  /** `{ request, title?, description?, names? }`. */
  get config() {
    return this.#config;
  }
  set config(config) {
    this.#configProp = normalizeConfig(config);
    if (this.isConnected) this.#reload();
  }

  /** The zone the slots are labelled in. */
  get timezone() {
    return this.#zone;
  }

  // ---- loading ---------------------------------------------------------------------------

  async #reload() {
    const token = ++this.#loadToken;
    this.#step = 'loading';
    if (this.#els) this.#render();
    try {
      let config = this.#configProp;
      if (!config) {
        const src = this.getAttribute('src');
        if (!src) {
          this.#step = 'idle';
          this.#render();
          return;
        }
        const res = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${src}`);
        config = normalizeConfig(await res.json());
      }
      await engine();
      if (token !== this.#loadToken) return;
      this.#apply(config);
    } catch (e) {
      if (token !== this.#loadToken) return;
      this.#step = 'error';
      this.#error = e;
      this.#render();
    }
  }

  #apply(config) {
    const request = { ...config.request };
    delete request.range;
    delete request.explain;
    const scheduler = new Scheduler(request);
    if (this.#scheduler && typeof this.#scheduler.free === 'function') this.#scheduler.free();
    this.#scheduler = scheduler;
    this.#config = config;
    this.#nowArg = request.now;
    this.#now = request.now !== undefined ? instantMs(request.now) : Date.now();
    this.#pageZone = request.timezone;
    this.#dayCache.clear();
    this.#selected = null;
    this.#slot = null;
    this.#step = 'pick';
    this.#resolveZone();
    this.#build();
    // Open on the first month (of the next few) that has a slot, and on its first day with one.
    const today = dateKey(this.#now, this.#zone);
    this.#view = monthIndex(today);
    for (let i = 0; i < 4 && this.#view + i <= this.#maxMonth; i++) {
      const first = this.#days(this.#view + i).keys().next().value;
      if (first) {
        this.#view += i;
        this.#selected = first;
        this.#focus = first;
        break;
      }
    }
    if (!this.#focus || monthIndex(this.#focus) !== this.#view) this.#focus = today;
    this.#render();
  }

  #resolveZone() {
    const fromAttr = this.getAttribute('timezone');
    const detected = fromAttr || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zone = validZone(detected);
    this.#zoneNotice = !zone;
    this.#zone = zone || validZone(this.#pageZone) || 'UTC';
    this.#bounds();
  }

  #bounds() {
    const today = dateKey(this.#now, this.#zone);
    this.#minMonth = monthIndex(today);
    let max = this.#minMonth + 12;
    const ev = (this.#config && this.#config.request.event) || {};
    if (Number.isInteger(ev.maxDaysAhead)) max = Math.min(max, monthIndex(addDays(today, ev.maxDaysAhead + 1)));
    if (ev.dateRange && typeof ev.dateRange.to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(ev.dateRange.to)) {
      max = Math.min(max, monthIndex(addDays(ev.dateRange.to, 1)));
    }
    this.#maxMonth = Math.max(this.#minMonth, max);
  }

  /**
   * Day (YYYY-MM-DD in the visitor's zone) → its slots, for days of the month, ascending. The
   * engine gives each slot's local start and end in the visitor's zone (one query per month
   * and zone, padded by 15 hours each side so that every zone's month is covered).
   */
  #days(index) {
    const cacheKey = `${index}|${this.#zone}`;
    const cached = this.#dayCache.get(cacheKey);
    if (cached) return cached;
    const days = new Map();
    if (!this.#scheduler || index < this.#minMonth || index > this.#maxMonth) return days;
    const y = Math.floor(index / 12);
    const m = index % 12;
    const res = this.#scheduler.slots(Date.UTC(y, m, 1) - PAD, Date.UTC(y, m + 1, 1) + PAD, {
      now: this.#nowArg, viewerTimezone: this.#zone, local: true,
    });
    for (const s of res.slots) {
      const key = s.localStart.slice(0, 10);
      if (monthIndex(key) !== index) continue;
      if (!days.has(key)) days.set(key, []);
      days.get(key).push({
        startIso: s.start, endIso: s.end, localStart: s.localStart, localEnd: s.localEnd, hosts: s.hosts,
      });
    }
    this.#dayCache.set(cacheKey, days);
    return days;
  }

  // ---- DOM ---------------------------------------------------------------------------------

  /** (Re)build the skeleton in the current locale. */
  #build() {
    const attrLocale = validLocale(this.getAttribute('locale'));
    this.#locale = attrLocale || validLocale(navigator.language) || 'en';
    this.#t = translator(this.#locale);
    this.#firstDay = firstDayOfWeek(this.#locale);
    this.#fmt = null;
    const t = this.#t;
    const e = {};
    // heading-level: the level of the title (default 2); the element's other headings are one below
    const level = Math.min(5, Math.max(1, parseInt(this.getAttribute('heading-level'), 10) || 2));
    const sub = `h${level + 1}`;
    e.title = h(`h${level}`, { class: 'title', id: 'title' });
    e.description = h('p', { class: 'description' });
    e.meta = h('p', { class: 'meta' });
    e.notice = h('p', { class: 'notice', role: 'status' });
    e.zoneInput = h('input', {
      id: 'zone', class: 'zone-input', type: 'text', list: 'zones', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': 'zone-hint zone-error',
    });
    e.zones = h('datalist', { id: 'zones' });
    e.zoneHint = h('p', { class: 'zone-hint', id: 'zone-hint' });
    e.zoneError = h('p', { class: 'zone-error', id: 'zone-error', role: 'alert' });
    e.zone = h('div', { class: 'zone' }, h('label', { for: 'zone' }, t('zoneLabel')), e.zoneInput, e.zones, e.zoneHint, e.zoneError);
    e.prev = h('button', { type: 'button', class: 'nav prev', 'aria-label': t('prevMonth') }, '‹');
    e.next = h('button', { type: 'button', class: 'nav next', 'aria-label': t('nextMonth') }, '›');
    e.month = h(sub, { class: 'month', id: 'month', 'aria-live': 'polite' });
    e.head = h('tr', { role: 'row' });
    e.tbody = h('tbody');
    e.grid = h('table', { role: 'grid', class: 'grid', 'aria-labelledby': 'month' }, h('thead', {}, e.head), e.tbody);
    e.calendar = h('div', { class: 'calendar' }, h('div', { class: 'month-nav' }, e.prev, e.month, e.next), e.grid);
    e.slotsHeading = h(sub, { class: 'slots-heading', id: 'slots-heading', 'aria-live': 'polite' });
    e.slotList = h('ul', { class: 'slot-list', 'aria-labelledby': 'slots-heading' });
    e.slotsEmpty = h('p', { class: 'empty' });
    e.slots = h('div', { class: 'slots' }, e.slotsHeading, e.slotsEmpty, e.slotList);
    e.pick = h('div', { class: 'pick' }, e.calendar, e.slots);
    e.confirmHeading = h(sub, { class: 'step-heading', id: 'confirm-heading', tabindex: '-1' }, t('confirmTitle'));
    e.confirmWhen = h('p', { class: 'when' });
    e.confirmHosts = h('p', { class: 'hosts' });
    e.confirmZone = h('p', { class: 'zone-line' });
    e.confirmBtn = h('button', { type: 'button', class: 'primary confirm' }, t('confirm'));
    e.backBtn = h('button', { type: 'button', class: 'secondary back' }, t('back'));
    e.confirm = h('section', { class: 'confirm-step', 'aria-labelledby': 'confirm-heading' },
      e.confirmHeading, e.confirmWhen, e.confirmHosts, e.confirmZone, h('div', { class: 'actions' }, e.confirmBtn, e.backBtn));
    e.doneHeading = h(sub, { class: 'step-heading', id: 'done-heading', tabindex: '-1' }, t('doneTitle'));
    e.doneText = h('p', { class: 'when' });
    e.againBtn = h('button', { type: 'button', class: 'secondary again' }, t('again'));
    e.done = h('section', { class: 'done-step', 'aria-labelledby': 'done-heading' }, e.doneHeading, e.doneText, h('div', { class: 'actions' }, e.againBtn));
    e.status = h('p', { class: 'status', role: 'status' });
    e.errorDetail = h('p', { class: 'error-detail' });
    e.body = h('div', { class: 'body' }, e.zone, e.pick, e.confirm, e.done);
    const card = h('div', { class: 'card', lang: this.#locale },
      h('header', {}, e.title, e.description, e.meta), e.notice, e.status, e.errorDetail, e.body);
    this.#root.replaceChildren(h('link', { rel: 'stylesheet', href: CSS_URL }), card);
    this.#els = e;

    e.prev.addEventListener('click', () => this.#moveMonth(-1));
    e.next.addEventListener('click', () => this.#moveMonth(1));
    e.tbody.addEventListener('keydown', (ev) => this.#onGridKey(ev));
    e.tbody.addEventListener('click', (ev) => {
      const cell = ev.target.closest('td[data-date]');
      if (cell) this.#pickDay(cell.dataset.date, true);
    });
    e.slotList.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button[data-start]');
      if (btn) this.#pickSlot(btn.dataset.start);
    });
    e.zoneInput.addEventListener('change', () => this.#onZoneInput(true));
    e.zoneInput.addEventListener('input', () => this.#onZoneInput(false));
    e.zoneInput.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') this.#onZoneInput(true);
    });
    e.confirmBtn.addEventListener('click', () => this.#confirm());
    e.backBtn.addEventListener('click', () => this.#back());
    e.againBtn.addEventListener('click', () => this.#back());
  }

  /** Formats of wall times and dates given by the engine: all in `timeZone: 'UTC'`. */
  #formats() {
    if (this.#fmt) return this.#fmt;
    const loc = this.#locale;
    this.#fmt = {
      month: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', month: 'long', year: 'numeric' }),
      dayLong: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      dayShort: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }),
      weekday: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', weekday: 'short' }),
      weekdayLong: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', weekday: 'long' }),
      // the locale's own short time (9:00 AM in en-US, 09:00 in fr-FR, nl-NL, de-DE)
      time: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', timeStyle: 'short' }),
      range: new Intl.DateTimeFormat(loc, { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'short' }),
      list: new Intl.ListFormat(loc, { type: 'conjunction' }),
      minutes: new Intl.NumberFormat(loc, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
    };
    return this.#fmt;
  }

  /** `America/New York (Eastern Time)`: the zone's generic name from Intl, a name, not a time. */
  #zoneName(zone) {
    try {
      const part = new Intl.DateTimeFormat(this.#locale, { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(this.#now)
        .find((p) => p.type === 'timeZoneName');
      return part && part.value !== zone ? `${zone.replace(/_/g, ' ')} (${part.value})` : zone;
    } catch {
      return zone;
    }
  }

  #names(hosts) {
    const names = (this.#config && this.#config.names) || {};
    return this.#formats().list.format(hosts.map((id) => (typeof names[id] === 'string' && names[id] ? names[id] : id)));
  }

  #render() {
    const e = this.#els;
    if (!e) return;
    const t = this.#t;
    const step = this.#step;
    const c = this.#config;
    e.title.textContent = (c && c.title) || t('title');
    e.description.textContent = (c && c.description) || '';
    e.description.hidden = !(c && c.description);
    const ready = step === 'pick' || step === 'confirm' || step === 'done';
    e.body.hidden = !ready;
    e.status.textContent = step === 'loading' ? t('loading') : step === 'error' ? t('loadError') : '';
    e.status.hidden = !(step === 'loading' || step === 'error');
    e.status.classList.toggle('error', step === 'error');
    const err = this.#error;
    e.errorDetail.textContent = step === 'error' && err ? [err.code, err.path && `at ${err.path}`, err.message].filter(Boolean).join(' ') : '';
    e.errorDetail.hidden = step !== 'error';
    e.notice.textContent = this.#zoneNotice ? t('zoneUnknown', { zone: this.#zone }) : '';
    e.notice.hidden = !(this.#zoneNotice && ready);
    if (!ready) {
      e.meta.textContent = '';
      return;
    }
    const f = this.#formats();
    const ev = c.request.event || {};
    const meta = [];
    if (Number.isFinite(ev.duration)) meta.push(f.minutes.format(ev.duration));
    const members = Array.isArray(c.request.members) ? c.request.members : [];
    if (c.request.team?.mode !== 'roundRobin' && members.length) meta.push(t('withHost', { name: this.#names(members.map((m) => m.id)) }));
    e.meta.textContent = meta.join(' · ');
    this.#renderZone();
    e.pick.hidden = step !== 'pick';
    e.zone.hidden = step !== 'pick';
    e.confirm.hidden = step !== 'confirm';
    e.done.hidden = step !== 'done';
    if (step === 'pick') {
      try {
        this.#renderGrid();
        this.#renderSlots();
      } catch (err) {
        // the engine refused a month (e.g. a limit): show why instead of a half-drawn calendar
        this.#step = 'error';
        this.#error = err;
        this.#render();
      }
    } else if (step === 'confirm' || step === 'done') {
      const s = this.#slot;
      const when = f.range.formatRange(wallMs(s.localStart), wallMs(s.localEnd));
      e.confirmWhen.textContent = when;
      e.confirmHosts.textContent = t('withHost', { name: this.#names(s.hosts) });
      e.confirmZone.textContent = t('zoneShown', { zone: this.#zoneName(this.#zone) });
      e.doneText.textContent = t('doneText', { when });
    }
  }

  #renderZone() {
    const e = this.#els;
    if (this.#root.activeElement !== e.zoneInput) e.zoneInput.value = this.#zone;
    e.zoneHint.textContent = this.#t('zoneShown', { zone: this.#zoneName(this.#zone) });
    if (!this.#zoneList) this.#zoneList = zones().list;
    if (!e.zones.firstChild) e.zones.append(...this.#zoneList.map((z) => h('option', { value: z })));
    if (!e.zoneInput.hasAttribute('aria-invalid')) e.zoneError.hidden = true;
  }

  #renderGrid() {
    const e = this.#els;
    const f = this.#formats();
    const t = this.#t;
    const index = this.#view;
    const first = monthStartKey(index);
    e.month.textContent = f.month.format(keyUTC(first) + 14 * DAY);
    e.prev.disabled = index <= this.#minMonth;
    e.next.disabled = index >= this.#maxMonth;
    if (!e.head.firstChild) {
      for (let i = 0; i < 7; i++) {
        const sunday = Date.UTC(2023, 0, 1 + ((this.#firstDay + i) % 7)); // 2023-01-01 was a Sunday
        e.head.append(h('th', { scope: 'col', abbr: f.weekdayLong.format(sunday) }, f.weekday.format(sunday)));
      }
    }
    const days = this.#days(index);
    const today = dateKey(this.#now, this.#zone);
    if (!this.#focus || monthIndex(this.#focus) !== index) {
      this.#focus = days.keys().next().value || (monthIndex(today) === index ? today : first);
    }
    const hadFocus = e.tbody.contains(this.#root.activeElement);
    const rows = [];
    let row = h('tr', { role: 'row' });
    const lead = (new Date(keyUTC(first)).getUTCDay() - this.#firstDay + 7) % 7;
    for (let i = 0; i < lead; i++) row.append(h('td', { role: 'gridcell', class: 'pad' }));
    const n = daysInMonth(index);
    for (let d = 1; d <= n; d++) {
      const key = addDays(first, d - 1);
      const available = days.has(key);
      const label = f.dayLong.format(keyUTC(key)) + (key === today ? ` (${t('today')})` : '');
      row.append(h('td', {
        role: 'gridcell',
        'data-date': key,
        class: available ? 'day available' : 'day',
        tabindex: key === this.#focus ? '0' : '-1',
        'aria-selected': key === this.#selected ? 'true' : 'false',
        'aria-disabled': available ? null : 'true',
        'aria-current': key === today ? 'date' : null,
        'aria-label': label,
      }, String(d)));
      if (row.children.length === 7) {
        rows.push(row);
        row = h('tr', { role: 'row' });
      }
    }
    if (row.children.length) {
      while (row.children.length < 7) row.append(h('td', { role: 'gridcell', class: 'pad' }));
      rows.push(row);
    }
    e.tbody.replaceChildren(...rows);
    if (hadFocus) this.#focusCell();
  }

  #focusCell() {
    const cell = this.#els.tbody.querySelector(`td[data-date="${this.#focus}"]`);
    if (cell) cell.focus();
  }

  #renderSlots() {
    const e = this.#els;
    const f = this.#formats();
    const t = this.#t;
    const days = this.#days(this.#view);
    const sel = this.#selected && days.has(this.#selected) ? this.#selected : null;
    const roundRobin = this.#config.request.team?.mode === 'roundRobin';
    e.slotList.replaceChildren();
    e.slotsHeading.hidden = !sel;
    e.slotsHeading.textContent = sel ? t('slotsOn', { date: f.dayShort.format(keyUTC(sel)) }) : '';
    e.slotsEmpty.textContent = sel ? '' : days.size ? t('pickDay') : t('noSlotsMonth');
    e.slotsEmpty.hidden = !!sel;
    if (!sel) return;
    for (const s of days.get(sel)) {
      const btn = h('button', { type: 'button', class: 'slot', 'data-start': s.startIso, 'data-end': s.endIso },
        h('span', { class: 'time' }, f.time.format(wallMs(s.localStart))));
      if (roundRobin) btn.append(h('span', { class: 'host' }, t('withHost', { name: this.#names(s.hosts) })));
      e.slotList.append(h('li', {}, btn));
    }
  }

  // ---- interaction ---------------------------------------------------------------------------

  #moveMonth(delta) {
    const index = Math.min(this.#maxMonth, Math.max(this.#minMonth, this.#view + delta));
    if (index === this.#view) return;
    const day = Math.min(+this.#focus.slice(8, 10), daysInMonth(index));
    this.#view = index;
    this.#focus = addDays(monthStartKey(index), day - 1);
    this.#render();
  }

  #moveFocus(key) {
    const index = monthIndex(key);
    if (index < this.#minMonth || index > this.#maxMonth) return;
    this.#focus = key;
    if (index !== this.#view) {
      this.#view = index;
      this.#render();
    } else {
      for (const cell of this.#els.tbody.querySelectorAll('td[data-date]')) {
        cell.tabIndex = cell.dataset.date === key ? 0 : -1;
      }
    }
    this.#focusCell();
  }

  #onGridKey(ev) {
    const key = this.#focus;
    if (!key) return;
    const dow = (new Date(keyUTC(key)).getUTCDay() - this.#firstDay + 7) % 7;
    const shiftMonth = (n) => {
      const index = monthIndex(key) + n;
      const day = Math.min(+key.slice(8, 10), daysInMonth(index));
      return addDays(monthStartKey(index), day - 1);
    };
    let target = null;
    switch (ev.key) {
      case 'ArrowLeft': target = addDays(key, -1); break;
      case 'ArrowRight': target = addDays(key, 1); break;
      case 'ArrowUp': target = addDays(key, -7); break;
      case 'ArrowDown': target = addDays(key, 7); break;
      case 'Home': target = addDays(key, -dow); break;
      case 'End': target = addDays(key, 6 - dow); break;
      case 'PageUp': target = shiftMonth(ev.shiftKey ? -12 : -1); break;
      case 'PageDown': target = shiftMonth(ev.shiftKey ? 12 : 1); break;
      case 'Enter':
      case ' ':
        ev.preventDefault();
        this.#pickDay(key, false);
        return;
      default:
        return;
    }
    ev.preventDefault();
    this.#moveFocus(target);
  }

  #pickDay(key, byPointer) {
    if (!this.#days(this.#view).has(key)) return;
    this.#selected = key;
    this.#focus = key;
    this.#renderGrid();
    this.#renderSlots();
    if (byPointer || this.#els.tbody.contains(this.#root.activeElement)) this.#focusCell();
  }

  #pickSlot(startIso) {
    const list = this.#days(this.#view).get(this.#selected) || [];
    const slot = list.find((s) => s.startIso === startIso);
    if (!slot) return;
    this.#slot = slot;
    this.#step = 'confirm';
    this.#render();
    this.#els.confirmHeading.focus();
  }

  #back() {
    const start = this.#slot && this.#slot.startIso;
    this.#step = 'pick';
    this.#render();
    const btn = start && this.#els.slotList.querySelector(`button[data-start="${start}"]`);
    if (btn) btn.focus();
    else this.#focusCell();
  }

  #confirm() {
    const s = this.#slot;
    const detail = {
      start: s.startIso, end: s.endIso, hosts: [...s.hosts], timezone: this.#zone, localStart: s.localStart, localEnd: s.localEnd,
    };
    this.#step = 'done';
    this.#render();
    this.#els.doneHeading.focus();
    this.dispatchEvent(new CustomEvent('bookable:select', { bubbles: true, composed: true, detail }));
    // Only post to a parent window the integrator named: a selection is never broadcast to '*'
    // unless target-origin="*" is set explicitly.
    const origin = this.getAttribute('target-origin');
    if (origin && window.parent && window.parent !== window) {
      window.parent.postMessage({ type: 'bookable:select', detail }, origin);
    }
  }

  #onZoneInput(commit) {
    const e = this.#els;
    const raw = e.zoneInput.value.trim();
    const listed = this.#zoneList.find((z) => z.toLowerCase() === raw.toLowerCase());
    if (!commit && !listed) return; // still typing
    const zone = validZone(listed || raw);
    if (!zone) {
      e.zoneInput.setAttribute('aria-invalid', 'true');
      e.zoneError.textContent = this.#t('zoneInvalid');
      e.zoneError.hidden = false;
      return;
    }
    e.zoneInput.removeAttribute('aria-invalid');
    e.zoneError.hidden = true;
    if (commit) e.zoneInput.value = zone;
    if (zone === this.#zone) return;
    this.#zone = zone;
    this.#zoneNotice = false;
    this.#bounds();
    this.#view = Math.min(this.#maxMonth, Math.max(this.#minMonth, this.#view));
    if (this.#selected && !this.#days(this.#view).has(this.#selected)) this.#selected = null;
    this.#render();
  }
}

if (!customElements.get('bookable-picker')) customElements.define('bookable-picker', BookablePicker);
