// Types of `bookable-slots/hours`: the <bookable-hours> (weekly working hours) and
// <bookable-overrides> (date overrides and time off) elements.
//
//   import 'bookable-slots/hours';                          // defines both elements
//   import { BookableHours } from 'bookable-slots/hours';   // the classes, for types
//
// They load the engine from the package itself (it checks the hours as they are typed); a
// bundler copies bookable_bg.wasm and bookable-hours.css (found with `new URL(…, import.meta.url)`).
import type { ErrorCode, Overrides, TimeOff, TimeZone, WeeklyHours } from './bookable.js';

/** `<bookable-hours>`'s value: SPEC §3's member `timezone` and `weekly` (days without hours left out). */
export interface HoursValue {
  timezone: TimeZone;
  weekly: WeeklyHours;
}

/** `<bookable-overrides>`'s value: SPEC §3's member `overrides` and `timeOff`. */
export interface OverridesValue {
  overrides: Overrides;
  timeOff: TimeOff[];
}

/**
 * The engine's objection to a value, SPEC §9, with the path inside the member (`weekly.mon[0]`,
 * `timezone`, `overrides.2026-12-24[0]`, `timeOff[1]`): what a server's answer says too.
 */
export interface HoursError {
  code: ErrorCode;
  path: string;
  message: string;
}

export interface BookableHoursEventMap {
  /** After every edit; the detail is the value (check `error` before saving it). */
  'bookable:change': CustomEvent<HoursValue>;
  'bookable:ready': CustomEvent<{ value: HoursValue }>;
}

export interface BookableOverridesEventMap {
  'bookable:change': CustomEvent<OverridesValue>;
}

/** `<bookable-hours>`. Attributes: `locale`, `timezone` (the zone before a value), `heading-level`, `theme`, `readonly`. */
export class BookableHours extends HTMLElement {
  /** Starts loading the engine and the stylesheet before an element is built. */
  static preload(): void;
  get value(): HoursValue;
  set value(value: HoursValue);
  /** The engine's objection to the value, or null. */
  readonly error: HoursError | null;
  /** Shows an error (a server's §9 answer) at its field; false when no field here has that path. */
  showError(error: HoursError): boolean;
  /** Focuses the first field marked invalid; false when there is none. */
  focusError(): boolean;

  addEventListener<K extends keyof BookableHoursEventMap>(type: K, listener: (this: BookableHours, ev: BookableHoursEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BookableHours, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** `<bookable-overrides>`. Attributes: `locale`, `timezone` (the member's: "today"), `heading-level`, `theme`, `readonly`. */
export class BookableOverrides extends HTMLElement {
  get value(): OverridesValue;
  set value(value: OverridesValue);
  readonly error: HoursError | null;
  showError(error: HoursError): boolean;
  focusError(): boolean;

  addEventListener<K extends keyof BookableOverridesEventMap>(type: K, listener: (this: BookableOverrides, ev: BookableOverridesEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BookableOverrides, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'bookable-hours': BookableHours;
    'bookable-overrides': BookableOverrides;
  }
}
