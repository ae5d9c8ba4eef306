import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db } from '../../db/connection';
import {
  bindIdempotentEntity,
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
  renewIdempotencyLease,
  type IdempotencyRecord,
} from '../../db/repositories/idempotency-keys';
import { AppError } from '../app-error';

/** What a client may send as Idempotency-Key (a UUID fits; so does any opaque token of this alphabet). */
const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The request that owns its key: what the route needs to make its effect and the key commit together. */
export interface IdempotentRequest {
  key: string;
  userId: string;
  /** What an earlier attempt with this key created before it died (the route finishes it instead of creating anew). */
  resumedEntityId: string | null;
  /** Records, inside the creating transaction, what this request created. */
  bind(trx: Db, entityId: string): Promise<void>;
  /** Stops renewing the lease (the request has ended). */
  done(): void;
}

export type IdempotencyStart = { replay: { status: number; body: unknown } } | { owner: IdempotentRequest };

/** JSON with object keys sorted, so the same request always has the same fingerprint. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/**
 * What makes two requests the same: query and parsed body; a body the parsers left unread (a
 * stream, e.g. an upload) is known by its type and length only — without a multipart boundary,
 * which a client draws anew for every send of the same form.
 */
const fingerprintOf = (req: Request) =>
  createHash('sha256')
    .update(
      canonical({
        query: req.query,
        body: req.body ?? null,
        ...(req.body === undefined
          ? { stream: [(req.get('content-type') ?? '').replace(/;\s*boundary=[^;]*/i, ''), req.get('content-length') ?? ''] }
          : {}),
      }),
    )
    .digest('hex');

/** The key of a request, or null when it sent none; a malformed key is refused rather than ignored. */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (!KEY.test(key))
    throw new AppError('validation-error', 'Idempotency-Key must be 8–100 characters of A–Z, a–z, 0–9, "_", ".", ":" or "-"', {
      errors: [{ path: 'header.Idempotency-Key', message: 'malformed' }],
    });
  return key;
}

/**
 * Idempotency-Key on the API's POST routes: the first request with a key owns it and its answer is
 * kept (24 h); a retry with the same key and the same request gets that answer again, without
 * doing anything twice; the same key on another request (path or body) is refused with 422. A
 * retry while the first still runs waits for its answer (then 409, retry later). The owner renews a
 * short lease while it runs; if its process died, the lease runs out within seconds and the retry
 * takes the request over — and a route
 * that binds what it created (POST /cases) finishes that entity instead of creating another.
 * Only 2xx answers are kept; an error releases the key, so the retry runs afresh.
 */
export function idempotencyKeys(db: Db, o: { leaseMs?: number; waitMs?: number } = {}) {
  const leaseMs = o.leaseMs ?? 6_000;
  // A retry waits a little longer than a dead owner's lease can last, so it takes the request over rather than 409.
  const waitMs = o.waitMs ?? leaseMs + 2_000;

  async function settled(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const until = Date.now() + waitMs;
    for (;;) {
      const r = await findIdempotencyKey(db, userId, key);
      if (!r || r.status !== null || r.leaseExpired || Date.now() > until) return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    async start(req: Request, userId: string, key: string): Promise<IdempotencyStart> {
      const request = `${req.method} ${req.baseUrl}${req.path}`;
      const fingerprint = fingerprintOf(req);
      for (let attempt = 0; attempt < 3; attempt++) {
        const { owned, record } = await claimIdempotencyKey(db, { userId, key, request, fingerprint, leaseMs });
        if (record.request !== request || record.fingerprint !== fingerprint)
          throw new AppError('idempotency-key-reused', 'This Idempotency-Key was used for a different request', {
            errors: [{ path: 'header.Idempotency-Key', message: `already used for ${record.request}` }],
          });
        if (owned) {
          const renewal = setInterval(() => void renewIdempotencyLease(db, userId, key, leaseMs).catch(() => undefined), leaseMs / 3);
          renewal.unref();
          return {
            owner: {
              key,
              userId,
              resumedEntityId: record.entityId,
              bind: (trx, entityId) => bindIdempotentEntity(trx, userId, key, entityId),
              done: () => clearInterval(renewal),
            },
          };
        }
        const done = record.status !== null ? record : await settled(userId, key);
        if (done && done.status !== null) return { replay: { status: done.status, body: done.response } };
        // Still running after the wait: the retry should come back; a lease that ran out is claimed on the next turn.
        if (done && !done.leaseExpired) break;
      }
      throw new AppError('idempotency-key-in-use', 'A request with this Idempotency-Key is still being carried out', {
        retryAfterSeconds: 1,
      });
    },
    complete: (owner: IdempotentRequest, status: number, body: unknown) => {
      owner.done();
      return completeIdempotencyKey(db, owner.userId, owner.key, status, body);
    },
    release: (owner: IdempotentRequest) => {
      owner.done();
      return releaseIdempotencyKey(db, owner.userId, owner.key);
    },
  };
}

export type IdempotencyKeys = ReturnType<typeof idempotencyKeys>;
