// The visitor's page for one booking: /manage/{id}#TOKEN (SPEC §12). The manage token is read
// from the URL's fragment (no request or log carries it) and sent as `Authorization: Bearer`.
// Shows the booking at the engine's wall times in the visitor's zone, cancels it with a reason,
// and moves it through the same picker as the booking page. The server decides the page's
// notice windows; its refusals (`too_late`, `conflict`, `slot_taken`) are shown as it words them.
import init, { localDateTime } from '/pkg/bookable.js';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const token = location.hash.slice(1);
const $ = (sel) => document.getElementById(sel);
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

async function call(path, body) {
  const options = { headers: { Authorization: `Bearer ${token}` } };
  if (body) {
    options.method = 'POST';
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const res = await fetch(path, options);
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** An instant at the engine's wall time in `tz`, written for people (Intl formats, never converts). */
function wall(instant, tz, style = { dateStyle: 'full', timeStyle: 'short' }) {
  const at = new Date(`${localDateTime(instant, tz)}:00Z`);
  return new Intl.DateTimeFormat(undefined, { ...style, timeZone: 'UTC' }).format(at);
}

function problem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

function show(booking) {
  $('title').textContent = booking.title;
  const tz = booking.attendee?.timezone || zone;
  const end = wall(booking.end, tz, { timeStyle: 'short' });
  $('when').textContent = `${wall(booking.start, tz)} – ${end} (${tz})`;
  $('hosts').textContent = (booking.names || booking.hosts || []).join(', ');
  $('status').textContent = booking.status === 'cancelled' ? 'Cancelled' : 'Confirmed';
  $('actions').hidden = booking.status !== 'confirmed';
  $('booking').hidden = false;
  $('loading').hidden = true;
}

async function move(booking) {
  const res = await fetch(`/api/pages/${encodeURIComponent(booking.page)}`);
  if (!res.ok) return problem('This page no longer takes bookings; write to your host.');
  const config = await res.json();
  delete config.action; // choosing a time moves this booking; no details step
  await import('/pkg/bookable-picker.js');
  const picker = document.createElement('bookable-picker');
  picker.setAttribute('timezone', booking.attendee?.timezone || zone);
  picker.config = config;
  picker.addEventListener('bookable:select', async (event) => {
    problem('');
    const answer = await call(`/api/bookings/${encodeURIComponent(id)}/reschedule`, { start: event.detail.start });
    if (answer.status === 200) {
      show(answer.body.booking);
      $('notice').textContent = 'Your booking was moved.';
      picker.remove();
      $('move').hidden = false;
      return;
    }
    problem(answer.body.error?.message || 'The booking could not be moved.');
    if (answer.status === 409) picker.refresh?.();
  });
  $('picker-slot').replaceChildren(picker);
  $('move').hidden = true;
}

async function main() {
  await init();
  if (!id || !token) {
    $('loading').textContent = 'This link is incomplete: open the link from your confirmation as it is.';
    return;
  }
  const first = await call(`/api/bookings/${encodeURIComponent(id)}`);
  if (first.status !== 200) {
    $('loading').textContent = 'No booking is found at this link.';
    return;
  }
  let booking = first.body.booking;
  show(booking);
  $('cancel-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    problem('');
    const reason = $('reason').value.trim();
    const answer = await call(`/api/bookings/${encodeURIComponent(id)}/cancel`, reason ? { reason } : {});
    if (answer.status === 200) {
      booking = answer.body.booking;
      show(booking);
      $('notice').textContent = 'Your booking is cancelled.';
    } else {
      problem(answer.body.error?.message || 'The booking could not be cancelled.');
    }
  });
  $('move').addEventListener('click', () => move(booking));
}

main().catch(() => {
  $('loading').textContent = 'This page could not load; try again.';
});
