// Registers <bookable-team-status> (the class is team-status/element.js), where there are custom
// elements: importing this in Node defines nothing and throws nothing. With an element already in
// the page, the engine and the stylesheet start loading now.
import { BookableTeamStatus } from './team-status/element.js';

if (typeof customElements !== 'undefined' && !customElements.get('bookable-team-status')) {
  if (typeof document !== 'undefined' && document.querySelector('bookable-team-status')) BookableTeamStatus.preload();
  customElements.define('bookable-team-status', BookableTeamStatus);
}

export { BookableTeamStatus };
