// The browser and bundler entry of `bookable-slots`: the module wasm-bindgen writes for the web
// (bookable_web.js: `init()` / `initSync()` load bookable_bg.wasm) with `computeSlots` and
// `Scheduler#slots` building their responses in JS from the module's compact answer
// (expand.js), which is several times faster than creating every value from WebAssembly.
import { _computeSlotsCompact, Scheduler as CompactScheduler } from './bookable_web.js';
import { expandSlots } from './expand.js';

export { availabilityStatus, version, tzdataVersion, initSync, default } from './bookable_web.js';

/** The slots response (SPEC §5) for a slots request (SPEC §3). */
export function computeSlots(request) {
  return expandSlots(_computeSlotsCompact(request));
}

/** A page prepared once (a slots request without `range`), asked for many ranges. */
export class Scheduler extends CompactScheduler {
  /** The slots response for `[start, end)`; `now` defaults to the request's, else the current time. */
  slots(start, end, now) {
    return expandSlots(this._slotsCompact(start, end, now));
  }
}
