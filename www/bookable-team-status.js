// <bookable-team-status>, the entry a page loads (`import 'bookable-slots/team-status'`): defines
// the element and exports its class. The package ships it with everything it imports joined into
// one module (scripts/bundle-element.mjs).
export { BookableTeamStatus } from './bookable-team-status-define.js';
