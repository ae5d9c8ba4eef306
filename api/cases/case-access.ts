import type { Db } from '../../db/connection';
import { findCase, isCaseMember, type CaseRow } from '../../db/repositories/cases';
import type { Role } from '../../domain/roles';
import { needsMembership, type Action } from '../../domain/policy';
import { AppError } from '../app-error';

export interface Actor {
  id: string;
  role: Role;
}

/**
 * The case, if the actor may see it at all (`case.read` unless the caller names a stricter action):
 * roles the action names firm-wide see every case; everyone else only the cases whose team they are
 * on — other cases do not exist for them (404). What the actor may do on the case is the route's
 * action, checked before (routing.ts); this is the membership half, also for a case named in a
 * query or body (a task list filtered by case, a conflict check about a case).
 */
export async function assertCaseAccess(db: Db, actor: Actor, caseId: string, action: Action = 'case.read'): Promise<CaseRow> {
  const c = await findCase(db, caseId);
  // The id is not repeated: it may come from another record (a task's, a check's), not the caller.
  if (!c) throw new AppError('not-found', 'no such case');
  if (!needsMembership(actor.role, action)) return c;
  if (c.leadLawyerId === actor.id || (await isCaseMember(db, caseId, actor.id))) return c;
  throw new AppError('not-found', 'no such case');
}
