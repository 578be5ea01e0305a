// The demo page: ?locale=, ?timezone= and ?theme= apply to both pickers; events are shown.
const params = new URLSearchParams(location.search);
const pickers = document.querySelectorAll('bookable-picker');
for (const attr of ['locale', 'timezone', 'theme']) {
  const v = params.get(attr);
  if (v) for (const p of pickers) p.setAttribute(attr, v);
}
if (params.get('locale')) document.documentElement.lang = params.get('locale');
if (params.get('theme')) document.documentElement.dataset.theme = params.get('theme');
const log = document.getElementById('event-log');
document.addEventListener('bookable:select', (ev) => {
  log.textContent = `${ev.target.id}: ${JSON.stringify(ev.detail, null, 2)}`;
});
const all = document.getElementById('all-events');
const seen = [];
for (const type of ['ready', 'error', 'day', 'month', 'timezone', 'select']) {
  document.addEventListener(`bookable:${type}`, (ev) => {
    const d = { ...ev.detail };
    if (d.slots) d.slots = `[${d.slots.length} slots]`;
    if (d.days) d.days = `[${d.days.length} days]`;
    seen.unshift(`${ev.target.id} bookable:${type} ${JSON.stringify(d)}`);
    all.textContent = seen.slice(0, 8).join('\n');
  });
}
