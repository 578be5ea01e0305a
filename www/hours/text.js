// Interface text of <bookable-hours> and <bookable-overrides>: English here, each other language
// in hours/i18n/<lang>.js (the same ten as the picker, shared/i18n.js). The zone field's and the
// month grid's words come from the picker's tables (shared/i18n.js); these keys come first.
import { loadLanguage } from '../shared/i18n.js';

const EN = {
  hoursTitle: 'Weekly hours',
  zoneLabel: 'Time zone',
  addHours: '+ Add hours',
  addHoursTo: 'Add hours to {day}',
  remove: 'Remove',
  removeLabel: 'Remove hours {start}–{end}, {day}',
  start: 'Start',
  end: 'End',
  startOf: 'Start, {day}, hours {n}',
  endOf: 'End, {day}, hours {n}',
  unavailable: 'Unavailable',
  nextDay: 'next day',
  copy: 'Copy to other days',
  copyTo: 'Copy {day}’s hours to',
  apply: 'Apply',
  cancel: 'Cancel',
  copied: '{day}’s hours copied to {days}.',
  strip: 'The week at a glance, in {zone}',
  timeFormat: 'Use a time like 09:00 (00:00 to 24:00).',
  timeStart: 'A start is 00:00 to 23:59.',
  timeEnd: 'An end is 00:00 to 24:00.',
  tooMany: 'Too many hours on one day.',
  checkField: 'Check this field.',
  overridesTitle: 'Date overrides and time off',
  usual: 'Usual hours',
  dayOff: 'Day off',
  custom: 'Other hours',
  through: 'Through',
  throughHelp: 'The last date of the range (the same date for one day).',
  planned: 'Planned',
  nothingPlanned: 'No overrides or time off.',
  offFromTo: 'Time off {from} – {to}',
  offOn: 'Time off {date}',
  offAt: 'Time off {from} – {to}',
  overrideOn: '{date}: {hours}',
  markOff: 'time off',
  markOverride: 'other hours',
  dateInvalid: 'Enter a date like 2026-12-24, not before the first date.',
  removed: 'Removed.',
};

/** Languages with a table here (the picker's ten). */
const MODULES = {
  fr: () => import('./i18n/fr.js'),
  nl: () => import('./i18n/nl.js'),
  de: () => import('./i18n/de.js'),
  es: () => import('./i18n/es.js'),
  it: () => import('./i18n/it.js'),
  pt: () => import('./i18n/pt.js'),
  ja: () => import('./i18n/ja.js'),
  ar: () => import('./i18n/ar.js'),
  he: () => import('./i18n/he.js'),
};

const fill = (s, values) => s.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(values, k) ? String(values[k]) : m));
const loaded = new Map(); // lang → Promise<t>

/**
 * A translator for `lang` (English when it has no table): this module's keys first, then the
 * picker's (the zone field, the month grid).
 */
export function hoursText(lang) {
  let load = loaded.get(lang);
  if (!load) {
    const own = MODULES[lang] ? MODULES[lang]().then((m) => m.default, () => EN) : Promise.resolve(EN);
    load = Promise.all([own, loadLanguage(lang)]).then(([table, shared]) => (key, values = {}) => {
      const s = table[key] ?? EN[key];
      return s === undefined ? shared(key, values) : fill(s, values);
    });
    loaded.set(lang, load);
  }
  return load;
}

export { EN as hoursEnglish };
