import type { Db } from '../db/connection';
import { findPing, recordPing as insertPing } from '../db/repositories/ping';
import type { PingResult } from '../workflows/definitions';

export function pingActivities(db: Db) {
  return {
    /** Idempotent on `key`: a retry after a crash finds the row and writes nothing new. */
    async recordPing(input: { key: string; message: string; workflowId: string }): Promise<PingResult> {
      const written = await insertPing(db, input);
      const row = await findPing(db, input.key);
      if (!row) throw new Error(`ping row ${input.key} missing after insert`);
      return { key: row.key, message: row.message, written, recordedAt: row.createdAt.toISOString() };
    },
  };
}
