import { normalizeIdNumber, normalizeName } from '../../domain/search/normalize';
import type { ListScope } from '../../domain/policy';
import type { Knex } from 'knex';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';
import { containsPattern } from './like';

export { CLIENT_SOURCES } from '../../domain/records';

export interface NewClient {
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  source?: string | null;
  notes?: string | null;
  tags?: string[];
  createdBy?: string | null;
}

export interface ClientRow {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  source: string | null;
  notes: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

const toClient = (r: Record<string, any>): ClientRow => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  idNumber: r.id_number,
  phone: r.phone,
  email: r.email,
  address: r.address,
  source: r.source,
  notes: r.notes,
  tags: r.tags ?? [],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function columns(c: Partial<NewClient>): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (c.kind !== undefined) cols.kind = c.kind;
  if (c.name !== undefined) {
    cols.name = c.name;
    cols.name_norm = normalizeName(c.name);
  }
  if (c.idNumber !== undefined) {
    cols.id_number = c.idNumber || null;
    cols.id_norm = normalizeIdNumber(c.idNumber);
  }
  for (const [key, col] of [
    ['phone', 'phone'],
    ['email', 'email'],
    ['address', 'address'],
    ['source', 'source'],
    ['notes', 'notes'],
  ] as const) {
    if (c[key] !== undefined) cols[col] = c[key] || null;
  }
  if (c.tags !== undefined) cols.tags = [...new Set(c.tags)];
  return cols;
}

export async function insertClient(db: Db, c: NewClient): Promise<ClientRow> {
  const [row] = await db('clients')
    .insert({ ...columns(c), created_by: c.createdBy ?? null })
    .returning('*');
  return toClient(row);
}

export async function updateClient(db: Db, id: string, patch: Partial<NewClient>): Promise<ClientRow | undefined> {
  const [row] = await db('clients')
    .where({ id })
    .update({ ...columns(patch), updated_at: db.fn.now() })
    .returning('*');
  return row ? toClient(row) : undefined;
}

export async function findClient(db: Db, id: string): Promise<ClientRow | undefined> {
  const row = await db('clients').where({ id }).first();
  return row ? toClient(row) : undefined;
}

export async function findClientByIdNumber(db: Db, idNumber: string): Promise<ClientRow | undefined> {
  const norm = normalizeIdNumber(idNumber);
  const row = norm ? await db('clients').where({ id_norm: norm }).first() : undefined;
  return row ? toClient(row) : undefined;
}

/** A member scope: the clients of the cases the user is on, and those they entered (`clients as cl`). */
function inScope(db: Db, b: Knex.QueryBuilder, scope: ListScope): void {
  if (scope.all) return;
  const user = scope.memberUserId;
  b.where((w) =>
    w.whereExists(db('cases as c').whereRaw('c.client_id = cl.id').whereIn('c.id', teamCaseIds(db, user))).orWhere('cl.created_by', user),
  );
}

/** The cases of the client `cl` within a scope. */
function scopedCases(db: Db, scope: ListScope) {
  return db('cases as c')
    .whereRaw('c.client_id = cl.id')
    .modify((b) => {
      if (!scope.all) b.whereIn('c.id', teamCaseIds(db, scope.memberUserId));
    });
}

export interface ClientListItem extends ClientRow {
  openCases: number;
  totalCases: number;
}

/**
 * Clients by name, identity number or tag. A member `scope` limits the list to clients of cases the
 * user is on, and those they entered (lawyers, assistants) — in SQL, so counts and pages agree.
 */
