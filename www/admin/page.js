// The page editor (/admin/pages/{page}): the fields of SPEC §12's `PUT /pages/{page}` by their
// names (title, description, timezone, §3's event and team, members with their roles, policy,
// reminders). Saving sends the body; the server's §9 error lands at the field of its `path`.
// Beside it, the page's next offered times: the engine, in the browser, on the page's public
// answer (`GET /api/pages/{page}`: what visitors get), at the time it is shown. Only the owner
// saves; a manager reads.
import { h } from '../shared/dom.js';
import { computeSlots } from '../pkg/bookable.js';
import { at, publicPage } from './api.js';
import { alertBox, checkbox, clearErrors, input, number, say, select, showError } from './form.js';
import { dateTime } from './when.js';

const EVENT = [
  ['duration', 'Duration (minutes)'],
  ['step', 'Step between starts (minutes)'],
  ['bufferBefore', 'Buffer before (minutes)'],
  ['bufferAfter', 'Buffer after (minutes)'],
  ['minNotice', 'Minimum notice (minutes)'],
  ['minDaysAhead', 'Days ahead, at least'],
  ['maxDaysAhead', 'Days ahead, at most'],
  ['maxPerDay', 'Meetings per day, at most'],
  ['maxPerWeek', 'Meetings per week, at most'],
  ['maxPerMonth', 'Meetings per month, at most'],
];
const PREVIEW = 8;

const text = (v) => (v == null ? '' : String(v));

