import type { Knex } from 'knex';
import type { Db } from '../connection';
import type { DocumentScope } from '../../domain/policy';
import { whereVisible } from './documents';

/** Document categories (admin-managed) and the folders of a case's document space. */

export interface CategoryRow {
  key: string;
  nameZh: string;
  nameEn: string;
  financeVisible: boolean;
  sort: number;
  archived: boolean;
}

const toCategory = (r: Record<string, any>): CategoryRow => ({
  key: r.key,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  financeVisible: r.finance_visible,
  sort: r.sort,
  archived: r.archived_at !== null,
});

export async function documentCategories(db: Db | Knex.Transaction): Promise<CategoryRow[]> {
  return (await db('document_categories').orderBy(['sort', 'key'])).map(toCategory);
}

export async function findCategory(db: Db | Knex.Transaction, key: string): Promise<CategoryRow | undefined> {
  const r = await db('document_categories').where({ key }).first();
  return r ? toCategory(r) : undefined;
}

export async function insertCategory(trx: Knex.Transaction, c: Omit<CategoryRow, 'archived'>): Promise<boolean> {
  const rows = await trx('document_categories')
    .insert({ key: c.key, name_zh: c.nameZh, name_en: c.nameEn, finance_visible: c.financeVisible, sort: c.sort })
    .onConflict('key')
    .ignore()
    .returning('key');
  return rows.length > 0;
}

export async function updateCategory(
  trx: Knex.Transaction,
  key: string,
  change: Partial<Omit<CategoryRow, 'key'>>,
): Promise<CategoryRow | undefined> {
  const row: Record<string, unknown> = {};
  if (change.nameZh !== undefined) row.name_zh = change.nameZh;
  if (change.nameEn !== undefined) row.name_en = change.nameEn;
  if (change.financeVisible !== undefined) row.finance_visible = change.financeVisible;
  if (change.sort !== undefined) row.sort = change.sort;
  if (change.archived !== undefined) row.archived_at = change.archived ? trx.fn.now() : null;
  const [r] = await trx('document_categories').where({ key }).update(row).returning('*');
  return r ? toCategory(r) : undefined;
}

export interface FolderRow {
  id: string;
  caseId: string;
  name: string;
  category: string | null;
  documents: number;
  createdAt: string;
}

/** A case's folders; `documents` counts what `scope` sees in each (all documents without a scope). */
export async function caseFolders(db: Db | Knex.Transaction, caseId: string, scope?: DocumentScope): Promise<FolderRow[]> {
  const rows = await db('document_folders as f').where('f.case_id', caseId).select('f.*').orderBy(['f.category_key', 'f.name']);
  const counted = db('documents as d').leftJoin('cases as c', 'c.id', 'd.case_id').where('d.case_id', caseId).whereNull('d.deleted_at');
  if (scope) whereVisible(db, counted, scope);
  const counts = new Map<string, number>(
    (await counted.whereNotNull('d.folder_id').groupBy('d.folder_id').select('d.folder_id', db.raw('count(*) as n'))).map((r: any) => [
      r.folder_id,
      Number(r.n),
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    name: r.name,
    category: r.category_key,
    documents: counts.get(r.id) ?? 0,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function findFolder(
  db: Db | Knex.Transaction,
  caseId: string,
  id: string,
  scope?: DocumentScope,
): Promise<FolderRow | undefined> {
  return (await caseFolders(db, caseId, scope)).find((f) => f.id === id);
}

/** A new folder, or undefined when the case has one of that name (in that category) already. */
export async function insertFolder(
  trx: Knex.Transaction,
  f: { caseId: string; name: string; category: string | null; createdBy: string },
): Promise<string | undefined> {
  const rows = await trx('document_folders')
    .insert({ case_id: f.caseId, name: f.name, category_key: f.category, created_by: f.createdBy })
    .onConflict()
    .ignore()
    .returning('id');
  return rows[0]?.id;
}

export async function renameFolder(trx: Knex.Transaction, id: string, name: string): Promise<void> {
  await trx('document_folders').where({ id }).update({ name });
}

/** Any documents in the folder, the recycle bin's included (they would lose their place). */
export async function folderHasDocuments(db: Db | Knex.Transaction, id: string): Promise<boolean> {
  return Boolean(await db('documents').where({ folder_id: id }).first('id'));
}

export async function deleteFolder(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('document_folders').where({ id }).del();
}
