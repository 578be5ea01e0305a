// Working hours checked by the engine as they are typed: a §8 status request about one member
// (the cheapest request that reads `weekly`, `overrides` and `timeOff` exactly as a booking page
// does), its §9 error as `{ code, path, message }` with the path inside the member (`weekly.mon[0]`,
// `overrides.2026-12-24`, `timeZone`), or null.
import { availabilityStatus } from '../pkg/bookable.js';

const NOW = '2026-01-05T12:00:00Z'; // any instant: the hours are checked, not the status

/** The engine's first objection to a member's `{ timezone, weekly?, overrides?, timeOff? }`, or null. */
export function checkMember(member) {
  try {
    availabilityStatus({ now: NOW, member: { id: 'm', ...member } });
    return null;
  } catch (e) {
    const path = String(e.path || '').replace(/^member\.?/, '');
    return { code: e.code || 'invalid_value', path, message: e.message };
  }
}

/**
 * Which side of a refused pair is wrong: 'start', 'end' or 'both' (each side is checked by the
 * engine with the other side replaced by a good time).
 */
export function badSide([start, end]) {
  const ok = (pair) => !checkMember({ timezone: 'UTC', weekly: { mon: [pair] } });
  const startOk = ok([start, '12:00']);
  const endOk = ok(['12:00', end]);
  return startOk && !endOk ? 'end' : !startOk && endOk ? 'start' : 'both';
}

/** The text of an engine error at a field, and which side of its pair is wrong: `{ side, text }`. */
export function errorText(t, error, pair) {
  if (error.code === 'invalid_time') {
    const side = pair ? badSide(pair) : 'both';
    return { side, text: t(side === 'start' ? 'timeStart' : side === 'end' ? 'timeEnd' : 'timeFormat') };
  }
  if (error.code === 'limit_exceeded') return { side: 'both', text: t('tooMany') };
  if (error.code === 'invalid_timezone') return { side: 'both', text: t('zoneInvalid') };
  return { side: 'both', text: t('checkField') };
}
