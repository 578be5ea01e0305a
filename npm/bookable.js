// The browser and bundler entry of `bookable-slots`: the module wasm-bindgen writes for the web
// (bookable_web.js: `init()` / `initSync()` load bookable_bg.wasm) with `computeSlots` and
// `Scheduler#slots` building their responses in JS from the module's compact answer
// (expand.js), which is several times faster than creating every value from WebAssembly.
import { _computeSlotsCompact, Scheduler as CompactScheduler } from './bookable_web.js';
import { expandSlots, slotsArgs, computeArgs } from './expand.js';

export { availabilityStatus, version, tzdataVersion, localDateTime, timeZones, initSync, default } from './bookable_web.js';

/**
 * The slots response (SPEC §5) for a slots request (SPEC §3); with `{ local: true }` each slot
 * also has `localStart` / `localEnd` in the viewer zone, from the engine's tz database.
 */
export function computeSlots(request, options) {
  return expandSlots(_computeSlotsCompact(request, computeArgs(options)));
}

/** A page prepared once (a slots request without `range`), asked for many ranges. */
export class Scheduler extends CompactScheduler {
  /**
   * The slots response for `[start, end)`. The third argument is `now` (default the request's,
   * else the current time) or `{ now?, viewerTimezone?, local? }`: `viewerTimezone` for this
   * call only, `local: true` for each slot's `localStart` / `localEnd` in that zone.
   */
  slots(start, end, nowOrOptions) {
    const [now, viewerTimezone, local] = slotsArgs(nowOrOptions);
    return expandSlots(this._slotsCompact(start, end, now, viewerTimezone, local));
  }
}
