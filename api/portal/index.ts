/**
 * The client portal domain: portal accounts and invitations (staff side on the client profile, the
 * public invitation link), and — added beside them — what a portal user sees and does. This file is
 * the only entrance for the rest of the server; the HTTP schemas stay in `api/contracts/`.
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { accessRoutes } from './access-routes';
import { invitationRoutes } from './invitation-routes';

export function portalDomainRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'config'>): Router {
  const router = Router();
  // One router per part of the portal; the order is the OpenAPI document's.
  for (const part of [accessRoutes(registry, deps), invitationRoutes(registry, deps)]) router.use(part);
  return router;
}
