// The browser and bundler entry of `bookable-slots`: the web build of the WebAssembly module
// (bookable_web.js), which `init()` (or `initSync()`) loads before the first call.
import * as wasm from './bookable_web.js';
import { api } from './api.js';

export { initSync, default } from './bookable_web.js';
export const {
  computeSlots,
  availabilityStatus,
  Scheduler,
  version,
  tzdataVersion,
  localDateTime,
  timeZones,
} = api(wasm);
