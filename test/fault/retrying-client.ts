/**
 * The fault test's HTTP client: what a careful client of LexFlow does when the API may vanish
 * under it. Every mutating request carries an Idempotency-Key that stays the same for all its
 * attempts, and every request is sent again — same key, same body — on a connection error, a
 * timeout or 502/503/504/429, with bounded backoff, until it gets a definite answer. What was
 * in flight and what had to be retried is recorded: the fault controller aims at the one, the
 * test reports the other.
 */
export type RequestKind = 'open' | 'complete' | 'event' | 'progress' | 'read' | 'login';

/** One attempt on the wire right now (the fault controller picks its moment from these). */
export interface Flight {
  kind: RequestKind;
  /** The case title of an opening, the task id of a completion. */
  subject?: string;
  startedAt: number;
}

/** A request that needed more than one attempt, and the answer it finally got. */
export interface Retried {
  kind: RequestKind;
  path: string;
  key?: string;
  attempts: number;
  /** Why the attempts before the last failed (connection error, timeout, 503 …). */
  causes: string[];
  finalStatus: number;
}

export interface Traffic {
  inFlight: Set<Flight>;
  retried: Retried[];
  sent: Record<RequestKind, number>;
}

export function newTraffic(): Traffic {
  return { inFlight: new Set(), retried: [], sent: { open: 0, complete: 0, event: 0, progress: 0, read: 0, login: 0 } };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  attempts: number;
  /** Why the attempts before the answer failed. */
  causes: string[];
}

/** Causes counted, e.g. "connection×9, timeout×1". */
export function causeList(causes: string[]): string {
  const n = new Map<string, number>();
  for (const c of causes) n.set(c, (n.get(c) ?? 0) + 1);
  return [...n].map(([c, k]) => `${c}×${k}`).join(', ');
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** One attempt may wait this long: an update waits for its worker, which may be dead and restarting. */
const ATTEMPT_TIMEOUT_MS = 25_000;
/** A request gives up after this long without a definite answer (far longer than any outage the test makes). */
const REQUEST_DEADLINE_MS = 120_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RetryingClient {
  constructor(
    readonly baseUrl: string,
    readonly traffic: Traffic,
    public cookie = '',
  ) {}

  async send<T = any>(
    method: 'GET' | 'POST',
    path: string,
    o: { kind: RequestKind; json?: unknown; key?: string; subject?: string } = { kind: 'read' },
  ): Promise<Answer<T>> {
    this.traffic.sent[o.kind]++;
    const deadline = Date.now() + REQUEST_DEADLINE_MS;
    const causes: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const flight: Flight = { kind: o.kind, subject: o.subject, startedAt: Date.now() };
      this.traffic.inFlight.add(flight);
      let cause: string;
      try {
        const res = await fetch(this.baseUrl + path, {
          method,
          headers: {
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(o.json !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(o.key ? { 'idempotency-key': o.key } : {}),
          },
          body: o.json === undefined ? undefined : JSON.stringify(o.json),
          redirect: 'manual',
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const setCookie = res.headers.get('set-cookie');
        if (setCookie) this.cookie = setCookie.split(';')[0];
        const text = await res.text();
        const body = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
        // 409 idempotency-key-in-use: the first request with this key is still being carried out; come back.
        const inUse = res.status === 409 && body?.code === 'idempotency-key-in-use';
        if (!RETRY_STATUSES.has(res.status) && !inUse) {
          if (attempt > 1)
            this.traffic.retried.push({ kind: o.kind, path, key: o.key, attempts: attempt, causes, finalStatus: res.status });
          return { status: res.status, body, attempts: attempt, causes };
        }
        cause = inUse ? '409 key in use' : String(res.status);
      } catch (err) {
        // fetch fails with a TypeError when the connection is refused or cut, a TimeoutError when the attempt took too long.
        const name = (err as Error).name;
        if (name !== 'TypeError' && name !== 'TimeoutError') throw err;
        cause = name === 'TimeoutError' ? 'timeout' : 'connection';
      } finally {
        this.traffic.inFlight.delete(flight);
      }
      causes.push(cause);
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no definite answer after ${attempt} attempts (${causes.join(', ')})`);
      await pause(Math.min(2_000, 100 * 1.5 ** attempt));
    }
  }
}
