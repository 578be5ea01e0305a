// Types of the `bookable-slots` npm package: every request and response field of the scheduling
// contract (SPEC v1). Hand-written; tests/js/types.test.mjs keeps them in step with the engine
// (every fixture and every real response type-checks against them, and every field declared
// here is accepted by the engine).

// ---------------------------------------------------------------------------------------------
// Values (SPEC §1)

/**
 * An instant given to bookable: an RFC 3339 string with an offset
 * (`"2026-11-23T09:00:00Z"`, `"2026-11-23T10:00:00+01:00"`), or milliseconds since the Unix
 * epoch. A `Date` is accepted too (requests are read as `JSON.stringify` writes them, which
 * turns a `Date` into its ISO string). Years 1900..2200.
 */
export type InstantInput = string | number | Date;

/** An instant in a response: `"YYYY-MM-DDTHH:MM:SSZ"` (UTC). */
export type Instant = string;

/** A calendar date, `"YYYY-MM-DD"`. */
export type LocalDate = string;

/** A wall-clock time, `"HH:MM"` from `"00:00"` to `"23:59"`; `"24:00"` is allowed as an end. */
export type LocalTime = string;

/**
 * A wall-clock date and time in a named zone, `"YYYY-MM-DDTHH:MM"`, with `":SS"` only when the
 * seconds are not zero (zone offsets of the early 1900s); the form of an HTML
 * `datetime-local` value, readable by Temporal's `PlainDateTime.from`. Extension: not in the
 * SPEC.
 */
export type LocalDateTime = string;

/** An IANA time zone name (`"Europe/Paris"`); links such as `"Asia/Calcutta"` work; `"UTC"` too. */
export type TimeZone = string;

/** Working hours from `start` to `end` local time; `end <= start` crosses midnight. */
export type TimeSpan = [start: LocalTime, end: LocalTime];

/** Weekly hours: a missing day has no hours. */
export interface WeeklyHours {
  mon?: TimeSpan[];
  tue?: TimeSpan[];
  wed?: TimeSpan[];
  thu?: TimeSpan[];
  fri?: TimeSpan[];
  sat?: TimeSpan[];
  sun?: TimeSpan[];
}

/** Local date → the hours of that date, replacing the weekly hours; `[]` = not working. */
export type Overrides = Record<LocalDate, TimeSpan[]>;

/** A half-open interval of instants `[start, end)`; `end` must be after `start`. */
export interface Interval {
  start: InstantInput;
  end: InstantInput;
}

/** Inclusive local dates. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** Time off: whole local days (member's zone, inclusive) or an interval of instants. */
export type TimeOff = DateRange | Interval;

// ---------------------------------------------------------------------------------------------
// Slots request (SPEC §3)

/** The event type's rules. Durations are whole minutes. */
export interface EventRules {
  /** Meeting length, 1..1440 minutes. */
  duration: number;
  /** Minutes between possible starts, 1..1440; default `duration`. */
  step?: number;
  /** Free time needed before the meeting (against busy times and bookings), 0..1440. */
  bufferBefore?: number;
  /** Free time needed after the meeting (against busy times and bookings), 0..1440. */
  bufferAfter?: number;
  /** A slot must start at or after `now + minNotice` minutes, 0..525600. */
  minNotice?: number;
  /** Latest local date (page zone) as days after `now`'s local date, 0..3650. */
  maxDaysAhead?: number;
  /** Inclusive local dates (page zone) a slot's start date must fall in. */
  dateRange?: DateRange;
  /** The page's own weekly hours in the page zone; slots must also fit in them. */
  hours?: WeeklyHours;
  /** `false`: members count as working at all times (time off still applies). Default `true`. */
  respectWorkingHours?: boolean;
  /** No slot on a local date (page zone) fewer than this many days after `now`'s, 0..3650; `1` = no same-day bookings. Default 0. */
  minDaysAhead?: number;
  /** A member with this many bookings on the slot's local date (member's zone) is not free, 0..100000. */
  maxPerDay?: number;
  /** The same for the slot's Monday–Sunday week (member's zone), 0..100000. */
  maxPerWeek?: number;
  /** The same for the slot's calendar month (member's zone), 0..100000. */
  maxPerMonth?: number;
}

/** A member's own booking limits, each replacing the event's limit of the same name. */
export interface MemberLimits {
  maxPerDay?: number;
  maxPerWeek?: number;
  maxPerMonth?: number;
}

