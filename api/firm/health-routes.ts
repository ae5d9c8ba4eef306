import { Router } from 'express';
import type { Db } from '../../db/connection';
import { pingDb } from '../../db/connection';
import { ZHealth, type Health } from '../contracts/health';
import { ZAppInfo } from '../contracts/info';
import type { RouteRegistry } from '../routing';
import type { Engine } from '../engine';

async function dbIsHealthy(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([pingDb(db).then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(
  registry: RouteRegistry,
  deps: { db: Db; temporal: Engine; version?: string; config: { mode: 'demo' | 'production' } },
): Router {
  const router = Router();
  registry.add(
    router,
    { method: 'get', path: '/info', tag: 'system', summary: 'Version and mode of this LexFlow', action: 'public', response: ZAppInfo },
    async () => ({ version: deps.version ?? '0.0.0', mode: deps.config.mode }),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/health',
      tag: 'system',
      summary: 'Liveness of LexFlow and the services it depends on',
      action: 'public',
      response: ZHealth,
    },
    async ({ res }) => {
      const [db, temporal] = await Promise.all([dbIsHealthy(deps.db), deps.temporal.isHealthy()]);
      const body: Health = { status: db && temporal ? 'ok' : 'error', db: db ? 'ok' : 'error', temporal: temporal ? 'ok' : 'error' };
      res.setHeader('Cache-Control', 'no-store');
      res.status(body.status === 'ok' ? 200 : 503).json(body);
    },
  );
  return router;
}
