import type { ListScope } from '../../domain/policy';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';

import { COMMUNICATION_KINDS } from '../../domain/records';

export { COMMUNICATION_KINDS };
export type CommunicationKind = (typeof COMMUNICATION_KINDS)[number];

export interface CommunicationInput {
  clientId: string;
  caseId?: string | null;
  kind: CommunicationKind;
  occurredAt: string;
  participants?: string | null;
  summary: string;
  createdBy: string;
}

const toCommunication = (r: Record<string, any>) => ({
  id: r.id as string,
  clientId: r.client_id as string,
  caseId: r.case_id as string | null,
  caseNumber: (r.case_number ?? null) as string | null,
  kind: r.kind as CommunicationKind,
  occurredAt: (r.occurred_at as Date).toISOString(),
  participants: r.participants as string | null,
  summary: r.summary as string,
  createdBy: r.created_by as string,
  createdByName: (r.created_by_name ?? null) as string | null,
  createdAt: (r.created_at as Date).toISOString(),
});
export type CommunicationRow = ReturnType<typeof toCommunication>;

export async function insertCommunication(db: Db, c: CommunicationInput): Promise<CommunicationRow> {
  const [row] = await db('communications')
    .insert({
      client_id: c.clientId,
      case_id: c.caseId ?? null,
      kind: c.kind,
      occurred_at: c.occurredAt,
      participants: c.participants || null,
      summary: c.summary,
      created_by: c.createdBy,
    })
    .returning('*');
  return toCommunication(row);
}

/** A client's or a case's communications, newest first; `caseIds` limits them to cases the user may see (null: all). */
export async function listCommunications(
  db: Db,
  q: { clientId?: string; caseId?: string; limit: number; offset: number; scope?: ListScope },
): Promise<{ items: CommunicationRow[]; total: number }> {
  const base = db('communications as m')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .join('users as u', 'u.id', 'm.created_by')
    .modify((b) => {
      if (q.clientId) b.where('m.client_id', q.clientId);
      if (q.caseId) b.where('m.case_id', q.caseId);
      if (q.scope && !q.scope.all) {
        // Communications about a case the user is not on stay hidden from them.
        const user = q.scope.memberUserId;
        b.where((w) => w.whereNull('m.case_id').orWhereIn('m.case_id', teamCaseIds(db, user)));
      }
    });
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const rows = await base
    .clone()
    .select('m.*', 'c.number as case_number', 'u.name as created_by_name')
    .orderBy([{ column: 'm.occurred_at', order: 'desc' }, { column: 'm.id' }])
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(count), items: rows.map(toCommunication) };
}

/** One communication with its case number and the name of who logged it. */
export async function findCommunication(db: Db, id: string): Promise<CommunicationRow | undefined> {
  const row = await db('communications as m')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .join('users as u', 'u.id', 'm.created_by')
    .where('m.id', id)
    .first('m.*', 'c.number as case_number', 'u.name as created_by_name');
  return row ? toCommunication(row) : undefined;
}

export async function deleteCommunication(db: Db, id: string): Promise<boolean> {
  return (await db('communications').where({ id }).delete()) > 0;
}
