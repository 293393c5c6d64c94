// Sign-in with the authorization code flow and PKCE (S256) against the issuer the API names at
// /api/auth/config. The access token lives in sessionStorage (this tab only, gone when it closes);
// there is no refresh token for a public client, so an expired token means a new (usually silent) sign-in.

const KEY = 'bulk-import.session';
const PENDING = 'bulk-import.sign-in';
const SIGNED_OUT = 'signed-out';

let config = null;
let discovery = null;

async function loadConfig() {
  if (config) return config;
  const response = await fetch('/api/auth/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('the API did not say where to sign in (HTTP ' + response.status + ')');
  config = await response.json();
  if (!config.issuer) throw new Error('this API has no sign-in server configured (OIDC_ISSUER_URI)');
  return config;
}

async function loadDiscovery() {
  if (discovery) return discovery;
  const { issuer } = await loadConfig();
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('the sign-in server at ' + issuer + ' cannot be reached (HTTP ' + response.status + ')');
  discovery = await response.json();
  return discovery;
}

function redirectUri() {
  return window.location.origin + '/';
}

function base64url(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(length = 32) {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function decodeClaims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(atob(part).split('').map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return {};
  }
}

/** The signed-in session: {accessToken, idToken, expiresAt, user: {name, tenant, admin}}, or null. */
export function session() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const value = JSON.parse(stored);
  return value.expiresAt > Date.now() + 10_000 ? value : null;
}

/** Whether a session existed but its token ran out (the page then signs in again by itself). */
export function expired() {
  const stored = sessionStorage.getItem(KEY);
  return Boolean(stored) && !session();
}

/** Sends the browser to the sign-in server; it comes back to the route it was on. */
export async function signIn(returnTo = window.location.hash || '#/') {
  const [cfg, endpoints] = [await loadConfig(), await loadDiscovery()];
  const verifier = randomText(48);
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: cfg.client_id, redirect_uri: redirectUri(),
    scope: (cfg.scopes || ['openid']).join(' '), state,
    code_challenge: await challengeOf(verifier), code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/**
 * On the way back from the sign-in server (?code=…&state=…): trades the code for tokens.
 * @return the route to show next, or null when this page load is not a sign-in's return
 */
export async function completeSignIn() {
  const params = new URLSearchParams(window.location.search);
  if (params.get('state') === SIGNED_OUT && !params.has('code')) {
    // back from the sign-in server's logout
    window.history.replaceState(null, '', window.location.pathname + '#/signed-out');
    return null;
  }
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', window.location.pathname + (pending ? pending.returnTo : '#/'));
  if (params.has('error')) {
    throw new Error('sign-in was refused: ' + (params.get('error_description') || params.get('error')));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('this sign-in answer does not belong to a sign-in started here; please sign in again');
  }
  const [cfg, endpoints] = [await loadConfig(), await loadDiscovery()];
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: cfg.client_id, code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    throw new Error('the sign-in server did not issue a token: ' + (tokens.error_description || tokens.error || response.status));
  }
  const claims = decodeClaims(tokens.access_token);
  const idClaims = tokens.id_token ? decodeClaims(tokens.id_token) : {};
  const roles = Array.isArray(claims.roles) ? claims.roles : String(claims.roles || '').split(/[\s,]+/);
  const value = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token || null,
    expiresAt: Date.now() + (tokens.expires_in || 300) * 1000,
    user: {
      name: idClaims.preferred_username || idClaims.name || claims.sub,
      tenant: claims[cfg.tenant_claim || 'tenant'] || idClaims.tenant || null,
      admin: roles.includes('admin'),
      // where "email me when done" suggests sending; issuers that know it (e.g. Cognito) put it in the ID token
      email: idClaims.email || claims.email || null,
    },
  };
  sessionStorage.setItem(KEY, JSON.stringify(value));
  return pending.returnTo;
}

/** Forgets the token here and ends the sign-in server's session, so the next sign-in asks who you are. */
export async function signOut() {
  const current = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  sessionStorage.removeItem(KEY);
  let endpoints = null;
  try {
    endpoints = await loadDiscovery();
  } catch (e) {
    endpoints = null;
  }
  if (endpoints && endpoints.end_session_endpoint && current && current.idToken) {
    const url = new URL(endpoints.end_session_endpoint);
    url.search = new URLSearchParams({
      id_token_hint: current.idToken, post_logout_redirect_uri: redirectUri(), client_id: config.client_id,
      state: SIGNED_OUT,
    }).toString();
    window.location.assign(url.toString());
  } else {
    window.location.assign('/#/signed-out');
  }
}
