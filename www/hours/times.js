// Local times of working hours (SPEC §1: `HH:MM`, `24:00` as an end only) and how a week of them
// lies on the clock (SPEC §4: a pair whose end is not after its start runs into the next day).

/** SPEC's weekday keys, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A weekday key's date in a week that began on Monday 2023-01-02, as ms (to format with Intl in UTC). */
export const weekdayMs = (key) => Date.UTC(2023, 0, 2 + WEEKDAYS.indexOf(key));

/** Minutes since midnight of `HH:MM` (00:00..24:00), or null. */
export function minutesOf(text) {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m || +m[2] > 59 || +m[1] > 24 || (+m[1] === 24 && +m[2] > 0)) return null;
  return +m[1] * 60 + +m[2];
}

/** `HH:MM` of minutes since midnight (0..1440). */
export const timeOf = (min) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * What a person types, as SPEC's `HH:MM` when it reads as a time: `9` → `09:00`, `930` → `09:30`,
 * `9:5` stays (the engine says why). Anything else is returned trimmed, for the engine to refuse.
 */
export function normalizeTime(text) {
  const s = String(text).trim().replace(/[.h]/, ':');
  let m = /^(\d{1,2})$/.exec(s);
  if (m) return `${m[1].padStart(2, '0')}:00`;
  m = /^(\d{1,2}):(\d{2})$/.exec(s) || /^(\d{1,2})(\d{2})$/.exec(s);
  if (m) return `${m[1].padStart(2, '0')}:${m[2]}`;
  return s;
}

/** Whether a pair runs into the next day (end not after start; `00:00`–`00:00` is a whole day). */
export function crossesMidnight([start, end]) {
  const a = minutesOf(start);
  const b = minutesOf(end);
  return a != null && b != null && b <= a && b !== 1440;
}

/**
 * A week's pieces on the clock: `{ day, from, to }` in minutes of that weekday (0..1440), a pair
 * crossing midnight split into its evening and the next day's morning (Sunday's into Monday's).
 * Pairs that are not valid times are left out.
 */
export function weekPieces(weekly) {
  const out = [];
  WEEKDAYS.forEach((day, i) => {
    for (const pair of (weekly && weekly[day]) || []) {
      const a = minutesOf(pair[0]);
      const b = minutesOf(pair[1]);
      if (a == null || b == null || a === 1440) continue;
      if (b > a) out.push({ day, from: a, to: b });
      else {
        out.push({ day, from: a, to: 1440 });
        if (b > 0) out.push({ day: WEEKDAYS[(i + 1) % 7], from: 0, to: b });
      }
    }
  });
  return out;
}
