// Instants written for people at the engine's wall time in a zone (the engine converts, Intl only
// formats, as the picker does): the engine must be loaded (app.js loads it before any screen).
import { localDateTime } from '../pkg/bookable.js';

/** The browser's zone: the bookings list shows its days in it. */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

let locale = 'en';
/** The locale of dates and times (the interface text is English). */
export function setLocale(l) {
  locale = l;
}
/** The locale set by `setLocale`: the screens' elements are given it, so one screen is one language. */
export const appLocale = () => locale;

const wall = (instant, zone) => new Date(`${localDateTime(instant, zone)}:00Z`);
const fmt = (options) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });

/** `09:30` (or `9:30 AM`) at `instant` in `zone`. */
export const time = (instant, zone) => fmt({ timeStyle: 'short' }).format(wall(instant, zone));

/** The local date (`YYYY-MM-DD`) of `instant` in `zone`. */
export const dayKey = (instant, zone) => localDateTime(instant, zone).slice(0, 10);

/** A local date `YYYY-MM-DD` written out: `Monday, 7 December 2026`. */
export const dateText = (key, style = 'full') => fmt({ dateStyle: style }).format(new Date(`${key}T00:00:00Z`));

/** Date and time of `instant` in `zone`: `Mon, Dec 7, 09:30`. */
export const dateTime = (instant, zone) => fmt({ weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(wall(instant, zone));

/** Weekday and time of `instant` in `zone`: `Fri 09:00`. */
export const weekdayTime = (instant, zone) => fmt({ weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(wall(instant, zone));

/** A stretch `{start, end}` in `zone`: `09:00–12:30`, `all day`, `22:00–06:00 (next day)`. */
function stretch({ start, end }, zone) {
  const [a, b] = [localDateTime(start, zone), localDateTime(end, zone)];
  if (a.endsWith('T00:00') && b.endsWith('T00:00') && b.slice(0, 10) > a.slice(0, 10)) return 'all day';
  return `${time(start, zone)}–${time(end, zone)}${b.slice(0, 10) > a.slice(0, 10) ? ' (next day)' : ''}`;
}

/** Stretches `[{start, end}]` as `09:00–12:30, 13:30–17:30` in `zone`; '—' when none. */
export const stretches = (list, zone) => (list?.length ? list.map((s) => stretch(s, zone)).join(', ') : '—');
