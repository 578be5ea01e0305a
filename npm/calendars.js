// The calendars entry of `bookable-slots` (`bookable-slots/calendars`) for browsers and bundlers:
// the whole API of the main entry, plus calendar sources in requests (`member.calendars`: ICS
// feeds, Google freeBusy and Graph getSchedule responses, SPEC §10) and `busyTimes`. Its
// WebAssembly module (calendars_bg.wasm) is the engine with the calendar reader: load it where
// feeds are read (a server, a worker, an owner's dashboard). A public booking page needs only
// the main entry, and should get busy times, not feeds (`publicRequest`).
import * as wasm from './calendars_web.js';
import { api } from './api.js';
import { requestText } from './request.js';

export { initSync, default } from './calendars_web.js';
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
