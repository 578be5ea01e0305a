// The screen /admin/teams/{team} of the team's app: the team's availability table,
// <bookable-team-status>, over the app's admin API. The owner and managers act on it (set a
// member Available or Away, release, assign next); a member token is told it may not see it.
import '../bookable-team-status-define.js';
import { loadText, uiLocale } from '../team-status/text.js';

/** Mounts the screen into `main`; returns its cleanup. */
export async function mount(main, ctx) {
  const team = ctx.params.team;
  const ui = uiLocale(document.documentElement.lang || navigator.language || 'en');
  const t = await loadText(ui.lang);
  const heading = document.createElement('h1');
  heading.textContent = t('screenTitle', { team });
  if (ctx.session.role !== 'owner' && ctx.session.role !== 'manager') {
    const p = document.createElement('p');
    p.textContent = t('forbidden');
    main.replaceChildren(heading, p);
    return () => {};
  }
  const table = document.createElement('bookable-team-status');
  table.team = team;
  table.manage = true;
  table.api = ctx.api;
  const onError = (e) => ctx.announce(e.detail.message);
  table.addEventListener('bookable:error', onError);
  main.replaceChildren(heading, table);
  return () => {
    table.removeEventListener('bookable:error', onError);
    table.remove();
  };
}
