// Interface text of <bookable-picker> in English, French, Dutch and German.
// Dates, times, durations and lists are formatted with Intl in the page's locale;
// only the sentences below need translating. `{name}` placeholders are filled with
// plain text (the element always renders with textContent, never as HTML).

const STRINGS = {
  en: {
    title: 'Book a meeting',
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    zoneLabel: 'Your time zone',
    zoneShown: 'Times are shown in {zone}.',
    zoneUnknown:
      "We couldn't detect your time zone, so times are shown in the host's time zone ({zone}). Choose yours below.",
    zoneInvalid: 'Unknown time zone. Choose one from the list.',
    loading: 'Loading available times…',
    loadError: 'Available times could not be loaded.',
    pickDay: 'Choose a day to see the available times.',
    noSlotsDay: 'No available times on this day.',
    noSlotsMonth: 'No available times this month.',
    slotsOn: 'Available times on {date}',
    withHost: 'with {name}',
    confirmTitle: 'Confirm your meeting',
    confirm: 'Confirm',
    back: 'Back',
    doneTitle: 'Time selected',
    doneText: 'You chose {when}.',
    again: 'Choose another time',
    today: 'today',
  },
  fr: {
    title: 'Prendre rendez-vous',
    prevMonth: 'Mois précédent',
    nextMonth: 'Mois suivant',
    zoneLabel: 'Votre fuseau horaire',
    zoneShown: 'Les horaires sont affichés dans le fuseau {zone}.',
    zoneUnknown:
      "Votre fuseau horaire n'a pas pu être détecté : les horaires sont affichés dans celui de l'organisateur ({zone}). Choisissez le vôtre ci-dessous.",
    zoneInvalid: 'Fuseau horaire inconnu. Choisissez-en un dans la liste.',
    loading: 'Chargement des créneaux disponibles…',
    loadError: "Les créneaux disponibles n'ont pas pu être chargés.",
    pickDay: 'Choisissez un jour pour voir les créneaux disponibles.',
    noSlotsDay: 'Aucun créneau disponible ce jour-là.',
    noSlotsMonth: 'Aucun créneau disponible ce mois-ci.',
    slotsOn: 'Créneaux disponibles le {date}',
    withHost: 'avec {name}',
    confirmTitle: 'Confirmez votre rendez-vous',
    confirm: 'Confirmer',
    back: 'Retour',
    doneTitle: 'Créneau choisi',
    doneText: 'Vous avez choisi {when}.',
    again: 'Choisir un autre créneau',
    today: "aujourd'hui",
  },
  nl: {
    title: 'Afspraak maken',
    prevMonth: 'Vorige maand',
    nextMonth: 'Volgende maand',
    zoneLabel: 'Je tijdzone',
    zoneShown: 'Tijden worden getoond in {zone}.',
    zoneUnknown:
      'We konden je tijdzone niet bepalen, dus de tijden staan in de tijdzone van de organisator ({zone}). Kies hieronder je eigen tijdzone.',
    zoneInvalid: 'Onbekende tijdzone. Kies er een uit de lijst.',
    loading: 'Beschikbare tijden laden…',
    loadError: 'De beschikbare tijden konden niet worden geladen.',
    pickDay: 'Kies een dag om de beschikbare tijden te zien.',
    noSlotsDay: 'Geen beschikbare tijden op deze dag.',
    noSlotsMonth: 'Geen beschikbare tijden deze maand.',
    slotsOn: 'Beschikbare tijden op {date}',
    withHost: 'met {name}',
    confirmTitle: 'Bevestig je afspraak',
    confirm: 'Bevestigen',
    back: 'Terug',
    doneTitle: 'Tijd gekozen',
    doneText: 'Je hebt {when} gekozen.',
    again: 'Kies een andere tijd',
    today: 'vandaag',
  },
  de: {
    title: 'Termin buchen',
    prevMonth: 'Vorheriger Monat',
    nextMonth: 'Nächster Monat',
    zoneLabel: 'Ihre Zeitzone',
    zoneShown: 'Die Zeiten werden in {zone} angezeigt.',
    zoneUnknown:
      'Ihre Zeitzone konnte nicht erkannt werden, daher werden die Zeiten in der Zeitzone des Gastgebers ({zone}) angezeigt. Wählen Sie unten Ihre Zeitzone.',
    zoneInvalid: 'Unbekannte Zeitzone. Bitte wählen Sie eine aus der Liste.',
    loading: 'Verfügbare Zeiten werden geladen…',
    loadError: 'Die verfügbaren Zeiten konnten nicht geladen werden.',
    pickDay: 'Wählen Sie einen Tag, um die verfügbaren Zeiten zu sehen.',
    noSlotsDay: 'An diesem Tag sind keine Zeiten verfügbar.',
    noSlotsMonth: 'In diesem Monat sind keine Zeiten verfügbar.',
    slotsOn: 'Verfügbare Zeiten am {date}',
    withHost: 'mit {name}',
    confirmTitle: 'Termin bestätigen',
    confirm: 'Bestätigen',
    back: 'Zurück',
    doneTitle: 'Zeit ausgewählt',
    doneText: 'Sie haben {when} gewählt.',
    again: 'Andere Zeit wählen',
    today: 'heute',
  },
};

export const LANGUAGES = Object.keys(STRINGS);

/** The interface language for a BCP 47 locale: its language subtag if translated, else English. */
export function languageOf(locale) {
  const lang = String(locale || '').toLowerCase().split(/[-_]/)[0];
  return Object.hasOwn(STRINGS, lang) ? lang : 'en';
}

/** A translator for `locale`: t('withHost', {name}) fills placeholders with plain text. */
export function translator(locale) {
  const table = STRINGS[languageOf(locale)];
  return (key, values = {}) =>
    (table[key] ?? STRINGS.en[key] ?? key).replace(/\{(\w+)\}/g, (m, k) =>
      Object.hasOwn(values, k) ? String(values[k]) : m,
    );
}