export async function listClients(
  db: Db,
  q: { text?: string; tag?: string; kind?: string; scope: ListScope; limit: number; offset: number },
): Promise<{ items: ClientListItem[]; total: number }> {
  const base = db('clients as cl').modify((b) => {
    if (q.text) {
      const like = containsPattern(q.text);
      const norm = normalizeName(q.text);
      b.where((w) => {
        w.whereILike('cl.name', like).orWhere('cl.id_norm', normalizeIdNumber(q.text) ?? '');
        if (norm.length >= 2) w.orWhereILike('cl.name_norm', `%${norm}%`);
      });
    }
    if (q.tag) b.whereRaw('? = any(cl.tags)', [q.tag]);
    if (q.kind) b.where('cl.kind', q.kind);
    inScope(db, b, q.scope);
  });
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const rows = await base
    .clone()
    .select(
      'cl.*',
      // Counted within the scope too: a lawyer does not learn of the client's other matters.
      db.raw('(?)::int as open_cases', [scopedCases(db, q.scope).whereNot('c.status', 'closed').count()]),
      db.raw('(?)::int as total_cases', [scopedCases(db, q.scope).count()]),
    )
    .orderBy('cl.name')
    .limit(q.limit)
    .offset(q.offset);
  return {
    total: Number(count),
    items: rows.map((r: Record<string, any>) => ({ ...toClient(r), openCases: r.open_cases, totalCases: r.total_cases })),
  };
}

/** The pickers' clients by name, within the same scope as the client list. */
export async function listClientOptions(
  db: Db,
  q: { text?: string; scope: ListScope },
): Promise<Array<{ id: string; name: string; kind: string }>> {
  return db('clients as cl')
    .modify((b) => {
      if (q.text) b.whereILike('cl.name', containsPattern(q.text));
      inScope(db, b, q.scope);
    })
    .orderBy('cl.name')
    .limit(50)
    .select('cl.id', 'cl.name', 'cl.kind');
}

/** Whether a user may see a client: staff with firm-wide access, its cases' teams, or whoever entered it. */
export async function clientVisibleTo(db: Db, clientId: string, userId: string): Promise<boolean> {
  const row = await db('clients as cl')
    .where('cl.id', clientId)
    .andWhere((w) =>
      w
        .where('cl.created_by', userId)
        .orWhereExists(db('cases as c').whereRaw('c.client_id = cl.id').whereIn('c.id', teamCaseIds(db, userId))),
    )
    .first('cl.id');
  return Boolean(row);
}

export async function deleteClient(db: Db, id: string): Promise<boolean> {
  return (await db('clients').where({ id }).delete()) > 0;
}

// Contacts ////////////////////////////////////////////////////////////////////////////////////

export interface ContactInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  isPrimary?: boolean;
}

const toContact = (r: Record<string, any>) => ({
  id: r.id as string,
  clientId: r.client_id as string,
  name: r.name as string,
  title: r.title as string | null,
  phone: r.phone as string | null,
  email: r.email as string | null,
  wechat: r.wechat as string | null,
  isPrimary: r.is_primary as boolean,
});
export type ContactRow = ReturnType<typeof toContact>;

function contactColumns(c: Partial<ContactInput>) {
  const cols: Record<string, unknown> = {};
  if (c.name !== undefined) cols.name = c.name;
  for (const k of ['title', 'phone', 'email', 'wechat'] as const) if (c[k] !== undefined) cols[k] = c[k] || null;
  if (c.isPrimary !== undefined) cols.is_primary = c.isPrimary;
  return cols;
}

export async function listContacts(db: Db, clientId: string): Promise<ContactRow[]> {
  return (
    await db('client_contacts')
      .where({ client_id: clientId })
      .orderBy([{ column: 'is_primary', order: 'desc' }, 'created_at'])
  ).map(toContact);
}

/** One primary contact per client: marking one primary unmarks the others. */
export async function saveContact(db: Db, clientId: string, input: Partial<ContactInput>, id?: string): Promise<ContactRow | undefined> {
  return db.transaction(async (trx) => {
    if (input.isPrimary) await trx('client_contacts').where({ client_id: clientId }).update({ is_primary: false });
    const [row] = id
      ? await trx('client_contacts').where({ id, client_id: clientId }).update(contactColumns(input)).returning('*')
      : await trx('client_contacts')
          .insert({ ...contactColumns(input), client_id: clientId })
          .returning('*');
    return row ? toContact(row) : undefined;
  });
}

export async function deleteContact(db: Db, clientId: string, id: string): Promise<boolean> {
  return (await db('client_contacts').where({ id, client_id: clientId }).delete()) > 0;
}
