// The Node entry of `bookable-slots`: the Node build of the WebAssembly module
// (bookable_node.js) is compiled synchronously on import, so nothing needs initialising.
// `init()` and `initSync()` exist (and do nothing) so that code shared with browsers, which must
// `await init()` first, runs unchanged in Node.
import * as wasm from './bookable_node.js';
import { api } from './api.js';

export const {
  computeSlots,
  availabilityStatus,
  Scheduler,
  version,
  tzdataVersion,
  localDateTime,
  timeZones,
} = api(wasm);

/** Resolves at once: in Node the module is ready as soon as it is imported. */
export default async function init() {}

/** Does nothing: in Node the module is ready as soon as it is imported. */
export function initSync() {}
