import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZContact, ZContactInput, ZContactPatch, ZContacts } from '../contracts/clients';
import { ZIdParams, ZUuid } from '../contracts/common';
import type { RouteRegistry } from '../routing';
import { addContact, changeContact, clientContacts, removeContact } from './contacts';

const ZId = ZIdParams;
const ZContactParams = ZId.extend({ contactId: ZUuid });

/** A client's contact people (one of them primary). */
export function contactRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const { db } = deps;
  const tag = 'clients';

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
    async ({ params, user }) => clientContacts(db, user!, params.id),
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
      const c = await addContact(db, user!, params.id, body);
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
      params: ZContactParams,
      body: ZContactPatch,
      response: ZContact,
      errors: ['not-found'],
      auditEntity: 'clientContact',
    },
    async ({ params, body, user, audit }) => {
      const c = await changeContact(db, user!, params.id, params.contactId, body);
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
      params: ZContactParams,
      errors: ['not-found'],
      auditEntity: 'clientContact',
    },
    async ({ params, user, audit }) => {
      await removeContact(db, user!, params.id, params.contactId);
      audit({ entityId: params.contactId, details: { clientId: params.id } });
    },
  );
  return router;
}
