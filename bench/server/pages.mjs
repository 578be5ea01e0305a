// The benchmark's pages, written for both servers: `node pages.mjs DIR` writes
//   DIR/rust.json  {members: {id: body}, pages: {id: body}}  (bodies of bookable-server's admin API)
//   DIR/node.json  {pages: {id: {title, names, request}}}    (--config of the old Node server)
// - month50: the 50-member round-robin month (hours in five zones, lunch breaks, a few busy
//   times a week each) — the public config GET figure.
// - book10: ten members free all day, round robin, 15-minute slots over 60 days (5,760 slots,
//   ten bookings each) — the bookings figure, so that thousands of distinct slots are free.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.';
const DAY = 86_400_000;
const day0 = Math.floor(Date.now() / DAY) * DAY;
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'America/Los_Angeles'];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const weekdays = (pairs) => ({ mon: pairs, tue: pairs, wed: pairs, thu: pairs, fri: pairs });

const members = {};
const month = [];
for (let i = 0; i < 50; i++) {
  const id = `m${String(i).padStart(2, '0')}`;
  const busy = [];
  for (let d = 0; d < 32; d++) {
    if (rand() < 0.5) {
      const from = day0 + d * DAY + Math.floor(rand() * 20) * 3_600_000;
      busy.push({ start: iso(from), end: iso(from + (1 + Math.floor(rand() * 3)) * 1_800_000) });
    }
  }
  members[id] = {
    name: `Member ${i}`, email: `${id}@example.com`, timezone: zones[i % zones.length],
    weekly: weekdays(i % 2 ? [['09:00', '12:30'], ['13:30', '17:30']] : [['08:00', '16:00']]),
    busy,
  };
  month.push(id);
}
const all = [['00:00', '24:00']];
const book = [];
for (let i = 0; i < 10; i++) {
  const id = `h${i}`;
  members[id] = { name: `Host ${i}`, email: `${id}@example.com`, timezone: 'UTC', weekly: { ...weekdays(all), sat: all, sun: all } };
  book.push(id);
}
const pages = {
  month50: {
    title: 'The 50-member month', timezone: 'UTC',
    event: { duration: 30, step: 15, minNotice: 60, maxDaysAhead: 30 },
    team: { mode: 'roundRobin' }, members: month.map((id) => ({ id })),
  },
  book10: {
    title: 'Ten free hosts', timezone: 'UTC',
    event: { duration: 15, step: 15, maxDaysAhead: 60 },
    team: { mode: 'roundRobin' }, members: book.map((id) => ({ id })),
  },
};
writeFileSync(join(dir, 'rust.json'), JSON.stringify({ members, pages }));

const node = {};
for (const [id, p] of Object.entries(pages)) {
  const ids = p.members.map((m) => m.id);
  node[id] = {
    title: p.title,
    names: Object.fromEntries(ids.map((m) => [m, members[m].name])),
    request: {
      timezone: p.timezone, event: p.event, team: p.team,
      members: ids.map((m) => {
        const { name, email, ...engine } = members[m];
        return { id: m, ...engine };
      }),
    },
  };
}
writeFileSync(join(dir, 'node.json'), JSON.stringify({ pages: node }));
