// Types of `bookable-slots/picker`: the <bookable-picker> booking element.
//
//   import 'bookable-slots/picker';                        // defines <bookable-picker>
//   import { BookablePicker } from 'bookable-slots/picker'; // the class, for types and load()
//
// The element loads the engine from the package itself; a bundler copies bookable_bg.wasm and
// bookable-picker.css (both are found with `new URL(…, import.meta.url)`).
import type { BookableError, ErrorCode, Instant, LocalDate, LocalDateTime, SchedulerRequest, TimeZone } from './bookable.js';

/** A page configuration: the request without `range`, and display text. */
export interface PickerConfig {
  request: SchedulerRequest;
  /** The heading (default: "Book a meeting" in the visitor's language). */
  title?: string | null;
  description?: string | null;
  /** Display names of members by id (default: the id). */
  names?: Record<string, string>;
  /** Where bookings are POSTed (the reference server's `/bookings/<page>`); the `action` attribute wins. */
  action?: string | null;
  /**
   * The server's first slots, shown while the engine loads (an extension; bookable-server's page
   * answers carry it): every slot of `request` starting in [from, to), computed at `from`.
   */
  firstSlots?: { from: Instant; to: Instant; slots: { start: Instant; end: Instant; hosts: string[] }[] } | null;
}

/** One bookable time as the element shows it. */
export interface PickerSlot {
  start: Instant;
  end: Instant;
  /** Wall times in the visitor's zone, from the engine's tz database. */
  localStart: LocalDateTime;
  localEnd: LocalDateTime;
  hosts: string[];
}

/** `bookable:ready`: the calendar is shown (after each load). */
export interface ReadyDetail {
  timezone: TimeZone;
  locale: string;
  /** The month shown, `YYYY-MM`: the first with a free day. */
  month: string;
  /** The first day with a slot (visitor's zone), or null when there is none. */
  firstAvailable: LocalDate | null;
}

/**
 * `bookable:error`: the times could not be shown. Engine errors keep their code and path; the
 * element's own codes are `network_error`, `http_error` (with `status`), `invalid_config`,
 * `engine_failed` and `load_failed`.
 */
export interface ErrorDetail {
  code: ErrorCode | 'network_error' | 'http_error' | 'invalid_config' | 'engine_failed' | 'load_failed';
  path: string;
  message: string;
  status?: number;
}

/** `bookable:day`: a day was selected (by the visitor, or as the first free day of a month). */
export interface DayDetail {
  date: LocalDate;
  timezone: TimeZone;
  slots: PickerSlot[];
}

/** `bookable:month`: another month is shown. */
export interface MonthDetail {
  /** `YYYY-MM` */
  month: string;
  timezone: TimeZone;
  /** The month's days with a slot. */
  days: LocalDate[];
}

/** `bookable:timezone`: the times are now shown in another zone. */
export interface TimezoneDetail {
  timezone: TimeZone;
  previous: TimeZone;
  /** Minutes east of UTC now, by the engine (330 for Asia/Kolkata). */
  offset: number;
}

/** What the visitor typed in the details step (a page with an `action`). */
export interface Attendee {
  name: string;
  email: string;
  notes?: string;
}

/** The booking server's 201 answer: `{ booking }`. */
export interface Booking {
  uid: string;
  start: Instant;
  end: Instant;
  hosts: string[];
  names: string[];
  title: string;
}

/** `bookable:select`: the visitor confirmed a time (with an `action`: once it is booked). */
export interface SelectDetail {
  start: Instant;
  end: Instant;
  hosts: string[];
  /** Display names of `hosts` (the config's `names`, else the id). */
  names: string[];
  /** The event's title (the config's, else "Book a meeting" in the visitor's language). */
  title: string;
  /** Minutes. */
  duration: number;
  timezone: TimeZone;
  localStart: LocalDateTime;
  localEnd: LocalDateTime;
  /** With an `action`: who booked, and the server's booking. */
  attendee?: Attendee;
  booking?: Booking;
}

export interface BookablePickerEventMap {
  'bookable:ready': CustomEvent<ReadyDetail>;
  'bookable:error': CustomEvent<ErrorDetail>;
  'bookable:day': CustomEvent<DayDetail>;
  'bookable:month': CustomEvent<MonthDetail>;
  'bookable:timezone': CustomEvent<TimezoneDetail>;
  'bookable:select': CustomEvent<SelectDetail>;
}

/** The message a framed element (or embed.html) posts to its parent's `target-origin`. */
export type BookablePickerMessage =
  | { [K in keyof BookablePickerEventMap]: { type: K; detail: BookablePickerEventMap[K]['detail'] } }[keyof BookablePickerEventMap]
  | { type: 'bookable:resize'; detail: { height: number } };

/**
 * `<bookable-picker>`. Attributes: `src`, `action`, `locale`, `timezone`, `heading-level`, `theme`
 * (`light` | `dark`), `target-origin`.
 */
export class BookablePicker extends HTMLElement {
  /** Resolves once the engine is loaded; from then on setting an invalid `request` throws. */
  static load(): Promise<void>;
  /**
   * The slots request without `range`. Once the engine is loaded an invalid one throws a
   * `BookableError` (code, path, message) and changes nothing; before, it is reported by
   * `bookable:error`.
   */
  get request(): SchedulerRequest | null;
  set request(request: SchedulerRequest);
  get config(): PickerConfig | null;
  set config(config: PickerConfig | SchedulerRequest);
  /** The zone the times are shown in. */
  readonly timezone: TimeZone;
  /**
   * Where bookings are POSTed as `{ start, hosts, attendee }` (the attribute, else the config's
   * `action`). With one, a chosen time asks for name, email and notes and is booked there.
   */
  action: string | null;
  /** Reloads the configuration and the slots, keeping the visitor's day when it still has times. */
  refresh(): Promise<void>;

  addEventListener<K extends keyof BookablePickerEventMap>(type: K, listener: (this: BookablePicker, ev: BookablePickerEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BookablePicker, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BookablePickerEventMap>(type: K, listener: (this: BookablePicker, ev: BookablePickerEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BookablePicker, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export type { BookableError };

declare global {
  interface HTMLElementTagNameMap {
    'bookable-picker': BookablePicker;
  }
  // The events bubble out of the element (composed), so a document or a container hears them.
  interface GlobalEventHandlersEventMap extends BookablePickerEventMap {}
}
