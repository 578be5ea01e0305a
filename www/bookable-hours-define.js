// Registers <bookable-hours> (hours/element.js) and <bookable-overrides> (hours/overrides.js),
// where there are custom elements: importing this in Node defines nothing and throws nothing.
// With an element already in the page, the engine and the stylesheet start loading now.
import { BookableHours } from './hours/element.js';
import { BookableOverrides } from './hours/overrides.js';

if (typeof customElements !== 'undefined') {
  if (typeof document !== 'undefined' && document.querySelector('bookable-hours, bookable-overrides')) BookableHours.preload();
  if (!customElements.get('bookable-hours')) customElements.define('bookable-hours', BookableHours);
  if (!customElements.get('bookable-overrides')) customElements.define('bookable-overrides', BookableOverrides);
}

export { BookableHours, BookableOverrides };
