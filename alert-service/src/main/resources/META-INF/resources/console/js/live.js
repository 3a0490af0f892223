// Live updates: finding changes from alert-service's stream (GET /api/v1/findings/live, server-sent events read
// through fetch so that the bearer token goes along), listed in the "Live" panel and shown on the page on screen:
// a row of the findings list gets its new state and severity, an open finding reloads when it changed.
import {fetchEventSource} from '../vendor/fetch-event-source/index.js';
import {h, replace, badge, time} from './dom.js';
import {token} from './session.js';

const RECENT = 8;
const RETRY_MS = 5000;
let connection = null;

class Refused extends Error {}

/** (Re)connects the stream with the current token; reload() re-renders the page on screen. */
export function connect(reload) {
  if (connection) connection.abort();
  connection = new AbortController();
  const bearer = token();
  setStatus('connecting');
  fetchEventSource('/api/v1/findings/live', {
    headers: bearer ? {Authorization: `Bearer ${bearer}`} : {},
    signal: connection.signal,
    openWhenHidden: true,
    credentials: 'omit',
    async onopen(response) {
      if (response.status === 401 || response.status === 403) throw new Refused('live updates need a token with a read role');
      if (!response.ok) throw new Error(`${response.status}`);
      setStatus('live');
    },
    onmessage(message) {
      if (message.event !== 'finding') return;
      show(JSON.parse(message.data), reload);
    },
    onclose() {
      throw new Error('closed by the server');
    },
    onerror(error) {
      if (error instanceof Refused) {
        setStatus('off', error.message);
        throw error;
      }
      setStatus('reconnecting');
      return RETRY_MS;
    },
  }).catch(() => {});
}

function setStatus(state, why = '') {
  const status = document.getElementById('live-status');
  status.dataset.state = state;
  replace(status, why ? `${state}: ${why}` : state);
}

function show({change, finding}, reload) {
  const list = document.getElementById('live-list');
  list.prepend(h('li', {'data-finding-id': finding.findingId},
    time(new Date().toISOString()), ' ', badge('severity', finding.severity), ' ',
    h('span', {class: 'live-change'}, change), ' ',
    h('a', {href: `#/finding/${encodeURIComponent(finding.findingId)}`}, finding.title), ' ',
    h('span', {class: 'hint'}, finding.host?.name || finding.host?.id || '')));
  while (list.children.length > RECENT) list.lastElementChild.remove();
  updatePage(finding, reload);
}

function updatePage(finding, reload) {
  const view = document.getElementById('view');
  const selector = `[data-finding-id="${CSS.escape(finding.findingId)}"]`;
  const open = view.querySelector(`article${selector}`);
  if (open) {
    if (Number(open.dataset.version) < finding.version) reload();
    return;
  }
  for (const row of view.querySelectorAll(`tr${selector}`)) {
    replace(row.querySelector('.cell-severity'), badge('severity', finding.severity));
    replace(row.querySelector('.cell-state'), badge('state', finding.state));
    row.classList.add('changed');
  }
}
