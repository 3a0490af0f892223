// The user's bearer token, kept for this tab only (sessionStorage), and what it says about them.
// The roles read here only shape the page; every request is judged again by the server.

const KEY = 'portwatch.token';
const IDENTITY = 'portwatch.identity';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function token() {
  return sessionStorage.getItem(KEY);
}

/**
 * Stores a token; false when it does not have a JWT's shape. An OIDC sign-in also gives the user and roles the
 * server mapped from the provider's claims, shown instead of the token's own.
 */
export function signIn(text, identity = null) {
  const value = text.trim();
  if (!TOKEN_SHAPE.test(value) || !claims(value)) return false;
  sessionStorage.setItem(KEY, value);
  if (identity) sessionStorage.setItem(IDENTITY, JSON.stringify(identity));
  else sessionStorage.removeItem(IDENTITY);
  return true;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(IDENTITY);
}

function identity() {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(IDENTITY));
    return parsed && typeof parsed.user === 'string' && Array.isArray(parsed.roles) ? parsed : null;
  } catch {
    return null;
  }
}

/** The token's claims, or null. */
export function claims(value = token()) {
  if (!value) return null;
  try {
    const payload = value.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0)));
    const parsed = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

/** The subject and roles of the signed-in user; roles empty when signed out. */
export function user() {
  const parsed = claims();
  if (!parsed) return {name: null, roles: []};
  const expired = typeof parsed.exp === 'number' && parsed.exp * 1000 < Date.now();
  const mapped = identity();
  if (mapped) return {name: mapped.user, roles: mapped.roles.map(String), expired};
  const roles = Array.isArray(parsed.groups) ? parsed.groups.map(String) : [];
  return {name: String(parsed.upn || parsed.preferred_username || parsed.sub || '?'), roles, expired};
}

export function hasRole(role) {
  return user().roles.includes(role);
}
