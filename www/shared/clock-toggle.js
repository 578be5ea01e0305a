// The 12/24-hour switch: two toggle buttons (aria-pressed) in a labelled group. The visitor's
// choice is kept by the owner (format.js stores it); the switch shows it and reports a press.
import { h } from './dom.js';

export class ClockToggle {
  /** `{ t, num, onChange }`: `num` the locale's NumberFormat, `onChange('h12' | 'h23')`. */
  constructor({ t, num, onChange }) {
    this.h12 = h('button', { type: 'button', class: 'clock-option', part: 'clock-option', 'data-clock': 'h12' }, t('clockN', { n: num.format(12) }));
    this.h24 = h('button', { type: 'button', class: 'clock-option', part: 'clock-option', 'data-clock': 'h23' }, t('clockN', { n: num.format(24) }));
    this.group = h('div', { class: 'clock', role: 'group', 'aria-label': t('clockLabel'), part: 'clock' }, this.h12, this.h24);
    this.group.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button[data-clock]');
      if (btn) onChange(btn.dataset.clock);
    });
  }

  /** Shows `shown` ('h12' or 'h23') pressed. */
  render(shown) {
    for (const btn of [this.h12, this.h24]) btn.setAttribute('aria-pressed', String(btn.dataset.clock === shown));
  }
}
