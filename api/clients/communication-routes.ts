import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZCommunication, ZCommunicationInput, ZCommunicationList } from '../contracts/clients';
import { ZIdParams, ZPageQuery, ZUuid } from '../contracts/common';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { clientCommunications, logCommunication, removeCommunication } from './communications';

const ZId = ZIdParams;

/** Communications with a client: calls, emails, meetings, WeChat and letters, optionally about one of its cases. */
export function communicationRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'clients';

  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id/communications',
      tag,
      summary: 'Communications with the client, newest first (those about cases you are not on stay hidden)',
      action: 'communication.read',
      params: ZId,
      query: ZPageQuery,
      response: ZCommunicationList,
      errors: ['not-found'],
    },
    async ({ params, query, user }) => pageAnswer(query, await clientCommunications(db, user!, params.id, pageWindow(query))),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/communications',
      tag,
      summary: 'Log a phone call, email, meeting, WeChat or letter (optionally about one of the client\u2019s cases)',
      action: 'communication.add',
      params: ZId,
      body: ZCommunicationInput,
      response: ZCommunication,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'communication',
    },
    async ({ params, body, user, audit }) => {
      const m = await logCommunication(db, user!, params.id, body);
      audit({ entityId: m.id, details: { clientId: params.id, caseId: body.caseId ?? null, kind: body.kind } });
      return m;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/clients/:id/communications/:communicationId',
      tag,
      summary: 'Delete a communication you logged (partners: any)',
      action: 'communication.delete',
      params: ZId.extend({ communicationId: ZUuid }),
      errors: ['not-found', 'forbidden'],
      auditEntity: 'communication',
    },
    async ({ params, user, audit }) => {
      await removeCommunication(db, user!, params.id, params.communicationId);
      audit({ entityId: params.communicationId, details: { clientId: params.id } });
    },
  );
  return router;
}
