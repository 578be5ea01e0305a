// Requests cross into WebAssembly as JSON text. JSON cannot carry `NaN`, `±Infinity` or an
// invalid `Date`: `JSON.stringify` writes them as `null`, which a request reads as "absent", so
// `minNotice: NaN` would silently mean 0. SPEC §9 makes them errors at their path instead. The
// text is written once as usual; only when it holds a `null` is it written again with a
// replacer that marks each such value (`"\u0000NaN"`, `"\u0000Infinity"`, `"\u0000-Infinity"`,
// `"\u0000Invalid Date"`) for the engine's reader (src/read/fields.rs, `js_non_value`) to report.
// A request without nulls pays for one `JSON.stringify` and one `includes`.

/** The replacer of the second pass (`this` is the object holding `key`). */
function markNonJson(key, value) {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : '\u0000' + String(value);
  }
  if (value === null) {
    const original = this[key];
    if (original instanceof Date && Number.isNaN(original.getTime())) return '\u0000Invalid Date';
  }
  return value;
}

/**
 * The request as JSON text for the engine: a string is taken as it is (as the CLI reads its
 * input); anything else is written as `JSON.stringify` writes it, with non-finite numbers and
 * invalid Dates marked. A value that cannot be written (a cycle, a `BigInt`, a getter that
 * throws, `undefined`) is handed on as it is, and the engine answers it with a coded
 * `invalid_json` error.
 */
export function requestText(request) {
  if (typeof request === 'string') return request;
  let text;
  try {
    text = JSON.stringify(request);
    if (text !== undefined && text.includes('null')) text = JSON.stringify(request, markNonJson);
  } catch {
    return request;
  }
  return text === undefined ? request : text;
}
