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

/** One part to its presigned URL; resolves with the ETag storage answered (the bucket's CORS exposes it). */
function putPart(part, blob, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', part.url);
    for (const [name, value] of Object.entries(part.headers || {})) {
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader('ETag');
      if (xhr.status >= 200 && xhr.status < 300 && etag) {
        onProgress(blob.size);
        resolve(etag);
      } else {
        reject(new Problem(xhr.status, 'A part of the upload was refused',
          'The storage answered HTTP ' + xhr.status + ' to part ' + part.part_number + '.'));
      }
    };
    xhr.onerror = () => reject(new Problem(0, 'The upload failed', 'The storage could not be reached. Check your connection and try again: the parts already sent are kept.'));
    xhr.send(blob);
  });
}

export const PARTS_IN_PARALLEL = 4;
export const PART_ATTEMPTS = 3;

/**
 * A multipart upload (docs/architecture.md, "Uploads"): asks what storage already holds (so calling it again
 * after a failure resumes), slices the file into the planned parts, PUTs the missing ones PARTS_IN_PARALLEL
 * at a time, each tried PART_ATTEMPTS times with a fresh URL, asks for more part URLs 100 at a time as they
 * are needed, then completes the upload with every part's ETag. onProgress(bytesStored, fileSize).
 */
export async function uploadInParts(jobId, upload, file, onProgress, { retryDelay = 1000 } = {}) {
  const base = '/api/imports/' + jobId + '/upload';
  const urls = new Map((upload.parts || []).map(p => [p.part_number, p]));
  const size = (n) => (n < upload.part_count ? upload.part_size : file.size - upload.part_size * (upload.part_count - 1));
  const held = await api.get(base);
  if (held.completed) return held;
  const etags = new Map(held.parts.map(p => [p.part_number, p.etag]));
  const todo = held.missing_parts.slice();
  const stored = held.parts.reduce((sum, p) => sum + p.size, 0);
  const sending = new Map();
  let sent = 0;
  const report = () => onProgress(stored + sent + [...sending.values()].reduce((s, b) => s + b, 0), file.size);

  async function urlOf(n) {
    if (!urls.has(n)) {
      const batch = [n, ...todo.filter(m => m !== n && !urls.has(m) && !etags.has(m))].slice(0, 100);
      const answer = await api.post(base + '/parts', { part_numbers: batch });
      answer.parts.forEach(p => urls.set(p.part_number, p));
    }
    return urls.get(n);
  }

  let failed = null;
  async function send(n) {
    const start = (n - 1) * upload.part_size;
    const blob = file.slice(start, start + size(n));
    for (let attempt = 1; ; attempt++) {
      try {
        const etag = await putPart(await urlOf(n), blob, (bytes) => { sending.set(n, bytes); report(); });
        sending.delete(n);
        etags.set(n, etag);
        sent += blob.size;
        report();
        return;
      } catch (problem) {
        sending.delete(n);
        urls.delete(n); // an expired URL is the usual cause: the next attempt gets a fresh one
        if (attempt >= PART_ATTEMPTS || failed) throw problem;
        await new Promise(resolve => setTimeout(resolve, retryDelay * attempt));
      }
    }
  }

  let next = 0;
  const worker = async () => {
    while (!failed && next < todo.length) {
      const n = todo[next++];
      try {
        await send(n);
      } catch (problem) {
        failed = failed || problem;
      }
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.min(PARTS_IN_PARALLEL, todo.length) }, worker));
  if (failed) throw failed;
  const parts = [...etags.entries()].sort((a, b) => a[0] - b[0]).map(([n, etag]) => ({ part_number: n, etag }));
  return api.post(base + '/complete', { parts });
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
