// The picker's configuration: read from a `src` URL or set as a property, checked, and the errors
// of loading it, each `{ code, path, message, status? }` (the `bookable:error` detail).

// errors a retry may cure ("could not be loaded")
const TRANSIENT = ['network_error', 'engine_failed', 'load_failed'];

/** An Error with a `code` (and an empty `path`), plus `extra` fields. */
export function coded(code, message, extra = {}) {
  return Object.assign(new Error(message), { code, path: '' }, extra);
}

/** A config: a bare request or `{ title, description, names, action, request, firstSlots }`. Throws a TypeError. */
export function normalizeConfig(json) {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new TypeError('the configuration must be an object');
  const wrapped = Object.hasOwn(json, 'request') && !Object.hasOwn(json, 'members');
  const request = wrapped ? json.request : json;
  if (!request || typeof request !== 'object' || Array.isArray(request)) throw new TypeError('"request" must be an object');
  const text = (v) => (wrapped && typeof v === 'string' ? v : null);
  return {
    request,
    title: text(json.title),
    description: text(json.description),
    names: wrapped && json.names && typeof json.names === 'object' ? json.names : {},
    action: text(json.action),
    // the server's first slots, shown while the engine loads (picker/preview.js)
    firstSlots: wrapped && json.firstSlots && typeof json.firstSlots === 'object' ? json.firstSlots : null,
  };
}

/** The hosts `ids` by their names in `config` (or their ids), as an Intl.ListFormat `list` joins them. */
export function hostNames(config, list, ids) {
  const names = (config && config.names) || {};
  return list.format(ids.map((id) => (typeof names[id] === 'string' && names[id] ? names[id] : id)));
}

/** The request the Scheduler is built from: the page's, without `range` and `explain`. */
export function pageRequest(request) {
  const r = { ...request };
  delete r.range;
  delete r.explain;
  return r;
}

/** `{ code, path, message, status? }` of anything thrown while loading. */
export function errorDetail(e) {
  if (e && typeof e.code === 'string') {
    const d = { code: e.code, path: typeof e.path === 'string' ? e.path : '', message: String(e.message) };
    if (e.status) d.status = e.status;
    return d;
  }
  return { code: e instanceof TypeError || e instanceof SyntaxError ? 'invalid_config' : 'load_failed', path: '', message: String(e && e.message ? e.message : e) };
}

/** Whether trying again may cure the error (the network, a server error), not the configuration. */
export function isTransient({ code, status }) {
  return TRANSIENT.includes(code) || (code === 'http_error' && !(status >= 400 && status < 500));
}

/** Fetches and checks the configuration at `src` (relative to `base`); throws coded errors. */
export async function fetchConfig(src, base) {
  const url = new URL(src, base);
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw coded('network_error', `${src} could not be fetched: ${e.message}`);
  }
  if (!res.ok) throw coded('http_error', `HTTP ${res.status} for ${src}`, { status: res.status });
  let json;
  try {
    json = await res.json();
  } catch (e) {
    throw coded('invalid_config', `${src} is not JSON: ${e.message}`);
  }
  try {
    return normalizeConfig(json);
  } catch (e) {
    throw coded('invalid_config', `${src}: ${e.message}`);
  }
}
