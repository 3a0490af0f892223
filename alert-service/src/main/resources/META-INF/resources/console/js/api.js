// Calls to the services: the bearer token on every request, RFC 9457 Problem JSON turned into readable errors.
import {token} from './session.js';

let registryUrl = null;

/** An error the page can show: the problem's title and detail. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
  }
}

async function call(url, {method = 'GET', body, headers = {}} = {}) {
  const all = {Accept: 'application/json', ...headers};
  const bearer = token();
  if (bearer) all.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  const response = await fetch(url, {method, headers: all, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store'});
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

/** The registry's base URL, from alert-service's console settings. */
export async function registry() {
  if (registryUrl === null) registryUrl = (await get('/api/v1/console')).registryUrl.replace(/\/$/, '');
  return registryUrl;
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
