// One finding: what was seen (listener, process, evidence), what the registry knows, its history, and the
// analyst's actions and suppression policies (role analyst; the page says so when the token lacks it).
import {h, facts, badge, number, time, externalLink, table} from './dom.js';
import {get, post, registryGet} from './api.js';
import {hasRole, user} from './session.js';

const ANALYST = 'analyst';
const ACTIONS = [['acknowledge', 'Acknowledge', ['OPEN']], ['suppress', 'Suppress', ['OPEN', 'ACKNOWLEDGED', 'STALE']],
  ['resolve', 'Resolve', ['OPEN', 'ACKNOWLEDGED', 'SUPPRESSED', 'STALE']]];

export async function finding(_params, id, {say, reload}) {
  const {finding: f, history} = await get(`/api/v1/findings/${encodeURIComponent(id)}`);
  const knowledge = f.listener ? await registryKnowledge(f.listener) : null;
  return h('article', {class: 'finding', 'data-finding-id': f.findingId, 'data-version': f.version},
    h('p', {}, h('a', {href: '#/findings'}, '← All findings')),
    h('h1', {}, f.title),
    h('p', {class: 'labels'}, badge('severity', f.severity), ' ', badge('state', f.state), ' ', h('code', {}, f.rule)),
    h('p', {}, f.description),
    f.remediation ? h('p', {}, h('strong', {}, 'Remediation: '), f.remediation) : null,
    h('div', {class: 'columns'}, seen(f), registry(f, knowledge)),
    timeline(history),
    actions(f, say, reload),
    suppressLikeThis(f, say));
}

function seen(f) {
  const listener = f.listener || {};
  const process = listener.process;
  const evidence = listener.evidence;
  return h('section', {'aria-labelledby': 'seen-heading'},
    h('h2', {id: 'seen-heading'}, 'What was seen'),
    facts([
      ['Host', f.host ? `${f.host.name || ''} (${f.host.id})` : ''],
      ['Asset', f.asset ? h('a', {href: `#/asset/${encodeURIComponent(f.asset)}`}, f.asset) : ''],
      ['Zone', f.zone],
      ['Probe', f.probe ? `${f.probe.id} (${f.probe.mode})` : ''],
      ['Listener', listener.port === undefined ? '' : `${listener.transport}/${listener.address}:${listener.port}`],
      ['Exposure', listener.exposure],
      ['Container', listener.container ? container(listener.container) : ''],
      ['First seen', time(f.firstSeen)],
      ['Last seen', time(f.lastSeen)],
      ['Version', f.version],
    ]),
    process ? h('div', {class: 'process'}, h('h3', {}, 'Owning process'), processFacts(process)) : h('p', {}, 'No owning process reported.'),
    (listener.sharedWith || []).length ? h('div', {}, h('h3', {}, 'Also held by'), listener.sharedWith.map(processFacts)) : null,
    evidence ? h('div', {class: 'evidence'}, h('h3', {}, 'Evidence'), evidenceFacts(evidence)) : null);
}

function container(c) {
  const pod = c.pod ? `, pod ${c.pod.namespace ?? '?'}/${c.pod.name ?? c.pod.uid}` : '';
  return `${c.runtime} ${c.name ?? String(c.id).slice(0, 12)}${pod}`;
}

function processFacts(process) {
  return facts([['Name (chosen by the process)', h('span', {class: 'process-name'}, process.name)],
    ['Executable', h('code', {}, process.exe ?? 'unknown')], ['User', process.user ?? ''], ['UID', process.uid ?? ''],
    ['PID', process.pid]]);
}

