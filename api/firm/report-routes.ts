import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { caseStats } from '../../db/repositories/stats';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { AppError } from '../app-error';
import { ZCaseStats, ZStatsQuery } from '../contracts/directory';
import type { RouteRegistry } from '../routing';
import { firmTimeZone } from './firm-settings';
import { statsCsv } from './stats-csv';

/** Case statistics over a period of the firm's calendar, as JSON and as a CSV for Excel. */
export function reportRoutes(registry: RouteRegistry, deps: { db: Db; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db } = deps;
  const period = async (q: { from?: string; to?: string }) => {
    const timeZone = await firmTimeZone(db, deps.config.firmTimezone);
    const today = civilDateAt(Date.now(), timeZone);
    const to = q.to ?? today;
    const from = q.from ?? `${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}-01`;
    if (from > to)
      throw new AppError('validation-error', 'the period ends before it starts', { errors: [{ path: 'query.from', message: 'after to' }] });
    return { from, to, timeZone };
  };
  registry.add(
    router,
    {
      method: 'get',
      path: '/reports/cases',
      tag: 'reports',
      summary: 'Case statistics over cases opened in [from, to] (default: the last twelve months)',
      action: 'report.read',
      query: ZStatsQuery,
      response: ZCaseStats,
      errors: ['validation-error'],
      rateLimit: 'expensive',
    },
    async ({ query }) => {
      const p = await period(query);
      return { from: p.from, to: p.to, ...(await caseStats(db, p)) };
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/reports/cases.csv',
      tag: 'reports',
      summary: 'The same statistics as CSV (UTF-8 with BOM, opens in Excel)',
      action: 'report.read',
      query: ZStatsQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
      errors: ['validation-error'],
      rateLimit: 'expensive',
    },
    async ({ query, res }) => {
      const p = await period(query);
      const csv = statsCsv({ from: p.from, to: p.to, ...(await caseStats(db, p)) }, query.lang);
      res.status(200).type('text/csv; charset=utf-8').attachment(`lexflow-cases-${p.from}-${p.to}.csv`).send(`\uFEFF${csv}`);
    },
  );
  return router;
}
