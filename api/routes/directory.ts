import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { listCases } from '../../db/repositories/cases';
import { listClientOptions } from '../../db/repositories/clients';
import { listStaff } from '../../db/repositories/users';
import { ROLES, STAFF_ROLES } from '../../domain/roles';
import { ZCaseList, ZCaseListQuery, ZClientOptions, ZStaffList } from '../contracts/directory';
import type { RouteRegistry } from '../routing';

/** The lists pages and pickers need: cases (as the user may see them), clients, colleagues. */
export function directoryRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  registry.add(
    router,
    { method: 'get', path: '/cases', tag: 'cases', summary: 'Cases the user may see, newest first', access: STAFF_ROLES, query: ZCaseListQuery, response: ZCaseList },
    async ({ query, user }) => {
      const seeAll = ['admin', 'partner', 'finance'].includes(user!.role);
      const r = await listCases(db, { userId: user!.id, seeAll, status: query.status, text: query.q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return { ...r, page: query.page, pageSize: query.pageSize };
    },
  );
  registry.add(
    router,
    { method: 'get', path: '/clients', tag: 'clients', summary: 'Clients by name (for pickers)', access: STAFF_ROLES, query: z.object({ q: z.string().trim().max(100).optional() }), response: ZClientOptions },
    async ({ query }) => ({ items: await listClientOptions(db, query.q) }),
  );
  registry.add(
    router,
    { method: 'get', path: '/users', tag: 'users', summary: 'Active colleagues (for pickers)', access: STAFF_ROLES, query: z.object({ role: z.enum(ROLES).optional() }), response: ZStaffList },
    async ({ query }) => ({ items: await listStaff(db, query.role) }),
  );
  return router;
}