/**
 * A busy interval or booking, with its own buffers (minutes, 0..1440) widening it to
 * `[start − bufferBefore, end + bufferAfter)`. Defaults: 0 for `busy`, the event's buffers for
 * `bookings` (a booking keeps the page's buffers).
 */
export interface BusyItem extends Interval {
  bufferBefore?: number;
  bufferAfter?: number;
}

// ---------------------------------------------------------------------------------------------
// Calendar sources (SPEC §10): read by the `bookable-slots/calendars` entry

/** Whether a kind of calendar event counts: `"busy"` (the default) or `"free"`. */
export type BusyOrFree = "busy" | "free";

/**
 * An iCalendar file (RFC 5545) as text, as Google, Outlook/Exchange, iCloud, Zimbra or
 * Nextcloud export or publish it: every instance of every VEVENT that is not cancelled or
 * transparent, and every VFREEBUSY period that is not free, is busy.
 */
export interface IcsSource {
  ics: string;
  /** All-day (DATE) events: busy (default) or free. */
  allDay?: BusyOrFree;
  /** Tentative events (`STATUS:TENTATIVE`, Outlook's TENTATIVE busy status): busy (default) or free. */
  tentative?: BusyOrFree;
}

/** One calendar of a Google Calendar `freeBusy.query` response. */
export interface GoogleFreeBusyCalendar {
  busy?: Interval[];
  /** A calendar with errors is `invalid_calendar`: its busy times are unknown. */
  errors?: unknown[];
}

/** A Google Calendar `freeBusy.query` response: every `calendars.*.busy` interval is busy. */
export interface GoogleFreeBusyResponse {
  kind?: string;
  timeMin?: string;
  timeMax?: string;
  groups?: { [group: string]: unknown };
  calendars: { [calendarId: string]: GoogleFreeBusyCalendar };
}

export interface GoogleFreeBusySource {
  googleFreeBusy: GoogleFreeBusyResponse;
}

/** A wall-clock time in a zone, as Microsoft Graph writes it. */
export interface GraphDateTime {
  /** `"2026-03-23T09:30:00.0000000"`: local, no offset. */
  dateTime: string;
  /** An IANA name or a Windows zone name (`"Pacific Standard Time"`). */
  timeZone: string;
}

/** Busy: `busy`, `oof` and `tentative` (unless tentative time is free). */
export type GraphStatus = "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";

export interface GraphScheduleItem {
  status: GraphStatus;
  start: GraphDateTime;
  end: GraphDateTime;
  isPrivate?: boolean;
  subject?: string;
  location?: string;
}

/** One schedule of a getSchedule response; one with an `error` is `invalid_calendar`. */
export interface GraphScheduleInformation {
  scheduleId?: string;
  availabilityView?: string;
  scheduleItems?: GraphScheduleItem[];
  workingHours?: unknown;
  error?: unknown;
}

/** A Microsoft Graph `calendar/getSchedule` response. */
export interface GraphScheduleResponse {
  "@odata.context"?: string;
  value: GraphScheduleInformation[];
}

export interface GraphScheduleSource {
  graphSchedule: GraphScheduleResponse;
  /** Tentative items: busy (default) or free. */
  tentative?: BusyOrFree;
}

/** A calendar source of `Member.calendars` or of a busy request (SPEC §10). */
export type CalendarSource = IcsSource | GoogleFreeBusySource | GraphScheduleSource;

/** What `busyTimes` (and `bookable busy`) reads. */
export interface BusyRequest {
  source: CalendarSource;
  range: Range;
  /** The member's zone: floating times and all-day dates of an ICS feed are read in it. */
  timezone: TimeZone;
}

/** A part of an ICS feed that was left out (an event that cannot be read), by line from 1. */
export interface CalendarWarning {
  line: number;
  message: string;
}

/** What `busyTimes` answers: busy intervals merged, sorted and not cut; and the warnings. */
export interface BusyResponse {
  busy: Stretch[];
  warnings: CalendarWarning[];
}

/** `"collective"`: every member attends. `"roundRobin"`: required members plus a pool. */
export type TeamMode = "collective" | "roundRobin";

/** How roundRobin orders free members (SPEC §6). */
export type AssignmentOrder = "leastRecentlyBooked" | "balanced" | "priority";

