/**
 * The clients domain (CRM): client records and profiles, contacts, communications, and
 * conflict-of-interest checks. This file is the only entrance for the rest of the server; the
 * HTTP schemas stay in `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { clientRoutes } from './client-routes';
import { communicationRoutes } from './communication-routes';
import { conflictCheckRoutes } from './conflict-check-routes';
import { contactRoutes } from './contact-routes';

export { addClient, assertClientAccess, assertIdNumberFree } from './client-records';
export { communicationTsv } from './communications';

export function clientsRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'config'>): Router {
  const router = Router();
  router.use(clientRoutes(registry, deps));
  router.use(contactRoutes(registry, deps));
  router.use(communicationRoutes(registry, deps));
  router.use(conflictCheckRoutes(registry, deps));
  return router;
}
