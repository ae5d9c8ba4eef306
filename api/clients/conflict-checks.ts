import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { decideConflictCheck, findConflictCheck, listConflictChecks, runConflictCheck } from '../../db/repositories/conflict-checks';
import { ownerDecision, seesFirm, viewerOf } from '../../domain/policy';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from '../cases';
import type { ZConflictDecision, ZRunConflictCheck } from '../contracts/clients';
import { checkView, checkViews } from './conflict-view';

/**
 * Runs and records a check; one for an existing case needs access to that case. The record keeps
 * every hit; the answer, like every read of it, withholds the matters the runner may not see.
 */
export async function runCheck(db: Db, actor: Actor, input: z.infer<typeof ZRunConflictCheck>) {
  if (input.caseId) await assertCaseAccess(db, actor, input.caseId);
  // The search and the record of what it found are one transaction (runConflictCheck).
  const k = await runConflictCheck(db, input.subjects, actor.id, input.caseId);
  return checkView(db, actor, (await findConflictCheck(db, k.id))!);
}

/** A case's checks (for who may see the case), or else all checks (firm-wide roles) or one's own. */
export async function listChecks(db: Db, actor: Actor, q: { caseId?: string; awaiting?: boolean; limit: number; offset: number }) {
  if (q.caseId) await assertCaseAccess(db, actor, q.caseId);
  const runBy = seesFirm(actor.role, 'conflictCheck.read') || q.caseId ? undefined : actor.id;
  const page = await listConflictChecks(db, { caseId: q.caseId, runBy, awaiting: q.awaiting, limit: q.limit, offset: q.offset });
  return { total: page.total, items: await checkViews(db, actor, page.items) };
}

/** A check of a case is read like the case; one without a case only by who ran it (others: 404). */
export async function readCheck(db: Db, actor: Actor, id: string) {
  const k = await findConflictCheck(db, id);
  if (!k) throw new AppError('not-found', 'no such conflict check');
  if (k.caseId) await assertCaseAccess(db, actor, k.caseId);
  else if (ownerDecision(viewerOf(actor), 'conflictCheck.read', k.runBy) !== 'allow')
    throw new AppError('not-found', 'no such conflict check');
  return checkView(db, actor, k);
}

/**
 * A partner's decision on a check not yet used to open a case: a waiver records how the clients
 * consented, and a conflict is passed only by a waiver.
 */
export async function decideCheck(db: Db, actor: Actor, id: string, d: z.infer<typeof ZConflictDecision>) {
  const k = await findConflictCheck(db, id);
  if (!k) throw new AppError('not-found', 'no such conflict check');
  if (k.caseId) throw new AppError('conflict', 'the case is already open on this check');
  if (d.decision === 'waived' && !d.note)
    throw new AppError('validation-error', 'a waiver records how the clients consented', {
      errors: [{ path: 'body.note', message: 'required for a waiver' }],
    });
  if (d.decision === 'proceed' && k.result === 'conflict')
    throw new AppError('validation-error', 'a conflict is only passed by a waiver', {
      errors: [{ path: 'body.decision', message: 'use waived' }],
    });
  await decideConflictCheck(db, k.id, { decision: d.decision, note: d.note ?? null, by: actor.id });
  return checkView(db, actor, (await findConflictCheck(db, k.id))!);
}
