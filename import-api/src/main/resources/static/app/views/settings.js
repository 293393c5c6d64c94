// Settings: where the mail at the end of each of your imports goes when the import itself names no one
// (and the notice that one of your webhooks was disabled).
import { api } from '../api.js';
import { announce, h, show } from '../dom.js';
import { clearProblems, field, listOf, showProblem } from '../fields.js';

export async function settingsView(main) {
  const settings = await api.get('/api/me/notifications');
  const fields = {
    email: field('default-email', 'Email me at', h('input', { type: 'text', name: 'email', autocomplete: 'email',
      value: settings.email.join(', '), placeholder: 'you@example.com' }),
    'Comma-separated, at most 10. Leave it empty for no mail. An import can still name its own addresses.'),
  };
  const problemBox = h('div', { id: 'settings-problem' });
  const status = h('p', { id: 'settings-status', role: 'status' });
  const button = h('button', { type: 'submit', id: 'save-settings' }, 'Save');

  async function save(event) {
    event.preventDefault();
    button.disabled = true;
    clearProblems(fields, problemBox);
    status.textContent = '';
    status.className = '';
    try {
      const saved = await api.put('/api/me/notifications', { email: listOf(fields.email.control.value) });
      fields.email.control.value = saved.email.join(', ');
      status.className = 'success';
      status.textContent = saved.email.length ? 'Saved: mail goes to ' + saved.email.join(', ') + '.' : 'Saved: no mail when your imports end.';
      announce(status.textContent);
    } catch (problem) {
      showProblem(problem, fields, problemBox);
    } finally {
      button.disabled = false;
    }
  }

  show(main, h('h1', {}, 'Settings'),
    h('section', { class: 'card', 'aria-labelledby': 'notify-heading' },
      h('h2', { id: 'notify-heading' }, 'Mail when an import ends'),
      h('p', {}, 'When one of your imports completes, fails or is cancelled, a short summary with its link goes to these addresses. New imports start with "Email me when it\'s done" ticked while you have one.'),
      h('form', { id: 'settings-form', novalidate: true, onsubmit: save },
        fields.email.element, problemBox, status, h('div', { class: 'actions' }, button))));
  return null;
}
