import type { Knex } from 'knex';
import type { ListScope } from '../../domain/policy';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';
import { containsPattern } from './like';

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
  durationMinutes?: number | null;
  caseMessageId?: string | null;
  /** The tsvector literal of the summary and participants (segmented by the caller). */
  tsv?: string;
  documentIds?: string[];
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
  durationMinutes: (r.duration_minutes ?? null) as number | null,
  caseMessageId: (r.case_message_id ?? null) as string | null,
  followUpTaskId: (r.follow_up_task_id ?? null) as string | null,
  timeEntryId: (r.time_entry_id ?? null) as string | null,
  documents: [] as Array<{ id: string; name: string }>,
});
export type CommunicationRow = ReturnType<typeof toCommunication>;

export async function insertCommunication(db: Db | Knex.Transaction, c: CommunicationInput): Promise<CommunicationRow> {
  const [row] = await db('communications')
    .insert({
      client_id: c.clientId,
      case_id: c.caseId ?? null,
      kind: c.kind,
      occurred_at: c.occurredAt,
      participants: c.participants || null,
      summary: c.summary,
      created_by: c.createdBy,
      duration_minutes: c.durationMinutes ?? null,
      case_message_id: c.caseMessageId ?? null,
      tsv: db.raw('?::tsvector', [c.tsv ?? '']),
    })
    .returning('*');
  if (c.documentIds?.length) {
    await db('communication_documents').insert(c.documentIds.map((d) => ({ communication_id: row.id, document_id: d })));
  }
  return toCommunication(row);
}

/** The follow-up task and the time entry made from a communication. */
export async function linkCommunication(
  db: Db | Knex.Transaction,
  id: string,
  links: { followUpTaskId?: string | null; timeEntryId?: string | null },
): Promise<void> {
  const change: Record<string, string | null> = {};
  if (links.followUpTaskId !== undefined) change.follow_up_task_id = links.followUpTaskId;
  if (links.timeEntryId !== undefined) change.time_entry_id = links.timeEntryId;
  if (Object.keys(change).length) await db('communications').where({ id }).update(change);
}

export interface CommunicationFilter {
  clientId?: string;
  caseId?: string;
  kind?: CommunicationKind;
  /** Dates (YYYY-MM-DD) in `timeZone`, inclusive. */
  from?: string;
  to?: string;
  timeZone?: string;
  /** A tsquery of segmented words (cast as is), and the raw text for rows indexed before the tsvector existed. */
  tsQuery?: string | null;
  text?: string | null;
}

async function withDocuments(db: Db, rows: CommunicationRow[]): Promise<CommunicationRow[]> {
  if (!rows.length) return rows;
  const docs = await db('communication_documents as cd')
    .join('documents as d', 'd.id', 'cd.document_id')
    .whereIn(
      'cd.communication_id',
      rows.map((r) => r.id),
    )
    .whereNull('d.deleted_at')
    .orderBy('d.name')
    .select('cd.communication_id', 'd.id', 'd.name');
  for (const r of rows) r.documents = docs.filter((d) => d.communication_id === r.id).map((d) => ({ id: d.id, name: d.name }));
  return rows;
}

/** A client's or a case's communications, newest first; `scope` hides those about cases the user is not on. */
export async function listCommunications(
  db: Db,
  q: CommunicationFilter & { limit: number; offset: number; scope?: ListScope },
): Promise<{ items: CommunicationRow[]; total: number }> {
  const tz = q.timeZone ?? 'Asia/Shanghai';
  const base = db('communications as m')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .join('users as u', 'u.id', 'm.created_by')
    .modify((b) => {
      if (q.clientId) b.where('m.client_id', q.clientId);
      if (q.caseId) b.where('m.case_id', q.caseId);
      if (q.kind) b.where('m.kind', q.kind);
      if (q.from) b.whereRaw('(m.occurred_at at time zone ?)::date >= ?::date', [tz, q.from]);
      if (q.to) b.whereRaw('(m.occurred_at at time zone ?)::date <= ?::date', [tz, q.to]);
      if (q.tsQuery || q.text) {
        b.where((w) => {
          if (q.tsQuery) w.whereRaw('m.tsv @@ ?::tsquery', [q.tsQuery]);
          // Rows logged before the tsvector existed have an empty one: they are found by their text.
          if (q.text)
            w.orWhereRaw("m.tsv = ''::tsvector and (m.summary ilike ? or m.participants ilike ?)", [
              containsPattern(q.text),
              containsPattern(q.text),
            ]);
        });
      }
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
  return { total: Number(count), items: await withDocuments(db, rows.map(toCommunication)) };
}

/** One communication with its case number, the name of who logged it and its documents. */
export async function findCommunication(db: Db, id: string): Promise<CommunicationRow | undefined> {
  const row = await db('communications as m')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .join('users as u', 'u.id', 'm.created_by')
    .where('m.id', id)
    .first('m.*', 'c.number as case_number', 'u.name as created_by_name');
  return row ? (await withDocuments(db, [toCommunication(row)]))[0] : undefined;
}

export async function deleteCommunication(db: Db, id: string): Promise<boolean> {
  return (await db('communications').where({ id }).delete()) > 0;
}

/** Of `ids`, the live documents owned by the case (or, without one, by the client or any of its cases). */
export async function communicationDocumentsAmong(
  db: Db,
  owner: { caseId?: string | null; clientId: string },
  ids: string[],
): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db('documents')
    .whereIn('id', ids)
    .whereNull('deleted_at')
    .where((w) => {
      if (owner.caseId) w.where('case_id', owner.caseId);
      else w.where('client_id', owner.clientId).orWhereIn('case_id', db('cases').select('id').where('client_id', owner.clientId));
    })
    .select('id');
  return rows.map((r) => r.id as string);
}
