// <bookable-picker>, the entry a page loads (`<script type="module" src="…/bookable-picker.js">`,
// `import 'bookable-slots/picker'`): defines the element and exports its class. The class alone,
// without defining it, is picker/element.js. The package ships this entry with everything it
// imports joined into one module (scripts/bundle-element.mjs).
export { BookablePicker } from './bookable-picker-define.js';
