// The steps after a time is chosen: "Confirm your meeting" (the time, the hosts, the zone shown;
// on a page with an `action`, the details form of booking.js instead of the Confirm button) and
// the last step, "Time selected" or "Meeting booked" (the time, the hosts, the duration and the
// zone shown; once booked, an .ics link and the server's link for changing or cancelling it).
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
    this.doneHosts = h('p', { class: 'hosts', part: 'hosts' });
    this.doneDuration = h('p', { class: 'duration', part: 'duration' });
    this.doneZone = h('p', { class: 'zone-line', part: 'zone-line' });
    this.calendarLink = h('span');
    this.manageLink = h('a', { class: 'manage', part: 'manage' }, t('manageLink'));
    this.doneExtra = h('div', { class: 'done-links' }, this.calendarLink, this.manageLink);
    this.againButton = h('button', { type: 'button', class: 'secondary again', part: 'button again' }, t('again'));
    this.done = h('section', { class: 'done-step', 'aria-labelledby': 'done-heading', part: 'done-step' },
      this.doneHeading, this.doneText, this.doneHosts, this.doneDuration, this.doneZone, this.doneExtra, h('div', { class: 'actions' }, this.againButton));

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
        this.calendarLink.replaceChildren(calendarLink);
        onBooked(booked);
      },
      taken: onTaken,
    }), onError);
  }

  /**
   * Shows `when` (the formatted range), `hosts` ("with …"), `duration` (formatted, or '') and
   * `zone` (its place); `booked` the server's booking (or null); `hasAction` whether the details
   * form replaces Confirm. The booking's `manageUrl` is linked only if it is an http(s) URL.
   */
  render({ when, hosts, duration, zone, booked, hasAction }) {
    const t = this.#o.t;
    this.when.textContent = when;
    this.hosts.textContent = hosts;
    this.zone.textContent = t('zoneShown', { zone });
    this.doneText.textContent = t(booked ? 'bookedText' : 'doneText', { when });
    this.doneHeading.textContent = t(booked ? 'bookedTitle' : 'doneTitle');
    this.doneHosts.textContent = hosts;
    this.doneDuration.textContent = duration ? t('durationIs', { duration }) : '';
    this.doneDuration.hidden = !duration;
    this.doneZone.textContent = t('zoneShown', { zone });
    this.doneExtra.hidden = !booked;
    const manage = booked && webUrl(booked.manageUrl);
    this.manageLink.hidden = !manage;
    if (manage) this.manageLink.href = manage;
    else this.manageLink.removeAttribute('href');
    this.confirmButton.hidden = hasAction;
  }
}

/** `url` if it is an absolute http(s) URL (never a `javascript:` one), else null. */
function webUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
