/**
 * The identity domain: sign-in and sessions, the signed-in user, passwords, and the colleagues
 * list. This file is the only entrance for the rest of the server; the HTTP schemas stay in
 * `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { authRoutes } from './auth-routes';
import { userRoutes } from './user-routes';

export { hashPassword, verifyPassword } from './passwords';

export function identityRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'config'>): Router {
  const { db, config } = deps;
  const router = Router();
  router.use(
    authRoutes(registry, {
      db,
      cookieSecure: config.cookieSecure,
      policy: {
        maxFailures: config.loginMaxFailures,
        lockMinutes: config.loginLockMinutes,
        sessionTtlHours: config.sessionTtlHours,
      },
    }),
  );
  router.use(userRoutes(registry, deps));
  return router;
}
