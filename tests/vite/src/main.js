// A booking page in miniature: load bookable the way a Vite user does, compute slots in the
// page, show them, and leave what happened in #result for the test to read.
import init, { computeSlots, Scheduler, version, tzdataVersion } from 'bookable-slots';

const request = {
  now: '2026-11-22T10:00:00Z',
  range: { start: '2026-11-23T00:00:00Z', end: '2026-11-24T00:00:00Z' },
  timezone: 'Europe/Paris',
  event: { duration: 30 },
  members: [{ id: 'ana', timezone: 'Europe/Paris', weekly: { mon: [['09:00', '10:00']] } }],
};

function caught(fn) {
  try {
    fn();
    return null;
  } catch (e) {
    return { isError: e instanceof Error, name: e.name, code: e.code, path: e.path, message: e.message };
  }
}

async function main() {
  await init();
  const response = computeSlots(request);
  const list = document.getElementById('slots');
  for (const slot of response.slots) {
    const li = document.createElement('li');
    li.textContent = `${slot.start} – ${slot.end} with ${slot.hosts.join(', ')}`;
    list.append(li);
  }
  const error = caught(() => computeSlots({ ...request, timezone: 'Mars/Olympus' }));
  const after = computeSlots(request);
  const { range, ...rest } = request;
  const scheduler = new Scheduler(rest);
  const month = scheduler.slots('2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z');
  const starts = Array.from(scheduler.slotStarts(range.start, range.end));
  scheduler.free();
  return { version: version(), tzdata: tzdataVersion(), response, error, after, month, starts };
}

const out = document.getElementById('result');
main().then(
  (result) => {
    out.textContent = JSON.stringify(result);
    out.dataset.status = 'done';
  },
  (e) => {
    out.textContent = String((e && e.stack) || e);
    out.dataset.status = 'failed';
  },
);
