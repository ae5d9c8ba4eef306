/**
 * The cases domain: opening a case and commanding its workflow, the case record (details,
 * parties, team, notes, tags, archive, reopen) and the case list with its search, saved searches
 * and tag vocabularies. This file is the only entrance for the rest of the server; the HTTP
 * schemas stay in `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { caseListRoutes } from './case-list-routes';
import { caseRecordRoutes } from './case-record-routes';
import { caseRoutes } from './case-routes';

export { assertCaseAccess, type Actor } from './case-access';
export { completeTask, recordCaseEvent } from './case-workflow';
export { pendingCaseOpenings, reconcileOpenings, startOpeningsReconciler } from './case-openings';
export { updateId, WORKFLOW_ERRORS } from './case-routes';
export { demoCaseHooks } from './demo-case-hooks';

/** Mounts the case routes: the list first, then a case and its workflow, then its record. */
export function casesRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'temporal' | 'config'>): Router {
  const router = Router();
  router.use(caseListRoutes(registry, deps));
  router.use(caseRoutes(registry, deps));
  router.use(caseRecordRoutes(registry, deps));
  return router;
}
