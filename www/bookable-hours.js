// <bookable-hours> and <bookable-overrides>, the entry a page loads (`import 'bookable-slots/hours'`):
// defines the elements and exports their classes. The package ships it with everything it
// imports joined into one module (scripts/bundle-element.mjs).
export { BookableHours, BookableOverrides } from './bookable-hours-define.js';