export interface Team {
  /** Default `"collective"`. */
  mode?: TeamMode;
  /** roundRobin: how many non-required members must be free, 1..pool size; default 1. */
  minAvailable?: number;
  /** roundRobin: default `"leastRecentlyBooked"`. */
  assignment?: AssignmentOrder;
}

/** A member of a slots request. */
export interface Member {
  /** Unique, non-empty. */
  id: string;
  timezone: TimeZone;
  weekly?: WeeklyHours;
  overrides?: Overrides;
  timeOff?: TimeOff[];
  /** Busy intervals from calendars. */
  busy?: BusyItem[];
  /** Meetings already booked through this page: busy too; count for the limits and `balanced`. */
  bookings?: BusyItem[];
  /** This member's own limits, replacing the event's of the same name. */
  limits?: MemberLimits;
  /**
   * Calendar sources whose busy times count as `busy` items (SPEC §10), expanded over the range
   * asked. Read by the `bookable-slots/calendars` entry; the main entry's module reads none
   * (`invalid_calendar`). A status reads and ignores them.
   */
  calendars?: CalendarSource[];
  /**
   * Extension (public requests, SPEC §11): local dates (member zone) on which a booking limit is
   * reached; the member is not free for starts on them.
   */
  fullDates?: LocalDate[];
  /** Extension (public requests): bookings not listed in `bookings` that count for `balanced`. */
  bookingCount?: number;
  /** roundRobin: attends every meeting. Default `false`. */
  required?: boolean;
  /** `priority` assignment: highest first. Default 0. */
  priority?: number;
  /** `balanced` assignment: bookings ÷ weight; > 0, default 1. */
  weight?: number;
  lastBookedAt?: InstantInput;
}

/** `[start, end)`: slots whose start lies in it are returned; at most 366 days. */
export interface Range {
  start: InstantInput;
  end: InstantInput;
}

/** A slots request without `range`: what `new Scheduler(...)` takes. */
export interface SchedulerRequest {
  /** The instant the page is viewed; default the current time. */
  now?: InstantInput;
  /** The page's zone: slot grid, `maxDaysAhead`, `dateRange` and `event.hours` are read in it. */
  timezone: TimeZone;
  /** The zone `days` groups slots in; default `timezone`. */
  viewerTimezone?: TimeZone;
  event: EventRules;
  team?: Team;
  /** 1..500 members. */
  members: Member[];
  /** Ask why this start is or is not offered (SPEC §7). */
  explain?: InstantInput;
}

/** A slots request (SPEC §3). */
export interface SlotsRequest extends SchedulerRequest {
  range: Range;
}

// ---------------------------------------------------------------------------------------------
// Slots response (SPEC §5, §7)

export interface Slot {
  start: Instant;
  end: Instant;
  /** Who would attend if it were booked now. (Each slot has arrays of its own.) */
  hosts: string[];
  /** roundRobin only: every free non-required member, in assignment order. */
  candidates?: string[];
  /**
   * Extension (with `local: true`): the wall-clock start in the response's `timezone` (the
   * viewer zone), from bookable's own tz database. Its date is the `days` entry the slot is
   * counted in. Show this rather than converting `start` with `Intl`, whose zone data may be
   * older or newer than the engine's.
   */
  localStart?: LocalDateTime;
  /** Extension (with `local: true`): the wall-clock end in the response's `timezone`. */
  localEnd?: LocalDateTime;
}

/** One local date (viewer's zone) with at least one slot. */
export interface Day {
  date: LocalDate;
  count: number;
  first: Instant;
}

/** Slot-level reasons a start is not offered. */
export type SlotReason =
  | "offGrid"
  | "outsideRange"
  | "minNotice"
  | "minDaysAhead"
  | "beyondMaxDaysAhead"
  | "outsideDateRange"
  | "outsidePageHours"
  | "team";

/** Member-level reasons a member is not free. */
export type MemberReason =
  | "timeOff"
  | "outsideWorkingHours"
  | "busy"
  | "buffer"
  | "maxPerDay"
  | "maxPerWeek"
  | "maxPerMonth";

export interface MemberExplanation {
  id: string;
  free: boolean;
  reasons: MemberReason[];
}

export interface Explanation {
  start: Instant;
  offered: boolean;
  reasons: SlotReason[];
  members: MemberExplanation[];
  /** When offered: who would attend, exactly as the slot's `hosts`. */
  hosts?: string[];
  /** When offered on a roundRobin page: the slot's `candidates`. */
  candidates?: string[];
}

