import type { Knex } from 'knex';
import type { Db } from '../connection';
import type { DocumentScope } from '../../domain/policy';
import { teamCaseIds } from './cases';

/** One document with its current version, as the API shows it. */
export interface DocumentRow {
  id: string;
  caseId: string | null;
  clientId: string | null;
  folderId: string | null;
  category: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  version: number;
  versionId: string;
  confidential: boolean;
  clientVisible: boolean;
  source: 'upload' | 'generated' | 'portal';
  textStatus: 'pending' | 'text' | 'no-text' | 'unsupported' | 'failed';
  pageCount: number | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: { id: string; name: string } | null;
  openComments: number;
  caseNumber: string | null;
  caseTitle: string | null;
  leadLawyerId: string | null;
  categoryFinanceVisible: boolean;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toDocument(r: Record<string, any>): DocumentRow {
  return {
    id: r.id,
    caseId: r.case_id,
    clientId: r.client_id,
    folderId: r.folder_id,
    category: r.category_key,
    name: r.name,
    mime: r.mime,
    size: Number(r.size_bytes),
    sha256: r.sha256,
    version: r.current_version,
    versionId: r.version_id,
    confidential: r.confidential,
    clientVisible: r.client_visible,
    source: r.source,
    textStatus: r.text_status,
    pageCount: r.page_count,
    createdBy: { id: r.created_by, name: r.created_by_name },
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    deletedAt: iso(r.deleted_at),
    deletedBy: r.deleted_by ? { id: r.deleted_by, name: r.deleted_by_name } : null,
    openComments: Number(r.open_comments ?? 0),
    caseNumber: r.case_number ?? null,
    caseTitle: r.case_title ?? null,
    leadLawyerId: r.lead_lawyer_id ?? null,
    categoryFinanceVisible: Boolean(r.category_finance_visible),
  };
}

/** Documents joined with their current version, case, makers and open comment count (alias d, v, c). */
export function documentQuery(db: Db | Knex.Transaction) {
  return db('documents as d')
    .join('document_versions as v', (j) => j.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version'))
    .leftJoin('cases as c', 'c.id', 'd.case_id')
    .join('users as cu', 'cu.id', 'd.created_by')
    .leftJoin('users as du', 'du.id', 'd.deleted_by')
    .select(
      'd.*',
      'v.id as version_id',
      'v.mime',
      'v.size_bytes',
      'v.sha256',
      'v.text_status',
      'v.page_count',
      'c.number as case_number',
      'c.title as case_title',
      'c.lead_lawyer_id',
      'cu.name as created_by_name',
      'du.name as deleted_by_name',
      db.raw('(select k2.finance_visible from document_categories k2 where k2.key = d.category_key) as category_finance_visible'),
      db.raw(
        '(select count(*) from document_comments k where k.document_id = d.id and k.parent_id is null and k.resolved_at is null) as open_comments',
      ),
    );
}

/**
 * The viewer's documents only (policy: domain/policy/documents.ts): their cases' and those of the
 * clients they may see (of those cases, or entered by them), unless firm-wide; finance's categories; confidential files where they lead the
 * case or made the file.
 */
export function whereVisible(db: Db | Knex.Transaction, q: Knex.QueryBuilder, scope: DocumentScope): Knex.QueryBuilder {
  if (!scope.firmWide) {
    q.where((w) =>
      w
        .whereIn('d.case_id', teamCaseIds(db as Db, scope.userId))
        .orWhereIn(
          'd.client_id',
          db('cases')
            .select('client_id')
            .whereIn('id', teamCaseIds(db as Db, scope.userId)),
        )
        .orWhereIn('d.client_id', db('clients').select('id').where('created_by', scope.userId)),
    );
  }
  if (scope.financeOnly) q.whereIn('d.category_key', db('document_categories').select('key').where('finance_visible', true));
  if (scope.confidential === 'own') {
    q.where((w) => w.where('d.confidential', false).orWhere('d.created_by', scope.userId).orWhere('c.lead_lawyer_id', scope.userId));
  }
  return q;
}

/** A document the viewer may see (deleted ones too when `withDeleted`), else undefined. */
export async function findVisibleDocument(
  db: Db | Knex.Transaction,
  id: string,
  scope: DocumentScope,
  opts: { withDeleted?: boolean } = {},
): Promise<DocumentRow | undefined> {
  const q = whereVisible(db, documentQuery(db).where('d.id', id), scope);
  if (!opts.withDeleted) q.whereNull('d.deleted_at');
  const r = await q.first();
  return r ? toDocument(r) : undefined;
}

export interface DocumentFilter {
  caseId?: string;
  clientId?: string;
  folderId?: string;
  category?: string;
}

export async function listDocuments(
  db: Db,
  scope: DocumentScope,
  filter: DocumentFilter,
  window: { limit: number; offset: number },
): Promise<{ items: DocumentRow[]; total: number }> {
  const q = whereVisible(db, documentQuery(db).whereNull('d.deleted_at'), scope);
  if (filter.caseId) q.where('d.case_id', filter.caseId);
  if (filter.clientId) q.where('d.client_id', filter.clientId);
  if (filter.folderId) q.where('d.folder_id', filter.folderId);
  if (filter.category) q.where('d.category_key', filter.category);
  const [{ n }] = await q.clone().clearSelect().clearOrder().count({ n: '*' });
  const rows = await q
    .orderBy([{ column: 'd.updated_at', order: 'desc' }, 'd.id'])
    .limit(window.limit)
    .offset(window.offset);
  return { items: rows.map(toDocument), total: Number(n) };
}

export interface NewVersion {
  sha256: string;
  size: number;
  mime: string;
  name: string;
  note: string | null;
  uploadedBy: string;
  restoredFrom?: number | null;
}

export interface NewDocument {
  caseId: string | null;
  clientId: string | null;
  folderId: string | null;
  category: string;
  name: string;
  nameTsv: string;
  source: 'upload' | 'generated' | 'portal';
  generationKey?: string | null;
  createdBy: string;
}

/** A document and its first version, in the caller's transaction. */
export async function insertDocument(trx: Knex.Transaction, doc: NewDocument, version: NewVersion): Promise<string> {
  const [{ id }] = await trx('documents')
    .insert({
      case_id: doc.caseId,
      client_id: doc.clientId,
      folder_id: doc.folderId,
      category_key: doc.category,
      name: doc.name,
      name_tsv: trx.raw('?::tsvector', [doc.nameTsv]),
      source: doc.source,
      generation_key: doc.generationKey ?? null,
      created_by: doc.createdBy,
    })
    .returning('id');
  await insertVersionRow(trx, id, 1, version);
  return id;
}

async function insertVersionRow(trx: Knex.Transaction, documentId: string, number: number, v: NewVersion): Promise<void> {
  await trx('document_versions').insert({
    document_id: documentId,
    number,
    sha256: v.sha256,
    size_bytes: v.size,
    mime: v.mime,
    name: v.name,
    note: v.note,
    uploaded_by: v.uploadedBy,
    restored_from: v.restoredFrom ?? null,
  });
}

/** The next version of a document (its row locked, so two uploads at once get 2 and 3). */
export async function addVersion(trx: Knex.Transaction, documentId: string, v: NewVersion): Promise<number> {
  const row = await trx('documents').where({ id: documentId }).forUpdate().first('current_version');
  const number = (row.current_version as number) + 1;
  await insertVersionRow(trx, documentId, number, v);
  await trx('documents').where({ id: documentId }).update({ current_version: number, updated_at: trx.fn.now() });
  return number;
}

/** The document that already holds these bytes in the same case (or client), among those `scope` sees, if any. */
export async function findSameContent(
  db: Db | Knex.Transaction,
  owner: { caseId: string | null; clientId: string | null },
  sha256: string,
  scope: DocumentScope,
): Promise<{ id: string; name: string; caseId: string | null } | undefined> {
  const q = whereVisible(
    db,
    db('documents as d')
      .join('document_versions as v', 'v.document_id', 'd.id')
      .leftJoin('cases as c', 'c.id', 'd.case_id')
      .whereNull('d.deleted_at')
      .where('v.sha256', sha256)
      .first('d.id', 'd.name', 'd.case_id')
      .orderBy('d.created_at'),
    scope,
  );
  if (owner.caseId) q.where('d.case_id', owner.caseId);
  else q.where('d.client_id', owner.clientId);
  const r = await q;
  return r ? { id: r.id, name: r.name, caseId: r.case_id } : undefined;
}

export async function documentByGenerationKey(db: Db | Knex.Transaction, key: string): Promise<{ id: string; name: string } | undefined> {
  return db('documents').where({ generation_key: key }).first('id', 'name');
}
