import type { Db } from '../connection';
import { addCaseMembers, type CaseRole } from './cases';

/** The case team with names: the lead first, then by name. */
export async function listTeam(db: Db, caseId: string): Promise<Array<{ userId: string; role: CaseRole; name: string; userRole: string }>> {
  const rows = await db('case_members as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where('m.case_id', caseId)
    .orderByRaw(`m.role = 'lead' desc, u.name`)
    .select('m.user_id', 'm.role', 'u.name', 'u.role as user_role');
  return rows.map((r) => ({ userId: r.user_id, role: r.role, name: r.name, userRole: r.user_role }));
}

/** A colleague holds one role on the team: any earlier role of theirs is replaced. */
export async function putTeamMember(db: Db, caseId: string, m: { userId: string; role: CaseRole }): Promise<void> {
  await db('case_members').where({ case_id: caseId, user_id: m.userId }).delete();
  await addCaseMembers(db, caseId, [m]);
}

/** The new lead replaces the old one (and leaves any other role they had on the team). */
export async function replaceLead(db: Db, caseId: string, userId: string): Promise<void> {
  await db('case_members').where({ case_id: caseId, role: 'lead' }).delete();
  await putTeamMember(db, caseId, { userId, role: 'lead' });
}

/** Takes a colleague off the team; false when they were not on it. */
export async function removeTeamMember(db: Db, caseId: string, userId: string): Promise<boolean> {
  return (await db('case_members').where({ case_id: caseId, user_id: userId }).delete()) > 0;
}
