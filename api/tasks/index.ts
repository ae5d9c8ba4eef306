/**
 * The tasks domain: tasks across cases (mine, the team's, manual ones, comments, completion) and
 * the calendars with their iCalendar feed. This file is the only entrance for the rest of the
 * server; the HTTP schemas stay in `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { calendarRoutes } from './calendar-routes';
import { taskRoutes } from './task-routes';

export { createManualTask } from './tasks';

export function tasksRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'temporal' | 'config'>): Router {
  const router = Router();
  router.use(taskRoutes(registry, deps));
  router.use(calendarRoutes(registry, deps));
  return router;
}
