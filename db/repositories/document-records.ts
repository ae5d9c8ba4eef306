import type { Knex } from 'knex';
import type { Db } from '../connection';
import type { DocumentScope } from '../../domain/policy';
import type { BlobStorage } from '../storage';
import { documentQuery, toDocument, whereVisible, type DocumentRow } from './documents';

/** A document's versions, the recycle bin and changes to a document's record. */

export interface VersionRow {
  id: string;
  number: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  note: string | null;
  uploadedBy: { id: string; name: string };
  uploadedAt: string;
  restoredFrom: number | null;
  textStatus: DocumentRow['textStatus'];
  pageCount: number | null;
}

export async function documentVersions(db: Db | Knex.Transaction, documentId: string): Promise<VersionRow[]> {
  const rows = await db('document_versions as v')
    .join('users as u', 'u.id', 'v.uploaded_by')
    .where('v.document_id', documentId)
    .orderBy('v.number', 'desc')
    .select('v.*', 'u.name as uploaded_by_name');
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    mime: r.mime,
    size: Number(r.size_bytes),
    sha256: r.sha256,
    note: r.note,
    uploadedBy: { id: r.uploaded_by, name: r.uploaded_by_name },
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    restoredFrom: r.restored_from,
    textStatus: r.text_status,
    pageCount: r.page_count,
  }));
}

export async function findVersion(db: Db | Knex.Transaction, documentId: string, number: number): Promise<VersionRow | undefined> {
  return (await documentVersions(db, documentId)).find((v) => v.number === number);
}

export interface DocumentChange {
  name?: string;
  nameTsv?: string;
  folderId?: string | null;
  category?: string;
  confidential?: boolean;
  clientVisible?: boolean;
}

export async function updateDocumentRecord(trx: Knex.Transaction, id: string, change: DocumentChange): Promise<void> {
  const row: Record<string, unknown> = { updated_at: trx.fn.now() };
  if (change.name !== undefined) row.name = change.name;
  if (change.nameTsv !== undefined) row.name_tsv = trx.raw('?::tsvector', [change.nameTsv]);
  if (change.folderId !== undefined) row.folder_id = change.folderId;
  if (change.category !== undefined) row.category_key = change.category;
  if (change.confidential !== undefined) row.confidential = change.confidential;
  if (change.clientVisible !== undefined) row.client_visible = change.clientVisible;
  await trx('documents').where({ id }).update(row);
}

export async function moveToRecycleBin(trx: Knex.Transaction, id: string, by: string): Promise<void> {
  await trx('documents').where({ id }).whereNull('deleted_at').update({ deleted_at: trx.fn.now(), deleted_by: by });
}

export async function takeOutOfRecycleBin(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('documents').where({ id }).update({ deleted_at: null, deleted_by: null, updated_at: trx.fn.now() });
}

export async function recycleBin(
  db: Db,
  scope: DocumentScope,
  window: { limit: number; offset: number },
): Promise<{ items: DocumentRow[]; total: number }> {
  const q = whereVisible(db, documentQuery(db).whereNotNull('d.deleted_at'), scope);
  const [{ n }] = await q.clone().clearSelect().clearOrder().count({ n: '*' });
  const rows = await q.orderBy('d.deleted_at', 'desc').limit(window.limit).offset(window.offset);
  return { items: rows.map(toDocument), total: Number(n) };
}

/**
 * Deletes every document in the recycle bin (with its versions, pages and comments) and answers
 * the stored objects its versions used; the caller removes those nothing else refers to
 * (`removeUnreferenced`, after this commit).
 */
export async function purgeRecycleBin(
  trx: Knex.Transaction,
): Promise<{ purged: number; objects: Array<{ sha256: string; size: number }> }> {
  const hashes = await trx('document_versions as v')
    .join('documents as d', 'd.id', 'v.document_id')
    .whereNotNull('d.deleted_at')
    .distinct('v.sha256', 'v.size_bytes');
  const purged = await trx('documents').whereNotNull('deleted_at').del();
  return { purged, objects: hashes.map((h) => ({ sha256: h.sha256 as string, size: Number(h.size_bytes) })) };
}

/**
 * Stored bytes are shared by every version with the same sha256, so emptying the recycle bin may
 * remove an object only while no upload can start referring to it. Uploads take this lock shared
 * (from their check that the bytes are there to their commit); the purge takes it exclusive.
 */
const PURGE_LOCK = 0x6c657866; // 'lexf'

export async function lockAgainstPurge(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock_shared(?)', [PURGE_LOCK]);
}

export async function lockForPurge(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?)', [PURGE_LOCK]);
}

/**
 * Before a row starts to refer to stored bytes (a version, a template), inside its transaction:
 * under the purge lock, the bytes must still be there — an emptying of the recycle bin may have
 * removed them since they were stored. Answers false when some are gone (the caller asks again).
 */
export async function bytesStillStored(trx: Knex.Transaction, storage: BlobStorage, sha256s: string[]): Promise<boolean> {
  await lockAgainstPurge(trx);
  for (const sha of sha256s) if (!(await storage.has(sha))) return false;
  return true;
}

async function referenced(db: Db | Knex.Transaction, sha256: string): Promise<boolean> {
  return Boolean(
    (await db('document_versions').where({ sha256 }).first('id')) ?? (await db('document_templates').where({ sha256 }).first('id')),
  );
}

/**
 * Removes stored bytes nothing refers to (a refused upload's, a checked template's, a purged
 * document's): one object at a time, each under the purge lock, so a row that came to refer to it
 * meanwhile keeps it. A failed delete leaves an orphan, never a row without its bytes. Answers the
 * bytes freed.
 */
export async function removeUnreferenced(db: Db, storage: BlobStorage, objects: Array<{ sha256: string; size: number }>): Promise<number> {
  let freed = 0;
  for (const o of objects) {
    try {
      await db.transaction(async (trx) => {
        await lockForPurge(trx);
        if (await referenced(trx, o.sha256)) return;
        await storage.delete(o.sha256);
        freed += o.size;
      });
    } catch {
      // Left as an orphan: storage was away. Its bytes are unreachable, nothing is lost.
    }
  }
  return freed;
}
