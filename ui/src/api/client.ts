import type { Problem } from '../../../api/contracts/common';

/** An API answer that is not 2xx, carrying the problem+json the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem?: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem?.detail ?? problem?.title ?? code);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Listener = (e: ApiError) => void;
const unauthorisedListeners: Listener[] = [];

/** Called when a request of a signed-in user answers 401 (session expired elsewhere). */
export function onUnauthorised(l: Listener): void {
  unauthorisedListeners.push(l);
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newRequestKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** How often a POST is sent again, with the same Idempotency-Key, when the answer did not come (network, 503). */
const RETRIES = 2;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One attempt: the answer, or null when the network failed. */
async function send(method: Method, path: string, headers: Record<string, string>, body: BodyInit | undefined): Promise<Response | null> {
  try {
    return await fetch(`/api/v1${path}`, { method, credentials: 'same-origin', headers, body });
  } catch {
    return null;
  }
}

/**
 * Calls the API; a string body with `contentType` (e.g. BPMN XML) or a Blob (a logo image) is sent as is, anything else as
 * JSON. Every POST carries an Idempotency-Key (the caller's, to keep one across its own retries,
 * or a new one) and is sent again with it when the network fails or the server answers 503: the
 * server answers a retry of a request it already carried out with that first answer.
 */
export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  contentType?: string,
  opts: { idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  if (method === 'POST') headers['Idempotency-Key'] = opts.idempotencyKey ?? newRequestKey();
  const payload = body === undefined ? undefined : body instanceof Blob ? body : contentType ? String(body) : JSON.stringify(body);
  let res: Response | null = null;
  for (let attempt = 0; attempt <= (method === 'POST' ? RETRIES : 0); attempt++) {
    if (attempt) await pause(Math.min(3, Number(res?.headers.get('Retry-After')) || 1) * 1000);
    res = await send(method, path, headers, payload);
    if (res && res.status !== 503) break;
  }
  if (!res) throw new ApiError(0, 'network');
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const problem = data as Problem | undefined;
    const retry = Number(res.headers.get('Retry-After'));
    const err = new ApiError(res.status, problem?.code ?? 'unknown', problem, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    // Signing in and the first "who am I" are expected to answer 401; anything else means the session ended.
    const expected = path === '/auth/login' || (method === 'GET' && path === '/auth/me');
    if (res.status === 401 && !expected) unauthorisedListeners.forEach((l) => l(err));
    throw err;
  }
  return data as T;
}
