// Types of `bookable-slots/calendars`: everything of the main entry (calendar sources are typed
// there, on `Member.calendars`), plus `busyTimes`. Its `init()` loads calendars_bg.wasm.
import type { BusyRequest, BusyResponse } from './bookable.js';

export * from './bookable.js';
export { default } from './bookable.js';

/**
 * The busy times a calendar source yields over a range (SPEC §10), as `bookable busy` prints
 * them: every busy interval that overlaps the range, merged, sorted and not cut, and the
 * parts of an ICS feed that were left out (`{line, message}`).
 * @throws {BookableError} `invalid_calendar` at `source` (the message names the line),
 * `limit_exceeded` at `source` past 200,000 intervals, and the request's own errors.
 */
export function busyTimes(request: BusyRequest | string): BusyResponse;
