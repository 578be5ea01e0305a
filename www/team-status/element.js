// <bookable-team-status>: an inbox's availability table on the bookable engine (documented in
// www/README.md). This module only exports the class; bookable-team-status-define.js registers
// the tag. The table is the engine's SPEC §8 team status, computed in the browser from the team's
// data (a `request` property, or bookable-server's admin API through an `api` function) and
// computed again at the earliest `until` — the next working-time boundary — so it changes live,
// without a reload; status changes are announced in a polite live region. With `manage`, each row
// sets its member Available or Away (with a reason) and releases a conversation, and "Assign next"
// tries the inbox rule (SPEC §12).
import { availabilityStatus, localDateTime } from '../pkg/bookable.js';
import { adoptStyles, engine, styleSheet } from '../shared/engine.js';
import { emit } from '../shared/events.js';
import { upgradeProperties } from '../shared/properties.js';
import { validLocale } from '../shared/format.js';
import { h } from '../shared/dom.js';
import { loadText, textNow, uiLocale } from './text.js';
import { TableFormats, headerRow, tableRows } from './table.js';
import { AwayDialog } from './away-dialog.js';
import { apiPath, loadTeam, mergeStatus, capacities } from './team-data.js';

const CSS_URL = new URL('../bookable-team-status.css', import.meta.url).href;
// the HTMLElement of a browser; elsewhere (a server rendering the page) a class that is never used
const Base = globalThis.HTMLElement ?? class {};
// the longest wait between two computations: hoursToday turns over at each member's midnight,
// which is no working-time boundary
const MAX_WAIT = 15 * 60e3;

const coded = (code, message, path = '') => Object.assign(new Error(message), { code, path });

export class BookableTeamStatus extends Base {
  static observedAttributes = ['team', 'locale', 'timezone', 'manage', 'label'];

  /** Resolves once the engine is loaded. */
  static load() {
    return engine();
  }

  /** Starts loading what every table needs (the engine, the stylesheet). */
  static preload() {
    engine().catch(() => {});
    styleSheet(CSS_URL).catch(() => {});
  }

