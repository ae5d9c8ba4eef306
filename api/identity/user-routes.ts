import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { listStaff } from '../../db/repositories/users';
import { ROLES } from '../../domain/roles';
import { ZStaffList } from '../contracts/directory';
import type { RouteRegistry } from '../routing';

/** The colleagues list the pickers offer. */
export function userRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  registry.add(
    router,
    {
      method: 'get',
      path: '/colleagues',
      tag: 'users',
      summary: 'Active colleagues (for pickers)',
      action: 'user.list',
      query: z.object({ role: z.enum(ROLES).optional() }),
      response: ZStaffList,
    },
    async ({ query }) => ({ items: await listStaff(db, query.role) }),
  );
  return router;
}
