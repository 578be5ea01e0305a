// The team's app talks to the owner API (SPEC §12) with the signed-in token. Every refusal comes
// back as an Error carrying the server's §9 error: { status, code, path, message }.

/** An error of the owner API: the HTTP status and the §9 `code`, `path` and `message`. */
export class ApiError extends Error {
  constructor(status, { code = 'http_error', path = '', message = `HTTP ${status}` } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

async function answer(res) {
  if (res.status === 204) return null;
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error);
  return body;
}

async function send(url, init) {
  let res;
  try {
    res = await fetch(url, { ...init, cache: 'no-store' });
  } catch {
    throw new ApiError(0, { code: 'network', message: 'The server could not be reached. Check the connection and try again.' });
  }
  return answer(res);
}

/** `api(method, path, body?)` for one token; `path` is relative to /api/admin. */
export function connect(token) {
  return (method, path, body) => {
    const headers = { Authorization: `Bearer ${token}` };
    const init = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return send(`/api/admin${path}`, init);
  };
}

/** A page's public answer (`GET /api/pages/{page}`): what its visitors are given. */
export const publicPage = (page) => send(`/api/pages/${encodeURIComponent(page)}`, {});

/** `/members/ada` from parts: each part encoded. */
export const at = (...parts) => parts.map((p) => `/${encodeURIComponent(p)}`).join('');
