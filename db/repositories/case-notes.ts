import type { Db } from '../connection';

const toNote = (r: Record<string, any>) => ({
  id: r.id as string,
  caseId: r.case_id as string,
  body: r.body as string,
  authorId: r.author_id as string,
  authorName: (r.author_name ?? null) as string | null,
  createdAt: (r.created_at as Date).toISOString(),
  updatedAt: (r.updated_at as Date).toISOString(),
});
export type NoteRow = ReturnType<typeof toNote>;

export async function insertNote(db: Db, caseId: string, authorId: string, body: string): Promise<NoteRow> {
  const [row] = await db('case_notes').insert({ case_id: caseId, author_id: authorId, body }).returning('*');
  return toNote(row);
}

export async function findNote(db: Db, caseId: string, id: string): Promise<NoteRow | undefined> {
  const row = await db('case_notes').where({ id, case_id: caseId }).first();
  return row ? toNote(row) : undefined;
}

export async function updateNote(db: Db, caseId: string, id: string, body: string): Promise<NoteRow | undefined> {
  const [row] = await db('case_notes').where({ id, case_id: caseId }).update({ body, updated_at: db.fn.now() }).returning('*');
  return row ? toNote(row) : undefined;
}

export async function deleteNote(db: Db, caseId: string, id: string): Promise<boolean> {
  return (await db('case_notes').where({ id, case_id: caseId }).delete()) > 0;
}

export async function listNotes(db: Db, caseId: string, limit: number, offset: number): Promise<{ items: NoteRow[]; total: number }> {
  const [{ count }] = await db('case_notes').where({ case_id: caseId }).count<{ count: string }[]>('* as count');
  const rows = await db('case_notes as n')
    .join('users as u', 'u.id', 'n.author_id')
    .where('n.case_id', caseId)
    .select('n.*', 'u.name as author_name')
    .orderBy([{ column: 'n.created_at', order: 'desc' }, { column: 'n.id' }])
    .limit(limit)
    .offset(offset);
  return { total: Number(count), items: rows.map(toNote) };
}
