import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { listClientOptions, listClients } from '../../db/repositories/clients';
import {
  ZClient,
  ZClientInput,
  ZClientList,
  ZClientListQuery,
  ZClientPatch,
  ZClientProfile,
  ZRevealedIdNumber,
  ZTimeline,
} from '../contracts/clients';
import { ZIdParams, ZPageQuery } from '../contracts/common';
import { ZClientOptions } from '../contracts/directory';
import { auditRead } from '../read-audit';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { listScope, viewerOf } from '../../domain/policy';
import {
  addClient,
  changeClient,
  clientProfile,
  clientTimelinePage,
  clientView,
  removeClient,
  revealClientIdNumber,
} from './client-records';

const ZId = ZIdParams;

/** Clients (CRM): records, profile and timeline; the pickers' client list. Contacts and communications have their own routes. */
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
    async ({ params, user, req }) => {
      const profile = await clientProfile(db, user!, params.id);
      await auditRead(db, req, { actorId: user!.id, route: '/clients/:id', entity: 'client', entityId: params.id });
      return profile;
    },
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
      method: 'post',
      path: '/clients/:id/id-number/reveal',
      tag,
      summary: "A client's full identity number (every other answer masks a person's); audited as whose number was seen",
      action: 'client.revealId',
      params: ZId,
      response: ZRevealedIdNumber,
      errors: ['not-found'],
      auditEntity: 'client',
      idempotent: false,
    },
    async ({ params, user, audit }) => {
      const r = await revealClientIdNumber(db, user!, params.id);
      // Whose number was seen, never the number.
      audit({ entityId: params.id, details: { field: 'idNumber', kind: r.kind, hadNumber: r.idNumber !== null } });
      return { idNumber: r.idNumber };
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
    async ({ params, query, user }) => pageAnswer(query, await clientTimelinePage(db, user!, params.id, pageWindow(query))),
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/client-options',
      tag: 'clients',
      summary: 'Clients by name (for pickers; lawyers: the clients of their cases and those they entered)',
      action: 'client.list',
      query: z.object({ q: z.string().trim().max(100).optional() }),
      response: ZClientOptions,
    },
    async ({ query, user }) => ({
      items: await listClientOptions(db, { text: query.q, scope: listScope(viewerOf(user!), 'client.list') }),
    }),
  );
  return router;
}
