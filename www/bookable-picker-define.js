// Registers <bookable-picker> (the class is picker/element.js), where there are custom elements:
// importing this in Node (a framework rendering pages on a server) defines nothing and throws
// nothing. With an element already in the page, the engine and the stylesheet start loading now.
import { BookablePicker } from './picker/element.js';

if (typeof customElements !== 'undefined' && !customElements.get('bookable-picker')) {
  if (typeof document !== 'undefined' && document.querySelector('bookable-picker')) BookablePicker.preload();
  customElements.define('bookable-picker', BookablePicker);
}

export { BookablePicker };
