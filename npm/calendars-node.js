// The calendars entry of `bookable-slots` for Node (`bookable-slots/calendars`): the Node build
// of the calendars WebAssembly module (calendars_node.js), compiled synchronously on import.
// The whole API of the main entry, plus `member.calendars` and `busyTimes` (SPEC §10).
import * as wasm from './calendars_node.js';
import { api } from './api.js';
import { requestText } from './request.js';

export const {
  computeSlots,
  availabilityStatus,
  publicRequest,
  checkSlot,
  Scheduler,
  version,
  tzdataVersion,
  localDateTime,
  timeZones,
} = api(wasm);

/** The busy times a calendar source yields over a range (SPEC §10). */
export function busyTimes(request) {
  return wasm.busyTimes(requestText(request));
}

/** Resolves at once: in Node the module is ready as soon as it is imported. */
export default async function init() {}

/** Does nothing: in Node the module is ready as soon as it is imported. */
export function initSync() {}
