import type { CaseRole } from '../../domain/roles';
import type { Db } from '../connection';

export interface CaseRow {
  id: string;
  number: string;
  title: string;
  clientId: string;
  practiceArea: string;
  caseType: string;
  causeOfAction: string | null;
  court: string | null;
  amountInDisputeFen: number | null;
  priority: string;
  status: string;
  currentStageId: string | null;
  currentStageName: string | null;
  templateVersionId: string | null;
  workflowId: string | null;
  leadLawyerId: string;
  openedOn: string;
  closedAt: Date | null;
  outcome: string | null;
  closeReason: string | null;
  /** How the last run ended: 'completed' (reached its end) or 'closed' (by hand); null while running or from before it was kept. */
  finishedAs: 'completed' | 'closed' | null;
  createdAt: Date;
  description: string | null;
  conflictCheckId: string | null;
  archivedAt: Date | null;
  archiveChecklist: Record<string, boolean> | null;
  reopenedAt: Date | null;
}

export function toCase(r: Record<string, any>): CaseRow {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    clientId: r.client_id,
    practiceArea: r.practice_area,
    caseType: r.case_type,
    causeOfAction: r.cause_of_action,
    court: r.court,
    amountInDisputeFen: r.amount_in_dispute_fen === null ? null : Number(r.amount_in_dispute_fen),
    priority: r.priority,
    status: r.status,
    currentStageId: r.current_stage_id,
    currentStageName: r.current_stage_name,
    templateVersionId: r.template_version_id,
    workflowId: r.workflow_id,
    leadLawyerId: r.lead_lawyer_id,
    openedOn: r.opened_on,
    closedAt: r.closed_at,
    outcome: r.outcome,
    closeReason: r.close_reason,
    finishedAs: r.finished_as ?? null,
    createdAt: r.created_at,
    description: r.description ?? null,
    conflictCheckId: r.conflict_check_id ?? null,
    archivedAt: r.archived_at ?? null,
    archiveChecklist: r.archive_checklist ?? null,
    reopenedAt: r.last_reopened_at ?? null,
  };
}

/** Case numbers per year and prefix, e.g. 2026民0001; allocated inside the caller's transaction. */
export async function nextCaseNumber(db: Db, year: number, prefix: string, digits = 4): Promise<string> {
  const { rows } = await db.raw(
    `insert into case_number_counters (year, prefix, last) values (?, ?, 1)
     on conflict (year, prefix) do update set last = case_number_counters.last + 1
     returning last`,
    [year, prefix],
  );
  return `${year}${prefix}${String(rows[0].last).padStart(digits, '0')}`;
}

/** The counter the next case number of this year and prefix gets (nothing is allocated). */
export async function peekCaseNumberCounter(db: Db, year: number, prefix: string): Promise<number> {
  const row = await db('case_number_counters').where({ year, prefix }).first('last');
  return (row?.last ?? 0) + 1;
}

export async function insertCase(
  db: Db,
  c: {
    number: string;
    title: string;
    clientId: string;
    practiceArea: string;
    caseType: string;
    causeOfAction?: string | null;
    court?: string | null;
    amountInDisputeFen?: number | null;
    priority: string;
    templateVersionId: string | null;
    workflowId: string | null;
    leadLawyerId: string;
    openedOn: string;
    createdBy: string | null;
    /** The variables the case's run begins with (kept for its progress once the run's history is gone). */
    startVariables?: Record<string, unknown>;
  },
): Promise<CaseRow> {
  const [row] = await db('cases')
    .insert({
      number: c.number,
      title: c.title,
      client_id: c.clientId,
      practice_area: c.practiceArea,
      case_type: c.caseType,
      cause_of_action: c.causeOfAction ?? null,
      court: c.court ?? null,
      amount_in_dispute_fen: c.amountInDisputeFen ?? null,
      priority: c.priority,
      template_version_id: c.templateVersionId,
      start_variables: c.startVariables ? JSON.stringify(c.startVariables) : null,
      workflow_id: c.workflowId,
      lead_lawyer_id: c.leadLawyerId,
      opened_on: c.openedOn,
      created_by: c.createdBy,
    })
    .returning('*');
  return toCase(row);
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  const row = await db('cases as c')
    .where('c.id', id)
    .first('c.*', db.raw('(select max(r.reopened_at) from case_reopenings r where r.case_id = c.id) as last_reopened_at'));
  return row ? toCase(row) : undefined;
}

