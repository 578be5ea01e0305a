// The dialog of <bookable-team-status> that sets a member Away with a reason (Aircall's
// sub-status): a modal <dialog> (focus held inside, Escape cancels, focus returns to the button
// that opened it), a labelled text field, Cancel and Set Away.
import { h } from '../shared/dom.js';

let ids = 0;

export class AwayDialog {
  #dialog;
  #title;
  #input;
  #help;
  #submit;
  #cancel;
  #resolve = null;

  constructor(root) {
    const n = ++ids;
    this.#title = h('h2', { id: `away-title-${n}`, class: 'dialog-title' });
    this.#input = h('input', { id: `away-reason-${n}`, type: 'text', maxlength: 200, autocomplete: 'off', 'aria-describedby': `away-help-${n}`, part: 'input' });
    this.#help = h('p', { id: `away-help-${n}`, class: 'help' });
    this.#submit = h('button', { type: 'submit', part: 'button primary', class: 'primary' });
    this.#cancel = h('button', { type: 'button', part: 'button' });
    this.label = h('label', { for: `away-reason-${n}` });
    const form = h('form', {}, this.#title, this.label, this.#input, this.#help, h('div', { class: 'dialog-buttons' }, this.#cancel, this.#submit));
    this.#dialog = h('dialog', { 'aria-labelledby': `away-title-${n}`, part: 'dialog' }, form);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#close(this.#input.value.trim());
    });
    this.#cancel.addEventListener('click', () => this.#close(null));
    this.#dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      this.#close(null);
    });
    root.append(this.#dialog);
  }

  /** Asks for a reason: resolves to the text ('' for none) or null when cancelled. */
  ask(t, name) {
    this.#title.textContent = t('awayTitle', { name });
    this.label.textContent = t('reasonLabel');
    this.#help.textContent = t('reasonHelp');
    this.#submit.textContent = t('setAway');
    this.#cancel.textContent = t('cancel');
    this.#input.value = '';
    this.#dialog.showModal();
    this.#input.focus();
    return new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  #close(value) {
    this.#dialog.close();
    const r = this.#resolve;
    this.#resolve = null;
    if (r) r(value);
  }
}
