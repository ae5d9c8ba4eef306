import type { Db } from '../connection';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  status: number;
  requestId?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: Date;
  actorName: string | null;
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
    details: JSON.stringify(e.details ?? {}),
  });
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
