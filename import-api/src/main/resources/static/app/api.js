// The API as the pages use it: the bearer token on every call, and every failure as a Problem that
// carries the RFC 9457 problem detail's title, detail and listed errors (never raw JSON on the page).
import { session, signIn } from './auth.js';

export class Problem extends Error {
  constructor(status, title, detail, errors = [], type = null) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.type = type;
  }
}

async function problemOf(response) {
  const text = await response.text().catch(() => '');
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (body && (body.title || body.detail)) {
    return new Problem(response.status, body.title || 'Request failed', body.detail || '', body.errors || [], body.type);
  }
  return new Problem(response.status, 'Request failed (HTTP ' + response.status + ')',
    response.status >= 500 ? 'The service had a problem answering. Try again in a moment.' : '');
}

/** Where the network itself failed (offline, server down): a problem the page can show like any other. */
function unreachable(error) {
  return new Problem(0, 'The service cannot be reached', 'Check your connection and try again. (' + error.message + ')');
}

export async function request(method, path, { body, headers = {}, raw = false } = {}) {
  const current = session();
  if (!current) {
    // the token ran out: sign in again (silently while the sign-in server's session lasts) and come back here
    await signIn();
    return new Promise(() => {});
  }
  const init = { method, headers: { Accept: 'application/json', Authorization: 'Bearer ' + current.accessToken, ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw unreachable(error);
  }
  if (response.status === 401) {
    await signIn();
    return new Promise(() => {});
  }
  if (!response.ok) throw await problemOf(response);
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body, headers) => request('POST', path, { body, headers }),
  patch: (path, body) => request('PATCH', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  delete: (path) => request('DELETE', path),
  raw: (path) => request('GET', path, { raw: true, headers: { Accept: '*/*' } }),
};

/** Public endpoints (templates) need no token. */
export async function publicGet(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw unreachable(error);
  }
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/**
 * PUTs the file straight to the object store by its presigned URL, reporting progress; the API never
 * sees the bytes. XMLHttpRequest, because fetch cannot report upload progress.
 */
export function uploadFile(upload, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method || 'PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers || {})) {
      // the browser sets Content-Length and Host itself and refuses to be told
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded, event.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else {
        reject(new Problem(xhr.status, 'The upload was refused',
          'The storage answered HTTP ' + xhr.status + '. The upload link lasts 10 minutes: start again if it ran out.'));
      }
    };
    xhr.onerror = () => reject(new Problem(0, 'The upload failed', 'The storage could not be reached. Check your connection and try again.'));
    xhr.send(file);
  });
}

/** Downloads an authenticated file (the error report) under a name. */
export async function download(path, fileName) {
  const response = await api.raw(path);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A problem as the page shows it: its title, its detail and every listed error. */
export function problemView(h, problem) {
  const p = problem instanceof Problem ? problem : new Problem(0, 'Something went wrong', problem.message || String(problem));
  return h('div', { class: 'problem', role: 'alert' },
    h('h2', {}, p.title),
    p.detail ? h('p', {}, p.detail) : null,
    p.errors && p.errors.length > 1 ? h('ul', {}, p.errors.map(e => h('li', {}, typeof e === 'string' ? e : (e.message || e.detail || e.reason || 'invalid value')))) : null);
}
