// Suppression policies: list, create, delete (role analyst to change them).
import {h, table, time} from './dom.js';
import {get, post, remove} from './api.js';
import {hasRole} from './session.js';

export async function suppressions(_params, _arg, {say, reload}) {
  const policies = await get('/api/v1/suppressions');
  const allowed = hasRole('analyst');
  return h('div', {},
    h('h1', {}, 'Suppression policies'),
    allowed ? null : h('p', {class: 'no-role'}, 'Creating and deleting policies needs the role analyst.'),
    table('Policies: a new finding that matches one is suppressed at once', ['Rule', 'Port', 'Host pattern', 'Process', 'Reason', 'By', 'Since', ''],
      policies.map(policy => [policy.rule ?? 'any', policy.port === null ? (policy.transport ?? 'any') : `${policy.port}/${policy.transport ?? 'any'}`,
        policy.hostPattern ?? 'any', policy.process ?? 'any', policy.reason, policy.createdBy, time(policy.createdAt),
        h('button', {type: 'button', disabled: !allowed, 'aria-label': `Delete policy ${policy.id}`, onclick: async () => {
          try {
            await remove(`/api/v1/suppressions/${policy.id}`);
            await reload();
            say('Policy deleted.');
          } catch (error) {
            say(`Could not delete: ${error.message}`, 'error');
          }
        }}, 'Delete')])),
    allowed ? createForm(say, reload) : null);
}

function createForm(say, reload) {
  const form = h('form', {class: 'filters', 'aria-label': 'New suppression policy'},
    ['rule', 'transport', 'port', 'hostPattern', 'process', 'reason'].map(name =>
      h('label', {}, name, h('input', {name, maxlength: name === 'reason' ? 1000 : 255, required: name === 'reason'}))),
    h('button', {type: 'submit'}, 'Create policy'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {};
    for (const [name, value] of new FormData(form)) {
      const text = String(value).trim();
      if (text) body[name] = name === 'port' ? Number(text) : text;
    }
    try {
      await post('/api/v1/suppressions', body);
      await reload();
      say('Policy created.');
    } catch (error) {
      say(`Could not create the policy: ${error.message}`, 'error');
    }
  });
  return h('section', {}, h('h2', {}, 'New policy'), form);
}