function evidenceFacts(evidence) {
  const pairs = [];
  if (typeof evidence.requestBytes === 'number' && typeof evidence.responseBytes === 'number') {
    const ratio = evidence.requestBytes > 0 ? evidence.responseBytes / evidence.requestBytes : null;
    pairs.push(['Reply', `${number(evidence.responseBytes)} bytes to a ${number(evidence.requestBytes)}-byte request`
      + (ratio === null ? '' : ` (ratio ${ratio.toFixed(1)})`)]);
  }
  for (const [name, value] of Object.entries(evidence)) {
    if (value === null || value === undefined) continue;
    pairs.push([name, typeof value === 'number' ? number(value) : typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  return facts(pairs);
}

async function registryKnowledge(listener) {
  try {
    return (await registryGet(`/api/v1/ports/${listener.port}/${encodeURIComponent(listener.transport)}`)).body;
  } catch (error) {
    return {error: error.message};
  }
}

function registry(f, knowledge) {
  const section = h('section', {'aria-labelledby': 'registry-heading'}, h('h2', {id: 'registry-heading'}, 'What the registry knows'));
  const summary = f.knowledge || {};
  if (!knowledge || knowledge.error) {
    section.append(facts([['Service', summary.serviceName], ['Status', summary.status], ['Risk', summary.risk]]),
      knowledge ? h('p', {class: 'hint'}, `The registry could not be asked: ${knowledge.error}`) : null);
  } else {
    section.append(facts([
      ['Service', knowledge.serviceName || summary.serviceName],
      ['Aliases', (knowledge.aliases || []).join(', ')],
      ['Description', knowledge.description],
      ['Status', knowledge.status], ['Risk', knowledge.risk],
      ['Amplification factor', knowledge.amplificationFactor],
      ['Plaintext credentials', knowledge.plaintextCredentials ? 'yes' : 'no'],
      ['Expected executables', (knowledge.expectedExecutables || []).join(', ')],
      ['Remediation', knowledge.remediation],
    ]));
    if ((knowledge.threats || []).length) section.append(h('h3', {}, 'Threats'), h('ul', {}, knowledge.threats.map(t => h('li', {}, t))));
    section.append(h('p', {}, h('a', {href: `#/ports?q=${knowledge.port}`}, `Port knowledge of ${knowledge.port}`)));
  }
  const references = (knowledge && !knowledge.error && knowledge.references?.length) ? knowledge.references : (f.references || []);
  if (references.length) section.append(h('h3', {}, 'References'), h('ul', {}, references.map(r => h('li', {}, externalLink(r)))));
  return section;
}

function timeline(history) {
  return h('section', {'aria-labelledby': 'history-heading'},
    h('h2', {id: 'history-heading'}, 'History'),
    h('ol', {class: 'timeline-list', id: 'history'}, [...history].reverse().map(change =>
      h('li', {}, time(change.changedAt), ' ', badge('state', change.state), ' ', badge('severity', change.severity),
        ` v${change.version}: `, change.reason))));
}

function actions(f, say, reload) {
  const section = h('section', {'aria-labelledby': 'actions-heading', class: 'actions'}, h('h2', {id: 'actions-heading'}, 'Actions'));
  const allowed = hasRole(ANALYST);
  if (!allowed) {
    const {name, roles} = user();
    section.append(h('p', {class: 'no-role', id: 'no-role'}, name
      ? `Acting on findings needs the role ${ANALYST}; your token (${name}) has ${roles.join(', ') || 'no role'}.`
      : `Acting on findings needs the role ${ANALYST}: sign in with such a token (top right).`));
  }
  const reason = h('textarea', {id: 'reason', name: 'reason', rows: 2, maxlength: 1000, required: true, disabled: !allowed,
    'aria-describedby': 'reason-hint'});
  const form = h('form', {id: 'action-form'},
    h('label', {for: 'reason'}, 'Reason (kept in the history)'), reason,
    h('p', {id: 'reason-hint', class: 'hint'}, 'Say why, for whoever reads this finding next.'),
    ACTIONS.map(([verb, label, from]) => h('button', {type: 'submit', value: verb, id: `action-${verb}`,
      disabled: !allowed || !from.includes(f.state)}, label)));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const verb = event.submitter?.value;
    if (!reason.value.trim()) {
      say('Give a reason first.', 'error');
      reason.focus();
      return;
    }
    try {
      await post(`/api/v1/findings/${encodeURIComponent(f.findingId)}/${verb}`, {reason: reason.value.trim()});
      await reload();
      say(`Finding ${verb}d.`);
    } catch (error) {
      say(`Could not ${verb}: ${error.message}`, 'error');
    }
  });
  section.append(form);
  return section;
}

function suppressLikeThis(f, say) {
  if (!f.listener || !hasRole(ANALYST)) return null;
  const reason = h('input', {name: 'reason', maxlength: 1000, required: true});
  const hostPattern = h('input', {name: 'hostPattern', value: f.host?.id || '', maxlength: 255});
  const form = h('form', {class: 'suppress-policy'},
    h('p', {}, `Suppress every ${f.rule} finding on ${f.listener.port}/${f.listener.transport} of hosts matching:`),
    h('label', {}, 'Host pattern (glob, empty: every host) ', hostPattern),
    h('label', {}, 'Reason ', reason),
    h('button', {type: 'submit'}, 'Create suppression policy'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await post('/api/v1/suppressions', {rule: f.rule, transport: f.listener.transport, port: f.listener.port,
        hostPattern: hostPattern.value.trim() || null, reason: reason.value.trim()});
      say('Suppression policy created; see Suppressions.');
    } catch (error) {
      say(`Could not create the policy: ${error.message}`, 'error');
    }
  });
  return h('section', {'aria-labelledby': 'policy-heading'}, h('h2', {id: 'policy-heading'}, 'Suppression policy'), form);
}
