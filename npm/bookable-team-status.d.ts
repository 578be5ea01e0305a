// Types of `bookable-slots/team-status`: the <bookable-team-status> availability table.
//
//   import 'bookable-slots/team-status';                             // defines <bookable-team-status>
//   import { BookableTeamStatus } from 'bookable-slots/team-status'; // the class, for types and load()
//
// The element loads the engine from the package itself; a bundler copies bookable_bg.wasm and
// bookable-team-status.css (both are found with `new URL(…, import.meta.url)`).
import type { BookableError, ErrorCode, TeamStatusRequest, TeamStatusResponse } from './bookable.js';

/**
 * bookable-server's admin API (`/api/admin`), as the team's app calls it: resolves to the JSON
 * answer, rejects with an Error carrying the server's `status`, `code`, `path`, `message`.
 */
export type AdminApi = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<unknown>;

/** `bookable:change`: the table changed (first computed, a boundary passed, an action): SPEC §8's team status. */
export type ChangeDetail = TeamStatusResponse;

/** `bookable:error`: the team could not be loaded or computed. */
export interface ErrorDetail {
  code: ErrorCode | 'engine_failed' | 'load_failed' | string;
  path: string;
  message: string;
}

export interface BookableTeamStatusEventMap {
  'bookable:change': CustomEvent<ChangeDetail>;
  'bookable:error': CustomEvent<ErrorDetail>;
}

/**
 * `<bookable-team-status>`. Attributes: `team`, `manage`, `label`, `locale`, `timezone` (the
 * zone its times are shown in; default the browser's), `theme` (`light` | `dark`).
 */
export class BookableTeamStatus extends HTMLElement {
  /** Resolves once the engine is loaded. */
  static load(): Promise<void>;
  /** With `team`: the team is read from bookable-server's admin API through this function. */
  api: AdminApi | null;
  /** Or a SPEC §8 team status request (`now` is the clock's); a table without actions. */
  get request(): TeamStatusRequest | null;
  set request(request: Omit<TeamStatusRequest, 'now'> | null);
  /** Display names by member id (with `request`). */
  names: Record<string, string>;
  team: string | null;
  /** Offer a manager's actions (set Available/Away, release, assign next); needs `api`. */
  manage: boolean;
  /** The table shown: the engine's SPEC §8 team status at the last computation. */
  readonly status: TeamStatusResponse | null;
  /** Reads the team again. */
  refresh(): Promise<void>;

  addEventListener<K extends keyof BookableTeamStatusEventMap>(type: K, listener: (this: BookableTeamStatus, ev: BookableTeamStatusEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BookableTeamStatus, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BookableTeamStatusEventMap>(type: K, listener: (this: BookableTeamStatus, ev: BookableTeamStatusEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: BookableTeamStatus, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export type { BookableError };

declare global {
  interface HTMLElementTagNameMap {
    'bookable-team-status': BookableTeamStatus;
  }
  interface GlobalEventHandlersEventMap extends BookableTeamStatusEventMap {}
}
