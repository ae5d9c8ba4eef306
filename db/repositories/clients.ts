import type { Db } from '../connection';

export interface NewClient {
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  source?: string;
  notes?: string;
}

export async function insertClient(db: Db, c: NewClient): Promise<{ id: string; name: string }> {
  const [row] = await db('clients')
    .insert({
      kind: c.kind,
      name: c.name,
      id_number: c.idNumber ?? null,
      phone: c.phone ?? null,
      email: c.email ?? null,
      address: c.address ?? null,
      source: c.source ?? null,
      notes: c.notes ?? null,
    })
    .returning(['id', 'name']);
  return row;
}

export async function listClientOptions(db: Db, text?: string): Promise<Array<{ id: string; name: string; kind: string }>> {
  return db('clients')
    .modify((b) => text && b.whereILike('name', `%${text}%`))
    .orderBy('name')
    .limit(50)
    .select('id', 'name', 'kind');
}
