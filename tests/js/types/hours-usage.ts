// How a TypeScript page uses `bookable-slots/hours` (www/README.md). hours-types.test.mjs
// compiles this with `strict` against bookable-hours.d.ts; each `@ts-expect-error` must fail.
import { BookableHours, type HoursError, type HoursValue, type OverridesValue } from './bookable-hours.js';

export function page(): void {
  const hours = document.querySelector('bookable-hours');
  const overrides = document.querySelector('bookable-overrides');
  const made: BookableHours = document.createElement('bookable-hours');
  if (!hours || !overrides) return;
  hours.value = { timezone: 'Europe/Paris', weekly: { fri: [['22:00', '02:00']], sat: [['10:00', '24:00']] } };
  hours.addEventListener('bookable:change', (event) => {
    const value: HoursValue = event.detail;
    const error: HoursError | null = hours.error;
    console.log(value.timezone, value.weekly.fri?.[0]?.[1], error?.path, made.value.timezone);
  });
  overrides.addEventListener('bookable:change', (event) => {
    const value: OverridesValue = event.detail;
    console.log(Object.keys(value.overrides), value.timeOff.length);
  });
  overrides.value = { overrides: { '2026-12-24': [['09:00', '12:00']] }, timeOff: [{ from: '2026-12-28', to: '2026-12-31' }] };
  const shown: boolean = hours.showError({ code: 'invalid_time', path: 'weekly.mon[0]', message: 'x' });
  console.log(shown, overrides.focusError());
  // @ts-expect-error a weekday that is not one
  hours.value = { timezone: 'UTC', weekly: { monday: [['09:00', '17:00']] } };
  // @ts-expect-error the value needs its zone
  hours.value = { weekly: {} };
  // @ts-expect-error the error is read-only
  hours.error = null;
}
