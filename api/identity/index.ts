/**
 * The identity domain: sign-in (with TOTP) and sessions, the signed-in user, passwords and reset
 * links, the colleagues list and the admin's people page (invitations, roles, deactivation). This file is the only entrance for the rest of the server; the HTTP schemas stay in
 * `api/contracts/` (pure zod, shared with the UI).
 */
import { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { Gate } from '../middleware/rate-limit';
import { authRoutes } from './auth-routes';
import { sessionRoutes } from './session-routes';
import { signInLockRoutes } from './sign-in-lock-routes';
import { userRoutes } from './user-routes';
import { accountRoutes } from './account-routes';
import { peopleRoutes } from './people-routes';
import { createTwoFactor } from './two-factor';

/** Password checks allowed to wait for a free slot, per slot; more are refused with 429. */
const QUEUED_PER_SLOT = 4;

export { hashPassword, verifyPassword } from './passwords';
export { getMe } from './auth';
export { assertPasswordAccepted, commonPasswords, explainPasswordProblem } from './password-rules';
export { setSessionCookie } from './auth-routes';

export function identityRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'config'>): Router {
  const { db, config } = deps;
  const router = Router();
  const policy = {
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
    accountMaxPerHour: config.loginAccountMaxPerHour ?? 100,
    sessionTtlHours: config.sessionTtlHours,
    twoFactor: createTwoFactor(config.secretsKey),
  };
  const slots = config.loginConcurrency ?? 1;
  const passwordGate = new Gate(slots, slots * QUEUED_PER_SLOT);
  router.use(authRoutes(registry, { db, cookieSecure: config.cookieSecure, policy, passwordGate }));
  router.use(sessionRoutes(registry, { db, cookieSecure: config.cookieSecure }));
  router.use(signInLockRoutes(registry, { db, policy }));
  router.use(userRoutes(registry, deps));
  router.use(peopleRoutes(registry, { db, publicUrl: config.publicUrl }));
  router.use(accountRoutes(registry, { db, cookieSecure: config.cookieSecure, policy, publicUrl: config.publicUrl }));
  return router;
}
