// The team's app (/admin/, SPEC §12's owner API in the browser): signs in with a token (kept in
// sessionStorage until signing out), asks the server who the token is, and routes addresses under
// /admin/ to screen modules loaded with import(). Each screen is `mount(main, ctx)` returning its
// cleanup; ctx = { api, params, session, navigate, announce }. A member token is shown its own
// member only (the server refuses the rest; the app does not offer it).
import { connect } from './api.js';
import { engine } from '../shared/engine.js';
import { uiLocale } from '../shared/i18n.js';
import { setLocale } from './when.js';
import { clearErrors, showError } from './form.js';

const KEY = 'bookable-admin-token';
const main = document.getElementById('main');
const live = document.getElementById('announce');
const $ = (id) => document.getElementById(id);

const ui = uiLocale(new URLSearchParams(location.search).get('locale') || navigator.language);
document.documentElement.dir = ui.dir;
// the interface text is English: dates and times too (in the region's way), never mixed
setLocale(`en${new Intl.Locale(ui.locale).region ? `-${new Intl.Locale(ui.locale).region}` : ''}`);

// [pattern, module, roles that may open it, name of the captured parameter]
const ROUTES = [
  [/^\/admin\/?$/, './members.js', ['owner', 'manager']],
  [/^\/admin\/members\/([^/]+)$/, './member.js', ['owner', 'manager', 'member'], 'member'],
  [/^\/admin\/pages$/, './pages.js', ['owner', 'manager']],
  [/^\/admin\/pages\/([^/]+)$/, './page.js', ['owner', 'manager'], 'page'],
  [/^\/admin\/bookings$/, './bookings.js', ['owner', 'manager', 'member']],
  [/^\/admin\/teams\/([^/]+)$/, './team.js', ['owner', 'manager'], 'team'],
];

let session = null;
let api = null;
let cleanup = null;
let generation = 0;

/** Says `text` through the polite live region (again, when it is said twice). */
function announce(text) {
  live.textContent = '';
  setTimeout(() => {
    live.textContent = text;
  }, 50);
}

function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

function message(title, text) {
  const h1 = document.createElement('h1');
  h1.tabIndex = -1;
  h1.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  main.replaceChildren(h1, p);
}

function markNav(path) {
  for (const a of $('nav').querySelectorAll('a')) {
    const href = a.getAttribute('href');
    const here = href === '/admin/' ? /^\/admin\/?$/.test(path) || (session?.role === 'member' && path === href) : path === href || path.startsWith(`${href}/`);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function render() {
  const mine = ++generation;
  cleanup?.();
  cleanup = null;
  let path;
  try {
    path = decodeURI(location.pathname);
  } catch {
    path = ''; // a malformed address: no screen
  }
  if (!session) return signIn();
  if (session.role === 'member' && /^\/admin\/?$/.test(path)) {
    return navigate(`/admin/members/${encodeURIComponent(session.member)}`, { replace: true });
  }
  markNav(location.pathname);
  const route = ROUTES.find(([re]) => re.test(path));
  let screen = null;
  if (!route) {
    message('Not found', 'There is no screen at this address.');
  } else if (!route[2].includes(session.role)) {
    message('Not for this token', 'This token shows its own member and bookings only.');
  } else {
    const params = Object.fromEntries(new URLSearchParams(location.search));
    const found = path.match(route[0])[1];
    if (route[3]) params[route[3]] = found;
    if (session.role === 'member' && route[3] === 'member' && found !== session.member) {
      message('Not for this token', 'This token shows its own member and bookings only.');
    } else {
      main.replaceChildren(Object.assign(document.createElement('p'), { className: 'loading', textContent: 'Loading…' }));
      try {
        const mod = await import(route[1]);
        if (mine !== generation) return;
        // each screen its own root: one still loading when the address changed fills a root
        // no longer shown
        const root = document.createElement('div');
        root.className = 'screen';
        main.replaceChildren(root);
        screen = (await mod.mount(root, { api, params, session, navigate, announce })) ?? null;
      } catch (e) {
        if (mine !== generation) return;
        if (e.status === 401) return signOut();
        message('This screen could not be shown', e.message);
      }
    }
  }
  if (mine !== generation) {
    screen?.();
    return;
  }
  cleanup = screen;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
    document.title = `${heading.textContent} — bookable`;
  }
}

function signIn() {
  $('nav').hidden = $('sign-out').hidden = $('who').hidden = true;
  main.replaceChildren($('sign-in').content.cloneNode(true));
  const form = $('sign-in-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const token = form.elements.token.value.trim();
    try {
      if (!token) throw Object.assign(new Error('Enter a token.'), { path: 'token' });
      await start(token);
      sessionStorage.setItem(KEY, token);
      announce('Signed in.');
      render();
    } catch (e) {
      showError(form, { path: 'token', message: e.status === 401 ? 'This token is not valid (or was revoked).' : e.message });
    }
  });
  main.querySelector('h1').focus();
  document.title = 'Sign in — bookable';
}

async function start(token) {
  const call = connect(token);
  const who = await call('GET', '/session');
  api = async (...args) => {
    try {
      return await call(...args);
    } catch (e) {
      if (e.status === 401) signOut();
      throw e;
    }
  };
  session = who;
  for (const li of $('nav').querySelectorAll('li')) li.hidden = !li.dataset.roles.split(' ').includes(who.role);
  if (who.member) $('nav-self').href = `/admin/members/${encodeURIComponent(who.member)}`;
  $('who').textContent = who.role === 'member' ? `Member ${who.member}` : who.role === 'owner' ? 'Owner' : 'Manager';
  $('nav').hidden = $('sign-out').hidden = $('who').hidden = false;
}

function signOut() {
  sessionStorage.removeItem(KEY);
  session = api = null;
  // the next token starts at its own home: the screen shown may not be its to open
  history.replaceState(null, '', '/admin/');
  generation++;
  cleanup?.();
  cleanup = null;
  signIn();
  announce('Signed out.');
}

// links inside the app move without a reload
document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !/^\/admin(\/|$)/.test(url.pathname) || /\.[a-z0-9]+$/i.test(url.pathname)) return;
  if (url.pathname === location.pathname && url.hash && !url.search) return; // the skip link
  event.preventDefault();
  if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
  else render();
});
addEventListener('popstate', render);
$('sign-out').addEventListener('click', signOut);

await engine();
const saved = sessionStorage.getItem(KEY);
if (saved) {
  try {
    await start(saved);
  } catch {
    sessionStorage.removeItem(KEY);
  }
}
render();
