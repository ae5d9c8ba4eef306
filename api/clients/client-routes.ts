import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { deleteContact, listClientOptions, listClients, listContacts, saveContact } from '../../db/repositories/clients';
import { deleteCommunication, findCommunication, insertCommunication, listCommunications } from '../../db/repositories/communications';
import { clientTimeline } from '../../db/repositories/timeline';
import { AppError } from '../app-error';
import {
  ZClient,
  ZClientInput,
  ZClientList,
  ZClientListQuery,
  ZClientPatch,
  ZClientProfile,
  ZCommunication,
  ZCommunicationInput,
  ZCommunicationList,
  ZContact,
  ZContactInput,
  ZContacts,
  ZTimeline,
} from '../contracts/clients';
import { ZIdParams, ZPageQuery, ZUuid } from '../contracts/common';
import { ZClientOptions } from '../contracts/directory';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { assertCaseAccess } from '../cases';
import { listScope, ownerDecision, viewerOf } from '../../domain/policy';
import { addClient, assertClientAccess, changeClient, clientProfile, clientView, removeClient } from './client-records';

const ZId = ZIdParams;

/** Clients (CRM): records, contacts, communications, profile and timeline; the pickers' client list. */
export function clientRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'clients';

  registry.add(
    router,
    {
      method: 'get',
      path: '/clients',
      tag,
      summary: 'Clients by name, identity number, tag or kind (lawyers: the clients of their cases)',
      action: 'client.list',
      query: ZClientListQuery,
      response: ZClientList,
    },
    async ({ query, user }) => {
      const r = await listClients(db, {
        text: query.q,
        tag: query.tag,
        kind: query.kind,
        scope: listScope(viewerOf(user!), 'client.list'),
        ...pageWindow(query),
      });
      return pageAnswer(query, {
        items: r.items.map((c) => ({ ...clientView(c), openCases: c.openCases, totalCases: c.totalCases })),
        total: r.total,
      });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients',
      tag,
      summary: 'Add a client (one per identity number)',
      action: 'client.create',
      body: ZClientInput,
      response: ZClient,
      status: 201,
      errors: ['conflict'],
    },
    async ({ body, user, audit }) => {
      const c = await addClient(db, user!, body);
      audit({ entityId: c.id, details: { kind: c.kind } });
      return c;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id',
      tag,
      summary: "A client's profile: record, contacts, open and closed cases, fees billed/paid/outstanding",
      action: 'client.read',
      params: ZId,
      response: ZClientProfile,
      errors: ['not-found'],
    },
    async ({ params, user }) => clientProfile(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/clients/:id',
      tag,
      summary: 'Change a client record',
      action: 'client.update',
      params: ZId,
      body: ZClientPatch,
      response: ZClient,
      errors: ['not-found', 'conflict'],
    },
    async ({ params, body, user, audit }) => {
      const c = await changeClient(db, user!, params.id, body);
      audit({ entityId: params.id, details: { fields: Object.keys(body) } });
      return c;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/clients/:id',
      tag,
      summary: 'Delete a client that has no cases and no portal account',
      action: 'client.delete',
      params: ZId,
      errors: ['not-found', 'conflict'],
    },
    async ({ params, user, audit }) => {
      await removeClient(db, user!, params.id);
      audit({ entityId: params.id });
    },
  );

  // Contacts
  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id/contacts',
      tag,
      summary: "A client's contact people",
      action: 'client.read',
      params: ZId,
      response: ZContacts,
      errors: ['not-found'],
    },
    async ({ params, user }) => {
      await assertClientAccess(db, user!, params.id);
      return { items: await listContacts(db, params.id) };
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/contacts',
      tag,
      summary: 'Add a contact (marking it primary unmarks the others)',
      action: 'client.update',
      params: ZId,
      body: ZContactInput,
      response: ZContact,
      status: 201,
      errors: ['not-found'],
      auditEntity: 'clientContact',
    },
    async ({ params, body, user, audit }) => {
      await assertClientAccess(db, user!, params.id);
      const c = (await saveContact(db, params.id, body))!;
      audit({ entityId: c.id, details: { clientId: params.id } });
      return c;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/clients/:id/contacts/:contactId',
      tag,
      summary: 'Change a contact',
      action: 'client.update',
      params: ZId.extend({ contactId: ZUuid }),
      body: ZContactInput.partial(),
      response: ZContact,
      errors: ['not-found'],
      auditEntity: 'clientContact',
    },
    async ({ params, body, user, audit }) => {
      await assertClientAccess(db, user!, params.id);
      const c = await saveContact(db, params.id, body, params.contactId);
      if (!c) throw new AppError('not-found', 'no such contact');
      audit({ entityId: c.id, details: { clientId: params.id, fields: Object.keys(body) } });
      return c;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/clients/:id/contacts/:contactId',
      tag,
      summary: 'Remove a contact',
      action: 'client.update',
      params: ZId.extend({ contactId: ZUuid }),
      errors: ['not-found'],
      auditEntity: 'clientContact',
    },
    async ({ params, user, audit }) => {
      await assertClientAccess(db, user!, params.id);
      if (!(await deleteContact(db, params.id, params.contactId))) throw new AppError('not-found', 'no such contact');
      audit({ entityId: params.contactId, details: { clientId: params.id } });
    },
  );

  // Communications
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
    async ({ params, query, user }) => {
      await assertClientAccess(db, user!, params.id);
      return pageAnswer(
        query,
        await listCommunications(db, {
          clientId: params.id,
          scope: listScope(viewerOf(user!), 'communication.read'),
          ...pageWindow(query),
        }),
      );
    },
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
      await assertClientAccess(db, user!, params.id);
      if (body.caseId) {
        const c = await assertCaseAccess(db, user!, body.caseId);
        if (c.clientId !== params.id)
          throw new AppError('validation-error', 'the case belongs to another client', {
            errors: [{ path: 'body.caseId', message: 'not this client\u2019s case' }],
          });
      }
      if (Date.parse(body.occurredAt) > Date.now() + 60_000)
        throw new AppError('validation-error', 'a communication is logged after it happened', {
          errors: [{ path: 'body.occurredAt', message: 'in the future' }],
        });
      const m = await insertCommunication(db, { ...body, clientId: params.id, createdBy: user!.id });
      audit({ entityId: m.id, details: { clientId: params.id, caseId: body.caseId ?? null, kind: body.kind } });
      return (await findCommunication(db, m.id))!;
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
      await assertClientAccess(db, user!, params.id);
      const m = await findCommunication(db, params.communicationId);
      if (!m || m.clientId !== params.id) throw new AppError('not-found', 'no such communication');
      if (ownerDecision(viewerOf(user!), 'communication.delete', m.createdBy) !== 'allow')
        throw new AppError('forbidden', 'only who logged it deletes it');
      await deleteCommunication(db, m.id);
      audit({ entityId: m.id, details: { clientId: params.id } });
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id/timeline',
      tag,
      summary: "Everything on the client's cases (that you may see) and its communications, newest first",
      action: 'client.timeline',
      params: ZId,
      query: ZPageQuery,
      response: ZTimeline,
      errors: ['not-found'],
    },
    async ({ params, query, user }) => {
      await assertClientAccess(db, user!, params.id);
      const { limit, offset } = pageWindow(query);
      return pageAnswer(query, await clientTimeline(db, params.id, listScope(viewerOf(user!), 'client.timeline'), limit, offset));
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/client-options',
      tag: 'clients',
      summary: 'Clients by name (for pickers)',
      action: 'client.list',
      query: z.object({ q: z.string().trim().max(100).optional() }),
      response: ZClientOptions,
    },
    async ({ query }) => ({ items: await listClientOptions(db, query.q) }),
  );
  return router;
}
