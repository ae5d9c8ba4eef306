import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZIdParams, ZUuid } from '../contracts/common';
import {
  ZCaseCommunicationQuery,
  ZCommunicationEntry,
  ZCommunicationEntryInput,
  ZCommunicationEntryList,
  ZCommunicationQuery,
} from '../contracts/communication';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { caseCommunications, clientCommunications, logCommunication, removeCommunication } from './communications';

const ZId = ZIdParams;

/**
 * The communication log: calls, emails, meetings, WeChat, letters and the case's secure messages
 * (kind portal), with participants, duration, documents, a follow-up task and a time entry.
 */
export function communicationRoutes(registry: RouteRegistry, deps: { db: Db; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db } = deps;
  const tz = deps.config.firmTimezone;
  const tag = 'clients';

  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id/communications',
      tag,
      summary:
        'Communications with the client, newest first (those about cases you are not on stay hidden); filters kind, caseId, from/to (dates), q (Chinese full text)',
      action: 'communication.read',
      params: ZId,
      query: ZCommunicationQuery,
      response: ZCommunicationEntryList,
      errors: ['not-found', 'validation-error'],
    },
    async ({ params, query, user }) => {
      const { page, pageSize, ...filter } = query;
      void page;
      void pageSize;
      return pageAnswer(query, await clientCommunications(db, user!, params.id, filter, pageWindow(query), tz));
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/communications',
      tag,
      summary: 'The case\u2019s communication log (its secure messages among them), newest first; filters kind, from/to, q',
      action: 'communication.read',
      params: ZId,
      query: ZCaseCommunicationQuery,
      response: ZCommunicationEntryList,
      errors: ['not-found', 'validation-error'],
    },
    async ({ params, query, user }) => {
      const { page, pageSize, ...filter } = query;
      void page;
      void pageSize;
      return pageAnswer(query, await caseCommunications(db, user!, params.id, filter, pageWindow(query), tz));
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/communications',
      tag,
      summary:
        'Log a phone call, email, meeting, WeChat or letter (optionally about one of the client\u2019s cases), with documents, a follow-up task and a time entry for its duration',
      action: 'communication.add',
      params: ZId,
      body: ZCommunicationEntryInput,
      response: ZCommunicationEntry,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'communication',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const m = await logCommunication(db, user!, params.id, body, tz, idempotency);
      audit({
        entityId: m.id,
        details: {
          clientId: params.id,
          caseId: body.caseId ?? null,
          kind: body.kind,
          followUpTaskId: m.followUpTaskId,
          timeEntryId: m.timeEntryId,
        },
      });
      return m;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/clients/:id/communications/:communicationId',
      tag,
      summary: 'Delete a communication you logged (partners: any); a secure message\u2019s record stays',
      action: 'communication.delete',
      params: ZId.extend({ communicationId: ZUuid }),
      errors: ['not-found', 'forbidden', 'conflict'],
      auditEntity: 'communication',
    },
    async ({ params, user, audit }) => {
      await removeCommunication(db, user!, params.id, params.communicationId);
      audit({ entityId: params.communicationId, details: { clientId: params.id } });
    },
  );
  return router;
}
