// <bookable-picker>: a booking calendar on the bookable engine (documented in www/README.md).
// Configuration text is rendered as text; no inline script or style (strict CSP). Every date and
// time shown is a wall time from the engine; Intl formats them in UTC, never converts an instant.

import init, { Scheduler, localDateTime, timeZones } from './pkg/bookable.js';
import { loadLanguage, uiLocale } from './i18n.js';
import { ZoneCatalog } from './zone-search.js';

const CSS_URL = new URL('./bookable-picker.css', import.meta.url).href;
const PAD = 15 * 3600e3; // widest UTC offset (14 h) plus margin: a month query covers every zone
const DAY = 86400e3;
const CLOCK_KEY = 'bookable-picker:hour-cycle';
// errors a retry may cure ("could not be loaded")
const TRANSIENT = ['network_error', 'engine_failed', 'load_failed'];
let bookingLoad = null;
const booking = () => (bookingLoad ??= import('./bookable-booking.js'));

// ---- shared by every element of the page: the engine, the zone catalog, the stylesheet

let engineLoad = null;
let engineReady = false;
const engine = () =>
  (engineLoad ??= init().then(() => {
    engineReady = true;
  }));
let catalog = null;
const zoneCatalog = () => (catalog ??= new ZoneCatalog(timeZones()));

// One stylesheet for every element, fetched once and adopted by each shadow root; else (no
// constructable sheets, a refused fetch, a dev server answering with a JS module) linked.
let sheetLoad = null;
const sheet = () =>
  (sheetLoad ??= fetch(CSS_URL)
    .then((r) => (r.ok && /css/.test(r.headers.get('content-type')) ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    }));

// Start both as soon as the module runs when the page already holds an element.
if (typeof document !== 'undefined' && document.querySelector('bookable-picker')) {
  engine().catch(() => {});
  sheet().catch(() => {});
}

// ---- small helpers

/** An element with attributes (null/false skipped) and text or element children. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  el.append(...children.filter((c) => c != null));
  return el;
}

/** A chevron (points to the next month; mirrored by CSS in right-to-left layouts). */
function chevron(back) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', back ? 'M10 3 5 8l5 5' : 'm6 3 5 5-5 5');
  svg.append(path);
  return svg;
}

/** An engine wall time as ms, to format with `timeZone: 'UTC'`. */
const wallMs = (l) => Date.UTC(+l.slice(0, 4), +l.slice(5, 7) - 1, +l.slice(8, 10), +l.slice(11, 13), +l.slice(14, 16), l.length > 16 ? +l.slice(17, 19) : 0);
const dateKey = (ms, zone) => localDateTime(ms, zone).slice(0, 10);
const keyUTC = (key) => Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10));
const utcKey = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (key, n) => utcKey(keyUTC(key) + n * DAY);
const monthIndex = (key) => +key.slice(0, 4) * 12 + (+key.slice(5, 7) - 1);
const monthStartKey = (index) => utcKey(Date.UTC(Math.floor(index / 12), index % 12, 1));
const daysInMonth = (index) => new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
const instantMs = (v) => (typeof v === 'number' ? v : Date.parse(v));

function validLocale(locale) {
  try {
    return Intl.getCanonicalLocales(locale)[0] || null;
  } catch {
    return null;
  }
}

function firstDayOfWeek(locale) {
  try {
    const l = new Intl.Locale(locale);
    const info = typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo;
    if (info && info.firstDay) return info.firstDay % 7;
  } catch {
    /* below */
  }
  return /-(US|CA|JP|BR|MX|IL|KR|TW|PH|ZA|HK)\b/i.test(locale) ? 0 : 1;
}

function storedClock() {
  try {
    const v = localStorage.getItem(CLOCK_KEY);
    return v === 'h12' || v === 'h23' ? v : null;
  } catch {
    return null; // storage refused (sandboxed frame, privacy settings)
  }
}

/** A config: a bare request or `{ title, description, names, request }`. Throws a TypeError. */
function normalizeConfig(json) {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new TypeError('the configuration must be an object');
  const wrapped = Object.hasOwn(json, 'request') && !Object.hasOwn(json, 'members');
  const request = wrapped ? json.request : json;
  if (!request || typeof request !== 'object' || Array.isArray(request)) throw new TypeError('"request" must be an object');
  const text = (v) => (wrapped && typeof v === 'string' ? v : null);
  return {
    request,
    title: text(json.title),
    description: text(json.description),
    names: wrapped && json.names && typeof json.names === 'object' ? json.names : {},
    action: text(json.action),
  };
}

/** The request the Scheduler is built from: the page's, without `range` and `explain`. */
function pageRequest(request) {
  const r = { ...request };
  delete r.range;
  delete r.explain;
  return r;
}

/** `{ code, path, message, status? }` of anything thrown while loading. */
function errorDetail(e) {
  if (e && typeof e.code === 'string') {
    const d = { code: e.code, path: typeof e.path === 'string' ? e.path : '', message: String(e.message) };
    if (e.status) d.status = e.status;
    return d;
  }
  return { code: e instanceof TypeError || e instanceof SyntaxError ? 'invalid_config' : 'load_failed', path: '', message: String(e && e.message ? e.message : e) };
}

function coded(code, message, extra = {}) {
  return Object.assign(new Error(message), { code, path: '' }, extra);
}

// ---- the element

export class BookablePicker extends HTMLElement {
  static observedAttributes = ['src', 'locale', 'timezone', 'heading-level', 'action'];

  /** Resolves once the engine is loaded; from then on an invalid `request` throws at once. */
  static load() {
    return engine();
  }

