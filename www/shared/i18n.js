// Interface text of <bookable-picker>: English here, each other language in i18n/<lang>.js,
// loaded only by pages in it (dates, numbers and names come from Intl). A language without a
// table is English throughout, dates too (`en-<region>`): a page never mixes languages.

const EN = {
  title: 'Book a meeting',
  prevMonth: 'Previous month',
  nextMonth: 'Next month',
  zoneLabel: 'Your time zone',
  zoneHelp: 'Type a city, country, time zone or UTC offset.',
  zoneNoMatch: 'No time zone matches “{query}”.',
  zoneMatches: 'Time zones found: {count}',
  zoneInvalid: 'Unknown time zone. Choose one from the list.',
  zoneUnknown: "We couldn't detect your time zone, so times are shown in the host's time zone ({zone}). Choose yours below.",
  zoneNow: 'now {time}',
  zoneShown: 'Times are shown in {zone}.',
  clockLabel: 'Time format',
  clockN: '{n}h',
  loading: 'Loading available times…',
  errorLoad: 'Available times could not be loaded. Check your connection and try again.',
  errorConfig: 'This booking page cannot show times right now. Please try again later.',
  retry: 'Try again',
  pickDay: 'Choose a day to see the available times.',
  noSlotsMonth: 'No available times in {month}.',
  nextAvailable: 'Next available: {date}',
  slotsOn: 'Available times on {date}',
  withHost: 'with {name}',
  confirmTitle: 'Confirm your meeting',
  confirm: 'Confirm',
  back: 'Back',
  doneTitle: 'Time selected',
  doneText: 'You chose {when}.',
  again: 'Choose another time',
  today: 'today',
  // the details step and the booking (bookable-booking.js, pages with an `action`)
  name: 'Name',
  email: 'Email',
  notes: 'Notes',
  optional: '(optional)',
  book: 'Book',
  sending: 'Booking…',
  nameRequired: 'Enter your name.',
  emailRequired: 'Enter your email address.',
  emailInvalid: 'Enter an email address like name@example.com.',
  tooLong: 'At most {n} characters.',
  fieldInvalid: 'Check this field.',
  sendError: 'The booking could not be sent. Check your connection and try again.',
  bookFailed: 'The booking could not be made. Please try again later.',
  bookedTitle: 'Meeting booked',
  bookedText: 'Your meeting is booked for {when}.',
  addCalendar: 'Add to calendar',
  durationIs: 'Duration: {duration}',
  manageLink: 'Change or cancel this booking',
  taken: 'Sorry, that time was just taken. Please choose another.',
  slotGone: 'That time is no longer available. Please choose another.',
};

/** Languages with a complete table (tests hold every table to English's keys). */
export const LANGUAGES = ['en', 'fr', 'nl', 'de', 'es', 'it', 'pt', 'ja', 'ar', 'he'];
const RTL = ['ar', 'he'];
const tables = { en: EN };
const loading = {};

/**
 * The interface locale for a requested BCP 47 locale: `{ locale, lang, dir }`. A language
 * without a table gives English (`en-<region>`), never English sentences around local dates.
 */
export function uiLocale(requested) {
  let loc;
  try {
    loc = new Intl.Locale(requested);
  } catch {
    loc = new Intl.Locale('en');
  }
  const lang = loc.language;
  if (LANGUAGES.includes(lang)) return { locale: loc.toString(), lang, dir: RTL.includes(lang) ? 'rtl' : 'ltr' };
  return { locale: loc.region ? `en-${loc.region}` : 'en', lang: 'en', dir: 'ltr' };
}

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

/** Loads a language's table (English is built in): a promise of its translator. */
export function loadLanguage(lang) {
  if (tables[lang] || !MODULES[lang]) return Promise.resolve(translator(lang));
  loading[lang] ??= MODULES[lang]().then((m) => {
    tables[lang] = m.default;
  });
  return loading[lang].then(() => translator(lang));
}

/** A translator for a loaded language: t('withHost', { name }) fills placeholders as text. */
export function translator(lang) {
  const table = tables[lang] || EN;
  return (key, values = {}) =>
    (table[key] ?? EN[key] ?? key).replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(values, k) ? String(values[k]) : m));
}

export { EN as english };

/**
 * An element's interface text in one language at a time: `t` gives '' for every key until the
 * language asked for is loaded (never another language's sentences), then `onLoad()` is called.
 */
export class InterfaceText {
  #want = null; // the language asked for
  #lang = null; // the language of `t`
  #loading = null; // { lang, promise }
  #onLoad;
  t = () => '';

  constructor(onLoad) {
    this.#onLoad = onLoad;
  }

  /**
   * Asks for `lang` (English if its table cannot be loaded); resolves when `t` is in it. A table
   * already loaded (English always) is in force at once, without `onLoad()`: the element is
   * built once, not first without text and again with it.
   */
  use(lang) {
    if (lang !== this.#want) {
      this.#want = lang;
      if (lang !== this.#lang) {
        this.t = tables[lang] ? translator(lang) : () => '';
        this.#lang = tables[lang] ? lang : null;
      }
    }
    return this.load();
  }

  /** Resolves when `t` is in the language asked for. */
  load() {
    const lang = this.#want;
    if (this.#lang === lang) return Promise.resolve();
    if (this.#loading && this.#loading.lang === lang) return this.#loading.promise;
    const promise = loadLanguage(lang)
      .catch(() => loadLanguage('en'))
      .then((t) => {
        if (this.#want !== lang) return;
        this.t = t;
        this.#lang = lang;
        this.#onLoad();
      });
    this.#loading = { lang, promise };
    return promise;
  }
}
