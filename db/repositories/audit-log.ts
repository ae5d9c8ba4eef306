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

export async function listAudit(
  db: Db,
  q: { limit: number; offset: number; entity?: string; actorId?: string },
): Promise<{ items: AuditRecord[]; total: number }> {
  const base = db('audit_log as a').modify((b) => {
    if (q.entity) b.where('a.entity', q.entity);
    if (q.actorId) b.where('a.actor_id', q.actorId);
  });
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const rows = await base
    .clone()
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select('a.*', 'u.name as actor_name')
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .offset(q.offset);
  return {
    total: Number(count),
    items: rows.map((r: Record<string, any>) => ({
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
    })),
  };
}
