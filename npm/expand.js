// Turns the compact slots response of the WebAssembly module (see `compact` in wasm/src/lib.rs)
// into the plain objects of SPEC §5: `{ timezone, slots: [{ start, end, hosts, candidates? }],
// days, explanation? }`. Shared by the browser entry (bookable.js) and the Node entry (node.js).
//
// Why here: creating each slot's strings and arrays from WebAssembly is one boundary call per
// value (~60,000 for a 50-member team over a month), several times the engine's own time.
// Here every member id is a string made once, and instants are formatted with a cached
// per-day prefix.
//
// Every slot gets arrays of its own (as before): a group's array is built for its first slot
// and copied with `slice()` for the others, so changing one slot's `hosts` never changes
// another's. Measured on bench/scenarios/2-team.json (2304 slots, 3862 groups): 0.28 ms for
// the whole expansion, 0.015 ms of it for the copies, against sharing (frozen) arrays.

const DAY = 86_400_000;
const NO_GROUP = 0xffffffff;

/** `"00"` … `"59"`. */
const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + i);
/** `"HH:MM:00Z"` by minute of the day, made on first use (slot instants are whole minutes). */
const MINUTE_SUFFIX = new Array(1440);

/**
 * `YYYY-MM-DDT` of the UTC day `days` after 1970-01-01, as the engine writes it (`{y:04}`;
 * civil_from_days of src/instant.rs).
 */
function datePrefix(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const year = y < 0 ? '-' + String(-y).padStart(3, '0') : String(y).padStart(4, '0');
  return year + '-' + TWO[m] + '-' + TWO[d] + 'T';
}

/**
 * A formatter of epoch ms as `YYYY-MM-DDTHH:MM:SSZ` (milliseconds dropped, like the engine),
 * remembering the last day's prefix: slots come in order, so it changes about once a day.
 */
function instantFormatter() {
  let day = NaN;
  let prefix = '';
  return (ms) => {
    const d = Math.floor(ms / DAY);
    if (d !== day) {
      day = d;
      prefix = datePrefix(d);
    }
    const s = Math.floor((ms - d * DAY) / 1000);
    if (s % 60 === 0) {
      const minute = s / 60;
      let suffix = MINUTE_SUFFIX[minute];
      if (suffix === undefined) {
        suffix = TWO[Math.floor(minute / 60)] + ':' + TWO[minute % 60] + ':00Z';
        MINUTE_SUFFIX[minute] = suffix;
      }
      return prefix + suffix;
    }
    // Not a whole minute (a zone offset with seconds, long ago): the general form.
    return prefix + TWO[Math.floor(s / 3600)] + ':' + TWO[Math.floor(s / 60) % 60] + ':' + TWO[s % 60] + 'Z';
  };
}

/** The SPEC §5 slots response for the module's compact one. */
export function expandSlots(c) {
  const { ids, starts, ends, hostGroup, candGroup, groupOffsets, groupMembers } = c;
  const built = new Array(groupOffsets.length - 1);
  const list = (g) => {
    const done = built[g];
    if (done !== undefined) return done.slice();
    const out = [];
    for (let k = groupOffsets[g], to = groupOffsets[g + 1]; k < to; k++) out.push(ids[groupMembers[k]]);
    built[g] = out;
    return out;
  };
  const start = instantFormatter();
  const end = instantFormatter();
  const slots = [];
  for (let i = 0, n = starts.length; i < n; i++) {
    const cg = candGroup[i];
    slots.push(
      cg === NO_GROUP
        ? { start: start(starts[i]), end: end(ends[i]), hosts: list(hostGroup[i]) }
        : { start: start(starts[i]), end: end(ends[i]), hosts: list(hostGroup[i]), candidates: list(cg) },
    );
  }
  const out = { timezone: c.timezone, slots, days: c.days };
  if (c.explanation !== undefined) out.explanation = c.explanation;
  return out;
}
