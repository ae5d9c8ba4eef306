import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../db/connection';
import { insertAudit } from '../../db/repositories/audit-log';
import type { AuditInfo } from '../routing';
import type { SessionUser } from './session';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes one audit_log row for every mutating API request once its answer is sent — refused ones
 * too. Routes enrich the entry (entity id, actor at login) through res.locals.audit.
 */
export function auditMiddleware(db: Db, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    res.on('finish', () => {
      const info = res.locals.audit as AuditInfo | undefined;
      const user = res.locals.user as SessionUser | undefined;
      insertAudit(db, {
        actorId: info?.actorId ?? user?.id ?? null,
        action: info?.action ?? `${req.method} ${req.path}`,
        entity: info?.entity ?? 'unrouted',
        entityId: info?.entityId ?? null,
        status: res.statusCode,
        requestId: String(req.id ?? ''),
        ip: req.ip,
        details: info?.details,
      }).catch((err: unknown) => logger.error({ err, requestId: req.id }, 'audit write failed'));
    });
    next();
  };
}
