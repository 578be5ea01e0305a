// The Node entry of `bookable-slots`: the WebAssembly module is compiled synchronously when
// bookable_node.js is imported, so nothing needs initialising. `init()` and `initSync()` exist
// (and do nothing) so that code shared with browsers, which must `await init()` first, runs
// unchanged in Node. `computeSlots` and `Scheduler#slots` build their responses in JS from the
// module's compact answer (expand.js), like the browser entry (bookable.js).
import { _computeSlotsCompact, Scheduler as CompactScheduler } from './bookable_node.js';
import { expandSlots, slotsArgs, computeArgs } from './expand.js';

export { availabilityStatus, version, tzdataVersion, localDateTime, timeZones } from './bookable_node.js';

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

/** Resolves at once: in Node the module is ready as soon as it is imported. */
export default async function init() {}

/** Does nothing: in Node the module is ready as soon as it is imported. */
export function initSync() {}
