// The day's times: a list of buttons, one per slot (its wall time in the visitor's zone, with the
// host in round robin), under "Available times on …"; with no day chosen, a hint, or "No
// available times in …" and a button to the next day with times. When the list scrolls and more
// times are below, a fade with an arrow says so at its lower edge (decorative: the list's items are
// all in the accessibility tree; the arrow scrolls a page down for a mouse).
import { chevronDown, h } from '../shared/dom.js';
import { PlainDate } from '../shared/plain-date.js';

export class DayTimes {
  #o;
  #scrolled = false;
  #below = null; // IntersectionObserver of the last time, inside the list

  /**
   * `{ t, formats, heading, onPick, onNextAvailable }`: `heading` the heading's tag, `formats()`
   * the Formats in force, `onPick(start)` a time was chosen (its instant, as the engine wrote it),
   * `onNextAvailable(date)` the "next available" button was pressed.
   */
  constructor(options) {
    this.#o = options;
    this.heading = h(options.heading, { class: 'slots-heading', id: 'slots-heading', part: 'slots-heading', 'aria-live': 'polite' });
    this.list = h('ul', { class: 'slot-list', part: 'slot-list', 'aria-labelledby': 'slots-heading' });
    this.empty = h('p', { class: 'empty', part: 'empty' });
    this.nextAvailable = h('button', { type: 'button', class: 'secondary next-available', part: 'button next-available' });
    this.more = h('div', { class: 'more-times', part: 'more-times', 'aria-hidden': 'true', hidden: true }, chevronDown());
    this.scroller = h('div', { class: 'slot-scroll' }, this.list, this.more);
    this.section = h('div', { class: 'slots', part: 'slots' }, h('div', { class: 'slots-inner' }, this.heading, this.empty, this.nextAvailable, this.scroller));
    this.more.addEventListener('click', () => this.list.scrollBy({ top: this.list.clientHeight * 0.8, behavior: 'smooth' }));

    // the list is scrolled back to the top for another day only if it was scrolled: setting
    // scrollTop forces a layout, which on the first render held up the first paint
    this.list.addEventListener('scroll', () => {
      this.#scrolled = this.list.scrollTop > 0;
    }, { passive: true });
    this.list.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button[data-start]');
      if (btn) options.onPick(btn.dataset.start);
    });
    this.nextAvailable.addEventListener('click', () => {
      const key = this.nextAvailable.dataset.date;
      if (key) options.onNextAvailable(PlainDate.from(key));
    });
  }

  /**
   * Shows the times of `date` (a PlainDate, or null when no day is chosen): `slots` its slots,
   * `hostLabel(slot)` the "with …" text of a slot or null; with no day, `month` and whether it
   * has days with times, and `nextAvailable()` the first later day with times (or null).
   */
  render({ date, slots = [], hostLabel = () => null, month, monthHasDays, nextAvailable }) {
    const f = this.#o.formats();
    const t = this.#o.t;
    this.heading.hidden = !date;
    this.heading.textContent = date ? t('slotsOn', { date: f.dayShort.format(date.utcMs) }) : '';
    this.empty.hidden = !!date;
    this.nextAvailable.hidden = true;
    if (!date) {
      if (monthHasDays) this.empty.textContent = t('pickDay');
      else {
        this.empty.textContent = t('noSlotsMonth', { month: f.month.format(month.utcMs + 14 * 86400e3) });
        const next = nextAvailable();
        if (next) {
          this.nextAvailable.hidden = false;
          this.nextAvailable.dataset.date = next.toString();
          this.nextAvailable.textContent = t('nextAvailable', { date: f.dayShort.format(next.utcMs) });
        }
      }
      this.list.replaceChildren();
      this.#watchEnd();
      return;
    }
    const items = slots.map((s) => {
      const btn = h('button', { type: 'button', class: 'slot', part: 'slot', 'data-start': s.start, 'data-end': s.end },
        h('span', { class: 'time', part: 'slot-time' }, f.wallTime(s.localStart)));
      const host = hostLabel(s);
      if (host != null) btn.append(h('bdi', { class: 'host', part: 'slot-host', title: host }, host));
      return h('li', {}, btn);
    });
    this.list.replaceChildren(...items);
    if (this.#scrolled) {
      this.list.scrollTop = 0;
      this.#scrolled = false;
    }
    this.#watchEnd();
  }

  /**
   * The cue for more times below: shown while the last time is not wholly inside the list's
   * scrolled box. An IntersectionObserver tells it without a forced layout (nothing is measured
   * here, and a list that does not overflow never shows it).
   */
  #watchEnd() {
    this.#below?.disconnect();
    const last = this.list.lastElementChild;
    this.more.hidden = true;
    if (!last || last.classList.contains('skeleton') || typeof IntersectionObserver !== 'function') return;
    this.#below ??= new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      this.more.hidden = !entry.rootBounds || entry.intersectionRatio > 0.98;
    }, { root: this.list, threshold: [0, 0.25, 0.5, 0.75, 0.98, 1] });
    this.#below.observe(last);
  }

  /** While loading: a heading's place and six placeholder rows. */
  renderSkeleton() {
    this.heading.hidden = false;
    this.heading.textContent = '';
    this.empty.hidden = true;
    this.nextAvailable.hidden = true;
    this.list.replaceChildren(...Array.from({ length: 6 }, () => h('li', { class: 'skeleton', part: 'skeleton' })));
    this.#watchEnd();
  }

  /** Focuses the button of the time starting at `start`; false if it is not shown. */
  focusTime(start) {
    const btn = start && this.list.querySelector(`button[data-start="${start}"]`);
    if (btn) btn.focus();
    return !!btn;
  }

  /** Phone: after a tap, the times into view unless the first is wholly visible (iframes too). */
  reveal() {
    const first = this.list.firstElementChild;
    if (!first || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(([entry]) => {
      io.disconnect();
      if (entry.intersectionRatio > 0.99) return;
      const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.section.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
    }, { threshold: [0, 1] });
    io.observe(first);
  }
}
