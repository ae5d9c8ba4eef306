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

/** Calls the API; a string body with `contentType` (e.g. BPMN XML) is sent as is, anything else as JSON. */
export async function api<T>(method: Method, path: string, body?: unknown, contentType?: string): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : contentType ? String(body) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
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
