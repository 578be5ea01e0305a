// <bookable-picker>: a booking calendar on the bookable engine (documented in www/README.md). This
// module only exports the class; bookable-picker-define.js registers the tag. Configuration text
// is rendered as text; no inline script or style (strict CSP). Every date and time shown is a wall
// time from the engine; Intl formats them in UTC, never converts an instant.
//
// The element owns the state (configuration, zone, month, day, step) and the events; its parts
// draw and report: PickerCard (the frame), ZoneCombobox and ClockToggle (shared/), PickerCalendar
// (the month grid and the day's times, over MonthSlots, which asks the engine) and ConfirmStep;
// booking.js (loaded only with an `action`) is the details step.
import { adoptSheet, adoptStyles, bookable, engine, engineReady, styleSheet, zoneCatalog } from '../shared/engine.js';
import { warmZoneNames } from '../shared/zone-search.js';
import { emit } from '../shared/events.js';
import { upgradeProperties } from '../shared/properties.js';
import { Formats, firstDayOfWeek, storedClock, storeClock, validLocale, wallMs } from '../shared/format.js';
import { InterfaceText, uiLocale } from '../shared/i18n.js';
import { ClockToggle } from '../shared/clock-toggle.js';
import { ZoneClock } from '../shared/zone-clock.js';
import { ZoneCombobox } from '../shared/zone-combobox.js';
import { coded, errorDetail, fetchConfig, hostNames, isTransient, normalizeConfig, pageRequest } from './config.js';
import { ConfirmStep, loadBooking, selectDetail } from './confirm-step.js';
import { PickerCalendar } from './calendar.js';
import { PickerCard } from './card.js';
import { MonthSlots } from './month-slots.js';
import { preview } from './preview.js';

const CSS_URL = new URL('../bookable-picker.css', import.meta.url).href;
const instantMs = (v) => (typeof v === 'number' ? v : Date.parse(v));
const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 0));
// the HTMLElement of a browser; elsewhere (a server rendering the page) a class that is never used
const Base = globalThis.HTMLElement ?? class {};

export class BookablePicker extends Base {
  static observedAttributes = ['src', 'locale', 'timezone', 'heading-level', 'action'];

  /** Resolves once the engine is loaded; from then on an invalid `request` throws at once. */
  static load() {
    return engine();
  }

  /** Starts loading what every picker needs (the engine, the stylesheet) before one is built. */
  static preload() {
    engine().catch(() => {});
    styleSheet(CSS_URL).catch(() => {});
  }

