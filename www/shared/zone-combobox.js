// The time zone field: a WAI-ARIA combobox (editable, list autocomplete) over the engine's zones,
// searched by city, country, zone name or UTC offset (zone-search.js). Each option reads as
// "Kolkata, India, India Standard Time, UTC+5:30, 9:41 PM"; offsets and local times are the
// engine's (zone-clock.js). The element owning it keeps the zone in force and is told of a choice.
import { h } from './dom.js';

export class ZoneCombobox {
  #o;
  #results = [];
  #shown = null; // the query and `typed` of the list shown (a search again when more names arrive)
  #active = -1;

  /**
   * `{ root, catalog, clock, locale, t, formats, current, onChoose }`: the shadow root it lives
   * in, `catalog()` the ZoneCatalog, `clock` a ZoneClock, `formats()` the Formats in force,
   * `current()` the zone in force, `onChoose(id)` a zone was chosen.
   */
  constructor(options) {
    this.#o = options;
    const { t } = options;
    this.input = h('input', {
      id: 'zone', class: 'zone-input', part: 'zone-input', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'zone-list', 'aria-describedby': 'zone-hint zone-error zone-help',
    });
    this.help = h('p', { class: 'zone-help', id: 'zone-help' }, t('zoneHelp'));
    this.count = h('p', { class: 'zone-count', role: 'status' });
    this.list = h('ul', { id: 'zone-list', class: 'zone-list', role: 'listbox', part: 'zone-list', 'aria-label': t('zoneLabel') });
    this.popup = h('div', { class: 'zone-pop', part: 'zone-popup', hidden: true }, this.help, this.count, this.list);
    this.label = h('label', { for: 'zone', part: 'zone-label' }, t('zoneLabel'));
    this.field = h('div', { class: 'zone-field' }, this.input, this.popup);
    this.hint = h('p', { class: 'zone-hint', id: 'zone-hint', part: 'zone-hint' });
    this.error = h('p', { class: 'zone-error', id: 'zone-error', role: 'alert', part: 'zone-error' });

    const input = this.input;
    input.addEventListener('input', () => this.#open(input.value, true));
    input.addEventListener('keydown', (ev) => this.#onKey(ev));
    input.addEventListener('focus', () => {
      input.select();
      // names ready before the first key; the other names (zone-names.js) once loaded re-run a search shown
      setTimeout(() => this.#o.catalog().prepare(this.#o.locale).then(() => {
        if (!this.popup.hidden && this.#o.root.activeElement === input && this.#shown?.[0].trim()) this.#open(...this.#shown);
      }));
    });
    input.addEventListener('click', () => {
      if (this.popup.hidden) this.#open('', false);
    });
    input.addEventListener('blur', () => this.#onBlur());
    this.list.addEventListener('pointerdown', (ev) => ev.preventDefault()); // keep focus in the input
    this.list.addEventListener('click', (ev) => {
      const opt = ev.target.closest('[role=option]');
      if (opt) this.#choose(opt.dataset.zone);
    });
  }

  /** "Los Angeles, United States" (the place) in the field's locale. */
  labelOf(id) {
    return this.#o.catalog().place(id, this.#o.locale);
  }

  /** Shows the zone in force: the field (unless the visitor is typing), its name, offset and time. */
  render() {
    const { root, catalog, clock, locale, t, formats } = this.#o;
    const zone = this.#o.current();
    const input = this.input;
    input.disabled = false;
    if (root.activeElement !== input) input.value = this.labelOf(zone);
    input.dataset.zone = zone;
    const generic = catalog().names(zone, locale).generic;
    const f = formats();
    this.hint.replaceChildren(...[generic, h('bdi', { dir: 'ltr' }, f.offset(clock.offsetOf(zone))), t('zoneNow', { time: f.wallTime(clock.wallNow(zone)) })]
      .filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x])));
    if (!input.hasAttribute('aria-invalid')) this.error.hidden = true;
  }

  /** While loading: an empty, disabled field. */
  renderSkeleton() {
    this.input.value = '';
    this.input.disabled = true;
    this.hint.textContent = '';
    this.error.hidden = true;
  }

  #open(query, typed) {
    const { catalog, clock, locale, t, formats } = this.#o;
    const cat = catalog();
    const f = formats();
    const current = this.#o.current();
    const offsetOf = (id) => clock.offsetOf(id);
    const results = cat.search(query, { locale, offsetOf });
    this.#shown = [query, typed];
    this.#results = results;
    const items = results.map((entry, i) => h('li', {
      role: 'option', id: `zone-${i}`, class: entry.id === current ? 'zone-option current' : 'zone-option', part: 'zone-option',
      'data-zone': entry.id, 'aria-selected': 'false',
    },
    h('span', { class: 'zo-place' }, cat.place(entry.id, locale)),
    h('span', { class: 'zo-name' }, cat.names(entry.id, locale).generic),
    h('bdi', { class: 'zo-offset', dir: 'ltr' }, f.offset(offsetOf(entry.id))),
    h('span', { class: 'zo-time' }, f.wallTime(clock.wallNow(entry.id)))));
    this.list.replaceChildren(...items);
    this.count.textContent = results.length ? t('zoneMatches', { count: f.num.format(results.length) }) : t('zoneNoMatch', { query });
    this.popup.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    const at = results.findIndex((r) => r.id === current);
    this.#activate(typed && query.trim() ? (results.length ? 0 : -1) : at, 'center');
  }

  #activate(i, block = 'nearest') {
    const options = this.list.children;
    if (this.#active >= 0 && options[this.#active]) options[this.#active].setAttribute('aria-selected', 'false');
    this.#active = i >= 0 && i < options.length ? i : -1;
    const opt = options[this.#active];
    if (opt) {
      opt.setAttribute('aria-selected', 'true');
      this.input.setAttribute('aria-activedescendant', opt.id);
      opt.scrollIntoView({ block });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  #close() {
    this.popup.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.list.replaceChildren();
    this.#active = -1;
  }

  /** Whether the field shows something else than the zone in force. */
  #edited() {
    return this.input.value !== this.labelOf(this.#o.current());
  }

  #onKey(ev) {
    const open = !this.popup.hidden;
    const n = this.#results.length;
    switch (ev.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        ev.preventDefault();
        if (!open) this.#open(this.#edited() ? this.input.value : '', false);
        else if (n) this.#activate(this.#active < 0 ? 0 : (this.#active + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n);
        break;
      }
      case 'Enter': {
        ev.preventDefault();
        const raw = this.input.value;
        const typed = this.#o.catalog().resolve(raw);
        if (open && this.#active >= 0) this.#choose(this.#results[this.#active].id);
        else if (typed) this.#choose(typed);
        else if (raw.trim() && this.#edited()) this.#invalid();
        else this.#close();
        break;
      }
      case 'Escape':
        if (open) {
          ev.preventDefault();
          this.#close();
        } else if (this.#edited()) {
          ev.preventDefault();
          this.#restore();
          this.input.select();
        }
        break;
      default:
    }
  }

  #onBlur() {
    if (this.popup.hidden && !this.#edited()) return;
    const typed = this.#edited() && this.#o.catalog().resolve(this.input.value);
    this.#close();
    if (typed) this.#choose(typed, false);
    else if (!this.input.hasAttribute('aria-invalid')) this.#restore();
  }

  /** The field shows the zone in force again; any complaint about what was typed goes. */
  #restore() {
    this.input.value = this.labelOf(this.#o.current());
    this.input.removeAttribute('aria-invalid');
    this.error.hidden = true;
  }

  #invalid() {
    this.#close();
    this.input.setAttribute('aria-invalid', 'true');
    this.error.textContent = this.#o.t('zoneInvalid');
    this.error.hidden = false;
  }

  #choose(id, keepFocus = true) {
    this.#close();
    this.input.removeAttribute('aria-invalid');
    this.error.hidden = true;
    this.#o.onChoose(id);
    this.input.value = this.labelOf(id);
    if (keepFocus && this.#o.root.activeElement === this.input) this.input.select();
  }
}
