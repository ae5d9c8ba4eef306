import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZIdParams } from '../contracts/common';
import { ZEndedSessions, ZMySessions } from '../contracts/sessions';
import type { RouteRegistry } from '../routing';
import { setSessionCookie } from './auth-routes';
import { endMySession, endMyOtherSessions, mySessions } from './sessions';

/** The signed-in user's own sessions: list them, end one, end all the others. */
export function sessionRoutes(registry: RouteRegistry, deps: { db: Db; cookieSecure: boolean }): Router {
  const router = Router();
  const { db, cookieSecure } = deps;

  registry.add(
    router,
    {
      method: 'get',
      path: '/me/sessions',
      tag: 'auth',
      summary: 'My live sessions: device, address, when opened and last used, which one is this one',
      action: 'authenticated',
      response: ZMySessions,
    },
    async ({ user }) => ({ items: await mySessions(db, user!) }),
  );

  registry.add(
    router,
    {
      method: 'delete',
      path: '/me/sessions/:id',
      tag: 'auth',
      summary: "End one of my sessions (another user's id ends nothing); ending this one signs out here",
      action: 'authenticated',
      params: ZIdParams,
      auditEntity: 'session',
    },
    async ({ user, params, res, audit }) => {
      audit({ entityId: params.id });
      if (await endMySession(db, user!, params.id)) setSessionCookie(res, '', 0, cookieSecure);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/logout-others',
      tag: 'auth',
      summary: 'Sign out everywhere else: every other session of mine ends, this one stays',
      action: 'authenticated',
      response: ZEndedSessions,
      auditEntity: 'session',
    },
    async ({ user, audit }) => {
      const ended = await endMyOtherSessions(db, user!);
      audit({ entityId: user!.id, details: { ended } });
      return { ended };
    },
  );

  return router;
}
