// The visitor's page for one booking: /manage/{id}#TOKEN (SPEC §12). The manage token is read
// from the URL's fragment (no request or log carries it) and sent as `Authorization: Bearer`.
// Shows the booking at the engine's wall times in the visitor's zone, cancels it with a reason,
// and moves it through the same picker as the booking page. The page's policy (in the answer
// beside the booking) is explained before the visitor acts — "You can cancel until Fri, Dec 4,
// 10:00 AM (1 day before the start)" — and a button whose window has closed is disabled with
// the reason, on time even while the page stays open. The server still decides: its refusals
// (`too_late`, `conflict`, `slot_taken`) are shown as it words them.
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

/** "1 day", "24 hours", "90 minutes": a notice window in the largest whole unit. */
function span(minutes) {
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
}

const SHORT = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
let windowTimer = 0;

/**
 * Explains the page's policy for each change and disables a change the page refuses: not
 * allowed, or inside its notice window (`notice` minutes before the start). Runs again when
 * the next window closes.
 */
function explain(booking, policy, now = Date.now()) {
  clearTimeout(windowTimer);
  const tz = booking.attendee?.timezone || zone;
  const start = Date.parse(booking.start);
  let next = Infinity;
  for (const [key, allowed, notice, verb, controls] of [
    ['cancel', policy?.allowCancel, policy?.cancelNotice, 'cancel', ['cancel', 'reason']],
    ['move', policy?.allowReschedule, policy?.rescheduleNotice, 'move', ['move']],
  ]) {
    let text = '';
    let open = true;
    if (policy && !allowed) {
      text = `This page does not let you ${verb} it online; write to your host.`;
      open = false;
    } else if (policy) {
      const closes = start - (notice || 0) * 60e3;
      const at = wall(new Date(closes).toISOString().replace('.000Z', 'Z'), tz, SHORT);
      const before = notice ? ` (${span(notice)} before the start)` : ' (when the meeting starts)';
      open = now < closes;
      text = open ? `You can ${verb} it until ${at}${before}.` : `You could ${verb} it until ${at}${before}; write to your host.`;
      if (open) next = Math.min(next, closes);
    }
    $(`${key}-policy`).textContent = text;
    $(`${key}-policy`).hidden = !text;
    for (const id of controls) $(id).disabled = !open;
  }
  // a window closing while the page is open (setTimeout's limit: about 24 days)
  if (next - now < 2 ** 31 - 1) windowTimer = setTimeout(() => explain(booking, policy), next - now + 50);
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

async function move(booking, policy) {
  // the page as this booking may move: the booking's own time does not count as busy, so a
  // new time may overlap the old one, as the server allows
  const res = await call(`/api/bookings/${encodeURIComponent(id)}/page`);
  if (res.status !== 200) return problem('This page no longer takes bookings; write to your host.');
  const config = res.body;
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
      explain(answer.body.booking, policy);
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
  const policy = first.body.policy || null;
  show(booking);
  explain(booking, policy);
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
  $('move').addEventListener('click', () => move(booking, policy));
}

main().catch(() => {
  $('loading').textContent = 'This page could not load; try again.';
});
