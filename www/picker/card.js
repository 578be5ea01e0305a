// The picker's card: its header (the owner's title and description, the meeting's length and
// hosts), a notice line, the loading status, the error with "Try again", and the body holding the
// zone field, the month grid with the day's times, and the confirm and done steps. It shows the
// parts for a step; the parts draw their own content.
import { h } from '../shared/dom.js';

export class PickerCard {
  #t;

  /**
   * `{ t, ui, level, zone, clock, calendar, steps, onRetry }`: `ui` the interface locale,
   * `level` the title's heading level, and the parts (ZoneCombobox, ClockToggle, PickerCalendar,
   * ConfirmStep).
   */
  constructor({ t, ui, level, zone, clock, calendar, steps, onRetry }) {
    this.#t = t;
    // the owner's text may be in another script than the page's language: its own direction
    this.title = h(`h${level}`, { class: 'title', id: 'title', part: 'title', dir: 'auto' });
    this.description = h('p', { class: 'description', part: 'description', dir: 'auto' });
    this.meta = h('p', { class: 'meta', part: 'meta' });
    this.notice = h('p', { class: 'notice', role: 'status', part: 'notice' });
    this.status = h('p', { class: 'status', role: 'status' });
    this.errorText = h('p', { class: 'error-text', part: 'error-text' });
    this.retry = h('button', { type: 'button', class: 'secondary retry', part: 'button retry' }, t('retry'));
    this.error = h('div', { class: 'error', role: 'alert', part: 'error' }, this.errorText, this.retry);
    this.zone = h('div', { class: 'zone', part: 'zone' },
      h('div', { class: 'zone-head' }, zone.label, clock.group), zone.field, zone.hint, zone.error);
    this.pick = h('div', { class: 'pick' }, calendar.calendar, calendar.times);
    this.confirm = steps.confirm;
    this.done = steps.done;
    this.body = h('div', { class: 'body' }, this.zone, this.pick, this.confirm, this.done);
    this.card = h('div', { class: 'card', part: 'card', lang: ui.locale, dir: ui.dir },
      h('header', { part: 'header' }, this.title, this.description, this.meta), this.notice, this.status, this.error, this.body);
    this.retry.addEventListener('click', onRetry);
  }

  /**
   * Shows what `step` shows: `config` the configuration (or null), `error` `{ transient }`,
   * `notice` a message; `formats` the Formats in force, `names(ids)` the hosts' names as a list.
   */
  render({ step, config: c, error, notice, formats, names }) {
    const t = this.#t;
    const parts = [];
    if (c) {
      const ev = c.request.event || {};
      if (Number.isFinite(ev.duration)) parts.push(formats.minutes.format(ev.duration));
      const members = Array.isArray(c.request.members) ? c.request.members : [];
      if (c.request.team?.mode !== 'roundRobin' && members.length) parts.push(t('withHost', { name: names(members.map((m) => m.id)) }));
    }
    const meta = parts.join(' · ');
    const ready = step === 'pick' || step === 'confirm' || step === 'done';
    const busy = step === 'loading' || step === 'idle';
    // preview: the server's first times in the calendar, the zone field still loading
    const preview = step === 'preview';
    this.card.classList.toggle('busy', busy);
    this.card.classList.toggle('preview', preview);
    if (step === 'loading' || preview) this.card.setAttribute('aria-busy', 'true');
    else this.card.removeAttribute('aria-busy');
    // before the configuration is known the header is placeholders
    this.title.textContent = (c && c.title) || (busy && !c ? '' : t('title'));
    this.description.textContent = (c && c.description) || '';
    this.description.hidden = c ? !c.description : !busy;
    this.status.textContent = step === 'loading' || preview ? t('loading') : '';
    this.error.hidden = step !== 'error';
    if (step === 'error') this.errorText.textContent = t(error.transient ? 'errorLoad' : 'errorConfig');
    this.notice.textContent = notice;
    this.notice.hidden = !(notice && ready);
    this.body.hidden = step === 'error';
    this.pick.hidden = !(step === 'pick' || busy || preview);
    this.zone.hidden = !(step === 'pick' || busy || preview);
    this.confirm.hidden = step !== 'confirm';
    this.done.hidden = step !== 'done';
    this.meta.textContent = meta;
    this.meta.hidden = !meta && !busy;
  }
}
