import type { Db } from '../connection';
import type { CaseRow } from './cases';

/** Writes to a case's own row from the case record: details, workflow id, archive, reopen. */

export interface CaseDetailsPatch {
  title?: string;
  description?: string | null;
  causeOfAction?: string | null;
  court?: string | null;
  amountInDisputeFen?: number | null;
  priority?: string;
  leadLawyerId?: string;
}

/** Empty texts are stored as null. Nothing to change: no write. */
export async function updateCaseDetails(db: Db, caseId: string, patch: CaseDetailsPatch): Promise<void> {
  const cols: Record<string, unknown> = {};
  if (patch.title !== undefined) cols.title = patch.title;
  if (patch.description !== undefined) cols.description = patch.description || null;
  if (patch.causeOfAction !== undefined) cols.cause_of_action = patch.causeOfAction || null;
  if (patch.court !== undefined) cols.court = patch.court || null;
  if (patch.amountInDisputeFen !== undefined) cols.amount_in_dispute_fen = patch.amountInDisputeFen;
  if (patch.priority !== undefined) cols.priority = patch.priority;
  if (patch.leadLawyerId !== undefined) cols.lead_lawyer_id = patch.leadLawyerId;
  if (Object.keys(cols).length)
    await db('cases')
      .where({ id: caseId })
      .update({ ...cols, updated_at: db.fn.now() });
}

export async function setCaseWorkflow(db: Db, caseId: string, c: { workflowId: string; description: string | null }): Promise<void> {
  await db('cases').where({ id: caseId }).update({ workflow_id: c.workflowId, description: c.description });
}

export async function archiveCaseRow(
  db: Db,
  caseId: string,
  a: { checklist: Record<string, boolean | undefined>; note: string | null },
): Promise<void> {
  await db('cases')
    .where({ id: caseId })
    .update({
      archived_at: db.fn.now(),
      archive_checklist: JSON.stringify({ ...a.checklist }),
      archive_note: a.note,
      updated_at: db.fn.now(),
    });
}

/** A recorded reopening: its row, and the archive note the case had. */
export interface Reopening {
  id: number;
  archiveNote: string | null;
}

/**
 * Records the reopening (what the closed case was) and makes the case active again. Run in a
 * transaction: the case row is locked and must still be closed, so of two reopenings at the same
 * moment one wins and the other gets null (nothing written).
 */
export async function reopenCaseRow(db: Db, c: CaseRow, r: { by: string; reason: string; stageId: string }): Promise<Reopening | null> {
  const current = await db('cases').where({ id: c.id, status: 'closed' }).forUpdate().first('archive_note');
  if (!current) return null;
  const [row] = await db('case_reopenings')
    .insert({
      case_id: c.id,
      closed_at: c.closedAt,
      outcome: c.outcome,
      close_reason: c.closeReason,
      archived_at: c.archivedAt,
      reopened_by: r.by,
      reason: r.reason,
      stage_id: r.stageId,
      reopened_at: db.fn.now(),
    })
    .returning('id');
  await db('cases').where({ id: c.id }).update({
    status: 'active',
    closed_at: null,
    outcome: null,
    close_reason: null,
    finished_as: null,
    archived_at: null,
    archive_checklist: null,
    archive_note: null,
    updated_at: db.fn.now(),
  });
  return { id: row.id as number, archiveNote: (current.archive_note as string | null) ?? null };
}
