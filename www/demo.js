// The demo page: ?locale= and ?timezone= apply to both pickers; confirmed choices are shown.
const params = new URLSearchParams(location.search);
const pickers = document.querySelectorAll('bookable-picker');
for (const attr of ['locale', 'timezone']) {
  const v = params.get(attr);
  if (v) for (const p of pickers) p.setAttribute(attr, v);
}
if (params.get('locale')) document.documentElement.lang = params.get('locale');
const log = document.getElementById('event-log');
document.addEventListener('bookable:select', (ev) => {
  log.textContent = `${ev.target.id}: ${JSON.stringify(ev.detail, null, 2)}`;
});