export interface SlotsResponse {
  /** The zone `days` (and `localStart` / `localEnd`) are in, spelled as the request gave it. */
  timezone: TimeZone;
  /** Every offered slot, by start ascending. */
  slots: Slot[];
  days: Day[];
  /** Present when the request had `explain`. */
  explanation?: Explanation;
}

// ---------------------------------------------------------------------------------------------
// Availability status (SPEC §8)

export type Availability = "available" | "away";

/** A status the member chose by hand; it holds until the next working-hours boundary. */
export interface ManualStatus {
  status: Availability;
  since: InstantInput;
  /** Why, in the member's words; `null` or absent when none was given. */
  reason?: string | null;
}

export interface Capacity {
  max: number;
  assigned: number;
}

/**
 * The member of a status request. It may also carry the slots-only fields of `Member` (so one
 * member object serves both requests); they are validated and do not change the status.
 */
export interface StatusMember extends Member {
  /** A status chosen by hand. */
  manual?: ManualStatus;
  /** `eligible` also needs `assigned < max`. */
  capacity?: Capacity;
  /** Team status: when the member last got a conversation (missing = earliest). */
  lastAssignedAt?: InstantInput;
}

/** One member's status. */
export interface StatusRequest {
  now?: InstantInput;
  member: StatusMember;
}

/** Who gets the next conversation: longest since `lastAssignedAt`, or lowest `assigned / max`. */
export type StatusAssignment = "roundRobin" | "leastLoaded";

/** A team's availability table and who gets the next conversation (1..500 unique ids). */
export interface TeamStatusRequest {
  now?: InstantInput;
  members: StatusMember[];
  /** Default `"roundRobin"`. */
  assignment?: StatusAssignment;
}

/** A stretch of working time. */
export interface Stretch {
  start: Instant;
  end: Instant;
}

export interface StatusResponse {
  status: Availability;
  source: "manual" | "schedule";
  /** The manual reason, or `"timeOff"` / `"outsideWorkingHours"` for a scheduled away. */
  reason: string | null;
  /** The next automatic change within 14 days. */
  until: Instant | null;
  /** Available and, with `capacity`, `assigned < max`. */
  eligible: boolean;
  /** The member's working time (after time off) on the member's local date of `now`. */
  hoursToday: Stretch[];
}

/** One row of a team status. */
export interface MemberStatus extends StatusResponse {
  id: string;
}

export interface TeamStatusResponse {
  /** Every member, in request order. */
  members: MemberStatus[];
  /** The eligible member who gets the next conversation; `null` when nobody is eligible. */
  next: string | null;
}

// ---------------------------------------------------------------------------------------------
// Errors (SPEC §9)

export type ErrorCode =
  | "invalid_json"
  | "missing_field"
  | "unknown_field"
  | "invalid_instant"
  | "invalid_date"
  | "invalid_time"
  | "invalid_timezone"
  | "invalid_interval"
  | "invalid_value"
  | "invalid_calendar"
  | "limit_exceeded";

