// "Copy to other days": a disclosure under a weekday with a checkbox per other weekday, Apply and
// Cancel. Escape or Cancel closes it and gives focus back to its button.
import { h } from '../shared/dom.js';
import { WEEKDAYS, weekdayMs } from './times.js';

export class CopyDays {
  /** `{ t, id, day, label, weekdayLong(ms), onApply(days) }`. */
  constructor({ t, id, day, label, weekdayLong, onApply }) {
    this.button = h('button', { type: 'button', class: 'copy', part: 'copy-button', 'aria-expanded': 'false', 'aria-controls': `${id}-copy`, 'aria-label': `${t('copy')}, ${label}` }, t('copy'));
    this.boxes = WEEKDAYS.filter((d) => d !== day).map((d) => {
      const box = h('input', { type: 'checkbox', id: `${id}-copy-${d}`, value: d });
      return { day: d, box, node: h('label', { class: 'copy-day', for: `${id}-copy-${d}` }, box, weekdayLong(weekdayMs(d))) };
    });
    const apply = h('button', { type: 'button', class: 'apply', part: 'apply-button' }, t('apply'));
    const cancel = h('button', { type: 'button', class: 'cancel', part: 'cancel-button' }, t('cancel'));
    this.panel = h('fieldset', { class: 'copy-panel', id: `${id}-copy`, part: 'copy-panel', hidden: true },
      h('legend', {}, t('copyTo', { day: label })), h('div', { class: 'copy-days' }, ...this.boxes.map((b) => b.node)), h('div', { class: 'actions' }, apply, cancel));
    this.button.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    cancel.addEventListener('click', () => this.close());
    apply.addEventListener('click', () => {
      const days = this.boxes.filter((b) => b.box.checked).map((b) => b.day);
      this.close();
      if (days.length) onApply(days);
    });
    this.panel.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        this.close();
      }
    });
  }

  open() {
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    for (const b of this.boxes) b.box.checked = false;
    this.boxes[0].box.focus();
  }

  close() {
    const had = this.panel.contains(this.panel.getRootNode().activeElement);
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (had) this.button.focus();
  }
}
