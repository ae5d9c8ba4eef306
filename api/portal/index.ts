/**
 * The client portal domain: portal accounts and invitations (staff side on the client profile, the
 * public invitation link), secure messages, document requests and client uploads (the portal side
 * and the case team's side), and what a portal user sees. This file is the only entrance for the
 * rest of the server; the HTTP schemas stay in `api/contracts/`. `remindDocumentRequests` runs with
 * the periodic housekeeping.
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../documents';
import type { RouteRegistry } from '../routing';
import { accessRoutes } from './access-routes';
import { invitationRoutes } from './invitation-routes';
import { portalMessageRoutes } from './messages-routes';
import { portalRequestRoutes } from './requests-routes';
import type { RequestDeps } from './requests';
import { portalReadRoutes } from './portal-routes';
import { staffMessagingRoutes } from './staff-messages-routes';

export { remindDocumentRequests } from './requests';

function messagingDeps(deps: Pick<AppDeps, 'db' | 'storage' | 'config'>): RequestDeps {
  return {
    db: deps.db,
    storage: deps.storage,
    publicUrl: deps.config.publicUrl,
    firmTimezone: deps.config.firmTimezone,
    uploadMaxBytes: deps.config.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
  };
}

export function portalDomainRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'temporal' | 'storage' | 'config'>): Router {
  const router = Router();
  const messaging = messagingDeps(deps);
  // One router per part of the portal; the order is the OpenAPI document's.
  for (const part of [
    accessRoutes(registry, deps),
    invitationRoutes(registry, deps),
    staffMessagingRoutes(registry, messaging),
    portalMessageRoutes(registry, messaging),
    portalRequestRoutes(registry, messaging),
    portalReadRoutes(registry, { db: deps.db, temporal: deps.temporal, storage: deps.storage, firmTimezone: deps.config.firmTimezone }),
  ])
    router.use(part);
  return router;
}
