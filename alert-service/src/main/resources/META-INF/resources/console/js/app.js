// The console's shell: sign-in, navigation between pages (the route and its filters live in the URL's fragment,
// so every view can be bookmarked and shared), and the status line.
import {h, replace} from './dom.js';
import {signIn, signOut, user} from './session.js';
import {overview} from './overview.js';
import {findings} from './findings.js';
import {finding} from './finding.js';
import {assets, asset} from './assets.js';
import {suppressions} from './suppressions.js';
import {ports} from './ports.js';
import {connect} from './live.js';
import {settings, oidcSession} from './api.js';

const pages = {overview, findings, finding, assets, asset, suppressions, ports};
const view = document.getElementById('view');
const status = document.getElementById('status');

/** Says something in the status line (read out by screen readers). */
export function say(message, kind = 'info') {
  replace(status, message ? h('p', {class: `status-${kind}`}, message) : null);
}

function showUser() {
  const {name, roles, expired} = user();
  const who = document.getElementById('who');
  if (!name) {
    replace(who, 'Not signed in');
  } else {
    replace(who, `${name} (${roles.join(', ') || 'no role'})${expired ? ' - token expired' : ''}`);
  }
}

async function route() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  if (path === 'login') {
    signInFromLink(new URLSearchParams(query).get('token') || '');
    return;
  }
  const [section, ...rest] = path.split('/');
  const page = pages[section] || overview;
  const name = pages[section] ? section : 'overview';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.section === name || (name === 'finding' && link.dataset.section === 'findings')
        || (name === 'asset' && link.dataset.section === 'assets')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  say('');
  replace(view, h('p', {class: 'loading'}, 'Loading…'));
  try {
    const content = await page(new URLSearchParams(query), rest.map(decodeURIComponent).join('/'), {say, reload: route});
    replace(view, content);
    document.title = `${view.querySelector('h1')?.textContent || 'Portwatch'} - Portwatch console`;
    view.dataset.ready = location.hash;
  } catch (error) {
    replace(view, h('h1', {}, 'Could not load this page'), h('p', {class: 'error', role: 'alert'}, error.message));
    view.dataset.ready = location.hash;
  }
}

/** A sign-in link (./portwatch login): the token is taken from the fragment, which is then replaced in the history. */
function signInFromLink(text) {
  const ok = signIn(text);
  history.replaceState(null, '', '#/overview');
  showUser();
  connect(route);
  route().then(() => { if (!ok) say('That sign-in link holds no token; paste one instead (top right).', 'error'); });
}

document.getElementById('login-form').addEventListener('submit', event => {
  event.preventDefault();
  const field = document.getElementById('token');
  if (signIn(field.value)) {
    field.value = '';
    document.getElementById('login').open = false;
    showUser();
    connect(route);
    route();
  } else {
    say('That is not a token (three base64url parts with a JSON payload).', 'error');
  }
});
document.getElementById('logout').addEventListener('click', async () => {
  signOut();
  // An OIDC session ends at the provider too: /console/logout clears the cookie and goes there.
  if ((await settings().catch(() => ({}))).oidc) {
    location.assign('/console/logout');
    return;
  }
  showUser();
  connect(route);
  route();
});
window.addEventListener('hashchange', route);

/** With OIDC sign-in, the session's token first (the server let this page load only to a signed-in user). */
async function start() {
  if ((await settings().catch(() => ({}))).oidc) await oidcSession();
  showUser();
  connect(route);
  route();
}
start();
