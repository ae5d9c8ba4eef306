import { withoutSecrets } from './secret-paths';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../db/connection';
import { openAudit, settleAudit } from '../../db/repositories/audit-log';
import { AppError } from '../app-error';
import type { AuditInfo } from '../routing';
import type { SessionUser } from './session';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every mutating API request has exactly one audit_log row, opened when it arrives — before the
 * session, the body parsers, the same-origin check or the route can change or refuse anything —
 * and completed with actor, entity, details and status when the answer is sent. A request whose
 * row cannot be opened is refused (503): no change is ever saved without its row. Routes enrich
 * the entry (entity id, actor at login) through res.locals.audit.
 */
export function auditMiddleware(db: Db, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!MUTATING.has(req.method)) return next();
    const requestId = String(req.id ?? '');
    // Until a route names its entity (refused before routing, or no route at all): 'unrouted'.
    const fallback = { action: `${req.method} ${withoutSecrets(`${req.baseUrl}${req.path}`)}`, entity: 'unrouted' };
    let rowId: string;
    try {
      rowId = await openAudit(db, { ...fallback, requestId, ip: req.ip });
    } catch (err) {
      logger.error({ err, requestId }, 'audit row could not be opened; request refused');
      return next(new AppError('service-unavailable', 'The audit log cannot be written; nothing was changed', { retryAfterSeconds: 5 }));
    }
    // Completed before the answer leaves (res.end waits for it), so a client that has its answer
    // finds the row final; a request that never answers keeps the row it opened.
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let settled = false;
    res.end = ((...args: unknown[]) => {
      if (settled) return end(...args);
      settled = true;
      const info = res.locals.audit as AuditInfo | undefined;
      const user = res.locals.user as SessionUser | undefined;
      settleAudit(db, rowId, {
        actorId: info?.actorId ?? user?.id ?? null,
        action: info?.action ?? fallback.action,
        entity: info?.entity ?? fallback.entity,
        entityId: info?.entityId ?? null,
        status: res.statusCode,
        details: info?.details,
      })
        .catch((err: unknown) => logger.error({ err, requestId }, 'audit row could not be completed'))
        .finally(() => end(...args));
      return res;
    }) as Response['end'];
    next();
  };
}
