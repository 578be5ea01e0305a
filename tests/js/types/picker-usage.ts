// How a TypeScript page uses `bookable-slots/picker` (README, www/README.md). picker.test.mjs
// compiles this with `strict` against bookable-picker.d.ts; each `@ts-expect-error` must fail.
import { BookablePicker, type BookablePickerMessage, type DayDetail, type ErrorDetail, type SelectDetail } from './bookable-picker.js';

export async function page(): Promise<void> {
  // HTMLElementTagNameMap: the tag gives the element's own type
  const picker = document.querySelector('bookable-picker');
  const made: BookablePicker = document.createElement('bookable-picker');
  made.setAttribute('locale', 'de-DE');
  if (!picker) return;
  const zone: string = picker.timezone;
  picker.addEventListener('bookable:select', (event) => {
    const detail: SelectDetail = event.detail;
    const when: string = detail.localStart;
    const hosts: string[] = detail.hosts;
    console.log(zone, when, hosts, detail.start, detail.timezone);
  });
  picker.addEventListener('bookable:error', (event) => {
    const detail: ErrorDetail = event.detail;
    const status: number | undefined = detail.status;
    if (detail.code === 'http_error' || detail.code === 'unknown_field') console.log(detail.path, detail.message, status);
  });
  picker.addEventListener('bookable:ready', (event) => console.log(event.detail.firstAvailable, event.detail.month));
  picker.addEventListener('bookable:month', (event) => console.log(event.detail.days.length));
  picker.addEventListener('bookable:timezone', (event) => console.log(event.detail.offset + 1, event.detail.previous));
  picker.addEventListener('click', (event) => console.log(event.clientX)); // ordinary events still typed
  // the events bubble: a container or the document hears them, typed
  document.addEventListener('bookable:day', (event) => {
    const day: DayDetail = event.detail;
    console.log(day.date, day.slots[0]?.localEnd);
  });
  await BookablePicker.load();
  picker.request = { timezone: 'Europe/Paris', event: { duration: 30 }, members: [{ id: 'ana', timezone: 'Europe/Paris' }] };
  picker.config = { title: 'Intro call', names: { ana: 'Ana' }, request: { timezone: 'UTC', event: { duration: 15 }, members: [] } };
  window.addEventListener('message', (event: MessageEvent<BookablePickerMessage>) => {
    if (event.data.type === 'bookable:resize') console.log(event.data.detail.height);
    if (event.data.type === 'bookable:select') console.log(event.data.detail.localStart);
  });

  // @ts-expect-error the detail of bookable:select has no such field
  picker.addEventListener('bookable:select', (event) => event.detail.startTime);
  // @ts-expect-error a request needs its page zone
  picker.request = { event: { duration: 30 }, members: [] };
  // @ts-expect-error the zone shown is read-only
  picker.timezone = 'UTC';
  // @ts-expect-error offsets are minutes, a number
  document.addEventListener('bookable:timezone', (event) => event.detail.offset.padStart(2));
}
