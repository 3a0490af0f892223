// Calls to the services: the bearer token on every request, RFC 9457 Problem JSON turned into readable errors.
import {token, signIn, signOut} from './session.js';

let settingsOnce = null;

/** An error the page can show: the problem's title and detail. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
  }
}

// The API takes the bearer token only, never a cookie (credentials: 'omit'), so no request of another site can act.
async function call(url, {method = 'GET', body, headers = {}} = {}, renewed = false) {
  const all = {Accept: 'application/json', ...headers};
  const bearer = token();
  if (bearer) all.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  const response = await fetch(url, {method, headers: all, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store'});
  // An OIDC session's access token expired: take the session's renewed one and try once more.
  if (response.status === 401 && !renewed && (await settings().catch(() => ({}))).oidc && await oidcSession()) {
    return call(url, {method, body, headers}, true);
  }
  if (!response.ok) throw await problem(response);
  return response;
}

async function problem(response) {
  let title = `${response.status} ${response.statusText}`;
  let detail = '';
  try {
    const body = await response.json();
    if (body && body.title) title = `${response.status} ${body.title}`;
    if (body && body.detail) detail = String(body.detail);
  } catch {
    // not Problem JSON: the status says enough
  }
  if (response.status === 401) detail = detail || 'sign in with a token (top right)';
  if (response.status === 403) detail = detail || 'your token lacks the role this needs';
  return new ApiError(response.status, title, detail);
}

/** GET a JSON document of alert-service. */
export async function get(path, params) {
  const query = params ? `?${params}` : '';
  return (await call(`${path}${query}`)).json();
}

/** POST JSON to alert-service; the answer's JSON, or null for 204. */
export async function post(path, body) {
  const response = await call(path, {method: 'POST', body});
  return response.status === 204 ? null : response.json();
}

export async function remove(path) {
  await call(path, {method: 'DELETE'});
}

/** A download of alert-service (an export): the blob and whether the server cut it. */
export async function download(path, params) {
  const response = await call(`${path}?${params}`, {headers: {Accept: '*/*'}});
  return {blob: await response.blob(), truncated: response.headers.get('Portwatch-Export-Truncated') === 'true'};
}

/** alert-service's console settings (where the registry is, whether users sign in through OIDC), read once. */
export function settings() {
  if (settingsOnce === null) {
    settingsOnce = fetch('/api/v1/console', {headers: {Accept: 'application/json'}, credentials: 'omit', cache: 'no-store'})
      .then(response => response.ok ? response.json() : Promise.reject(new ApiError(response.status, 'console settings')))
      .catch(error => { settingsOnce = null; throw error; });
  }
  return settingsOnce;
}

/** The registry's base URL, from alert-service's console settings. */
export async function registry() {
  return (await settings()).registryUrl.replace(/\/$/, '');
}

/**
 * Takes the OIDC session's access token (the session cookie goes to /console/session only); true when signed in.
 * Without a session the server answers 499 (a script cannot follow the provider's redirect): reloading the page
 * lets the browser make the sign-in round trip.
 */
export async function oidcSession() {
  const response = await fetch('/console/session', {headers: {Accept: 'application/json', 'X-Requested-With': 'JavaScript'},
    credentials: 'same-origin', cache: 'no-store', redirect: 'error'}).catch(() => null);
  if (response && response.ok) {
    const session = await response.json();
    return signIn(String(session.token || ''), {user: String(session.user), roles: (session.roles || []).map(String)});
  }
  signOut();
  if (response && response.status === 499) location.reload();
  return false;
}

/** GET from registry-service: the JSON and its ETag. */
export async function registryGet(path) {
  const response = await call(`${await registry()}${path}`);
  return {body: await response.json(), etag: response.headers.get('ETag')};
}

/** PUT to registry-service with If-Match. */
export async function registryPut(path, body, etag) {
  const response = await call(`${await registry()}${path}`, {method: 'PUT', body, headers: {'If-Match': etag}});
  return {body: await response.json(), etag: response.headers.get('ETag')};
}
