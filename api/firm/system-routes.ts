import { Router } from 'express';
import { ZPingRequest, ZPingResponse } from '../contracts/system';
import type { RouteRegistry } from '../routing';
import { runPing } from './ping';
import type { Engine } from '../engine';

export function systemRoutes(registry: RouteRegistry, deps: { temporal: Engine }): Router {
  const router = Router();
  registry.add(
    router,
    {
      method: 'post',
      path: '/system/ping',
      tag: 'system',
      summary: 'Runs pingWorkflow end to end (API → Temporal → worker → activity → PostgreSQL)',
      action: 'system.ping',
      body: ZPingRequest,
      response: ZPingResponse,
      errors: ['service-unavailable'],
      auditEntity: 'ping',
    },
    async ({ body, audit }) => {
      const result = await runPing(deps.temporal, body.message);
      audit({ entityId: result.workflowId });
      return result;
    },
  );
  return router;
}
