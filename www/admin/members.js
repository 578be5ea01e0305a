// The members list (/admin/): each member's name, zone, live status (§8: Available or Away, why,
// until when) and today's working hours; the list asks again at the first `until` to come, and
// says what changed. The owner adds a member (id, name, zone → PUT) and deletes one (a member a
// page or team lists is refused with 409, shown as the server words it).
import { h } from '../shared/dom.js';
import { at } from './api.js';
import { alertBox, clearErrors, input, say, showError } from './form.js';
import { stretches, time, viewerZone } from './when.js';

const REASONS = { timeOff: 'time off', outsideWorkingHours: 'outside working hours' };
const MAX_DELAY = 2 ** 31 - 1;

/** `Available` / `Away — lunch`, and `until 17:30` in the member's zone. */
export function statusText(status, zone) {
  if (!status) return '—';
  const word = status.status === 'available' ? 'Available' : 'Away';
  const reason = status.reason ? ` — ${REASONS[status.reason] ?? status.reason}` : '';
  return `${word}${reason}${status.until ? `, until ${time(status.until, zone)}` : ''}`;
}

export async function mount(main, { api, session, announce }) {
  const owner = session.role === 'owner';
  const problem = alertBox();
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'list stack' },
    h('caption', { class: 'visually-hidden' }, 'Members, their status now and their working hours today (in their own zones)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Time zone'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Hours today'), owner ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
    body,
  );
  main.append(h('h1', {}, 'Members'), problem, h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Members' }, table));

  let timer = 0;
  let shown = new Map(); // id → status word, to say what changed
  let stopped = false;

  async function load() {
    clearTimeout(timer);
    const { members } = await api('GET', '/members');
    if (stopped) return;
    const changed = [];
    body.replaceChildren(...members.map((m) => row(m)));
    for (const m of members) {
      const was = shown.get(m.id);
      if (was && was !== m.status?.status) changed.push(`${m.name} is now ${m.status.status === 'available' ? 'Available' : 'Away'}`);
    }
    shown = new Map(members.map((m) => [m.id, m.status?.status]));
    if (changed.length) announce(changed.join('. '));
    if (!members.length) body.append(h('tr', {}, h('td', { colspan: owner ? 5 : 4 }, 'No members yet.')));
    // ask again at the first automatic change to come (a working-time boundary)
    const next = Math.min(...members.map((m) => (m.status?.until ? Date.parse(m.status.until) : Infinity)));
    if (Number.isFinite(next)) timer = setTimeout(() => load().catch((e) => say(problem, e.message)), Math.min(MAX_DELAY, Math.max(500, next - Date.now()) + 500));
  }

  function row(m) {
    const cells = [
      h('th', { scope: 'row' }, h('a', { href: `/admin/members/${encodeURIComponent(m.id)}` }, m.name), h('span', { class: 'id' }, m.id)),
      h('td', { 'data-label': 'Time zone' }, m.timezone),
      h('td', { 'data-label': 'Status' }, h('span', { class: `status ${m.status?.status ?? ''}`, 'data-status': m.status?.status ?? '' }, statusText(m.status, m.timezone))),
      h('td', { 'data-label': 'Hours today' }, stretches(m.status?.hoursToday, m.timezone)),
    ];
    if (owner) {
      const del = h('button', { type: 'button', class: 'quiet', 'aria-label': `Delete ${m.name}` }, 'Delete');
      const cell = h('td', { class: 'actions' }, del);
      del.addEventListener('click', () => {
        const yes = h('button', { type: 'button', class: 'danger' }, `Delete ${m.name}`);
        const no = h('button', { type: 'button', class: 'quiet' }, 'Keep');
        cell.replaceChildren(yes, no);
        yes.focus();
        no.addEventListener('click', () => {
          cell.replaceChildren(del);
          del.focus();
        });
        yes.addEventListener('click', async () => {
          say(problem, '');
          try {
            await api('DELETE', at('members', m.id));
            announce(`${m.name} deleted.`);
            await load();
            main.querySelector('h1').focus();
          } catch (e) {
            say(problem, e.status === 409 ? `${m.name} was not deleted: ${e.message}` : e.message);
            cell.replaceChildren(del);
            del.focus();
          }
        });
      });
      cells.push(cell);
    }
    return h('tr', { 'data-member': m.id }, ...cells);
  }

  // the teams' availability tables (team.js)
  const { teams } = await api('GET', '/teams');
  if (teams.length) {
    main.append(
      h(
        'nav',
        { class: 'card', 'aria-labelledby': 'teams-h' },
        h('h2', { id: 'teams-h' }, 'Availability tables'),
        h('ul', { class: 'teams' }, ...teams.map((t) => h('li', {}, h('a', { href: `/admin/teams/${encodeURIComponent(t.id)}` }, `${t.id} (${t.members.length} ${t.members.length === 1 ? 'member' : 'members'})`)))),
      ),
    );
  }
  if (owner) main.append(createForm(api, announce, load));
  main.append(h('p', { class: 'hint' }, `Statuses are now; hours are in each member's own zone (yours: ${viewerZone}).`));
  await load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function createForm(api, announce, load) {
  const problem = alertBox();
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'new-member-h' },
    h('h2', { id: 'new-member-h' }, 'Add a member'),
    h('div', { class: 'row' }, input('Id', { path: 'id', hint: 'Letters, digits, - and _; used in addresses.', autocomplete: 'off', spellcheck: 'false' }), input('Name', { path: 'name', autocomplete: 'off' }), input('Time zone', { path: 'timezone', value: viewerZone, spellcheck: 'false' })),
    problem,
    h('button', { type: 'submit', class: 'primary' }, 'Add member'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    say(problem, '');
    const id = form.elements.id.value.trim();
    if (!id) return showError(form, { path: 'id', message: 'Give the member an id.' });
    try {
      const exists = await api('GET', at('members', id)).then(() => true, (e) => (e.status === 404 ? false : Promise.reject(e)));
      if (exists) return showError(form, { path: 'id', message: `A member \`${id}\` exists already.` });
      const name = form.elements.name.value;
      await api('PUT', at('members', id), { name, timezone: form.elements.timezone.value.trim() });
      announce(`${name} added.`);
      form.reset();
      form.elements.timezone.value = viewerZone;
      await load();
    } catch (e) {
      // a path the body does not have (the id in the address) belongs to the id field
      if (!showError(form, e.path === '' && e.code === 'invalid_value' ? { path: 'id', message: e.message } : e)) say(problem, e.message);
    }
  });
  return form;
}
