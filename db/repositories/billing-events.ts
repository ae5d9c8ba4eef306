import type { Db } from '../connection';

/** Idempotent on key (case + node instance): a retried activity raises no second event. */
export async function raiseBillingEventOnce(
  db: Db,
  e: { caseId: string; key: string; nodeId: string; label: string; amountFen: number | null; percentBp: number | null },
): Promise<boolean> {
  const rows = await db('billing_events')
    .insert({ case_id: e.caseId, key: e.key, node_id: e.nodeId, label: e.label, amount_fen: e.amountFen, percent_bp: e.percentBp })
    .onConflict('key')
    .ignore()
    .returning('id');
  return rows.length === 1;
}

export async function listBillingEvents(db: Db, caseId: string) {
  const rows = await db('billing_events').where({ case_id: caseId }).orderBy('created_at');
  return rows.map((r) => ({
    id: r.id as string,
    nodeId: r.node_id as string,
    label: r.label as string,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    percentBp: r.percent_bp as number | null,
    status: r.status as string,
  }));
}
