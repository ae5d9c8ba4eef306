import type { Db } from '../connection';

import { TAG_VOCABULARIES } from '../../domain/records';

export type Vocabulary = (typeof TAG_VOCABULARIES)[number];

const toTag = (r: Record<string, any>) => ({
  id: r.id as string,
  vocabulary: r.vocabulary as Vocabulary,
  name: r.name as string,
  color: r.color as string | null,
  usage: r.usage === undefined ? undefined : Number(r.usage),
});
export type TagRow = ReturnType<typeof toTag>;

export async function listTags(db: Db, vocabulary?: Vocabulary): Promise<TagRow[]> {
  const rows = await db('tags as t')
    .modify((b) => vocabulary && b.where('t.vocabulary', vocabulary))
    .select('t.*', db.raw('(select count(*) from case_tags ct where ct.tag_id = t.id)::int as usage'))
    .orderBy(['t.vocabulary', 't.name']);
  return rows.map(toTag);
}

export async function insertTag(db: Db, t: { vocabulary: Vocabulary; name: string; color?: string | null }): Promise<TagRow | undefined> {
  const [row] = await db('tags')
    .insert({ vocabulary: t.vocabulary, name: t.name, color: t.color ?? null })
    .onConflict(['vocabulary', 'name'])
    .ignore()
    .returning('*');
  return row ? toTag(row) : undefined;
}

export async function updateTag(db: Db, id: string, patch: { name?: string; color?: string | null }): Promise<TagRow | undefined> {
  const [row] = await db('tags').where({ id }).update(patch).returning('*');
  return row ? toTag(row) : undefined;
}

export async function deleteTag(db: Db, id: string): Promise<boolean> {
  return (await db('tags').where({ id }).delete()) > 0;
}

export async function findTags(db: Db, ids: string[]): Promise<TagRow[]> {
  return ids.length ? (await db('tags').whereIn('id', ids)).map(toTag) : [];
}

/** Replaces a case's tags (both vocabularies); a case has at most one category. */
export async function setCaseTags(db: Db, caseId: string, tagIds: string[]): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('case_tags').where({ case_id: caseId }).delete();
    if (tagIds.length) await trx('case_tags').insert([...new Set(tagIds)].map((tagId) => ({ case_id: caseId, tag_id: tagId })));
  });
}

export async function caseTags(db: Db, caseId: string): Promise<TagRow[]> {
  const rows = await db('case_tags as ct')
    .join('tags as t', 't.id', 'ct.tag_id')
    .where('ct.case_id', caseId)
    .select('t.*')
    .orderBy(['t.vocabulary', 't.name']);
  return rows.map(toTag);
}
