import type { Db } from '../connection';

const toSaved = (r: Record<string, any>) => ({
  id: r.id as string,
  name: r.name as string,
  query: r.query as Record<string, unknown>,
  createdAt: (r.created_at as Date).toISOString(),
});
export type SavedSearchRow = ReturnType<typeof toSaved>;

export async function listSavedSearches(db: Db, userId: string): Promise<SavedSearchRow[]> {
  return (await db('saved_searches').where({ user_id: userId }).orderBy('name')).map(toSaved);
}

/** Saving under an existing name replaces that search. */
export async function saveSearch(db: Db, userId: string, name: string, query: Record<string, unknown>): Promise<SavedSearchRow> {
  const [row] = await db('saved_searches')
    .insert({ user_id: userId, name, query: JSON.stringify(query) })
    .onConflict(['user_id', 'name'])
    .merge({ query: JSON.stringify(query) })
    .returning('*');
  return toSaved(row);
}

export async function deleteSavedSearch(db: Db, userId: string, id: string): Promise<boolean> {
  return (await db('saved_searches').where({ id, user_id: userId }).delete()) > 0;
}
