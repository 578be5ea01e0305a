// The booking element the way a Vite user adds it: one import from the package, which brings the
// engine, the stylesheet, the zone index and the interface text along; the rest is the page's.
import 'bookable-slots/picker';

const picker = document.getElementById('picker');
const result = document.getElementById('result');
picker.addEventListener('bookable:ready', (event) => {
  result.textContent = JSON.stringify(event.detail);
  result.dataset.status = 'done';
});
picker.addEventListener('bookable:error', (event) => {
  result.textContent = JSON.stringify(event.detail);
  result.dataset.status = 'error';
});
picker.request = {
  now: '2026-11-22T10:00:00Z',
  timezone: 'Europe/Paris',
  event: { duration: 30, maxDaysAhead: 20 },
  members: [{ id: 'ana', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '10:00']] } }],
};
