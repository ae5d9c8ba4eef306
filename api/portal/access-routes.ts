import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZIdParams } from '../contracts/common';
import { ZInvitationParams, ZPortalAccess, ZPortalInvitation, ZPortalInvitationInput, ZPortalUserParams } from '../contracts/portal-access';
import type { RouteRegistry } from '../routing';
import { inviteContact, portalAccessOf, revokeClientInvitation, revokePortalAccess } from './access';

/** Staff: a client's portal accounts and invitations, on the client profile. */
export function accessRoutes(registry: RouteRegistry, deps: { db: Db; config: { publicUrl: string } }): Router {
  const router = Router();
  const { db, config } = deps;
  const tag = 'portal-access';

  registry.add(
    router,
    {
      method: 'get',
      path: '/clients/:id/portal-access',
      tag,
      summary: "A client's portal accounts (state, last sign-in) and invitations",
      action: 'portalAccess.read',
      params: ZIdParams,
      response: ZPortalAccess,
      errors: ['not-found'],
    },
    async ({ params, user }) => portalAccessOf(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/portal-invitations',
      tag,
      summary: 'Invite a contact of the client to the portal: mails a one-time link valid 72 h (a staff email is refused)',
      action: 'portalAccess.manage',
      params: ZIdParams,
      body: ZPortalInvitationInput,
      response: ZPortalInvitation,
      status: 201,
      errors: ['validation-error', 'not-found', 'conflict'],
      auditEntity: 'portalInvitation',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const i = await inviteContact(db, user!, params.id, body, config, idempotency);
      audit({ entityId: i.id, details: { clientId: params.id, contactId: i.contactId } });
      return i;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/portal-invitations/:invitationId/revoke',
      tag,
      summary: 'Withdraw a pending invitation: its link can no longer be used',
      action: 'portalAccess.manage',
      params: ZInvitationParams,
      errors: ['not-found', 'conflict'],
      auditEntity: 'portalInvitation',
    },
    async ({ params, user, audit }) => {
      await revokeClientInvitation(db, user!, params.id, params.invitationId);
      audit({ entityId: params.invitationId, details: { clientId: params.id } });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/portal-access/:userId/revoke',
      tag,
      summary: "End a portal user's access to this client at once (their last client: their sessions end too)",
      action: 'portalAccess.manage',
      params: ZPortalUserParams,
      errors: ['not-found'],
      auditEntity: 'portalMembership',
    },
    async ({ params, user, audit }) => {
      const r = await revokePortalAccess(db, user!, params.id, params.userId);
      audit({ entityId: params.userId, details: { clientId: params.id, lastMembership: r.lastMembership } });
    },
  );
  return router;
}
