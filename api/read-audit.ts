import type { Request } from 'express';
import type { Db } from '../db/connection';
import { auditedSince, insertAudit } from '../db/repositories/audit-log';

/** One row per viewer, read and record in this window: a page's reloads and polls are one viewing. */
export const READ_VIEWING_MS = 10 * 60_000;

/**
 * Records that `actorId` read a case record (or a client's): "who looked at this file" is answered
 * by these rows. Written before the answer leaves, at most once per viewer, route and record per
 * `READ_VIEWING_MS`. The action is the route's (`GET /api/v1/cases/:id`), like a change's; the
 * details name the case or client it belongs to, never what was read.
 */
export async function auditRead(
  db: Db,
  req: Request,
  e: { actorId: string; route: string; entity: string; entityId: string; details?: Record<string, unknown> },
): Promise<void> {
  const action = `GET /api/v1${e.route}`;
  const since = new Date(Date.now() - READ_VIEWING_MS);
  if (await auditedSince(db, { actorId: e.actorId, action, entityId: e.entityId, since })) return;
  await insertAudit(db, {
    actorId: e.actorId,
    action,
    entity: e.entity,
    entityId: e.entityId,
    status: 200,
    requestId: String(req.id ?? ''),
    ip: req.ip,
    details: e.details,
  });
}
