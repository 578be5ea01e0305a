// One list of working-hours stretches (a weekday's, or a date's in <bookable-overrides>): a row
// per `[start, end]` pair with its two time fields, a "next day" mark for hours across midnight,
// a remove button and the row's error; "+ Add hours" below. The owner keeps the pairs and is told
// of each edit; the fields are only rebuilt when rows come or go (typing keeps its focus).
import { h } from '../shared/dom.js';
import { crossesMidnight, minutesOf, normalizeTime, timeOf } from './times.js';

export class Stretches {
  #o;
  #pairs = [];
  #rows = [];

  /**
   * `{ t, id, label, onChange(pairs, structural) }`: `id` a prefix unique in the shadow root,
   * `label` the day's name as fields say it ("Monday", "24 December").
   */
  constructor(options) {
    this.#o = options;
    const { t, label } = options;
    this.list = h('ul', { class: 'stretches', part: 'stretches', role: 'list' });
    this.empty = h('p', { class: 'unavailable', part: 'unavailable' }, t('unavailable'));
    this.add = h('button', { type: 'button', class: 'add', part: 'add-button', 'aria-label': t('addHoursTo', { day: label }) }, t('addHours'));
    this.node = h('div', { class: 'day-body' }, this.empty, this.list); // `add` is placed by the owner
    this.add.addEventListener('click', () => {
      const last = this.#pairs[this.#pairs.length - 1];
      const from = last ? minutesOf(last[1]) : null;
      const pair = from != null && from < 1380 ? [timeOf(from + 60), timeOf(Math.min(1440, from + 120))] : ['09:00', '17:00'];
      this.#pairs = [...this.#pairs, pair];
      this.#changed(true);
      this.#rows[this.#rows.length - 1].start.focus();
    });
  }

  /** The pairs as typed (normalized: `9` reads `09:00`). */
  get pairs() {
    return this.#pairs.map((p) => [...p]);
  }

  /** Shows `pairs` (rebuilds the rows). */
  render(pairs) {
    this.#pairs = pairs.map((p) => [...p]);
    const { t, id, label } = this.#o;
    this.#rows = this.#pairs.map((pair, i) => {
      const n = i + 1;
      const errId = `${id}-${i}-error`;
      const field = (side, k) => {
        const input = h('input', {
          type: 'text', class: `time ${side}`, part: `time-input ${side}-input`, inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false',
          maxlength: '5', size: '5', placeholder: 'HH:MM', 'aria-label': t(side === 'start' ? 'startOf' : 'endOf', { day: label, n }),
          'aria-describedby': errId,
        });
        input.value = pair[k];
        input.addEventListener('input', () => {
          this.#pairs[i][k] = normalizeTime(input.value);
          this.#changed(false);
        });
        input.addEventListener('change', () => {
          if (input.value !== this.#pairs[i][k]) input.value = this.#pairs[i][k];
        });
        return input;
      };
      const start = field('start', 0);
      const end = field('end', 1);
      const next = h('span', { class: 'next-day', part: 'next-day' }, t('nextDay'));
      const remove = h('button', { type: 'button', class: 'remove', part: 'remove-button', 'aria-label': t('removeLabel', { day: label, start: pair[0], end: pair[1] }), title: t('remove') }, '×');
      remove.addEventListener('click', () => {
        this.#pairs = this.#pairs.filter((_, j) => j !== i);
        this.#changed(true);
        const rows = this.#rows;
        (rows[Math.min(i, rows.length - 1)]?.start ?? this.add).focus();
      });
      const error = h('p', { class: 'field-error', id: errId, part: 'field-error', hidden: true });
      const row = h('li', { class: 'stretch', part: 'stretch' }, h('span', { class: 'pair' }, start, h('span', { class: 'dash', 'aria-hidden': 'true' }, '–'), end, next), remove, error);
      return { row, start, end, next, remove, error };
    });
    this.list.replaceChildren(...this.#rows.map((r) => r.row));
    this.empty.hidden = this.#pairs.length > 0;
    this.#marks();
  }

  /** Shows an error at pair `index` (`side` 'start' | 'end' | 'both'), or clears every error. */
  setError(index = -1, side = 'both', text = '') {
    this.#rows.forEach((r, i) => {
      const on = i === index;
      for (const [input, s] of [[r.start, 'start'], [r.end, 'end']]) {
        if (on && (side === 'both' || side === s)) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
      r.error.hidden = !on;
      r.error.textContent = on ? text : '';
    });
  }

  /** The first field (for focus after a copy), or the add button. */
  first() {
    return this.#rows[0]?.start ?? this.add;
  }

  #marks() {
    const { t, label } = this.#o;
    this.#rows.forEach((r, i) => {
      const p = this.#pairs[i];
      r.next.hidden = !crossesMidnight(p);
      r.remove.setAttribute('aria-label', t('removeLabel', { day: label, start: p[0], end: p[1] }));
    });
  }

  #changed(structural) {
    if (structural) this.render(this.#pairs);
    else this.#marks();
    this.#o.onChange(this.pairs, structural);
  }
}

/** An element's `readonly` (hours/element.js, hours/overrides.js): the fields can be read and copied, not changed; the buttons that change are off. */
export function readOnly(root) {
  for (const input of root.querySelectorAll('input')) input.readOnly = true;
  for (const button of root.querySelectorAll('button:not(.nav)')) button.disabled = true;
}