  #root;
  #els = null;
  #configProp = null;
  #prepared = null; // { config, scheduler } checked by the `config` setter
  #config = null;
  #scheduler = null;
  #nowArg = undefined;
  #now = 0;
  #pageZone = 'UTC';
  #zone = 'UTC';
  #chosenZone = null;
  #zoneNotice = false;
  #ui = uiLocale('en');
  #t = () => '';
  #tLang = null;
  #textLoad = null;
  #fmt = null;
  #clock = storedClock();
  #firstDay = 1;
  #dayCache = new Map(); // `${month}|${zone}` → Map(day → slots)
  #view = 0;
  #minMonth = 0;
  #maxMonth = 0;
  #focus = null;
  #selected = null;
  #slot = null;
  #step = 'idle'; // idle | loading | error | pick | confirm | done
  #error = null;
  #loadToken = 0;
  #ready = false;
  #offsets = new Map();
  #offsetMinute = NaN;
  #zoneResults = [];
  #zoneActive = -1;
  #msg = '';
  #keep = null;
  #booked = null;
  #timer = 0;
  #onTick = () => this.#tick();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    sheet().then(
      (s) => {
        this.#root.adoptedStyleSheets = [s];
      },
      () => this.#root.prepend(h('link', { rel: 'stylesheet', href: CSS_URL })),
    );
  }

  connectedCallback() {
    if (!this.#els) this.#build();
    // properties set before the element was defined
    for (const p of ['config', 'request']) {
      if (Object.hasOwn(this, p)) {
        const v = this[p];
        delete this[p];
        try {
          this[p] = v;
        } catch (e) {
          this.#fail(e);
        }
      }
    }
    if (this.#step === 'idle') this.#reload();
    this.#timer = setInterval(this.#onTick, 60e3);
    addEventListener('focus', this.#onTick);
    document.addEventListener('visibilitychange', this.#onTick);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    removeEventListener('focus', this.#onTick);
    document.removeEventListener('visibilitychange', this.#onTick);
  }

  get action() {
    return this.getAttribute('action') || (this.#config && this.#config.action) || null;
  }
  set action(v) {
    if (v == null) this.removeAttribute('action');
    else this.setAttribute('action', v);
  }

  refresh() {
    this.#keep = this.#selected;
    return this.#reload();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#els) return;
    if (name === 'action') return;
    if (name === 'src' && !this.#configProp) this.#reload();
    else if (name === 'locale' || name === 'heading-level') {
      this.#build();
      this.#render();
    } else if (name === 'timezone' && this.#scheduler) {
      this.#chosenZone = null;
      this.#setZone(this.#detectZone());
    }
  }

  /** The SPEC slots request without `range`. Setting an invalid one throws the engine's error. */
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
  set config(value) {
    const config = normalizeConfig(value);
    // with the engine loaded, the request is checked now: a bad one throws and changes nothing
    const scheduler = engineReady ? new Scheduler(pageRequest(config.request)) : null;
    this.#configProp = config;
    this.#prepared = scheduler && { config, scheduler };
    if (this.isConnected) this.#reload();
  }

  /** The zone the times are shown in. */
  get timezone() {
    return this.#zone;
  }

  // ---- loading

  async #reload() {
    const token = ++this.#loadToken;
    this.#step = 'loading';
    this.#error = null;
    this.#ready = false;
    if (this.#els) this.#render();
    const configLoad = this.#loadConfig();
    // the owner's title and description show while the engine is still loading
    configLoad.then((config) => {
      if (config && token === this.#loadToken && this.#step === 'loading') {
        this.#config = config;
        this.#render();
      }
    }, () => {});
    try {
      const [config] = await Promise.all([
        configLoad,
        engine().catch((e) => Promise.reject(coded('engine_failed', `the engine did not load: ${e.message}`))),
        this.#loadText(),
      ]);
      if (token !== this.#loadToken) return;
      if (!config) {
        this.#step = 'idle';
        this.#render();
        return;
      }
      this.#apply(config);
    } catch (e) {
      if (token === this.#loadToken) this.#fail(e);
    }
  }

  async #loadConfig() {
    if (this.#configProp) return this.#configProp;
    const src = this.getAttribute('src');
    if (!src) return null;
    const url = new URL(src, document.baseURI);
    let res;
    try {
      res = await fetch(url, { credentials: 'same-origin' });
    } catch (e) {
      throw coded('network_error', `${src} could not be fetched: ${e.message}`);
    }
    if (!res.ok) throw coded('http_error', `HTTP ${res.status} for ${src}`, { status: res.status });
    let json;
    try {
      json = await res.json();
    } catch (e) {
      throw coded('invalid_config', `${src} is not JSON: ${e.message}`);
    }
    try {
      return normalizeConfig(json);
    } catch (e) {
      throw coded('invalid_config', `${src}: ${e.message}`);
    }
  }

  /** The interface text of the current locale (English if its module cannot be loaded). */
  #loadText() {
    const lang = this.#ui.lang;
    if (this.#tLang === lang) return Promise.resolve();
    if (this.#textLoad && this.#textLoad.lang === lang) return this.#textLoad.promise;
    const promise = loadLanguage(lang)
      .catch(() => loadLanguage('en'))
      .then((t) => {
        if (this.#ui.lang !== lang) return;
        this.#t = t;
        this.#tLang = lang;
        this.#build();
        this.#render();
      });
    this.#textLoad = { lang, promise };
    return promise;
  }

  #apply(config) {
    this.#config = config; // the owner's title stays even if the engine refuses the request
    const prepared = this.#prepared;
    this.#prepared = null;
    const scheduler = prepared && prepared.config === config ? prepared.scheduler : new Scheduler(pageRequest(config.request));
    if (this.#scheduler && this.#scheduler !== scheduler) this.#scheduler.free();
    this.#scheduler = scheduler;
    const request = config.request;
    this.#nowArg = request.now;
    this.#now = request.now !== undefined ? instantMs(request.now) : Date.now();
    this.#pageZone = request.timezone;
    this.#dayCache.clear();
    this.#zone = this.#detectZone();
    this.#bounds();
    this.#slot = null;
    this.#booked = null;
    this.#step = 'pick';
    if (this.action) booking().catch(() => {});
    const keep = this.#keep;
    this.#keep = null;
    const first = keep && this.#days(monthIndex(keep)).has(keep) ? keep : this.#firstAvailable(this.#minMonth);
    this.#view = first ? monthIndex(first) : this.#minMonth;
    this.#selected = first;
    this.#focus = first || dateKey(this.#now, this.#zone);
    this.#render();
    if (this.#step !== 'pick') return; // the engine refused a month (#render reported it)
    this.#ready = true;
    this.#emit('ready', { timezone: this.#zone, locale: this.#ui.locale, month: monthStartKey(this.#view).slice(0, 7), firstAvailable: first });
  }

  /** `now` moves on. */
  #tick() {
    const step = this.#step;
    if (this.#nowArg !== undefined || !(step === 'pick' || step === 'confirm')) return;
    this.#now = Date.now();
    this.#dayCache.clear();
    this.#bounds();
    const s = this.#slot;
    if (step === 'confirm' && !(this.#days(monthIndex(s.localStart)).get(s.localStart.slice(0, 10)) || []).some((x) => x.start === s.start)) {
      this.#msg = this.#t('slotGone');
      this.#back();
    } else this.#show(this.#view);
  }

  #fail(e) {
    const detail = errorDetail(e);
    this.#step = 'error';
    this.#error = detail;
    this.#ready = false;
    this.#render();
    console.error(`<bookable-picker>: ${detail.code}${detail.path ? ` at ${detail.path}` : ''}: ${detail.message}`);
    this.#emit('error', detail);
  }

  /** Dispatches `bookable:<type>`; framed with `target-origin`, posts it to the parent too. */
  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(`bookable:${type}`, { bubbles: true, composed: true, detail }));
    // never broadcast: only to the origin the integrator named (target-origin="*" is explicit)
    const origin = this.getAttribute('target-origin');
    if (origin && window.parent && window.parent !== window) window.parent.postMessage({ type: `bookable:${type}`, detail }, origin);
  }

  #detectZone() {
    const cat = zoneCatalog();
    if (this.#chosenZone) return this.#chosenZone;
    const zone = cat.resolve(this.getAttribute('timezone') || Intl.DateTimeFormat().resolvedOptions().timeZone);
    this.#zoneNotice = !zone;
    return zone || cat.resolve(this.#pageZone) || 'UTC';
  }

  #bounds() {
    const today = dateKey(this.#now, this.#zone);
    this.#minMonth = monthIndex(today);
    let max = this.#minMonth + 12;
    const ev = (this.#config && this.#config.request.event) || {};
    if (Number.isInteger(ev.maxDaysAhead)) max = Math.min(max, monthIndex(addDays(today, ev.maxDaysAhead + 1)));
    if (ev.dateRange && /^\d{4}-\d{2}-\d{2}$/.test(ev.dateRange.to)) max = Math.min(max, monthIndex(addDays(ev.dateRange.to, 1)));
    this.#maxMonth = Math.max(this.#minMonth, max);
  }

  /** A month's days (visitor's zone) → slots: one engine query per month and zone, padded 15 h. */
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
      days.get(key).push({ start: s.start, end: s.end, localStart: s.localStart, localEnd: s.localEnd, hosts: s.hosts });
    }
    this.#dayCache.set(cacheKey, days);
    return days;
  }

  /** The first day with a slot in month `from` or later, or null. */
  #firstAvailable(from) {
    for (let i = from; i <= this.#maxMonth; i++) {
      const first = this.#days(i).keys().next().value;
      if (first) return first;
    }
    return null;
  }

  /** Now, for "local time now" beside zones: the configuration's `now`, else the clock. */
  #clockNow() {
    return this.#nowArg !== undefined ? this.#now : Date.now();
  }

  /** Minutes east of UTC of a zone now, by the engine. */
  #offsetOf(id) {
    const minute = Math.floor(this.#clockNow() / 60e3);
    if (minute !== this.#offsetMinute) {
      this.#offsets.clear();
      this.#offsetMinute = minute;
    }
    let o = this.#offsets.get(id);
    if (o === undefined) {
      o = Math.round((wallMs(localDateTime(minute * 60e3, id)) - minute * 60e3) / 60e3);
      this.#offsets.set(id, o);
    }
    return o;
  }

  // ---- DOM

  /** (Re)builds the element's DOM in the current locale. */
  #build() {
    const requested = validLocale(this.getAttribute('locale')) || validLocale(navigator.language) || 'en';
    const ui = uiLocale(requested);
    if (ui.lang !== this.#ui.lang) {
      this.#t = () => '';
      this.#tLang = null;
    }
    this.#ui = ui;
    if (this.#tLang !== ui.lang) this.#loadText();
    this.#firstDay = firstDayOfWeek(ui.locale);
    this.#fmt = null;
    const t = this.#t;
    const e = {};
    const level = Math.min(5, Math.max(1, parseInt(this.getAttribute('heading-level'), 10) || 2));
    const sub = `h${level + 1}`;
    // the owner's text may be in another script than the page's language: its own direction
    e.title = h(`h${level}`, { class: 'title', id: 'title', part: 'title', dir: 'auto' });
    e.description = h('p', { class: 'description', part: 'description', dir: 'auto' });
    e.meta = h('p', { class: 'meta', part: 'meta' });
    e.notice = h('p', { class: 'notice', role: 'status', part: 'notice' });
    e.status = h('p', { class: 'status', role: 'status' });
    e.errorText = h('p', { class: 'error-text', part: 'error-text' });
    e.retry = h('button', { type: 'button', class: 'secondary retry', part: 'button retry' }, t('retry'));
    e.error = h('div', { class: 'error', role: 'alert', part: 'error' }, e.errorText, e.retry);

    // time zone: a combobox searching the engine's zones, and the 12/24-hour switch
    e.zoneInput = h('input', {
      id: 'zone', class: 'zone-input', part: 'zone-input', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'zone-list', 'aria-describedby': 'zone-hint zone-error zone-help',
    });
    e.zoneHelp = h('p', { class: 'zone-help', id: 'zone-help' }, t('zoneHelp'));
    e.zoneCount = h('p', { class: 'zone-count', role: 'status' });
    e.zoneList = h('ul', { id: 'zone-list', class: 'zone-list', role: 'listbox', part: 'zone-list', 'aria-label': t('zoneLabel') });
    e.zonePop = h('div', { class: 'zone-pop', part: 'zone-popup', hidden: true }, e.zoneHelp, e.zoneCount, e.zoneList);
    e.zoneHint = h('p', { class: 'zone-hint', id: 'zone-hint', part: 'zone-hint' });
    e.zoneError = h('p', { class: 'zone-error', id: 'zone-error', role: 'alert', part: 'zone-error' });
    const num = new Intl.NumberFormat(ui.locale);
    e.clock12 = h('button', { type: 'button', class: 'clock-option', part: 'clock-option', 'data-clock': 'h12' }, t('clockN', { n: num.format(12) }));
    e.clock24 = h('button', { type: 'button', class: 'clock-option', part: 'clock-option', 'data-clock': 'h23' }, t('clockN', { n: num.format(24) }));
    e.clock = h('div', { class: 'clock', role: 'group', 'aria-label': t('clockLabel'), part: 'clock' }, e.clock12, e.clock24);
    e.zone = h('div', { class: 'zone', part: 'zone' },
      h('div', { class: 'zone-head' }, h('label', { for: 'zone', part: 'zone-label' }, t('zoneLabel')), e.clock),
      h('div', { class: 'zone-field' }, e.zoneInput, e.zonePop),
      e.zoneHint, e.zoneError);

    e.prev = h('button', { type: 'button', class: 'nav prev', part: 'nav prev', 'aria-label': t('prevMonth') }, chevron(true));
    e.next = h('button', { type: 'button', class: 'nav next', part: 'nav next', 'aria-label': t('nextMonth') }, chevron(false));
    e.month = h(sub, { class: 'month', id: 'month', part: 'month', 'aria-live': 'polite' });
    e.head = h('tr', { role: 'row' });
    e.tbody = h('tbody');
    e.grid = h('table', { role: 'grid', class: 'grid', part: 'grid', 'aria-labelledby': 'month' }, h('thead', {}, e.head), e.tbody);
    e.calendar = h('div', { class: 'calendar', part: 'calendar' }, h('div', { class: 'month-nav', part: 'month-nav' }, e.prev, e.month, e.next), e.grid);
    e.slotsHeading = h(sub, { class: 'slots-heading', id: 'slots-heading', part: 'slots-heading', 'aria-live': 'polite' });
    e.slotList = h('ul', { class: 'slot-list', part: 'slot-list', 'aria-labelledby': 'slots-heading' });
    e.empty = h('p', { class: 'empty', part: 'empty' });
    e.nextAvailable = h('button', { type: 'button', class: 'secondary next-available', part: 'button next-available' });
    e.slots = h('div', { class: 'slots', part: 'slots' }, h('div', { class: 'slots-inner' }, e.slotsHeading, e.empty, e.nextAvailable, e.slotList));
    e.pick = h('div', { class: 'pick' }, e.calendar, e.slots);

    e.confirmHeading = h(sub, { class: 'step-heading', id: 'confirm-heading', tabindex: '-1', part: 'step-heading' }, t('confirmTitle'));
    e.confirmWhen = h('p', { class: 'when', part: 'when' });
    e.confirmHosts = h('p', { class: 'hosts', part: 'hosts' });
    e.confirmZone = h('p', { class: 'zone-line', part: 'zone-line' });
    e.confirmBtn = h('button', { type: 'button', class: 'primary confirm', part: 'button primary confirm' }, t('confirm'));
    e.backBtn = h('button', { type: 'button', class: 'secondary back', part: 'button back' }, t('back'));
    e.confirm = h('section', { class: 'confirm-step', 'aria-labelledby': 'confirm-heading', part: 'confirm-step' },
      e.confirmHeading, e.confirmWhen, e.confirmHosts, e.confirmZone, e.details = h('div'), h('div', { class: 'actions' }, e.confirmBtn, e.backBtn));
    e.doneHeading = h(sub, { class: 'step-heading', id: 'done-heading', tabindex: '-1', part: 'step-heading' }, t('doneTitle'));
    e.doneText = h('p', { class: 'when', part: 'when' });
    e.againBtn = h('button', { type: 'button', class: 'secondary again', part: 'button again' }, t('again'));
    e.done = h('section', { class: 'done-step', 'aria-labelledby': 'done-heading', part: 'done-step' }, e.doneHeading, e.doneText, e.doneExtra = h('div'), h('div', { class: 'actions' }, e.againBtn));

    e.body = h('div', { class: 'body' }, e.zone, e.pick, e.confirm, e.done);
    e.card = h('div', { class: 'card', part: 'card', lang: this.#ui.locale, dir: this.#ui.dir },
      h('header', { part: 'header' }, e.title, e.description, e.meta), e.notice, e.status, e.error, e.body);
    this.#root.replaceChildren(...this.#root.querySelectorAll('link'), e.card);
    this.#els = e;

    e.retry.addEventListener('click', () => this.#reload());
    e.prev.addEventListener('click', () => this.#moveMonth(-1));
    e.next.addEventListener('click', () => this.#moveMonth(1));
    e.tbody.addEventListener('keydown', (ev) => this.#onGridKey(ev));
    e.tbody.addEventListener('focusin', (ev) => {
      // a day focused by pointer or script becomes the grid's one tab stop and the keys' start
      const cell = ev.target.closest('td[data-date]');
      if (cell && cell.dataset.date !== this.#focus) this.#moveFocus(cell.dataset.date);
    });
    e.tbody.addEventListener('click', (ev) => {
      const cell = ev.target.closest('td[data-date]');
      if (cell) this.#pickDay(cell.dataset.date, true);
    });
    e.slotList.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button[data-start]');
      if (btn) this.#pickSlot(btn.dataset.start);
    });
    e.nextAvailable.addEventListener('click', () => {
      const key = e.nextAvailable.dataset.date;
      if (key) this.#show(monthIndex(key), { select: key, focus: key });
    });
    e.zoneInput.addEventListener('input', () => this.#openZones(e.zoneInput.value, true));
    e.zoneInput.addEventListener('keydown', (ev) => this.#onZoneKey(ev));
    e.zoneInput.addEventListener('focus', () => {
      e.zoneInput.select();
      setTimeout(() => zoneCatalog().prepare(this.#ui.locale)); // names ready before the first key
    });
    e.zoneInput.addEventListener('click', () => {
      if (e.zonePop.hidden) this.#openZones('', false);
    });
    e.zoneInput.addEventListener('blur', () => this.#onZoneBlur());
    e.zoneList.addEventListener('pointerdown', (ev) => ev.preventDefault()); // keep focus in the input
    e.zoneList.addEventListener('click', (ev) => {
      const opt = ev.target.closest('[role=option]');
      if (opt) this.#chooseZone(opt.dataset.zone);
    });
    e.clock.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button[data-clock]');
      if (btn) this.#setClock(btn.dataset.clock);
    });
    e.confirmBtn.addEventListener('click', () => this.#confirm());
    e.backBtn.addEventListener('click', () => this.#back());
    e.againBtn.addEventListener('click', () => this.#back());
    e.confirm.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        this.#back();
      }
    });
  }

  /** The locale's own clock (h12 or h23) and the visitor's choice, if any. */
  #hourCycle() {
    const own = new Intl.DateTimeFormat(this.#ui.locale, { timeZone: 'UTC', hour: 'numeric' }).resolvedOptions().hourCycle;
    const ownCycle = own === 'h11' || own === 'h12' ? 'h12' : 'h23';
    return { own: ownCycle, shown: this.#clock || ownCycle };
  }

  /** Formats of wall times and dates given by the engine: all in `timeZone: 'UTC'`. */
  #formats() {
    if (this.#fmt) return this.#fmt;
    const loc = this.#ui.locale;
    const { own, shown } = this.#hourCycle();
    const cycle = shown === own ? {} : { hourCycle: shown };
    const dtf = (o) => new Intl.DateTimeFormat(loc, { timeZone: 'UTC', ...o });
    this.#fmt = {
      month: dtf({ month: 'long', year: 'numeric' }),
      dayLong: dtf({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      dayShort: dtf({ weekday: 'long', day: 'numeric', month: 'long' }),
      weekday: dtf({ weekday: 'short' }),
      weekdayNarrow: dtf({ weekday: 'narrow' }),
      weekdayLong: dtf({ weekday: 'long' }),
      time: dtf({ timeStyle: 'short', ...cycle }),
      range: dtf({ dateStyle: 'full', timeStyle: 'short', ...cycle }),
      list: new Intl.ListFormat(loc, { type: 'conjunction' }),
      minutes: new Intl.NumberFormat(loc, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
      num: new Intl.NumberFormat(loc, { useGrouping: false }),
      num2: new Intl.NumberFormat(loc, { useGrouping: false, minimumIntegerDigits: 2 }),
    };
    return this.#fmt;
  }

  /** "UTC+5:30", "UTC−7", in the locale's digits. */
  #offsetText(minutes) {
    const f = this.#formats();
    const a = Math.abs(minutes);
    return `UTC${minutes < 0 ? '−' : '+'}${f.num.format(Math.floor(a / 60))}${a % 60 ? `:${f.num2.format(a % 60)}` : ''}`;
  }

  /** The zone's current local time, by the engine, formatted. */
  #timeIn(id) {
    return this.#formats().time.format(wallMs(localDateTime(this.#clockNow(), id)));
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
    const ready = step === 'pick' || step === 'confirm' || step === 'done';
    const busy = step === 'loading' || step === 'idle';
    e.card.classList.toggle('busy', busy);
    if (step === 'loading') e.card.setAttribute('aria-busy', 'true');
    else e.card.removeAttribute('aria-busy');
    // before the configuration is known the header is placeholders
    e.title.textContent = (c && c.title) || (busy && !c ? '' : t('title'));
    e.description.textContent = (c && c.description) || '';
    e.description.hidden = c ? !c.description : !busy;
    e.status.textContent = step === 'loading' ? t('loading') : '';
    e.error.hidden = step !== 'error';
    if (step === 'error') {
      const { code, status } = this.#error;
      const transient = TRANSIENT.includes(code) || (code === 'http_error' && !(status >= 400 && status < 500));
      e.errorText.textContent = t(transient ? 'errorLoad' : 'errorConfig');
    }
    e.notice.textContent = this.#msg || (this.#zoneNotice ? t('zoneUnknown', { zone: this.#zone }) : '');
    e.notice.hidden = !(e.notice.textContent && ready);
    e.body.hidden = step === 'error';
    e.pick.hidden = !(step === 'pick' || busy);
    e.zone.hidden = !(step === 'pick' || busy);
    e.confirm.hidden = step !== 'confirm';
    e.done.hidden = step !== 'done';
    const f = this.#formats();
    const meta = [];
    if (c) {
      const ev = c.request.event || {};
      if (Number.isFinite(ev.duration)) meta.push(f.minutes.format(ev.duration));
      const members = Array.isArray(c.request.members) ? c.request.members : [];
      if (c.request.team?.mode !== 'roundRobin' && members.length) meta.push(t('withHost', { name: this.#names(members.map((m) => m.id)) }));
    }
    e.meta.textContent = meta.join(' · ');
    e.meta.hidden = !meta.length && !busy;
    if (busy) {
      this.#renderSkeleton();
      return;
    }
    if (!ready) return;
    this.#renderZone();
    if (step === 'pick') {
      try {
        this.#renderGrid();
        this.#renderSlots();
      } catch (err) {
        this.#fail(err); // the engine refused a month (a limit): say so instead of half a calendar
      }
    } else {
      const s = this.#slot;
      const when = f.range.formatRange(wallMs(s.localStart), wallMs(s.localEnd));
      e.confirmWhen.textContent = when;
      e.confirmHosts.textContent = t('withHost', { name: this.#names(s.hosts) });
      e.confirmZone.textContent = t('zoneShown', { zone: this.#zoneLabel(this.#zone) });
      e.doneText.textContent = t(this.#booked ? 'bookedText' : 'doneText', { when });
      e.doneHeading.textContent = t(this.#booked ? 'bookedTitle' : 'doneTitle');
      e.doneExtra.hidden = !this.#booked;
      e.confirmBtn.hidden = !!this.action;
    }
  }

  /** The loading state: the calendar's own frame with placeholders, so nothing jumps. */
  #renderSkeleton() {
    const e = this.#els;
    e.zoneInput.value = '';
    e.zoneInput.disabled = true;
    e.zoneHint.textContent = '';
    e.zoneError.hidden = true;
    e.prev.disabled = true;
    e.next.disabled = true;
    e.month.textContent = '';
    this.#renderHead();
    const rows = [];
    for (let r = 0; r < 6; r++) {
      const row = h('tr', { role: 'row' });
      for (let d = 0; d < 7; d++) row.append(h('td', { role: 'gridcell', class: 'pad' }));
      rows.push(row);
    }
    e.tbody.replaceChildren(...rows);
    e.slotsHeading.hidden = false;
    e.slotsHeading.textContent = '';
    e.empty.hidden = true;
    e.nextAvailable.hidden = true;
    e.slotList.replaceChildren(...Array.from({ length: 6 }, () => h('li', { class: 'skeleton', part: 'skeleton' })));
  }

  /** "Los Angeles, United States" (the place) for the zone field and the confirmation. */
  #zoneLabel(id) {
    return zoneCatalog().place(id, this.#ui.locale);
  }

  #renderZone() {
    const e = this.#els;
    const t = this.#t;
    e.zoneInput.disabled = false;
    if (this.#root.activeElement !== e.zoneInput) e.zoneInput.value = this.#zoneLabel(this.#zone);
    e.zoneInput.dataset.zone = this.#zone;
    const generic = zoneCatalog().names(this.#zone, this.#ui.locale).generic;
    e.zoneHint.replaceChildren(...[generic, h('bdi', { dir: 'ltr' }, this.#offsetText(this.#offsetOf(this.#zone))), t('zoneNow', { time: this.#timeIn(this.#zone) })]
      .filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x])));
    if (!e.zoneInput.hasAttribute('aria-invalid')) e.zoneError.hidden = true;
    const { shown } = this.#hourCycle();
    for (const btn of [e.clock12, e.clock24]) btn.setAttribute('aria-pressed', String(btn.dataset.clock === shown));
  }

  #renderHead() {
    const e = this.#els;
    if (e.head.firstChild) return;
    const f = this.#formats();
    for (let i = 0; i < 7; i++) {
      const day = Date.UTC(2023, 0, 1 + ((this.#firstDay + i) % 7)); // 2023-01-01 was a Sunday
      // short names ("Mon"), narrow ones ("M") where the calendar is narrow
      e.head.append(h('th', { scope: 'col', abbr: f.weekdayLong.format(day), part: 'weekday' },
        h('span', { class: 'wd' }, f.weekday.format(day)), h('span', { class: 'wd-n', 'aria-hidden': 'true' }, f.weekdayNarrow.format(day))));
    }
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
    this.#renderHead();
    const days = this.#days(index);
    const today = dateKey(this.#now, this.#zone);
    if (!this.#focus || monthIndex(this.#focus) !== index) this.#focus = days.keys().next().value || (monthIndex(today) === index ? today : first);
    const hadFocus = e.tbody.contains(this.#root.activeElement);
    const cells = [];
    const lead = (new Date(keyUTC(first)).getUTCDay() - this.#firstDay + 7) % 7;
    for (let i = 0; i < lead; i++) cells.push(h('td', { role: 'gridcell', class: 'pad' }));
    const n = daysInMonth(index);
    for (let d = 1; d <= n; d++) {
      const key = addDays(first, d - 1);
      const available = days.has(key);
      const selected = key === this.#selected;
      const parts = ['day', available && 'day-available', selected && 'day-selected', key === today && 'day-today'].filter(Boolean).join(' ');
      cells.push(h('td', {
        role: 'gridcell',
        'data-date': key,
        class: available ? 'day available' : 'day',
        tabindex: key === this.#focus ? '0' : '-1',
        'aria-selected': String(selected),
        'aria-disabled': available ? null : 'true',
        'aria-current': key === today ? 'date' : null,
        'aria-label': f.dayLong.format(keyUTC(key)) + (key === today ? ` (${t('today')})` : ''),
      }, h('span', { class: 'n', part: parts }, f.num.format(d))));
    }
    while (cells.length < 42) cells.push(h('td', { role: 'gridcell', class: 'pad' })); // always six weeks: the card keeps its height
    const rows = [];
    for (let r = 0; r < 6; r++) rows.push(h('tr', { role: 'row' }, ...cells.slice(r * 7, r * 7 + 7)));
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
    e.slotsHeading.hidden = !sel;
    e.slotsHeading.textContent = sel ? t('slotsOn', { date: f.dayShort.format(keyUTC(sel)) }) : '';
    e.empty.hidden = !!sel;
    e.nextAvailable.hidden = true;
    if (!sel) {
      if (days.size) e.empty.textContent = t('pickDay');
      else {
        e.empty.textContent = t('noSlotsMonth', { month: f.month.format(keyUTC(monthStartKey(this.#view)) + 14 * DAY) });
        const next = this.#firstAvailable(this.#view + 1);
        if (next) {
          e.nextAvailable.hidden = false;
          e.nextAvailable.dataset.date = next;
          e.nextAvailable.textContent = t('nextAvailable', { date: f.dayShort.format(keyUTC(next)) });
        }
      }
      e.slotList.replaceChildren();
      return;
    }
    const items = days.get(sel).map((s) => {
      const btn = h('button', { type: 'button', class: 'slot', part: 'slot', 'data-start': s.start, 'data-end': s.end },
        h('span', { class: 'time', part: 'slot-time' }, f.time.format(wallMs(s.localStart))));
      if (roundRobin) {
        const host = t('withHost', { name: this.#names(s.hosts) });
        btn.append(h('bdi', { class: 'host', part: 'slot-host', title: host }, host));
      }
      return h('li', {}, btn);
    });
    e.slotList.replaceChildren(...items);
    e.slotList.scrollTop = 0;
  }

  // ---- interaction

  /** Shows month `index` with `select` or its first free day; fires bookable:month and :day. */
  #show(index, { select, focus } = {}) {
    index = Math.min(this.#maxMonth, Math.max(this.#minMonth, index));
    const monthChanged = index !== this.#view;
    const before = this.#selected;
    this.#view = index;
    const days = this.#days(index);
    let sel = select !== undefined ? select : this.#selected;
    if (!sel || monthIndex(sel) !== index || !days.has(sel)) sel = days.keys().next().value || null;
    this.#selected = sel;
    if (focus) this.#focus = focus;
    else if (!this.#focus || monthIndex(this.#focus) !== index) this.#focus = sel || monthStartKey(index);
    this.#render();
    if (focus && this.#els.tbody.contains(this.#root.activeElement)) this.#focusCell();
    if (!this.#ready) return;
    if (monthChanged) this.#emit('month', { month: monthStartKey(index).slice(0, 7), timezone: this.#zone, days: [...days.keys()] });
    if (sel && sel !== before) this.#emitDay();
  }

  #emitDay() {
    const slots = this.#days(this.#view).get(this.#selected) || [];
    this.#emit('day', { date: this.#selected, timezone: this.#zone, slots: slots.map((s) => ({ ...s, hosts: [...s.hosts] })) });
  }

  #moveMonth(delta) {
    const index = Math.min(this.#maxMonth, Math.max(this.#minMonth, this.#view + delta));
    if (index === this.#view) return;
    this.#show(index, { focus: null });
  }

  #moveFocus(key) {
    const index = monthIndex(key);
    if (index < this.#minMonth || index > this.#maxMonth) return;
    if (index !== this.#view) {
      this.#focus = key;
      this.#show(index, { focus: key });
    } else {
      this.#focus = key;
      for (const cell of this.#els.tbody.querySelectorAll('td[data-date]')) cell.tabIndex = cell.dataset.date === key ? 0 : -1;
    }
    this.#focusCell();
  }

  #onGridKey(ev) {
    const key = this.#focus;
    if (!key) return;
    const dow = (new Date(keyUTC(key)).getUTCDay() - this.#firstDay + 7) % 7;
    const shiftMonth = (n) => {
      const index = monthIndex(key) + n;
      return addDays(monthStartKey(index), Math.min(+key.slice(8, 10), daysInMonth(index)) - 1);
    };
    const forward = this.#ui.dir === 'rtl' ? -1 : 1; // right-to-left: the Right arrow goes back
    let target = null;
    switch (ev.key) {
      case 'ArrowLeft': target = addDays(key, -forward); break;
      case 'ArrowRight': target = addDays(key, forward); break;
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
    const changed = key !== this.#selected;
    this.#selected = key;
    this.#focus = key;
    this.#renderGrid();
    this.#renderSlots();
    if (byPointer || this.#els.tbody.contains(this.#root.activeElement)) this.#focusCell();
    if (byPointer) this.#revealSlots();
    if (changed) this.#emitDay();
  }

  /** Phone: after a tap, the times into view unless the first is wholly visible (iframes too). */
  #revealSlots() {
    const first = this.#els.slotList.firstElementChild;
    if (!first || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(([entry]) => {
      io.disconnect();
      if (entry.intersectionRatio > 0.99) return;
      const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.#els.slots.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
    }, { threshold: [0, 1] });
    io.observe(first);
  }

  #pickSlot(start) {
    const slot = (this.#days(this.#view).get(this.#selected) || []).find((s) => s.start === start);
    if (!slot) return;
    this.#slot = slot;
    this.#msg = '';
    this.#step = 'confirm';
    this.#render();
    this.#els.confirmHeading.focus();
    this.#els.details.replaceChildren();
    const action = this.action;
    if (action) booking().then((m) => this.#slot === slot && m.details(this.#host(action)), (e) => this.#fail(coded('load_failed', e.message)));
  }

  #host(action) {
    const e = this.#els;
    return {
      root: this.#root, els: e, t: this.#t, action, detail: this.#detail(),
      when: () => e.confirmWhen.textContent,
      booked: (detail) => {
        this.#booked = detail.booking;
        this.#step = 'done';
        this.#render();
        e.doneHeading.focus();
        this.#emit('select', detail);
      },
      taken: () => {
        this.#msg = this.#t('taken');
        this.refresh();
      },
    };
  }

  #detail() {
    const s = this.#slot;
    const c = this.#config;
    return {
      start: s.start, end: s.end, hosts: [...s.hosts], names: s.hosts.map((id) => (c.names && c.names[id]) || id),
      title: c.title || this.#t('title'), duration: c.request.event && c.request.event.duration,
      timezone: this.#zone, localStart: s.localStart, localEnd: s.localEnd,
    };
  }

  #back() {
    if (this.#booked) return this.refresh();
    const start = this.#slot && this.#slot.start;
    this.#step = 'pick';
    this.#render();
    const btn = start && this.#els.slotList.querySelector(`button[data-start="${start}"]`);
    if (btn) btn.focus();
    else this.#focusCell();
  }

  #confirm() {
    const detail = this.#detail();
    this.#step = 'done';
    this.#render();
    this.#els.doneHeading.focus();
    this.#emit('select', detail);
  }

  #setClock(cycle) {
    this.#clock = cycle;
    try {
      localStorage.setItem(CLOCK_KEY, cycle);
    } catch {
      /* remembered for this page only */
    }
    this.#fmt = null;
    this.#render();
  }

  // ---- the zone combobox

  #openZones(query, typed) {
    const e = this.#els;
    const t = this.#t;
    const cat = zoneCatalog();
    const locale = this.#ui.locale;
    const results = cat.search(query, { locale, offsetOf: (id) => this.#offsetOf(id) });
    this.#zoneResults = results;
    const items = results.map((entry, i) => {
      const names = cat.names(entry.id, locale);
      const offset = this.#offsetText(this.#offsetOf(entry.id));
      const time = this.#timeIn(entry.id);
      const place = cat.place(entry.id, locale);
      // read as "Kolkata, India, India Standard Time, UTC+5:30, 9:41 PM" (grid places them)
      return h('li', {
        role: 'option', id: `zone-${i}`, class: entry.id === this.#zone ? 'zone-option current' : 'zone-option', part: 'zone-option',
        'data-zone': entry.id, 'aria-selected': 'false',
      },
      h('span', { class: 'zo-place' }, place),
      h('span', { class: 'zo-name' }, names.generic),
      h('bdi', { class: 'zo-offset', dir: 'ltr' }, offset),
      h('span', { class: 'zo-time' }, time));
    });
    e.zoneList.replaceChildren(...items);
    e.zoneCount.textContent = results.length ? t('zoneMatches', { count: this.#formats().num.format(results.length) }) : t('zoneNoMatch', { query });
    e.zonePop.hidden = false;
    e.zoneInput.setAttribute('aria-expanded', 'true');
    const current = results.findIndex((r) => r.id === this.#zone);
    this.#activateZone(typed && query.trim() ? (results.length ? 0 : -1) : current, 'center');
  }

  #activateZone(i, block = 'nearest') {
    const e = this.#els;
    const options = e.zoneList.children;
    if (this.#zoneActive >= 0 && options[this.#zoneActive]) options[this.#zoneActive].setAttribute('aria-selected', 'false');
    this.#zoneActive = i >= 0 && i < options.length ? i : -1;
    const opt = options[this.#zoneActive];
    if (opt) {
      opt.setAttribute('aria-selected', 'true');
      e.zoneInput.setAttribute('aria-activedescendant', opt.id);
      opt.scrollIntoView({ block });
    } else e.zoneInput.removeAttribute('aria-activedescendant');
  }

  #closeZones() {
    const e = this.#els;
    e.zonePop.hidden = true;
    e.zoneInput.setAttribute('aria-expanded', 'false');
    e.zoneInput.removeAttribute('aria-activedescendant');
    e.zoneList.replaceChildren();
    this.#zoneActive = -1;
  }

  #onZoneKey(ev) {
    const e = this.#els;
    const open = !e.zonePop.hidden;
    const n = this.#zoneResults.length;
    switch (ev.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        ev.preventDefault();
        if (!open) this.#openZones(e.zoneInput.value === this.#zoneLabel(this.#zone) ? '' : e.zoneInput.value, false);
        else if (n) this.#activateZone(this.#zoneActive < 0 ? 0 : (this.#zoneActive + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n);
        break;
      }
      case 'Enter': {
        ev.preventDefault();
        const raw = e.zoneInput.value;
        const typed = zoneCatalog().resolve(raw);
        if (open && this.#zoneActive >= 0) this.#chooseZone(this.#zoneResults[this.#zoneActive].id);
        else if (typed) this.#chooseZone(typed);
        else if (raw.trim() && raw !== this.#zoneLabel(this.#zone)) this.#zoneInvalid();
        else this.#closeZones();
        break;
      }
      case 'Escape':
        if (open) {
          ev.preventDefault();
          this.#closeZones();
        } else if (e.zoneInput.value !== this.#zoneLabel(this.#zone)) {
          ev.preventDefault();
          this.#restoreZone();
          e.zoneInput.select();
        }
        break;
      default:
    }
  }

  #onZoneBlur() {
    const e = this.#els;
    if (e.zonePop.hidden && e.zoneInput.value === this.#zoneLabel(this.#zone)) return;
    const raw = e.zoneInput.value;
    const typed = raw !== this.#zoneLabel(this.#zone) && zoneCatalog().resolve(raw);
    this.#closeZones();
    if (typed) this.#chooseZone(typed, false);
    else if (!e.zoneInput.hasAttribute('aria-invalid')) this.#restoreZone();
  }

  /** The field shows the zone in force again; any complaint about what was typed goes. */
  #restoreZone() {
    const e = this.#els;
    e.zoneInput.value = this.#zoneLabel(this.#zone);
    e.zoneInput.removeAttribute('aria-invalid');
    e.zoneError.hidden = true;
  }

  #zoneInvalid() {
    const e = this.#els;
    this.#closeZones();
    e.zoneInput.setAttribute('aria-invalid', 'true');
    e.zoneError.textContent = this.#t('zoneInvalid');
    e.zoneError.hidden = false;
  }

  #chooseZone(id, keepFocus = true) {
    const e = this.#els;
    this.#closeZones();
    e.zoneInput.removeAttribute('aria-invalid');
    e.zoneError.hidden = true;
    this.#chosenZone = id;
    this.#setZone(id);
    e.zoneInput.value = this.#zoneLabel(id);
    if (keepFocus && this.#root.activeElement === e.zoneInput) e.zoneInput.select();
  }

  /** Shows the times in another zone: the labels change, the instants do not. */
  #setZone(zone) {
    const previous = this.#zone;
    this.#zoneNotice = this.#zoneNotice && zone === previous;
    if (zone === previous) {
      this.#render();
      return;
    }
    this.#zone = zone;
    this.#bounds();
    const index = Math.min(this.#maxMonth, Math.max(this.#minMonth, this.#view));
    const keep = this.#selected && this.#days(monthIndex(this.#selected)).has(this.#selected) ? this.#selected : undefined;
    if (this.#ready) this.#emit('timezone', { timezone: zone, previous, offset: this.#offsetOf(zone) });
    this.#show(keep ? monthIndex(keep) : index, { select: keep });
  }
}

if (!customElements.get('bookable-picker')) customElements.define('bookable-picker', BookablePicker);
