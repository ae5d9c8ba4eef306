import { Router } from 'express';
import type { Db } from '../../db/connection';
import { getSetting } from '../../db/repositories/settings';
import { ZFirm, type Firm } from '../contracts/firm';
import type { RouteRegistry } from '../routing';

export function firmRoutes(registry: RouteRegistry, deps: { db: Db; config: { firmTimezone: string } }): Router {
  const router = Router();
  registry.add(
    router,
    {
      method: 'get',
      path: '/firm',
      tag: 'firm',
      summary: "The firm's name and time zone",
      action: 'authenticated',
      response: ZFirm,
    },
    async () => {
      const stored = await getSetting<Partial<Firm>>(deps.db, 'firm');
      return {
        name: stored?.name ?? '律师事务所',
        nameEn: stored?.nameEn ?? 'Law firm',
        timezone: stored?.timezone ?? deps.config.firmTimezone,
      };
    },
  );
  return router;
}
