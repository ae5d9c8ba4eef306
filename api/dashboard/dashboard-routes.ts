import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZDashboard } from '../contracts/dashboard';
import { firmTimeZone } from '../firm';
import type { RouteRegistry } from '../routing';
import { dashboard } from './dashboard';

/** The 工作台: one read of the viewer's tiles. */
export function dashboardRoutes(registry: RouteRegistry, deps: { db: Db; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db } = deps;
  registry.add(
    router,
    {
      method: 'get',
      path: '/dashboard',
      tag: 'dashboard',
      summary:
        "The viewer's 工作台: my overdue tasks and today's, statutory deadlines in 14 days, this week's hearings; for partners the firm's open cases by stage and area, overdue work per person, idle cases and conflict checks awaiting a decision. Each count is the total of the list its tile links to.",
      action: 'dashboard.read',
      response: ZDashboard,
    },
    async ({ user }) => dashboard(db, user!, await firmTimeZone(db, deps.config.firmTimezone)),
  );
  return router;
}
