// "Email me when it's done" on the new-import form: the addresses that go in the job's options.notify.email.
import { h } from '../dom.js';
import { field, listOf } from '../fields.js';

/**
 * Ticked from the start when the user has default addresses (which the job would use anyway), with them;
 * else unticked, with the address the issuer named, if any.
 * @param defaults the user's default addresses (Settings)
 * @param email the signed-in user's address, or null
 */
export function notifyMe(defaults, email) {
  const state = { on: defaults.length > 0, addresses: defaults.length ? defaults.join(', ') : (email || '') };
  let addresses = null;

  /** The fieldset; the form draws it afresh when it redraws its step, the choice stays here. */
  function render() {
    addresses = field('notify-email', 'Addresses', h('input', { type: 'text', autocomplete: 'email',
      value: state.addresses, placeholder: 'you@example.com', oninput: (e) => { state.addresses = e.target.value; } }),
    'Comma-separated. Your default addresses are in Settings.');
    addresses.element.hidden = !state.on;
    const box = h('input', { type: 'checkbox', id: 'notify-me', checked: state.on, onchange: (e) => {
      state.on = e.target.checked;
      addresses.element.hidden = !state.on;
      if (state.on && !addresses.control.value.trim()) addresses.control.focus();
    } });
    return h('fieldset', { class: 'notify' }, h('legend', {}, 'When it\'s done'),
      h('label', { class: 'choice', for: 'notify-me' }, box,
        h('span', {}, 'Email me when it\'s done', h('br'), h('span', { class: 'hint' }, 'A summary with the link to the import (and its error report) when it completes, fails or is cancelled.'))),
      addresses.element);
  }

  /**
   * options.notify: the addresses when ticked; unticked, none ({email: []}) when defaults exist, since they
   * would apply, else nothing. Null when ticked without an address: the field says so and takes the focus.
   */
  function option() {
    addresses.error(null);
    if (!state.on) return defaults.length ? { email: [] } : undefined;
    const email = listOf(state.addresses);
    if (!email.length) {
      addresses.error('Give an address to mail, or untick "Email me when it\'s done".');
      addresses.control.focus();
      return null;
    }
    return { email };
  }

  /** The field the API's errors about options.notify.email go under. */
  const fields = () => ({ 'options.notify.email': addresses });

  return { render, option, fields };
}