export async function updateCase(
  db: Db,
  id: string,
  patch: Partial<{
    status: string;
    currentStageId: string | null;
    currentStageName: string | null;
    templateVersionId: string;
    closedAt: Date;
    outcome: string | null;
    closeReason: string | null;
    finishedAs: string | null;
  }>,
): Promise<void> {
  const cols: Record<string, unknown> = { updated_at: db.fn.now() };
  if (patch.status !== undefined) cols.status = patch.status;
  if (patch.currentStageId !== undefined) cols.current_stage_id = patch.currentStageId;
  if (patch.currentStageName !== undefined) cols.current_stage_name = patch.currentStageName;
  if (patch.templateVersionId !== undefined) cols.template_version_id = patch.templateVersionId;
  if (patch.closedAt !== undefined) cols.closed_at = patch.closedAt;
  if (patch.outcome !== undefined) cols.outcome = patch.outcome;
  if (patch.closeReason !== undefined) cols.close_reason = patch.closeReason;
  if (patch.finishedAs !== undefined) cols.finished_as = patch.finishedAs;
  await db('cases').where({ id }).update(cols);
}

export type { CaseRole };

export async function addCaseMembers(db: Db, caseId: string, members: Array<{ userId: string; role: CaseRole }>): Promise<void> {
  if (!members.length) return;
  await db('case_members')
    .insert(members.map((m) => ({ case_id: caseId, user_id: m.userId, role: m.role })))
    .onConflict(['case_id', 'user_id', 'role'])
    .ignore();
}

export async function listCaseMembers(db: Db, caseId: string): Promise<Array<{ userId: string; role: CaseRole }>> {
  const rows = await db('case_members').where({ case_id: caseId }).orderBy(['role', 'created_at']);
  return rows.map((r) => ({ userId: r.user_id, role: r.role }));
}

/**
 * The ids of the cases a user works on, as a subquery (`whereIn('c.id', teamCaseIds(db, user))`).
 * The lead lawyer is always a member (role lead), so this alone answers "may they see the case".
 */
export function teamCaseIds(db: Db, userId: string) {
  return db('case_members').select('case_id').where('user_id', userId);
}

export async function isCaseMember(db: Db, caseId: string, userId: string): Promise<boolean> {
  return Boolean(await db('case_members').where({ case_id: caseId, user_id: userId }).first());
}

/**
 * Users who hold a case role: the case team first; if the team has nobody in that role, the
 * lead lawyer for lead/lawyer work, or the firm's active users of the matching system role.
 */
export async function resolveCaseRole(
  db: Db,
  caseId: string,
  role: CaseRole | 'team',
): Promise<Array<{ id: string; email: string; name: string; locale: string }>> {
  const team = db('case_members as m').join('users as u', 'u.id', 'm.user_id').where('m.case_id', caseId).andWhere('u.active', true);
  if (role === 'team') return team.distinct('u.id', 'u.email', 'u.name', 'u.locale').orderBy('u.id');
  const members = await team.clone().where('m.role', role).select('u.id', 'u.email', 'u.name', 'u.locale').orderBy('m.created_at');
  if (members.length) return members;
  if (role === 'lead' || role === 'lawyer') {
    return db('cases as c')
      .join('users as u', 'u.id', 'c.lead_lawyer_id')
      .where('c.id', caseId)
      .select('u.id', 'u.email', 'u.name', 'u.locale');
  }
  return db('users').where({ role, active: true }).select('id', 'email', 'name', 'locale').orderBy('created_at').limit(1);
}
