// The steps after a time is chosen: "Confirm your meeting" (the time, the hosts, the zone shown;
// on a page with an `action`, the details form of booking.js instead of the Confirm button) and
// the last step, "Time selected" or "Meeting booked" (with an .ics link).
import { h } from '../shared/dom.js';

let bookingLoad = null;
/** The details step (booking.js), loaded once, only by pages with an `action`. */
export const loadBooking = () => (bookingLoad ??= import('./booking.js'));

/** The `bookable:select` detail of `slot` shown in `timezone`; `title` the page's default title. */
export function selectDetail(slot, config, timezone, title) {
  const names = config.names || {};
  return {
    start: slot.start, end: slot.end, hosts: [...slot.hosts], names: slot.hosts.map((id) => names[id] || id),
    title: config.title || title, duration: config.request.event && config.request.event.duration,
    timezone, localStart: slot.localStart, localEnd: slot.localEnd,
  };
}

export class ConfirmStep {
  #o;

  /**
   * `{ t, heading, adoptStyles, onConfirm, onBack }`: `heading` the headings' tag,
   * `adoptStyles(sheet)` adds a stylesheet to the element; Escape, Back and "Choose another time"
   * go back.
   */
  constructor(options) {
    this.#o = options;
    const { t, heading } = options;
    this.confirmHeading = h(heading, { class: 'step-heading', id: 'confirm-heading', tabindex: '-1', part: 'step-heading' }, t('confirmTitle'));
    this.when = h('p', { class: 'when', part: 'when' });
    this.hosts = h('p', { class: 'hosts', part: 'hosts' });
    this.zone = h('p', { class: 'zone-line', part: 'zone-line' });
    this.details = h('div');
    this.confirmButton = h('button', { type: 'button', class: 'primary confirm', part: 'button primary confirm' }, t('confirm'));
    this.backButton = h('button', { type: 'button', class: 'secondary back', part: 'button back' }, t('back'));
    this.confirm = h('section', { class: 'confirm-step', 'aria-labelledby': 'confirm-heading', part: 'confirm-step' },
      this.confirmHeading, this.when, this.hosts, this.zone, this.details, h('div', { class: 'actions' }, this.confirmButton, this.backButton));
    this.doneHeading = h(heading, { class: 'step-heading', id: 'done-heading', tabindex: '-1', part: 'step-heading' }, t('doneTitle'));
    this.doneText = h('p', { class: 'when', part: 'when' });
    this.doneExtra = h('div');
    this.againButton = h('button', { type: 'button', class: 'secondary again', part: 'button again' }, t('again'));
    this.done = h('section', { class: 'done-step', 'aria-labelledby': 'done-heading', part: 'done-step' },
      this.doneHeading, this.doneText, this.doneExtra, h('div', { class: 'actions' }, this.againButton));

    this.confirmButton.addEventListener('click', () => options.onConfirm());
    this.backButton.addEventListener('click', () => options.onBack());
    this.againButton.addEventListener('click', () => options.onBack());
    this.confirm.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.preventDefault();
        options.onBack();
      }
    });
  }

  /**
   * The details form (booking.js) in place of Confirm, for a page with an `action`. It is given
   * only the form's container, the text, the action and the `detail` of the time chosen.
   * `current()` whether that time is still the one being confirmed when booking.js has loaded;
   * `onBooked(detail)` after a booking (its "Add to calendar" link is in place), `onTaken()` on a
   * 409, `onError(e)` if booking.js could not be loaded.
   */
  offerDetails({ action, detail, current, onBooked, onTaken, onError }) {
    this.details.replaceChildren();
    loadBooking().then((m) => current() && m.details({
      form: this.details, t: this.#o.t, action, detail, adoptStyles: this.#o.adoptStyles,
      booked: (booked, calendarLink) => {
        this.doneExtra.replaceChildren(calendarLink);
        onBooked(booked);
      },
      taken: onTaken,
    }), onError);
  }

  /**
   * Shows `when` (the formatted range), `hosts` ("with …") and `zone` (its place); `booked`
   * whether the server booked it; `hasAction` whether the details form replaces Confirm.
   */
  render({ when, hosts, zone, booked, hasAction }) {
    const t = this.#o.t;
    this.when.textContent = when;
    this.hosts.textContent = hosts;
    this.zone.textContent = t('zoneShown', { zone });
    this.doneText.textContent = t(booked ? 'bookedText' : 'doneText', { when });
    this.doneHeading.textContent = t(booked ? 'bookedTitle' : 'doneTitle');
    this.doneExtra.hidden = !booked;
    this.confirmButton.hidden = hasAction;
  }
}
