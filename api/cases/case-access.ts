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
 * The case, if the policy lets the actor at it for `action`: firm-wide roles see every case;
 * everyone else only the cases whose team they are on — other cases do not exist for them (404).
 */
export async function assertCaseAccess(db: Db, actor: Actor, caseId: string, action: Action = 'case.read'): Promise<CaseRow> {
  const c = await findCase(db, caseId);
  if (!c) throw new AppError('not-found', `no case ${caseId}`);
  if (!needsMembership(actor.role, action)) return c;
  if (c.leadLawyerId === actor.id || (await isCaseMember(db, caseId, actor.id))) return c;
  throw new AppError('not-found', `no case ${caseId}`);
}
