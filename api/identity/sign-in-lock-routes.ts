import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZSignInLocks, ZUnlockRequest } from '../contracts/sessions';
import type { RouteRegistry } from '../routing';
import { listSignInLocks, unlockAccount, type ThrottlePolicy } from './throttle';

/** The administrators' view of throttled sign-ins, and the unlock for a colleague locked out. */
export function signInLockRoutes(registry: RouteRegistry, deps: { db: Db; policy: ThrottlePolicy }): Router {
  const router = Router();
  const { db, policy } = deps;

  registry.add(
    router,
    {
      method: 'get',
      path: '/admin/sign-in-locks',
      tag: 'admin',
      summary: 'Sign-ins refused right now: locked (account, address) pairs and accounts at their hourly ceiling',
      action: 'signInLock.manage',
      response: ZSignInLocks,
    },
    async () => ({
      items: (await listSignInLocks(db, policy)).map((l) => ({ ...l, until: l.until.toISOString() })),
    }),
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/admin/sign-in-locks/unlock',
      tag: 'admin',
      summary: 'Lift every sign-in lock on an account (all its addresses and its hourly ceiling)',
      action: 'signInLock.manage',
      body: ZUnlockRequest,
      auditEntity: 'user',
    },
    async ({ body, audit }) => {
      const { cleared, userId } = await unlockAccount(db, body.email);
      audit({ entityId: userId, details: { cleared } });
    },
  );

  return router;
}
