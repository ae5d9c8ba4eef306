import type { Db } from '../../db/connection';
import { findCase, isCaseMember, type CaseRow } from '../../db/repositories/cases';
import type { Role } from '../../domain/roles';
import { AppError } from '../app-error';

export interface Actor {
  id: string;
  role: Role;
}

/** Roles that see every case (finance: the overview and money only — routes limit what else). */
export const SEE_ALL_CASES: readonly Role[] = ['admin', 'partner', 'finance'];

/** Partners and administrators see every case; everyone else only the cases whose team they are on. */
export async function assertCaseAccess(db: Db, actor: Actor, caseId: string): Promise<CaseRow> {
  const c = await findCase(db, caseId);
  if (!c) throw new AppError('not-found', `no case ${caseId}`);
  if (SEE_ALL_CASES.includes(actor.role)) return c;
  if (c.leadLawyerId === actor.id || (await isCaseMember(db, caseId, actor.id))) return c;
  throw new AppError('not-found', `no case ${caseId}`);
}
