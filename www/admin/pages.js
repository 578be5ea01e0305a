// The pages list (/admin/pages): each booking page's title, length, members and public address;
// the owner starts a new page by its id (the editor opens empty for an id not yet taken).
import { h } from '../shared/dom.js';
import { alertBox, clearErrors, input, say, showError } from './form.js';

export async function mount(main, { api, session, navigate }) {
  const [{ pages }, { members }] = await Promise.all([api('GET', '/pages'), api('GET', '/members')]);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const rows = pages.map((p) =>
    h(
      'tr',
      { 'data-page': p.id },
      h('th', { scope: 'row' }, h('a', { href: `/admin/pages/${encodeURIComponent(p.id)}` }, p.title), h('span', { class: 'id' }, p.id)),
      h('td', { 'data-label': 'Length' }, `${p.event?.duration ?? '?'} min`),
      h('td', { 'data-label': 'Members' }, p.members.map((m) => names.get(m.id) ?? m.id).join(', ')),
      h('td', { 'data-label': 'Booking page' }, h('a', { href: `/p/${encodeURIComponent(p.id)}` }, `/p/${p.id}`)),
    ),
  );
  if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 4 }, 'No pages yet.')));
  main.append(
    h('h1', {}, 'Pages'),
    h(
      'div',
      { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Pages' },
      h(
        'table',
        { class: 'list stack' },
        h('caption', { class: 'visually-hidden' }, 'Booking pages'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Length'), h('th', { scope: 'col' }, 'Members'), h('th', { scope: 'col' }, 'Booking page'))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
  if (session.role === 'owner') {
    const problem = alertBox();
    const form = h(
      'form',
      { class: 'card', novalidate: true, 'aria-labelledby': 'new-page-h' },
      h('h2', { id: 'new-page-h' }, 'New page'),
      input('Page id', { path: 'id', hint: 'Letters, digits, - and _; the booking page is /p/{id}.', autocomplete: 'off', spellcheck: 'false' }),
      problem,
      h('button', { type: 'submit', class: 'primary' }, 'Create page'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      say(problem, '');
      const id = form.elements.id.value.trim();
      if (!/^[A-Za-z0-9_.-]{1,200}$/.test(id) || /^\.+$/.test(id)) return showError(form, { path: 'id', message: 'A page id is 1 to 200 letters, digits, -, _ or .' });
      if (pages.some((p) => p.id === id)) return showError(form, { path: 'id', message: `A page \`${id}\` exists already.` });
      navigate(`/admin/pages/${encodeURIComponent(id)}`);
    });
    main.append(form);
  }
}
