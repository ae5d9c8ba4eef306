import type { Knex } from 'knex';
import type { Db } from '../connection';

/**
 * The secure message thread of a case between its client (portal users) and the case team, with
 * attachments (documents of the case) and read receipts: a message from the client is read by the
 * team when any staff member read it, one from the team by the client when any portal user did.
 */

export interface MessageAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface MessageRow {
  id: string;
  caseId: string;
  author: { id: string; name: string };
  fromClient: boolean;
  body: string;
  createdAt: string;
  attachments: MessageAttachment[];
  /** When the other side first read it (null: not yet). */
  readByClientAt: string | null;
  readByTeamAt: string | null;
}

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);

export async function insertMessage(
  trx: Knex.Transaction | Db,
  m: { caseId: string; authorId: string; fromClient: boolean; body: string; documentIds: string[] },
): Promise<string> {
  const [{ id }] = await trx('case_messages')
    .insert({ case_id: m.caseId, author_id: m.authorId, from_client: m.fromClient, body: m.body })
    .returning('id');
  if (m.documentIds.length) {
    await trx('case_message_documents').insert(m.documentIds.map((d) => ({ message_id: id, document_id: d })));
  }
  // Who writes a message has read it.
  await trx('case_message_reads').insert({ message_id: id, user_id: m.authorId }).onConflict(['message_id', 'user_id']).ignore();
  return id as string;
}

function messageQuery(db: Db) {
  return db('case_messages as m')
    .join('users as u', 'u.id', 'm.author_id')
    .select(
      'm.*',
      'u.name as author_name',
      db.raw(
        "(select min(r.read_at) from case_message_reads r join users ru on ru.id = r.user_id where r.message_id = m.id and ru.role = 'client' and r.user_id <> m.author_id) as read_by_client_at",
      ),
      db.raw(
        "(select min(r.read_at) from case_message_reads r join users ru on ru.id = r.user_id where r.message_id = m.id and ru.role <> 'client' and r.user_id <> m.author_id) as read_by_team_at",
      ),
    );
}

async function withAttachments(db: Db, rows: Array<Record<string, any>>): Promise<MessageRow[]> {
  const ids = rows.map((r) => r.id as string);
  const files = ids.length
    ? await db('case_message_documents as md')
        .join('documents as d', 'd.id', 'md.document_id')
        .join('document_versions as v', (j) => j.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version'))
        .whereIn('md.message_id', ids)
        .whereNull('d.deleted_at')
        .orderBy('d.name')
        .select('md.message_id', 'd.id', 'd.name', 'v.mime', 'v.size_bytes')
    : [];
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    author: { id: r.author_id, name: r.author_name },
    fromClient: r.from_client,
    body: r.body,
    createdAt: iso(r.created_at)!,
    attachments: files
      .filter((f) => f.message_id === r.id)
      .map((f) => ({ id: f.id as string, name: f.name as string, mime: f.mime as string, size: Number(f.size_bytes) })),
    readByClientAt: iso(r.read_by_client_at),
    readByTeamAt: iso(r.read_by_team_at),
  }));
}

/** A case's thread, oldest first. */
export async function listMessages(
  db: Db,
  caseId: string,
  page: { limit: number; offset: number },
): Promise<{ items: MessageRow[]; total: number }> {
  const [{ n }] = await db('case_messages').where({ case_id: caseId }).count({ n: '*' });
  const rows = await messageQuery(db)
    .where('m.case_id', caseId)
    .orderBy([{ column: 'm.created_at' }, { column: 'm.id' }])
    .limit(page.limit)
    .offset(page.offset);
  return { items: await withAttachments(db, rows), total: Number(n) };
}

export async function findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  const row = await messageQuery(db).where('m.id', id).first();
  return row ? (await withAttachments(db, [row]))[0] : undefined;
}

/** Marks every message of the other side in the case read by the user; answers how many were new to them. */
export async function markThreadRead(db: Db, caseId: string, userId: string, readerIsClient: boolean): Promise<number> {
  const r = await db.raw(
    `insert into case_message_reads (message_id, user_id)
     select id, ? from case_messages where case_id = ? and from_client = ?
     on conflict (message_id, user_id) do nothing`,
    [userId, caseId, !readerIsClient],
  );
  return Number(r.rowCount ?? 0);
}

/** Messages of the other side the user has not read yet. */
export async function unreadMessages(db: Db, caseId: string, userId: string, readerIsClient: boolean): Promise<number> {
  const [{ n }] = await db('case_messages as m')
    .where({ 'm.case_id': caseId, 'm.from_client': !readerIsClient })
    .whereNotExists(db('case_message_reads as r').whereRaw('r.message_id = m.id').where('r.user_id', userId))
    .count({ n: '*' });
  return Number(n);
}

/** Of `ids`, the live documents of the case (for attachments), with who made them and whether the client sees them. */
export async function caseDocumentsAmong(
  db: Db,
  caseId: string,
  ids: string[],
): Promise<Array<{ id: string; createdBy: string; clientVisible: boolean; source: string; confidential: boolean }>> {
  if (!ids.length) return [];
  const rows = await db('documents').where({ case_id: caseId }).whereIn('id', ids).whereNull('deleted_at');
  return rows.map((r) => ({
    id: r.id,
    createdBy: r.created_by,
    clientVisible: r.client_visible,
    source: r.source,
    confidential: r.confidential,
  }));
}

/** Attaching a document to a message to the client shares it with the client. */
export async function shareWithClient(trx: Knex.Transaction | Db, ids: string[]): Promise<void> {
  if (ids.length) await trx('documents').whereIn('id', ids).update({ client_visible: true, updated_at: trx.fn.now() });
}

/** The case's number and title, and its client (for notices and the log). */
export async function messageCase(
  db: Db,
  caseId: string,
): Promise<{ id: string; number: string; title: string; clientId: string } | undefined> {
  const row = await db('cases').where({ id: caseId }).first('id', 'number', 'title', 'client_id');
  return row ? { id: row.id, number: row.number, title: row.title, clientId: row.client_id } : undefined;
}

/** The active staff on the case team (and its lead), with what a mail to them needs. */
export async function caseTeamContacts(db: Db, caseId: string): Promise<Array<{ id: string; email: string; locale: string }>> {
  return db('users as u')
    .where('u.active', true)
    .whereNot('u.role', 'client')
    .where((w) =>
      w
        .whereIn('u.id', db('case_members').select('user_id').where('case_id', caseId))
        .orWhereIn('u.id', db('cases').select('lead_lawyer_id').where('id', caseId)),
    )
    .select('u.id', 'u.email', 'u.locale');
}
