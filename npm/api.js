// The public API of `bookable-slots` over either build of the WebAssembly module (the web build,
// bookable_web.js, or the Node build, bookable_node.js): the two entry modules, bookable.js and
// node.js, differ only in which build they load and how it is initialised.
//
// Requests go in as JSON text (request.js); slots come back in a compact form that expand.js
// builds into the SPEC §5 objects, several times faster than creating every value from
// WebAssembly.
import { expandSlots, slotsArgs, computeArgs } from './expand.js';
import { requestText } from './request.js';

/** The coded error a freed Scheduler throws (SPEC §9's shape: `code`, `path`, `message`). */
function freedError() {
  const error = new Error('this Scheduler was freed');
  error.name = 'BookableError';
  error.code = 'invalid_value';
  error.path = '';
  return error;
}

/** The API functions and the Scheduler class over one build's exports. */
export function api(wasm) {
  /** A page prepared once (a slots request without `range`), asked for many ranges. */
  class Scheduler extends wasm.Scheduler {
    #freed = false;

    constructor(request) {
      super(requestText(request));
    }

    #live() {
      if (this.#freed) throw freedError();
    }

    /**
     * The slots response for `[start, end)`. The third argument is `now` (default the
     * request's, else the current time) or `{ now?, viewerTimezone?, local? }`.
     */
    slots(start, end, nowOrOptions) {
      this.#live();
      const [now, viewerTimezone, local] = slotsArgs(nowOrOptions);
      return expandSlots(this._slotsCompact(start, end, now, viewerTimezone, local));
    }

    /** Only the slot starts, a `Float64Array` of epoch ms. */
    slotStarts(start, end, now) {
      this.#live();
      return super.slotStarts(start, end, now);
    }

    /** Frees the engine's memory now (otherwise the garbage collector does); safe twice. */
    free() {
      if (this.#freed) return;
      this.#freed = true;
      super.free();
    }
  }
  if (Symbol.dispose) Scheduler.prototype[Symbol.dispose] = Scheduler.prototype.free;

  const server = wasm.publicRequest
    ? {
      /** The public request of a slots request (SPEC §11): what a public page may carry. */
      publicRequest(request) {
        return wasm.publicRequest(requestText(request));
      },
      /** Whether `start` is still offered by the request, who hosts it, and why not (SPEC §7). */
      checkSlot(request, start) {
        return wasm.checkSlot(requestText(request), start);
      },
    }
    : {};
  return {
    ...server,
    Scheduler,
    /** The slots response (SPEC §5) for a slots request (SPEC §3). */
    computeSlots(request, options) {
      return expandSlots(wasm._computeSlotsCompact(requestText(request), computeArgs(options)));
    },
    /** One member's status, or a team's (SPEC §8). */
    availabilityStatus(request) {
      return wasm.availabilityStatus(requestText(request));
    },
    version: wasm.version,
    tzdataVersion: wasm.tzdataVersion,
    localDateTime: wasm.localDateTime,
    timeZones: wasm.timeZones,
  };
}
