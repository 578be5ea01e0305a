// How a page uses `bookable-slots/team-status` (compiled by tests/js/team-status.test.mjs).
import { BookableTeamStatus } from './bookable-team-status.js';
import type { TeamStatusResponse } from './bookable.js';

const el = document.querySelector('bookable-team-status')!;
el.api = (method, path, body) => fetch(`/api/admin${path}`, { method, body: JSON.stringify(body) }).then((r) => r.json() as Promise<unknown>);
el.team = 'support';
el.manage = true;
el.request = { members: [{ id: 'ana', timezone: 'UTC', weekly: { mon: [['09:00', '17:00']] }, capacity: { max: 3, assigned: 1 } }], assignment: 'leastLoaded' };
el.names = { ana: 'Ana' };
el.addEventListener('bookable:change', (e) => {
  const s: TeamStatusResponse = e.detail;
  console.log(s.next, s.members[0].until);
});
document.addEventListener('bookable:error', (e) => console.log(e.detail.code, e.detail.path));
const shown: TeamStatusResponse | null = el.status;
void shown;
void BookableTeamStatus.load();
void el.refresh();

// @ts-expect-error the table is read-only
el.status = null;
// @ts-expect-error `assignment` is roundRobin or leastLoaded
el.request = { members: [{ id: 'ana', timezone: 'UTC' }], assignment: 'random' };
// @ts-expect-error `now` is the clock's
el.request = { now: '2026-12-07T09:00:00Z', members: [{ id: 'ana', timezone: 'UTC' }] };
// @ts-expect-error api answers a promise
el.api = () => 1;
