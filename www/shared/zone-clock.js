// Zones' offsets and local times now, by the engine (its tz data, not the browser's): for the zone
// combobox ("UTC+5:30", "9:41 PM") and the `bookable:timezone` event.
import { bookable } from './engine.js';
import { wallMs } from './format.js';

const localDateTime = (ms, zone) => bookable().localDateTime(ms, zone);

export class ZoneClock {
  #now;
  #offsets = new Map(); // zone → minutes east of UTC, for #minute
  #minute = NaN;

  /** `now()`: the instant (ms) "now" is — a page's fixed `now`, else the clock. */
  constructor(now = Date.now) {
    this.#now = now;
  }

  /** Minutes east of UTC of a zone now (cached for the current minute). */
  offsetOf(id) {
    const minute = Math.floor(this.#now() / 60e3);
    if (minute !== this.#minute) {
      this.#offsets.clear();
      this.#minute = minute;
    }
    let o = this.#offsets.get(id);
    if (o === undefined) {
      o = Math.round((wallMs(localDateTime(minute * 60e3, id)) - minute * 60e3) / 60e3);
      this.#offsets.set(id, o);
    }
    return o;
  }

  /** The zone's wall time now, `YYYY-MM-DDTHH:MM`. */
  wallNow(id) {
    return localDateTime(this.#now(), id);
  }
}
