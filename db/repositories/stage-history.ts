import type { Db } from '../connection';

/** Idempotent per stage instance: entering twice (a retried activity) records one row. */
export async function recordStageEntry(
  db: Db,
  s: { caseId: string; stageInstanceId: string; stageId: string; stageName: string; at: Date },
): Promise<void> {
  await db('stage_history')
    .insert({ case_id: s.caseId, stage_instance_id: s.stageInstanceId, stage_id: s.stageId, stage_name: s.stageName, entered_at: s.at })
    .onConflict(['case_id', 'stage_instance_id'])
    .ignore();
}

export async function recordStageExit(
  db: Db,
  s: { caseId: string; stageInstanceId: string; at: Date; reason: string | null; skipped: boolean },
): Promise<void> {
  await db('stage_history')
    .where({ case_id: s.caseId, stage_instance_id: s.stageInstanceId })
    .whereNull('exited_at')
    .update({ exited_at: s.at, exit_reason: s.reason, skipped: s.skipped });
}

export interface StageHistoryRow {
  stageInstanceId: string;
  stageId: string;
  stageName: string;
  enteredAt: Date;
  exitedAt: Date | null;
  exitReason: string | null;
  skipped: boolean;
}

export async function listStageHistory(db: Db, caseId: string): Promise<StageHistoryRow[]> {
  const rows = await db('stage_history').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    stageInstanceId: r.stage_instance_id,
    stageId: r.stage_id,
    stageName: r.stage_name,
    enteredAt: r.entered_at,
    exitedAt: r.exited_at,
    exitReason: r.exit_reason,
    skipped: r.skipped,
  }));
}

/** Every stage a case has entered, in order. */
export async function stageEntries(db: Db, caseId: string): Promise<Array<{ stageId: string; stageInstanceId: string; enteredAt: Date }>> {
  const rows = await db('stage_history')
    .where({ case_id: caseId })
    .orderBy('entered_at')
    .orderBy('id')
    .select('stage_id', 'stage_instance_id', 'entered_at');
  return rows.map((r) => ({ stageId: r.stage_id, stageInstanceId: r.stage_instance_id, enteredAt: r.entered_at }));
}