export async function mount(main, { api, params, session, announce }) {
  const id = params.page;
  const owner = session.role === 'owner';
  const [{ members }, stored] = await Promise.all([
    api('GET', '/members'),
    api('GET', at('pages', id)).then(
      (a) => a.page,
      (e) => (e.status === 404 ? null : Promise.reject(e)),
    ),
  ]);
  const page = stored ?? { title: '', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', event: { duration: 30 }, members: [], policy: {}, reminders: [] };
  const team = page.team ?? {};
  const onPage = new Map(page.members.map((m) => [m.id, m]));
  const problem = alertBox();

  // members: every member of the team, those on the page first in the page's order
  const ordered = [...page.members.map((m) => members.find((x) => x.id === m.id) ?? { id: m.id, name: m.id }), ...members.filter((m) => !onPage.has(m.id))];
  const memberRows = ordered.map((m) => {
    const pm = onPage.get(m.id);
    const on = checkbox(`${m.name}`, { checked: !!pm });
    const req = checkbox('Required', { checked: !!pm?.required });
    const priority = input('Priority', { value: text(pm?.priority), inputmode: 'numeric', class: 'short' });
    const weight = input('Weight', { value: text(pm?.weight), inputmode: 'decimal', class: 'short' });
    const tr = h('tr', { 'data-member': m.id }, h('td', {}, on), h('td', {}, req), h('td', {}, priority), h('td', {}, weight));
    return { id: m.id, tr, on: on.querySelector('input'), req: req.querySelector('input'), priority: priority.querySelector('input'), weight: weight.querySelector('input') };
  });

  const form = h(
    'form',
    { class: 'editor', novalidate: true, 'aria-labelledby': 'page-h' },
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Page'),
      input('Title', { path: 'title', value: page.title }),
      input('Description', { path: 'description', value: text(page.description) }),
      input('Time zone', { path: 'timezone', value: page.timezone, hint: "The page's zone: its slot grid and days are read in it.", spellcheck: 'false' }),
    ),
    h('fieldset', { class: 'group grid' }, h('legend', {}, 'Meeting'), ...EVENT.map(([k, label]) => input(label, { path: `event.${k}`, value: text(page.event?.[k]), inputmode: 'numeric' }))),
    h(
      'fieldset',
      { class: 'group grid' },
      h('legend', {}, 'Team rule'),
      select(
        'Mode',
        [
          ['collective', 'Collective (all attend)'],
          ['roundRobin', 'Round robin (one of them)'],
        ],
        { path: 'team.mode', value: team.mode ?? 'collective' },
      ),
      input('Members available, at least', { path: 'team.minAvailable', value: text(team.minAvailable), inputmode: 'numeric' }),
      select(
        'Assignment',
        [
          ['leastRecentlyBooked', 'Least recently booked'],
          ['balanced', 'Balanced'],
          ['priority', 'Priority'],
        ],
        { path: 'team.assignment', value: team.assignment ?? 'leastRecentlyBooked' },
      ),
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Members'),
      h('div', { 'data-path': 'members', id: 'members-field', tabindex: '-1' }),
      h('p', { class: 'field-error', id: 'members-field-error', hidden: true }),
      h(
        'div',
        { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Members of the page' },
        h('table', { class: 'list members' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'On this page'), h('th', { scope: 'col' }, 'Required'), h('th', { scope: 'col' }, 'Priority'), h('th', { scope: 'col' }, 'Weight'))), h('tbody', {}, ...memberRows.map((r) => r.tr))),
      ),
    ),
    h(
      'fieldset',
      { class: 'group grid' },
      h('legend', {}, 'Visitors may'),
      checkbox('Cancel', { path: 'policy.allowCancel', checked: page.policy?.allowCancel ?? true }),
      input('Cancel notice (minutes)', { path: 'policy.cancelNotice', value: text(page.policy?.cancelNotice), inputmode: 'numeric' }),
      checkbox('Reschedule', { path: 'policy.allowReschedule', checked: page.policy?.allowReschedule ?? true }),
      input('Reschedule notice (minutes)', { path: 'policy.rescheduleNotice', value: text(page.policy?.rescheduleNotice), inputmode: 'numeric' }),
    ),
    h('fieldset', { class: 'group' }, h('legend', {}, 'Reminders'), input('Minutes before the start', { path: 'reminders', value: (page.reminders ?? []).join(', '), hint: 'Comma-separated, e.g. 1440, 60.' })),
    problem,
    owner ? h('button', { type: 'submit', class: 'primary' }, stored ? 'Save page' : 'Create page') : h('p', { class: 'hint' }, 'Only the owner changes pages.'),
  );
  if (!owner) for (const el of form.querySelectorAll('input, select')) el.disabled = true;

  const preview = h('section', { class: 'card preview', 'aria-labelledby': 'preview-h' }, h('h2', { id: 'preview-h' }, 'Next times offered'));
  const previewBody = h('div', { 'aria-live': 'polite' });
  preview.append(previewBody);

  main.append(
    h('h1', { id: 'page-h' }, stored ? `Page: ${page.title}` : `New page ${id}`),
    h('p', { class: 'hint' }, 'Booking page: ', h('a', { href: `/p/${encodeURIComponent(id)}` }, `/p/${id}`)),
    h('div', { class: 'split' }, form, preview),
  );

  function body() {
    const f = (path) => form.querySelector(`[data-path="${path}"]`);
    const event = { ...page.event };
    for (const [k] of EVENT) {
      const v = number(f(`event.${k}`));
      if (v === undefined) delete event[k];
      else event[k] = v;
    }
    const b = { title: f('title').value, timezone: f('timezone').value.trim(), event };
    const description = f('description').value;
    if (description) b.description = description;
    const mode = f('team.mode').value;
    if (mode === 'roundRobin') {
      b.team = { ...team, mode, assignment: f('team.assignment').value };
      const min = number(f('team.minAvailable'));
      if (min === undefined) delete b.team.minAvailable;
      else b.team.minAvailable = min;
    }
    b.members = [];
    for (const r of memberRows) {
      for (const el of [r.on, r.req, r.priority, r.weight]) delete el.dataset.path;
      if (!r.on.checked) continue;
      const i = b.members.length;
      const m = { id: r.id };
      r.on.dataset.path = `members[${i}].id`;
      r.req.dataset.path = `members[${i}].required`;
      r.priority.dataset.path = `members[${i}].priority`;
      r.weight.dataset.path = `members[${i}].weight`;
      if (r.req.checked) m.required = true;
      for (const k of ['priority', 'weight']) {
        const v = number(r[k]);
        if (v !== undefined) m[k] = v;
      }
      b.members.push(m);
    }
    b.policy = { allowCancel: f('policy.allowCancel').checked, allowReschedule: f('policy.allowReschedule').checked };
    for (const k of ['cancelNotice', 'rescheduleNotice']) {
      const v = number(f(`policy.${k}`));
      if (v !== undefined) b.policy[k] = v;
    }
    const reminders = f('reminders').value.trim();
    b.reminders = reminders ? reminders.split(/[,\s]+/).filter(Boolean).map((t) => number({ value: t })) : [];
    return b;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    say(problem, '');
    const b = body();
    if (!b.members.length) {
      showError(form, { path: 'members', message: 'Choose at least one member for the page.' });
      return;
    }
    try {
      const { page: saved } = await api('PUT', at('pages', id), b);
      Object.assign(page, saved);
      main.querySelector('h1').textContent = `Page: ${saved.title}`;
      form.querySelector('button[type=submit]').textContent = 'Save page';
      announce(`Page ${saved.title} saved.`);
      await showPreview();
    } catch (e) {
      if (!showError(form, e)) say(problem, e.path ? `${e.path}: ${e.message}` : e.message);
    }
  });

  async function showPreview() {
    let answer;
    try {
      answer = await publicPage(id);
    } catch (e) {
      previewBody.replaceChildren(h('p', {}, e.status === 404 ? 'Save the page to see the times it offers.' : e.message));
      return;
    }
    const now = new Date().toISOString();
    let slots;
    try {
      slots = computeSlots({ ...answer.request, now }).slots;
    } catch (e) {
      previewBody.replaceChildren(h('p', { class: 'problem' }, `${e.path ?? ''} ${e.message}`));
      return;
    }
    const zone = answer.request.timezone;
    const names = answer.names ?? {};
    const next = slots.slice(0, PREVIEW); // the engine offers none before now
    previewBody.replaceChildren(
      h('p', { class: 'hint' }, `In the page's zone, ${zone}, as visitors are offered them now.`),
      next.length
        ? h('ol', { class: 'slots', 'data-now': now }, ...next.map((s) => h('li', { 'data-start': s.start }, h('span', {}, dateTime(s.start, zone)), h('span', { class: 'muted' }, ` ${s.hosts.map((x) => names[x] ?? x).join(', ')}`))))
        : h('p', { 'data-now': now }, 'No times offered in the next days.'),
    );
  }
  await showPreview();
}
