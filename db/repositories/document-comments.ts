import type { Knex } from 'knex';
import type { Db } from '../connection';

/** Comments on a document's versions: threads (parent), anchors, @mentions, resolved or open. */

export interface CommentRow {
  id: string;
  documentId: string;
  version: number;
  parentId: string | null;
  author: { id: string; name: string };
  body: string;
  anchor: { page: number; x?: number; y?: number } | { paragraph: number } | null;
  mentions: Array<{ id: string; name: string }>;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  createdAt: string;
}

function commentQuery(db: Db | Knex.Transaction) {
  return db('document_comments as k')
    .join('users as a', 'a.id', 'k.author_id')
    .leftJoin('users as r', 'r.id', 'k.resolved_by')
    .select(
      'k.*',
      'a.name as author_name',
      'r.name as resolved_by_name',
      db.raw(
        "coalesce((select json_agg(json_build_object('id', m.id, 'name', m.name) order by m.name) from users m where m.id = any(k.mentions)), '[]') as mention_people",
      ),
    );
}

function toComment(r: Record<string, any>): CommentRow {
  return {
    id: r.id,
    documentId: r.document_id,
    version: r.version,
    parentId: r.parent_id,
    author: { id: r.author_id, name: r.author_name },
    body: r.body,
    anchor: r.anchor,
    mentions: r.mention_people,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    resolvedBy: r.resolved_by ? { id: r.resolved_by, name: r.resolved_by_name } : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function documentComments(db: Db | Knex.Transaction, documentId: string): Promise<CommentRow[]> {
  return (await commentQuery(db).where('k.document_id', documentId).orderBy(['k.created_at', 'k.id'])).map(toComment);
}

export async function findComment(db: Db | Knex.Transaction, documentId: string, id: string): Promise<CommentRow | undefined> {
  const r = await commentQuery(db).where({ 'k.document_id': documentId, 'k.id': id }).first();
  return r ? toComment(r) : undefined;
}

export async function insertComment(
  trx: Knex.Transaction,
  c: { documentId: string; version: number; parentId: string | null; authorId: string; body: string; anchor: unknown; mentions: string[] },
): Promise<string> {
  const [{ id }] = await trx('document_comments')
    .insert({
      document_id: c.documentId,
      version: c.version,
      parent_id: c.parentId,
      author_id: c.authorId,
      body: c.body,
      anchor: c.anchor === null ? null : JSON.stringify(c.anchor),
      mentions: c.mentions,
    })
    .returning('id');
  return id;
}

export async function setCommentResolved(trx: Knex.Transaction, id: string, by: string | null): Promise<void> {
  await trx('document_comments')
    .where({ id })
    .update(by ? { resolved_at: trx.fn.now(), resolved_by: by } : { resolved_at: null, resolved_by: null });
}
