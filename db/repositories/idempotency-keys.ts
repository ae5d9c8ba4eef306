import type { Db } from '../connection';

/** A client's Idempotency-Key as stored (see migration 0009). */
export interface IdempotencyRecord {
  request: string;
  fingerprint: string;
  status: number | null;
  response: unknown;
  entityId: string | null;
  leaseExpired: boolean;
}

const toRecord = (r: Record<string, any>): IdempotencyRecord => ({
  request: r.request,
  fingerprint: r.fingerprint,
  status: r.status,
  response: r.response,
  entityId: r.entity_id,
  leaseExpired: r.lease_expired,
});
const returning = (db: Db) => ['request', 'fingerprint', 'status', 'response', 'entity_id', db.raw('lease_until < now() as lease_expired')];

/**
 * Claims the key for this request: true when this request now owns it — the key was new, or its
 * earlier request's lease ran out without an answer (that process died) and this one takes it
 * over. One statement each, so of two concurrent requests with the same key one owns it.
 */
export async function claimIdempotencyKey(
  db: Db,
  k: { userId: string; key: string; request: string; fingerprint: string; leaseMs: number },
): Promise<{ owned: boolean; record: IdempotencyRecord }> {
  const lease = db.raw('now() + make_interval(secs => ?)', [k.leaseMs / 1000]);
  const inserted = await db('idempotency_keys')
    .insert({ user_id: k.userId, key: k.key, request: k.request, fingerprint: k.fingerprint, lease_until: lease })
    .onConflict(['user_id', 'key'])
    .ignore()
    .returning(returning(db));
  if (inserted.length) return { owned: true, record: toRecord(inserted[0]) };
  const taken = await db('idempotency_keys')
    .where({ user_id: k.userId, key: k.key, request: k.request, fingerprint: k.fingerprint })
    .whereNull('status')
    .andWhere('lease_until', '<', db.fn.now())
    .update({ lease_until: lease })
    .returning(returning(db));
  if (taken.length) return { owned: true, record: toRecord(taken[0]) };
  const current = await findIdempotencyKey(db, k.userId, k.key);
  // Deleted between the two statements (its request failed and released it): claim it afresh.
  if (!current) return claimIdempotencyKey(db, k);
  return { owned: false, record: current };
}

export async function findIdempotencyKey(db: Db, userId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const r = await db('idempotency_keys').where({ user_id: userId, key }).first(returning(db));
  return r ? toRecord(r) : undefined;
}

/** Names what the request created; called inside the creating transaction, so both commit together. */
export async function bindIdempotentEntity(db: Db, userId: string, key: string, entityId: string): Promise<void> {
  await db('idempotency_keys').where({ user_id: userId, key }).update({ entity_id: entityId });
}

/** The owner is alive: its lease goes on (only while the request has no answer). */
export async function renewIdempotencyLease(db: Db, userId: string, key: string, leaseMs: number): Promise<void> {
  await db('idempotency_keys')
    .where({ user_id: userId, key })
    .whereNull('status')
    .update({ lease_until: db.raw('now() + make_interval(secs => ?)', [leaseMs / 1000]) });
}

/** The request's answer, kept for its retries. */
export async function completeIdempotencyKey(db: Db, userId: string, key: string, status: number, response: unknown): Promise<void> {
  await db('idempotency_keys')
    .where({ user_id: userId, key })
    .update({ status, response: JSON.stringify(response ?? null) });
}

/**
 * The request failed without an answer worth keeping: a key that created nothing is forgotten
 * (the retry runs afresh); one that did create something is kept with its lease ended, so the
 * retry takes it over at once and finishes that entity instead of creating another.
 */
export async function releaseIdempotencyKey(db: Db, userId: string, key: string): Promise<void> {
  await db('idempotency_keys').where({ user_id: userId, key }).whereNull('status').whereNull('entity_id').delete();
  await db('idempotency_keys').where({ user_id: userId, key }).whereNull('status').update({ lease_until: db.fn.now() });
}

/** Keys are kept this long, then a retry is a new request. */
export async function pruneIdempotencyKeys(db: Db, olderThanHours: number): Promise<number> {
  return db('idempotency_keys')
    .where('created_at', '<', db.raw('now() - make_interval(hours => ?)', [olderThanHours]))
    .delete();
}
