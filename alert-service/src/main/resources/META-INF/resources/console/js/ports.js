// Port knowledge: look up a port number or a service name (aliases too) in the registry, see its two layers (IANA's
// registration and the curated knowledge) beside what they make together, and, with the role registry-admin, edit
// the curated knowledge of one transport/port. The edit names the version it was read at
// (If-Match); when someone changed it meanwhile, the page shows their version beside yours.
import {h, facts, table, externalLink, time} from './dom.js';
import {registryGet, registryPut} from './api.js';
import {hasRole} from './session.js';

const ADMIN = 'registry-admin';
const LISTS = ['aliases', 'threats', 'expectedProcesses', 'expectedExecutables', 'relatedPorts', 'references'];
const RISKS = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export async function ports(params, _arg, {say}) {
  const q = (params.get('q') || '').trim();
  const form = h('form', {role: 'search', class: 'filters', 'aria-label': 'Look up a port'},
    h('label', {}, 'Port number or service name', h('input', {name: 'q', value: q, maxlength: 100, required: true})),
    h('button', {type: 'submit'}, 'Look up'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `#/ports?${new URLSearchParams({q: new FormData(form).get('q').trim()})}`;
  });
  const page = h('div', {}, h('h1', {}, 'Port knowledge'), form);
  if (!q) return page;
  const path = /^\d{1,5}$/.test(q) ? `/api/v1/ports/${q}` : `/api/v1/services/${encodeURIComponent(q)}`;
  const {body} = await registryGet(path);
  const entries = Array.isArray(body) ? body : [body];
  if (!entries.length) page.append(h('p', {}, `The registry knows nothing under ${q}.`));
  for (const entry of entries) page.append(await knowledgeView(entry, say));
  return page;
}

/** The fields of a knowledge entry in the order shown; IANA's layer has only some of them. */
const FIELDS = [['serviceName', 'Service name'], ['aliases', 'Aliases'], ['description', 'Description'], ['status', 'Status'],
  ['risk', 'Risk'], ['threats', 'Threats'], ['expectedProcesses', 'Expected processes'],
  ['expectedExecutables', 'Expected executables'], ['relatedPorts', 'Related ports'],
  ['amplificationFactor', 'Amplification factor'], ['plaintextCredentials', 'Plaintext credentials'],
  ['remediation', 'Remediation'], ['references', 'References']];
const IANA_FIELDS = new Set(['serviceName', 'aliases', 'description', 'status', 'references']);

async function knowledgeView(k, say) {
  const {body: layers} = await registryGet(`/api/v1/knowledge/${k.transport}/${k.port}`);
  const section = h('section', {class: 'knowledge'},
    h('h2', {}, `${k.port}/${k.transport} ${k.serviceName ?? '(no IANA name)'}`),
    table(`The two layers of ${k.port}/${k.transport}: the curated layer wins where it says something`,
      ['Field', 'IANA registry', 'Curated', 'In effect'],
      FIELDS.map(([name, label]) => [label,
        IANA_FIELDS.has(name) ? layerValue(layers.iana, name) : h('span', {class: 'hint'}, 'not in IANA\'s registry'),
        layerValue(layers.curated, name), layerValue(layers.knowledge, name)]),
      {class: 'layers'}),
    h('p', {}, `Version ${k.version}${k.updatedAt ? `, changed ${k.updatedAt}` : ''}.`));
  if (hasRole(ADMIN)) {
    section.append(editForm(k, say));
  } else {
    section.append(h('p', {class: 'no-role'}, `Editing curated knowledge needs the role ${ADMIN}.`));
  }
  return section;
}

/** One field of one layer as text (lists joined, references as links); a dash when the layer or the field is absent. */
function layerValue(layer, name) {
  if (!layer) return h('span', {class: 'hint'}, '—');
  const value = layer[name];
  if (name === 'references') return value?.length ? h('ul', {}, value.map(r => h('li', {}, externalLink(r)))) : '—';
  if (Array.isArray(value)) return value.length ? value.join('; ') : '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value ?? '—';
}

function editForm(k, say) {
  const inputs = {
    serviceName: h('input', {value: k.serviceName ?? '', maxlength: 255}),
    description: h('input', {value: k.description ?? '', maxlength: 1000}),
    status: h('select', {}, ['', 'ACTIVE', 'LEGACY', 'DEPRECATED', 'UNASSIGNED', 'RESERVED'].map(s =>
      h('option', {value: s, selected: s === k.status}, s || '(IANA\'s)'))),
    risk: h('select', {}, RISKS.map(r => h('option', {value: r, selected: r === k.risk}, r))),
    amplificationFactor: h('input', {value: k.amplificationFactor ?? '', inputmode: 'decimal'}),
    plaintextCredentials: h('input', {type: 'checkbox', checked: k.plaintextCredentials}),
    remediation: h('textarea', {rows: 3}),
  };
  inputs.remediation.value = k.remediation ?? '';
  for (const list of LISTS) {
    inputs[list] = h('textarea', {rows: 2, 'aria-describedby': `one-per-line-${k.transport}-${k.port}`});
    inputs[list].value = k[list].join('\n');
  }
  for (const [name, input] of Object.entries(inputs)) input.name = name;
  let etag = `"${k.version}"`;
  const conflict = h('div', {role: 'alert'});
  const form = h('form', {class: 'curation'},
    h('h3', {}, 'Edit curated knowledge'),
    h('p', {id: `one-per-line-${k.transport}-${k.port}`, class: 'hint'}, 'Lists: one item per line.'),
    Object.entries(inputs).map(([name, input]) => h('label', {}, name, input)),
    conflict,
    h('button', {type: 'submit'}, 'Save'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {serviceName: inputs.serviceName.value.trim() || null, description: inputs.description.value.trim() || null,
      status: inputs.status.value || null, risk: inputs.risk.value,
      amplificationFactor: inputs.amplificationFactor.value.trim() ? Number(inputs.amplificationFactor.value) : null,
      plaintextCredentials: inputs.plaintextCredentials.checked, remediation: inputs.remediation.value.trim() || null};
    for (const list of LISTS) {
      const items = inputs[list].value.split('\n').map(s => s.trim()).filter(Boolean);
      body[list] = list === 'relatedPorts' ? items.map(Number) : items;
    }
    const path = `/api/v1/knowledge/${k.transport}/${k.port}`;
    try {
      const saved = await registryPut(path, body, etag);
      etag = saved.etag || `"${saved.body.version}"`;
      conflict.replaceChildren();
      say(`Saved: ${k.port}/${k.transport} is now version ${saved.body.version}.`);
    } catch (error) {
      if (error.status === 412 || error.status === 409) {
        const {body: current, etag: currentTag} = await registryGet(`/api/v1/ports/${k.port}/${k.transport}`);
        conflict.replaceChildren(h('p', {class: 'error'}, `Someone changed ${k.port}/${k.transport} since you opened it `
          + `(now version ${current.version}, ${current.updatedAt ?? ''}). Their values are below; save again to replace them with yours.`),
        facts([['Risk', current.risk], ['Threats', current.threats.join('; ')], ['Remediation', current.remediation],
          ['Updated', time(current.updatedAt)]]));
        etag = currentTag || `"${current.version}"`;
      } else {
        say(`Could not save: ${error.message}`, 'error');
      }
    }
  });
  return form;
}
