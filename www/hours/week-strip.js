// The week drawn as a strip: a row per weekday, 00:00 to 24:00 in the reading direction, each
// stretch a bar (hours across midnight end on the next row; Sunday's on Monday's). The bars are
// SVG attributes, not inline styles (strict CSP); colours come from the stylesheet. It repeats
// what the fields say, so it is one labelled image.
import { h } from '../shared/dom.js';
import { WEEKDAYS, weekPieces, weekdayMs } from './times.js';

const NS = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs) => {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
};

export class WeekStrip {
  constructor() {
    this.node = h('div', { class: 'strip', part: 'week-strip', role: 'img' });
  }

  /** Draws `weekly`: `label` names the image, `weekday(ms)` a short weekday, `hour(min)` a tick. */
  render(weekly, { label, weekday, hour, rtl }) {
    this.node.setAttribute('aria-label', label);
    const pieces = weekPieces(weekly);
    const rows = WEEKDAYS.map((day) => {
      const bar = svg('svg', { class: 'strip-bar', viewBox: '0 0 1440 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
      for (const p of pieces.filter((x) => x.day === day)) {
        bar.append(svg('rect', { x: rtl ? 1440 - p.to : p.from, y: 0, width: p.to - p.from, height: 10, class: 'strip-on', 'data-day': day }));
      }
      return h('div', { class: 'strip-row', 'aria-hidden': 'true' }, h('span', { class: 'strip-day' }, weekday(weekdayMs(day))), bar);
    });
    const ticks = h('div', { class: 'strip-hours', 'aria-hidden': 'true' }, h('span'), h('span', { class: 'strip-ticks' }, ...[0, 360, 720, 1080, 1440].map((m) => h('span', {}, hour(m)))));
    this.node.replaceChildren(...rows, ticks);
  }
}