/** What every function here throws on bad input. */
export interface BookableError extends Error {
  name: "BookableError";
  code: ErrorCode;
  /** Where: `""` for the whole input, else like `"members[2].weekly.mon[0]"`. */
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Options and zone helpers (extensions: not in the SPEC)

/** Options of `computeSlots`. */
export interface ComputeSlotsOptions {
  /** `true`: each slot also gets `localStart` and `localEnd` in the viewer zone. Default `false`. */
  local?: boolean;
}

/** Options of `Scheduler#slots` (the third argument, instead of a bare `now`). */
export interface SlotsOptions {
  /** The instant the page is viewed; default the request's `now`, else the current time. */
  now?: InstantInput;
  /**
   * The viewer zone for this call (`days`, `timezone`, `localStart` / `localEnd`); default the
   * request's `viewerTimezone`, else its `timezone`. An unknown name throws `invalid_timezone`
   * at path `viewerTimezone`.
   */
  viewerTimezone?: TimeZone;
  /** `true`: each slot also gets `localStart` and `localEnd` in the viewer zone. Default `false`. */
  local?: boolean;
}

/** The names of bookable's tz database (`timeZones()`). */
export interface TimeZones {
  /** Every canonical zone (an IANA Zone, e.g. `"Asia/Kolkata"`, `"Etc/UTC"`), sorted. */
  names: TimeZone[];
  /** Every other accepted name (an IANA Link, e.g. `"Asia/Calcutta"`, `"UTC"`) → its zone in `names`. */
  links: Record<TimeZone, TimeZone>;
}

// ---------------------------------------------------------------------------------------------
// Functions

/**
 * The bookable slots for a request. A string is read as JSON text. With `{ local: true }`
 * each slot also has `localStart` / `localEnd` in the viewer zone.
 * @throws {BookableError} also `unknown_field` at `options.<name>` for an unknown option and
 * `invalid_value` at `options.local` when it is not a boolean.
 */
export function computeSlots(request: SlotsRequest | string, options?: ComputeSlotsOptions): SlotsResponse;

/**
 * Whether one member is Available or Away at `now` (a request with `member`), or a team's
 * availability table and who gets the next conversation (a request with `members`). A string
 * is read as JSON text and answered in the shape its JSON asks for.
 * @throws {BookableError} `invalid_value` at `members` for a request with both `member` and
 * `members`; `missing_field` at `member` with neither.
 */
export function availabilityStatus(request: StatusRequest): StatusResponse;
export function availabilityStatus(request: TeamStatusRequest): TeamStatusResponse;
export function availabilityStatus(request: string): StatusResponse | TeamStatusResponse;

/** The version of bookable. */
export function version(): string;

/** The IANA time zone database compiled in, e.g. `"2026f"`. */
export function tzdataVersion(): string;

/**
 * Extension: the wall-clock date and time of `instant` in `timeZone` by bookable's own tz
 * database (the offsets its slots are computed with), e.g. `"2026-12-01T09:00"`.
 * @throws {BookableError} `invalid_instant` at path `instant`, `invalid_timezone` at path `timeZone`.
 */
export function localDateTime(instant: InstantInput, timeZone: TimeZone): LocalDateTime;

/**
 * Extension: every zone name bookable's tz database accepts, for zone pickers and for reading
 * the name a browser reports: canonical zones, and each link with the zone it resolves to.
 * A new object on every call.
 */
export function timeZones(): TimeZones;

/**
 * A page prepared once and asked for many ranges (a booking page moving month to month).
 * Call `free()` when done; otherwise it is freed when garbage-collected.
 */
export class Scheduler {
  /** @throws {BookableError} */
  constructor(request: SchedulerRequest | string);
  /**
   * The slots response for `[start, end)`; `now` defaults to the request's `now`, else the
   * current time.
   * @throws {BookableError}
   */
  slots(start: InstantInput, end: InstantInput, now?: InstantInput): SlotsResponse;
  /**
   * The slots response for `[start, end)` with per-call options: `now`, the viewer zone of this
   * call, and `local: true` for each slot's `localStart` / `localEnd` in it.
   * @throws {BookableError} also `unknown_field` at `options.<name>` for an unknown option.
   */
  slots(start: InstantInput, end: InstantInput, options: SlotsOptions): SlotsResponse;
  /**
   * Only the slot starts, as epoch milliseconds (the same starts `slots` returns).
   * @throws {BookableError}
   */
  slotStarts(start: InstantInput, end: InstantInput, now?: InstantInput): Float64Array;
  /** Frees the prepared page now (it is also freed when garbage-collected). */
  free(): void;
}

// ---------------------------------------------------------------------------------------------
// Loading (browsers and bundlers; in Node both resolve at once and do nothing)

/**
 * A global class's instance type when the environment's types declare it (the DOM library, or
 * @types/node), else `never`: so these types compile in browser and Node-only setups alike.
 */
type GlobalInstance<K extends string> = typeof globalThis extends Record<K, { prototype: infer T }> ? T : never;

/** A compiled `WebAssembly.Module`. */
export type CompiledModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;

/** Where to load the module from: a URL, a fetch `Response`, bytes or a compiled module. */
export type InitInput =
  | string
  | GlobalInstance<"URL">
  | GlobalInstance<"Request">
  | GlobalInstance<"Response">
  | ArrayBuffer
  | ArrayBufferView
  | CompiledModule;

/** Bytes or a compiled module, for `initSync`. */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | CompiledModule;

/**
 * Loads the WebAssembly module; await it once before any other call in a browser. Without an
 * argument it fetches `bookable_bg.wasm` next to the package's JS (bundlers such as Vite copy
 * it). Calling it again is harmless.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<unknown>;

/** Loads the module synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(module: { module: SyncInitInput }): unknown;