  #root;
  #parts = null; // { card, zone, clock, calendar, steps }
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
  #text = new InterfaceText(() => {
    this.#build();
    this.#render();
  });
  #fmt = null;
  #clock = storedClock();
  // "local time now" beside zones: the configuration's `now`, else the clock
  #zoneClock = new ZoneClock(() => (this.#nowArg !== undefined ? this.#now : Date.now()));
  #slot = null;
  #step = 'idle'; // idle | loading | preview | error | pick | confirm | done
  #pending = null; // the start of a time chosen in the preview, picked once the engine has it
  #error = null;
  #loadToken = 0;
  #ready = false;
  #msg = '';
  #keep = null;
  #booked = null;
  #timer = 0;
  #onTick = () => this.#tick();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, CSS_URL);
  }

  connectedCallback() {
    if (!this.#parts) this.#build();
    upgradeProperties(this, ['config', 'request'], (e) => this.#fail(e));
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
    this.#keep = this.#parts && this.#parts.calendar.selected;
    return this.#reload();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#parts) return;
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
    const scheduler = engineReady() ? new (bookable().Scheduler)(pageRequest(config.request)) : null;
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
    this.#pending = null;
    this.#error = null;
    this.#ready = false;
    if (this.#parts) this.#render();
    const src = this.getAttribute('src');
    const configLoad = this.#configProp ? Promise.resolve(this.#configProp) : src ? fetchConfig(src, document.baseURI) : Promise.resolve(null);
    // the owner's title and description, and the server's first times, show while the engine loads
    configLoad.then((config) => {
      if (config && token === this.#loadToken && this.#step === 'loading' && this.#parts) {
        this.#config = config;
        const first = !engineReady() && preview(config, this.getAttribute('timezone'), Date.now());
        if (first) {
          this.#zone = first.zone;
          this.#parts.calendar.start(first.slots);
          this.#step = 'preview';
        }
        this.#render();
      }
    }, () => {});
    // the first render's Intl objects, made while the engine loads (each first use loads ICU data)
    idle(() => token === this.#loadToken && (this.#step === 'loading' || this.#step === 'preview') && (this.#formats().warm(), warmZoneNames(this.#ui.locale)));
    try {
      const [config] = await Promise.all([configLoad, engine().catch((e) => Promise.reject(coded('engine_failed', `the engine did not load: ${e.message}`))), this.#text.load()]);
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

  #apply(config) {
    // a day or time chosen in the preview stays chosen if the engine offers it too
    const previewed = this.#step === 'preview';
    const [pending, keep] = [previewed ? this.#pending : null, this.#keep ?? (previewed ? this.#parts.calendar.selected : null)];
    [this.#pending, this.#keep] = [null, null];
    this.#config = config; // the owner's title stays even if the engine refuses the request
    const prepared = this.#prepared;
    this.#prepared = null;
    const scheduler = prepared && prepared.config === config ? prepared.scheduler : new (bookable().Scheduler)(pageRequest(config.request));
    if (this.#scheduler && this.#scheduler !== scheduler) this.#scheduler.free();
    this.#scheduler = scheduler;
    const request = config.request;
    this.#nowArg = request.now;
    this.#now = request.now !== undefined ? instantMs(request.now) : Date.now();
    this.#pageZone = request.timezone;
    this.#zone = this.#detectZone();
    this.#slot = null;
    this.#booked = null;
    this.#step = 'pick';
    const slots = new MonthSlots({ scheduler, nowArg: request.now, now: this.#now, event: request.event });
    const calendar = this.#parts.calendar;
    calendar.start(slots, keep);
    this.#render();
    if (this.#step !== 'pick') return; // the engine refused a month (#render reported it)
    this.#ready = true;
    const first = slots.firstAvailable(slots.range(this.#zone).min, this.#zone); // not the day kept
    emit(this, 'ready', { timezone: this.#zone, locale: this.#ui.locale, month: calendar.month.toString(), firstAvailable: first && first.toString() });
    // the details step, after the first slots are on screen (it is needed only once one is chosen)
    if (this.action) setTimeout(() => loadBooking().catch(() => {}));
    if (this.#step !== 'pick' || !pending) return; // none chosen in the preview, or a listener moved on
    const slot = calendar.slotsOn(calendar.selected).find((s) => s.start === pending);
    if (slot) return this.#pickSlot(slot);
    this.#msg = this.#text.t('slotGone');
    this.#render();
  }

  /** `now` moves on. */
  #tick() {
    const step = this.#step;
    if (this.#nowArg !== undefined || !(step === 'pick' || step === 'confirm')) return;
    this.#now = Date.now();
    if (this.#parts.calendar.moveOn(this.#now, step === 'confirm' && this.#slot)) return;
    this.#msg = this.#text.t('slotGone');
    this.#back();
  }

  #fail(e) {
    const detail = errorDetail(e);
    this.#step = 'error';
    this.#error = detail;
    this.#ready = false;
    this.#render();
    console.error(`<bookable-picker>: ${detail.code}${detail.path ? ` at ${detail.path}` : ''}: ${detail.message}`);
    emit(this, 'error', detail);
  }

  #detectZone() {
    if (this.#chosenZone) return this.#chosenZone;
    const { zone, known } = zoneCatalog().visitorZone(this.getAttribute('timezone'), this.#pageZone);
    this.#zoneNotice = !known;
    return zone;
  }

  // ---- DOM

  /** (Re)builds the element's DOM in the current locale. */
  #build() {
    const requested = validLocale(this.getAttribute('locale')) || validLocale(navigator.language) || 'en';
    const ui = uiLocale(requested);
    this.#ui = ui;
    this.#text.use(ui.lang);
    this.#fmt = null;
    const t = this.#text.t;
    const level = Math.min(5, Math.max(1, parseInt(this.getAttribute('heading-level'), 10) || 2));
    const heading = `h${level + 1}`;
    const formats = () => this.#formats();
    const zone = new ZoneCombobox({
      root: this.#root, catalog: zoneCatalog, clock: this.#zoneClock, locale: ui.locale, t, formats, current: () => this.#zone,
      onChoose: (id) => {
        this.#chosenZone = id;
        this.#setZone(id);
      },
    });
    const clock = new ClockToggle({ t, num: new Intl.NumberFormat(ui.locale), onChange: (cycle) => this.#setClock(cycle) });
    const calendar = new PickerCalendar({
      root: this.#root, t, formats, heading, firstDay: firstDayOfWeek(ui.locale), rtl: ui.dir === 'rtl', zone: () => this.#zone,
      hostLabel: (s) => (this.#config.request.team?.mode === 'roundRobin' ? this.#text.t('withHost', { name: hostNames(this.#config, this.#formats().list, s.hosts) }) : null),
      render: () => this.#render(), ready: () => this.#ready, onSlot: (slot) => this.#pickSlot(slot),
      onMonth: (month, days) => emit(this, 'month', { month: month.toString(), timezone: this.#zone, days: [...days.keys()] }),
      onDay: (date, slots) => emit(this, 'day', { date: date.toString(), timezone: this.#zone, slots: slots.map((s) => ({ ...s, hosts: [...s.hosts] })) }),
    });
    if (this.#parts) calendar.state = this.#parts.calendar.state;
    const steps = new ConfirmStep({ t, heading, adoptStyles: (sheet) => adoptSheet(this.#root, sheet), onConfirm: () => this.#confirm(), onBack: () => this.#back() });
    const card = new PickerCard({ t, ui, level, zone, clock, calendar, steps, onRetry: () => this.#reload() });
    this.#parts = { card, zone, clock, calendar, steps };
    this.#root.replaceChildren(...this.#root.querySelectorAll('link'), card.card);
  }

  /** Formats of wall times and dates given by the engine: all in `timeZone: 'UTC'`. */
  #formats() {
    return (this.#fmt ??= new Formats(this.#ui.locale, this.#clock));
  }

  #render() {
    const p = this.#parts;
    if (!p) return;
    const t = this.#text.t;
    const step = this.#step;
    const c = this.#config;
    p.card.render({
      step, config: c, error: step === 'error' && { transient: isTransient(this.#error) }, formats: this.#formats(), names: (ids) => hostNames(this.#config, this.#formats().list, ids),
      notice: this.#msg || (this.#zoneNotice ? t('zoneUnknown', { zone: this.#zone }) : ''),
    });
    if (step === 'loading' || step === 'idle' || step === 'preview') {
      p.zone.renderSkeleton();
      p.calendar[step === 'preview' ? 'render' : 'renderSkeleton']();
      return;
    }
    if (step === 'error') return;
    p.zone.render();
    p.clock.render(this.#formats().clock);
    if (step === 'pick') {
      try {
        p.calendar.render();
      } catch (err) {
        this.#fail(err); // the engine refused a month (a limit): say so instead of half a calendar
      }
    } else {
      const s = this.#slot;
      p.steps.render({
        when: this.#formats().range.formatRange(wallMs(s.localStart), wallMs(s.localEnd)), hosts: t('withHost', { name: hostNames(this.#config, this.#formats().list, s.hosts) }),
        duration: this.#formats().length(s.start, s.end), zone: p.zone.labelOf(this.#zone), booked: this.#booked, hasAction: !!this.action,
      });
    }
  }

  // ---- the steps

  #pickSlot(slot) {
    if (this.#step === 'preview') return void (this.#pending = slot.start); // taken up by #apply
    const steps = this.#parts.steps;
    this.#slot = slot;
    this.#msg = '';
    this.#step = 'confirm';
    this.#render();
    steps.confirmHeading.focus();
    const action = this.action;
    if (!action) {
      steps.details.replaceChildren();
      return;
    }
    steps.offerDetails({
      action, detail: this.#detail(), current: () => this.#slot === slot,
      onBooked: (detail) => {
        this.#booked = detail.booking;
        this.#step = 'done';
        this.#render();
        steps.doneHeading.focus();
        emit(this, 'select', detail);
      },
      onTaken: () => {
        this.#msg = this.#text.t('taken');
        this.refresh();
      },
      onError: (e) => this.#fail(coded('load_failed', e.message)),
    });
  }

  #detail() {
    return selectDetail(this.#slot, this.#config, this.#zone, this.#text.t('title'));
  }

  #back() {
    if (this.#booked) return this.refresh();
    const start = this.#slot && this.#slot.start;
    this.#step = 'pick';
    this.#render();
    this.#parts.calendar.focusTime(start);
  }

  #confirm() {
    const detail = this.#detail();
    this.#step = 'done';
    this.#render();
    this.#parts.steps.doneHeading.focus();
    emit(this, 'select', detail);
  }

  #setClock(cycle) {
    this.#clock = cycle;
    storeClock(cycle);
    this.#fmt = null;
    this.#render();
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
    if (this.#ready) emit(this, 'timezone', { timezone: zone, previous, offset: this.#zoneClock.offsetOf(zone) });
    this.#parts.calendar.zoneChanged();
  }
}