  #root;
  #card;
  #live;
  #dialog;
  #api = null;
  #requestProp = null;
  #namesProp = null;
  #request = null; // the SPEC §8 team request without `now`
  #names = {};
  #zones = {};
  #counts = {};
  #answer = null;
  #emitted = '';
  #timer = 0;
  #state = 'idle'; // idle | loading | error | ready
  #error = null;
  #actionError = '';
  #busy = false;
  #loadToken = 0;
  #ui = uiLocale('en');
  #t = () => '';
  #fmt = null;
  #liveFlip = false;
  #onWake = () => {
    if (document.visibilityState === 'visible' && this.#state === 'ready') this.#compute();
  };

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, CSS_URL);
    this.#card = h('div', { class: 'card', part: 'card' });
    this.#live = h('p', { class: 'vh', role: 'status', 'aria-live': 'polite', part: 'live' });
    this.#root.append(this.#card, this.#live);
    this.#dialog = new AwayDialog(this.#root);
    this.#root.addEventListener('click', (e) => this.#onClick(e));
  }

  connectedCallback() {
    upgradeProperties(this, ['api', 'names', 'request'], (e) => this.#fail(e));
    document.addEventListener('visibilitychange', this.#onWake);
    if (this.#state === 'idle') this.#reload();
    else if (this.#state === 'ready') this.#compute();
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
    document.removeEventListener('visibilitychange', this.#onWake);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || this.#state === 'idle') return;
    if (name === 'team') this.#reload();
    else if (name === 'locale') {
      this.#ui = uiLocale(this.#locale());
      this.#loadText().then(() => this.#render());
    } else this.#render();
  }

  /** `api(method, path, body?)` → Promise of the JSON answer of bookable-server's `/api/admin`. */
  get api() {
    return this.#api;
  }
  set api(fn) {
    if (fn != null && typeof fn !== 'function') throw new TypeError('api must be a function (method, path, body) → Promise');
    this.#api = fn || null;
    if (this.isConnected && !this.#requestProp) this.#reload();
  }

  /** A SPEC §8 team status request (`members`, `assignment`; `now` is the clock's). */
  get request() {
    return this.#request;
  }
  set request(request) {
    this.#requestProp = request == null ? null : structuredClone(request);
    if (this.isConnected) this.#reload();
  }

  /** Display names by member id (with `request`; the API gives its own). */
  get names() {
    return { ...this.#names };
  }
  set names(v) {
    this.#namesProp = v == null ? null : { ...v };
    if (this.#requestProp) this.#names = { ...(this.#namesProp || {}) };
    if (this.#state === 'ready') this.#render();
  }

  /** The team's id (attribute `team`). */
  get team() {
    return this.getAttribute('team');
  }
  set team(v) {
    if (v == null) this.removeAttribute('team');
    else this.setAttribute('team', v);
  }

  /** Whether the table offers a manager's actions (attribute `manage`; needs `api`). */
  get manage() {
    return this.hasAttribute('manage');
  }
  set manage(v) {
    this.toggleAttribute('manage', Boolean(v));
  }

  /** The last table computed: the engine's SPEC §8 team status, `{ members, next }`. */
  get status() {
    return this.#answer && structuredClone(this.#answer);
  }

  /** Loads the team again (from the API, or the `request` as set). */
  refresh() {
    return this.#reload();
  }

  // ---- loading

  async #reload() {
    const token = ++this.#loadToken;
    clearTimeout(this.#timer);
    this.#state = 'loading';
    this.#error = null;
    this.#actionError = '';
    this.#render();
    try {
      this.#ui = uiLocale(this.#locale());
      const [data] = await Promise.all([
        this.#data(),
        engine().catch((e) => Promise.reject(coded('engine_failed', `the engine did not load: ${e.message}`))),
        this.#loadText(),
      ]);
      if (token !== this.#loadToken) return;
      if (!data) {
        this.#state = 'idle';
        this.#render();
        return;
      }
      this.#request = data.request;
      // names set while the team was loading count too
      this.#names = this.#requestProp ? { ...(this.#namesProp || {}) } : data.names;
      this.#counts = data.counts;
      this.#zones = Object.fromEntries(data.request.members.map((m) => [m.id, m.timezone]));
      this.#answer = null;
      this.#state = 'ready';
      this.#compute();
    } catch (e) {
      if (token === this.#loadToken) this.#fail(e);
    }
  }

  #data() {
    if (this.#requestProp) {
      const request = structuredClone(this.#requestProp);
      const counts = {};
      for (const m of request.members || []) if (m.capacity) counts[m.id] = { assigned: m.capacity.assigned ?? 0, max: m.capacity.max ?? null };
      return Promise.resolve({ request, names: { ...(this.#namesProp || {}) }, counts });
    }
    const team = this.team;
    if (!this.#api || !team) return Promise.resolve(null);
    return loadTeam(this.#api, team);
  }

  #locale() {
    const lang = this.getAttribute('locale') || (this.closest('[lang]') && this.closest('[lang]').getAttribute('lang'));
    return validLocale(lang) || validLocale(navigator.language) || 'en';
  }

  #loadText() {
    const now = textNow(this.#ui.lang);
    if (now) {
      this.#t = now;
      return Promise.resolve();
    }
    return loadText(this.#ui.lang).then((t) => {
      this.#t = t;
    });
  }

  #fail(e) {
    clearTimeout(this.#timer);
    this.#state = 'error';
    this.#error = { code: e.code || 'load_failed', path: e.path ?? '', message: e.message };
    this.#render();
    emit(this, 'error', this.#error);
  }

  // ---- the table, now and at each boundary

  /** The viewer's zone for times: the `timezone` attribute, else the browser's (the engine's names). */
  #zone() {
    for (const z of [this.getAttribute('timezone'), Intl.DateTimeFormat().resolvedOptions().timeZone]) {
      if (!z) continue;
      try {
        localDateTime(0, z);
        return z;
      } catch {
        /* not a zone the engine knows */
      }
    }
    return 'UTC';
  }

  /** Computes the table at the clock's now, announces what changed, and waits for the next boundary. */
  #compute(messages = []) {
    clearTimeout(this.#timer);
    if (this.#state !== 'ready') return;
    const now = Date.now();
    let answer;
    try {
      answer = availabilityStatus({ ...this.#request, now: new Date(now).toISOString() });
    } catch (e) {
      this.#fail(e);
      return;
    }
    const before = this.#answer;
    const t = this.#t;
    if (before) {
      const was = new Map(before.members.map((m) => [m.id, m.status]));
      for (const m of answer.members) {
        if (was.has(m.id) && was.get(m.id) !== m.status) messages.push(t(m.status === 'available' ? 'nowAvailable' : 'nowAway', { name: this.#names[m.id] || m.id }));
      }
    }
    this.#answer = answer;
    this.#render(now);
    this.#say(messages);
    const text = JSON.stringify(answer);
    if (text !== this.#emitted) {
      this.#emitted = text;
      emit(this, 'change', structuredClone(answer));
    }
    const untils = answer.members.filter((m) => m.until).map((m) => Date.parse(m.until));
    const next = untils.length ? Math.min(...untils) : Infinity;
    this.#timer = setTimeout(() => this.#compute(), Math.max(0, Math.min(next - Date.now(), MAX_WAIT)));
  }

  #say(messages) {
    const text = messages.filter(Boolean).join(' ');
    if (!text) return;
    // a repeated message is still a change of the region's text
    this.#liveFlip = !this.#liveFlip;
    this.#live.textContent = this.#liveFlip ? text : `${text}\u00a0`;
  }

  // ---- drawing

  #render(now = Date.now()) {
    if (this.#state === 'idle') {
      this.#card.replaceChildren();
      return;
    }
    const ui = this.#ui;
    const t = this.#t;
    this.#card.setAttribute('lang', ui.locale);
    this.#card.setAttribute('dir', ui.dir);
    if (this.#state === 'loading') {
      this.#card.replaceChildren(h('p', { class: 'loading', part: 'loading' }, t('loading')));
      return;
    }
    if (this.#state === 'error') {
      const retry = h('button', { type: 'button', part: 'button retry', 'data-action': 'retry' }, t('retry'));
      this.#card.replaceChildren(h('div', { class: 'error', role: 'alert', part: 'error' }, h('p', {}, t('errorLoad', { message: this.#error.message })), retry));
      return;
    }
    const focused = this.#root.activeElement;
    const focusKey = focused && focused.dataset && focused.dataset.action ? [focused.dataset.action, focused.dataset.member] : null;
    if (!this.#fmt || this.#fmt.locale !== ui.locale) this.#fmt = Object.assign(new TableFormats(ui.locale), { locale: ui.locale });
    const zone = this.#zone();
    const manage = this.manage && Boolean(this.#api) && !this.#requestProp;
    const answer = this.#answer;
    const nextName = answer.next && (this.#names[answer.next] || answer.next);
    const captionId = 'caption-title';
    const caption = h('caption', { part: 'caption' },
      h('span', { class: 'title', id: captionId }, t('caption', { team: this.getAttribute('label') || this.team || '' })),
      h('span', { class: 'zone-note', part: 'zone-note' }, t('timesIn', { zone: zone.replace(/_/g, ' ') })));
    // explicit roles: a narrow container stacks the rows (CSS display), which must not undo the table
    const table = h('table', { part: 'table', role: 'table', 'aria-labelledby': captionId }, caption,
      h('thead', { role: 'rowgroup' }, headerRow(t, manage)),
      h('tbody', { role: 'rowgroup' }, ...tableRows(answer, { t, fmt: this.#fmt, zone, now, names: this.#names, zones: this.#zones, counts: this.#counts, manage })));
    const summary = h('p', { class: 'summary', part: 'summary' }, answer.next ? t('nextIs', { name: nextName }) : t('nobodyNext'));
    const toolbar = h('div', { class: 'toolbar', part: 'toolbar' }, summary,
      manage ? h('button', { type: 'button', part: 'button assign', class: 'primary', 'data-action': 'assign', disabled: this.#busy }, t('assignNext')) : null);
    const actionError = h('p', { class: 'action-error', role: 'alert', part: 'error' }, this.#actionError);
    this.#card.replaceChildren(toolbar, actionError,
      h('div', { class: 'scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0, part: 'scroll' }, table));
    if (this.#busy) for (const b of this.#card.querySelectorAll('button')) b.disabled = true;
    if (focusKey) {
      const sel = focusKey[1] == null ? `[data-action="${focusKey[0]}"]` : `[data-action="${focusKey[0]}"][data-member="${CSS.escape(focusKey[1])}"]`;
      const again = this.#card.querySelector(sel);
      if (again && !again.disabled) again.focus();
      else if (again) this.#refocus = again;
    }
  }

  #refocus = null;

  // ---- a manager's actions

  #onClick(e) {
    const b = e.target.closest && e.target.closest('button[data-action]');
    if (!b || b.disabled) return;
    const id = b.dataset.member;
    if (b.dataset.action === 'retry') this.#reload();
    else if (b.dataset.action === 'assign') this.#act(() => this.#api('POST', `/teams/${apiPath(this.team)}/assign`, {}), (r) => (r.member ? this.#t('assignedTo', { name: this.#names[r.member] || r.member }) : this.#t('assignedNobody')));
    else if (b.dataset.action === 'release') this.#act(() => this.#api('POST', `/members/${apiPath(id)}/release`), () => this.#t('released', { name: this.#names[id] || id }));
    else if (b.dataset.action === 'toggle') this.#toggle(id);
  }

  async #toggle(id) {
    const m = this.#answer && this.#answer.members.find((x) => x.id === id);
    if (!m) return;
    let body = { status: 'available' };
    if (m.status === 'available') {
      const reason = await this.#dialog.ask(this.#t, this.#names[id] || id);
      if (reason === null) return;
      body = reason ? { status: 'away', reason } : { status: 'away' };
    }
    await this.#act(() => this.#api('PUT', `/members/${apiPath(id)}/status`, body), () => null);
  }

  /** Calls the API, then reads the team's recorded status again and recomputes. */
  async #act(call, message) {
    if (this.#busy) return;
    this.#busy = true;
    this.#actionError = '';
    this.#render();
    const token = this.#loadToken;
    let said = null;
    try {
      said = message(await call());
      const status = await this.#api('GET', `/teams/${apiPath(this.team)}/status`);
      if (token !== this.#loadToken) return;
      mergeStatus(this.#request, status);
      this.#counts = capacities(status);
    } catch (e) {
      this.#actionError = this.#t('errorAction', { message: e.message });
    } finally {
      this.#busy = false;
    }
    if (token !== this.#loadToken) return;
    this.#compute(said ? [said] : []);
    if (this.#refocus && this.#refocus.isConnected) this.#refocus.focus();
    else if (this.#refocus) {
      const again = this.#card.querySelector(`[data-action="${this.#refocus.dataset.action}"]${this.#refocus.dataset.member ? `[data-member="${CSS.escape(this.#refocus.dataset.member)}"]` : ''}`);
      if (again) again.focus();
    }
    this.#refocus = null;
  }
}
