import type { Db } from '../connection';

/** Idempotent: a retried activity with the same key writes nothing new. Returns whether it wrote. */
export async function recordPing(db: Db, p: { key: string; message: string; workflowId: string }): Promise<boolean> {
  const rows = await db('ping_log')
    .insert({ key: p.key, message: p.message, workflow_id: p.workflowId })
    .onConflict('key')
    .ignore()
    .returning('key');
  return rows.length === 1;
}

export async function findPing(db: Db, key: string): Promise<{ key: string; message: string; createdAt: Date } | undefined> {
  const row = await db('ping_log').where({ key }).first();
  return row ? { key: row.key, message: row.message, createdAt: row.created_at } : undefined;
}

export async function countPings(db: Db, key: string): Promise<number> {
  const row = await db('ping_log').where({ key }).count<{ count: string }[]>('* as count').first();
  return Number(row?.count ?? 0);
}
