import type { Db } from '../connection';

/** The start of a case's workflow run, kept until the run has started (see migration 0009). */
export interface CaseOpening<I = unknown> {
  caseId: string;
  id: string;
  kind: 'open' | 'reopen';
  input: I;
  attempts: number;
  createdAt: Date;
}

const columns = ['case_id', 'id', 'kind', 'input', 'attempts', 'created_at'];
const toOpening = <I>(r: Record<string, any>): CaseOpening<I> => ({
  caseId: r.case_id,
  id: r.id,
  kind: r.kind,
  input: r.input as I,
  attempts: r.attempts,
  createdAt: r.created_at,
});

/** Written in the transaction that saves the case (or its reopening): the two commit together. */
export async function insertCaseOpening(db: Db, o: { caseId: string; kind: 'open' | 'reopen'; input: unknown }): Promise<string> {
  const [row] = await db('case_openings')
    .insert({ case_id: o.caseId, kind: o.kind, input: JSON.stringify(o.input) })
    .returning('id');
  return row.id as string;
}

export async function findCaseOpening<I>(db: Db, caseId: string): Promise<CaseOpening<I> | undefined> {
  const r = await db('case_openings').where({ case_id: caseId }).first(columns);
  return r ? toOpening<I>(r) : undefined;
}

/** The run has started: the opening is done (only this opening — a newer one stays). */
export async function deleteCaseOpening(db: Db, caseId: string, id: string): Promise<void> {
  await db('case_openings').where({ case_id: caseId, id }).delete();
}

/** A start that failed: counted and its reason kept, for the operator's view and the log. */
export async function noteOpeningFailure(db: Db, caseId: string, id: string, error: string): Promise<void> {
  await db('case_openings')
    .where({ case_id: caseId, id })
    .update({ attempts: db.raw('attempts + 1'), last_error: error.slice(0, 500) });
}

/**
 * Openings older than `graceMs` that no other process is repairing, claimed for `leaseMs`: the
 * reconciler's work. SKIP LOCKED and the lease keep two API processes off the same opening.
 */
export async function claimStaleOpenings<I>(
  db: Db,
  o: { graceMs: number; leaseMs: number; limit: number },
): Promise<Array<CaseOpening<I>>> {
  const rows = await db('case_openings')
    .whereIn(
      'case_id',
      db('case_openings')
        .select('case_id')
        .where('created_at', '<', db.raw('now() - make_interval(secs => ?)', [o.graceMs / 1000]))
        .andWhere((b) => b.whereNull('claimed_until').orWhere('claimed_until', '<', db.fn.now()))
        .orderBy('created_at')
        .limit(o.limit)
        .forUpdate()
        .skipLocked(),
    )
    .update({ claimed_until: db.raw('now() + make_interval(secs => ?)', [o.leaseMs / 1000]) })
    .returning(columns);
  return rows.map((r) => toOpening<I>(r));
}

/** Openings still waiting for their run, oldest first, with their case's number (the operators' view). */
export async function listPendingOpenings(
  db: Db,
  limit: number,
): Promise<Array<{ caseId: string; number: string; kind: 'open' | 'reopen'; since: Date; attempts: number; lastError: string | null }>> {
  const rows = await db('case_openings as o')
    .join('cases as c', 'c.id', 'o.case_id')
    .orderBy('o.created_at')
    .limit(limit)
    .select('o.case_id', 'c.number', 'o.kind', 'o.created_at', 'o.attempts', 'o.last_error');
  return rows.map((r) => ({
    caseId: r.case_id,
    number: r.number,
    kind: r.kind,
    since: r.created_at,
    attempts: r.attempts,
    lastError: r.last_error,
  }));
}
