// Types of `bookable-slots/calendars`: everything of the main entry (calendar sources are typed
// there, on `Member.calendars`), plus what a server needs: `busyTimes`, `publicRequest` and
// `checkSlot`. Its `init()` loads calendars_bg.wasm.
import type { BusyRequest, BusyResponse, Explanation, InstantInput, SchedulerRequest, SlotsRequest } from './bookable.js';

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

/**
 * The public request of a slots request (SPEC §11; its `range` is the horizon it serves): the
 * same slots, hosts, candidates and days for every `now` and range inside the horizon, without
 * busy-item details, bookings, calendars or meeting times. Serve this to a public page.
 * @throws {BookableError} `missing_field` at `range` without one, and the request's errors.
 */
export function publicRequest(request: SlotsRequest | string): SlotsRequest;

/**
 * A server's booking check (SPEC §7): whether `start` is still offered by the request (its
 * `range` and `explain` are replaced by the one minute from `start`), who would host it
 * (`hosts`, `candidates` when offered), and every reason it is not.
 * @throws {BookableError} `invalid_instant` at `start`, and the request's errors.
 */
export function checkSlot(request: SchedulerRequest | string, start: InstantInput): Explanation;
