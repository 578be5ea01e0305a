// Interface text of <bookable-team-status>: English here, the other nine languages of
// shared/i18n.js in i18n/<lang>.js, each loaded by import() only when a table is shown in it.
// The locale rules (which languages, right-to-left, English for the rest) are shared/i18n.js's.
import { uiLocale } from '../shared/i18n.js';

const EN = {
  caption: 'Availability: {team}',
  timesIn: 'Times in {zone}',
  colMember: 'Member',
  colStatus: 'Status',
  colSource: 'Source',
  colReason: 'Reason',
  colUntil: 'Until',
  colHours: 'Today’s hours',
  colAssigned: 'Assigned / max',
  colActions: 'Actions',
  available: 'Available',
  away: 'Away',
  schedule: 'Schedule',
  manual: 'Manual',
  timeOff: 'Time off',
  outsideWorkingHours: 'Outside working hours',
  noChange: 'No change within 14 days',
  notWorking: 'Not working today',
  noLimit: '{assigned} (no limit)',
  ofMax: '{assigned} / {max}',
  next: 'Next',
  nextIs: 'Next conversation goes to {name}.',
  nobodyNext: 'Nobody can take the next conversation.',
  assignNext: 'Assign next',
  setAway: 'Set Away',
  setAvailable: 'Set Available',
  release: 'Release',
  awayTitle: 'Set {name} Away',
  reasonLabel: 'Reason (optional)',
  reasonHelp: 'For example: lunch, meeting, training.',
  cancel: 'Cancel',
  nowAvailable: '{name} is now Available.',
  nowAway: '{name} is now Away.',
  assignedTo: 'Assigned to {name}.',
  assignedNobody: 'Nobody is available: nothing was assigned.',
  released: 'Released one conversation of {name}.',
  loading: 'Loading the team…',
  errorLoad: 'The team could not be loaded: {message}',
  errorAction: 'That did not work: {message}',
  retry: 'Try again',
  // the /admin/teams/{team} screen (www/admin/team.js)
  screenTitle: "Team {team}",
  forbidden: "Only the owner and managers see the team’s availability.",
};

const tables = { en: EN };
const loading = {};
// one literal import per language, so that every bundler finds and splits them
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

export { EN as english, uiLocale };

/** A translator for a loaded language: placeholders are filled as text. */
function translator(lang) {
  const table = tables[lang] || EN;
  return (key, values = {}) =>
    (table[key] ?? EN[key] ?? key).replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(values, k) ? String(values[k]) : m));
}

/** Resolves to the translator of `lang` (English when it has no table or fails to load). */
export function loadText(lang) {
  if (tables[lang] || !MODULES[lang]) return Promise.resolve(translator(tables[lang] ? lang : 'en'));
  loading[lang] ??= MODULES[lang]().then((m) => {
    tables[lang] = m.default;
  });
  return loading[lang].then(() => translator(lang), () => translator('en'));
}

/** The translator of `lang` if its table is already here, else null. */
export const textNow = (lang) => (tables[lang] || !MODULES[lang] ? translator(tables[lang] ? lang : 'en') : null);
