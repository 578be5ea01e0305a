// A team's data from bookable-server's admin API (SPEC §12) as a SPEC §8 team status request: the
// team (`GET /teams/{team}`), each member's hours (`GET /members/{id}`), and what the server
// recorded besides hours (`GET /teams/{team}/status`: the manual choice with its `since`,
// `capacity` with `assigned`, `lastAssignedAt`, the display `name`). The element gives the
// request a `now` and asks the engine, at any instant, what the server would answer then.

const path = (...parts) => parts.map(encodeURIComponent).join('/');

/** The status fields of one member the engine reads (hours, time off, zone). */
const HOURS = ['timezone', 'weekly', 'overrides', 'timeOff'];

/** `{ request, names, counts }` of team `team` through `api(method, path)`. */
export async function loadTeam(api, team) {
  const [{ team: t }, status] = await Promise.all([api('GET', `/teams/${path(team)}`), api('GET', `/teams/${path(team)}/status`)]);
  const members = await Promise.all(t.members.map((id) => api('GET', `/members/${path(id)}`).then((a) => a.member)));
  const request = { members: members.map((m) => pick(m, HOURS, { id: m.id })), assignment: t.assignment };
  const names = {};
  for (const m of members) names[m.id] = m.name || m.id;
  mergeStatus(request, status);
  return { request, names, counts: capacities(status) };
}

/** Copies a team status answer's recorded fields (manual, capacity, lastAssignedAt) into `request`. */
export function mergeStatus(request, status) {
  const byId = new Map(status.members.map((s) => [s.id, s]));
  for (const m of request.members) {
    const s = byId.get(m.id);
    if (!s) continue;
    delete m.manual;
    delete m.capacity;
    delete m.lastAssignedAt;
    if (s.manual) m.manual = pick(s.manual, ['status', 'since', 'reason']);
    if (s.capacity && s.capacity.max != null) m.capacity = { max: s.capacity.max, assigned: Math.min(s.capacity.assigned, s.capacity.max) };
    if (s.lastAssignedAt) m.lastAssignedAt = s.lastAssignedAt;
  }
  return request;
}

/** The team status answer's `{ id → { assigned, max } }` (max null without a capacity). */
export function capacities(status) {
  const out = {};
  for (const s of status.members) if (s.capacity) out[s.id] = { assigned: s.capacity.assigned, max: s.capacity.max ?? null };
  return out;
}

function pick(obj, keys, into = {}) {
  for (const k of keys) if (obj[k] != null) into[k] = obj[k];
  return into;
}

export { path as apiPath };
