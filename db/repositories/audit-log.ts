import { storableText } from '../../domain/text';
import type { Db } from '../connection';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  status: number | null;
  requestId?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: Date;
  actorName: string | null;
}

/**
 * jsonb refuses NUL and unpaired surrogates (and so would the row): details copied from a request
 * are made storable here, so an audit row can never fail because of what the request carried.
 */
export function storableDetails(details: Record<string, unknown> | undefined): string {
  return JSON.stringify(details ?? {}, (_k, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}

const storable = (s: string | null | undefined) => (s == null ? null : (JSON.parse(storableDetails({ s })).s as string));

/** Opens the row of a request that has arrived (status null until `settleAudit`); returns its id. */
export async function openAudit(db: Db, e: { action: string; entity: string; requestId: string; ip?: string }): Promise<string> {
  const [row] = await db('audit_log')
    .insert({ action: storable(e.action), entity: e.entity, status: null, request_id: e.requestId, ip: e.ip ?? null })
    .returning('id');
  return String(row.id);
}

/** Completes a request's row with who, what and the status it was answered with. */
export async function settleAudit(db: Db, id: string, e: AuditEntry): Promise<void> {
  await db('audit_log')
    .where({ id })
    .update({
      actor_id: e.actorId,
      action: storable(e.action),
      entity: storable(e.entity),
      entity_id: storable(e.entityId),
      status: e.status,
      details: storableDetails(e.details),
    });
}

export async function insertAudit(db: Db, e: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actor_id: e.actorId,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    status: e.status,
    request_id: e.requestId ?? null,
    ip: e.ip ?? null,
    details: storableDetails(e.details),
  });
}

/** Whether the actor already has a row of this action on this entity since `since` (reads are recorded once per viewing). */
export async function auditedSince(
  db: Db,
  e: { actorId: string; action: string; entityId: string; since: Date; details?: Record<string, unknown> },
): Promise<boolean> {
  const q = db('audit_log').where({ actor_id: e.actorId, action: e.action, entity_id: e.entityId }).where('at', '>=', e.since);
  if (e.details) q.whereRaw('details @> ?::jsonb', [JSON.stringify(e.details)]);
  return Boolean(await q.first('id'));
}

/** What the audit log is filtered by; `subjectId`: rows of the record itself or naming it as their case or client. */
export interface AuditFilter {
  actorId?: string;
  entity?: string;
  subjectId?: string;
  /** Exact actions (a route's, e.g. `POST /api/v1/cases/:id/close`); `unrouted` means the rows no route named. */
  actions?: string[];
  /** Civil dates in `timeZone`, both inclusive. */
  from?: string;
  to?: string;
  timeZone?: string;
}

function filtered(db: Db, q: AuditFilter) {
  return db('audit_log as a').modify((b) => {
    if (q.entity) b.where('a.entity', q.entity);
    if (q.actorId) b.where('a.actor_id', q.actorId);
    if (q.subjectId) {
      const id = q.subjectId;
      b.where((w) =>
        w.where('a.entity_id', id).orWhereRaw(`a.details->>'caseId' = ?`, [id]).orWhereRaw(`a.details->>'clientId' = ?`, [id]),
      );
    }
    if (q.actions?.length) {
      const routed = q.actions.filter((x) => x !== 'unrouted');
      b.where((w) => {
        if (routed.length) w.orWhere((x) => x.whereIn('a.action', routed).whereNot('a.entity', 'unrouted'));
        if (routed.length < q.actions!.length) w.orWhere('a.entity', 'unrouted');
      });
    }
    const tz = q.timeZone ?? 'UTC';
    if (q.from) b.whereRaw('a.at >= (?::date)::timestamp at time zone ?', [q.from, tz]);
    if (q.to) b.whereRaw('a.at < (?::date + 1)::timestamp at time zone ?', [q.to, tz]);
  });
}

const toRecord = (r: Record<string, any>): AuditRecord => ({
  id: String(r.id),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  status: r.status,
  requestId: r.request_id ?? undefined,
  ip: r.ip ?? undefined,
  details: r.details,
});

export async function listAudit(
  db: Db,
  q: AuditFilter & { limit: number; offset: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  const base = filtered(db, q);
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const rows = await base
    .clone()
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select('a.*', 'u.name as actor_name')
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(count), items: rows.map(toRecord) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the records audit rows name are called, for sentences: case numbers, names of clients,
 * parties, documents, people and process templates, task titles, invoice numbers. Ids of records
 * since deleted are absent.
 */
export async function auditSubjectLabels(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const all = [...new Set(ids)];
  const uuids = all.filter((x) => UUID.test(x));
  const keys = all.filter((x) => !UUID.test(x));
  const out = new Map<string, string>();
  const put = (rows: { id: string; label: string | null }[]) => rows.forEach((r) => r.label && out.set(String(r.id), r.label));
  if (uuids.length) {
    put(await db('cases').whereIn('id', uuids).select('id', 'number as label'));
    put(await db('clients').whereIn('id', uuids).select('id', 'name as label'));
    put(await db('case_parties').whereIn('id', uuids).select('id', 'name as label'));
    put(await db('documents').whereIn('id', uuids).select('id', 'name as label'));
    put(await db('users').whereIn('id', uuids).select('id', 'name as label'));
    put(await db('tasks').whereIn('id', uuids).select('id', 'title as label'));
    put(await db('invoices').whereIn('id', uuids).whereNotNull('number').select('id', 'number as label'));
  }
  if (keys.length) put(await db('process_templates').whereIn('key', keys).select('key as id', 'name as label'));
  return out;
}

/** The people who have rows in the audit log (the "who" filter's choices). */
export async function auditActors(db: Db): Promise<{ id: string; name: string; role: string }[]> {
  return db('users as u')
    .whereExists((q) => q.select(db.raw('1')).from('audit_log as a').whereRaw('a.actor_id = u.id'))
    .orderBy('u.name')
    .select('u.id', 'u.name', 'u.role');
}

/**
 * Who read what a case holds: rows of these read actions that name the case (as their record or as
 * the case of a document), per person, with how many viewings and the last one, newest first.
 */
export async function caseReaders(
  db: Db,
  caseId: string,
  actions: readonly string[],
  limit: number,
): Promise<{ userId: string; name: string; role: string; views: number; lastViewedAt: Date }[]> {
  const rows = await db('audit_log as a')
    .join('users as u', 'u.id', 'a.actor_id')
    .whereIn('a.action', [...actions])
    .where('a.status', 200)
    .where((w) => w.where('a.entity_id', caseId).orWhereRaw(`a.details->>'caseId' = ?`, [caseId]))
    .groupBy('u.id', 'u.name', 'u.role')
    .orderBy('last_at', 'desc')
    .limit(limit)
    .select('u.id', 'u.name', 'u.role', db.raw('count(*)::int as views'), db.raw('max(a.at) as last_at'));
  return rows.map((r) => ({ userId: r.id, name: r.name, role: r.role, views: r.views, lastViewedAt: r.last_at }));
}
