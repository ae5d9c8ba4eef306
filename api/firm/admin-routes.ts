import { Router } from 'express';
import type { Db } from '../../db/connection';
import { insertAudit } from '../../db/repositories/audit-log';
import { ZAuditActors, ZAuditExportQuery, ZAuditPage, ZAuditQuery, ZCaseViewers } from '../contracts/audit';
import { ZIdParams } from '../contracts/common';
import { AUDIT_EXPORT_MAX, auditActorList, auditCsv, auditPage, caseViewers } from './audit-log';
import { firmTimeZone } from './firm-settings';
import { ZPendingOpenings, ZStuckCases } from '../contracts/admin';
import { pendingCaseOpenings } from '../cases';
import type { Engine } from '../engine';
import type { RouteRegistry } from '../routing';

/** The audit log (admins and partners) and the administrators' stuck-cases view. */
export function adminRoutes(registry: RouteRegistry, deps: { db: Db; temporal: Engine; config: { firmTimezone: string } }): Router {
  const router = Router();
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/stuck-cases',
      tag: 'admin',
      summary: 'Running case workflows whose workflow task or an activity keeps failing, read from Temporal',
      action: 'system.stuckCases',
      response: ZStuckCases,
      errors: ['service-unavailable'],
    },
    async () => deps.temporal.stuckCases(),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/pending-openings',
      tag: 'admin',
      summary: 'Cases saved whose workflow has not started yet (the engine was away or the API died), read from the database',
      action: 'system.stuckCases',
      response: ZPendingOpenings,
    },
    async () => pendingCaseOpenings(deps.db),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/audit-log',
      tag: 'admin',
      summary: 'The audit log, newest first, filtered by who, record, event and date (admins and partners)',
      action: 'audit.read',
      query: ZAuditQuery,
      response: ZAuditPage,
    },
    async ({ query }) => auditPage(deps.db, query, await firmTimeZone(deps.db, deps.config.firmTimezone)),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/viewers',
      tag: 'admin',
      summary: 'Who has looked at this case (its record, parties, documents), from the audit log (admins and partners)',
      action: 'audit.read',
      params: ZIdParams,
      response: ZCaseViewers,
    },
    async ({ params }) => caseViewers(deps.db, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/audit-log/actors',
      tag: 'admin',
      summary: 'The people who have rows in the audit log (the "who" filter)',
      action: 'audit.read',
      response: ZAuditActors,
    },
    async () => auditActorList(deps.db),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/audit-log/export',
      tag: 'admin',
      summary: `The filtered audit log as CSV (UTF-8 with BOM), sentences in the language asked, the newest ${AUDIT_EXPORT_MAX} rows at most; the export is itself audited`,
      action: 'audit.read',
      query: ZAuditExportQuery,
      rateLimit: 'expensive',
    },
    async ({ query, user, req, res }) => {
      const { lang, ...filter } = query;
      const timeZone = await firmTimeZone(deps.db, deps.config.firmTimezone);
      const out = await auditCsv(deps.db, filter, lang, timeZone);
      await insertAudit(deps.db, {
        actorId: user!.id,
        action: 'GET /api/v1/admin/audit-log/export',
        entity: 'audit-log',
        status: 200,
        requestId: String(req.id ?? ''),
        ip: req.ip,
        details: { filter, rows: out.rows, total: out.total },
      });
      res.status(200).type('text/csv; charset=utf-8').attachment(`lexflow-audit-log.csv`).send(out.csv);
    },
  );
  return router;
}
