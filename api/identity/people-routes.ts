import { Router } from 'express';
import type { Db } from '../../db/connection';
import {
  ZDeactivate,
  ZDeactivated,
  ZOpenWork,
  ZPeople,
  ZPeopleQuery,
  ZPerson,
  ZRoleChange,
  ZSecuritySettings,
  ZStaffInvitation,
  ZStaffInvitationInput,
  ZUserParams,
} from '../contracts/people';
import type { RouteRegistry } from '../routing';
import {
  changeRole,
  deactivate,
  inviteColleague,
  openWork,
  people,
  reactivate,
  sendResetLink,
  setSecuritySettings,
  withdrawInvitation,
} from './accounts';

/** The admin's people page: the firm's people, invitations, roles, deactivation, reset links, sign-in security. */
export function peopleRoutes(registry: RouteRegistry, deps: { db: Db; publicUrl: string }): Router {
  const router = Router();
  const { db, publicUrl } = deps;
  const tag = 'people';
  const action = 'user.admin';

  registry.add(
    router,
    {
      method: 'get',
      path: '/users',
      tag,
      summary: "The firm's people (staff users and pending invitations) with role and status, paginated",
      action,
      query: ZPeopleQuery,
      response: ZPeople,
    },
    async ({ query }) => people(db, query),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/invitations',
      tag,
      summary: 'Invite a colleague by e-mail with their role: a one-time link (72 h) goes to the outbox',
      action,
      body: ZStaffInvitationInput,
      response: ZStaffInvitation,
      status: 201,
      errors: ['validation-error', 'conflict'],
      auditEntity: 'staffInvitation',
    },
    async ({ body, user, idempotency, audit }) => {
      const invitation = await inviteColleague(db, user!, body, { publicUrl }, idempotency);
      audit({ entityId: invitation.id, details: { role: invitation.role } });
      return invitation;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/invitations/:id/revoke',
      tag,
      summary: 'Withdraw a pending invitation: its link can no longer be used',
      action,
      params: ZUserParams,
      response: ZStaffInvitation,
      errors: ['not-found', 'conflict'],
      auditEntity: 'staffInvitation',
    },
    async ({ params, audit }) => {
      audit({ entityId: params.id });
      return withdrawInvitation(db, params.id);
    },
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/users/settings/security',
      tag,
      summary: 'The firm\'s sign-in security: "two-factor sign-in required for admins and partners"',
      action,
      body: ZSecuritySettings,
      response: ZSecuritySettings,
      auditEntity: 'settings',
    },
    async ({ body, audit }) => {
      audit({ entityId: null, details: { twoFactorRequired: body.twoFactorRequired } });
      return setSecuritySettings(db, body);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/users/:id/open-work',
      tag,
      summary: "A colleague's open tasks and the open cases they lead (to reassign before they leave)",
      action,
      params: ZUserParams,
      response: ZOpenWork,
      errors: ['not-found'],
    },
    async ({ params }) => openWork(db, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/users/:id',
      tag,
      summary: "Change a colleague's role (the last active administrator keeps theirs: 409 last-admin)",
      action,
      params: ZUserParams,
      body: ZRoleChange,
      response: ZPerson,
      errors: ['validation-error', 'not-found', 'last-admin'],
      auditEntity: 'user',
    },
    async ({ params, body, audit }) => {
      const { person, from } = await changeRole(db, params.id, body.role);
      audit({ entityId: params.id, details: { from, to: body.role } });
      return person;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/:id/deactivate',
      tag,
      summary:
        'Deactivate a colleague: their sessions end at once; with reassignTo, their open tasks and the open cases they lead go to that colleague',
      action,
      params: ZUserParams,
      body: ZDeactivate,
      response: ZDeactivated,
      errors: ['validation-error', 'not-found', 'conflict', 'last-admin'],
      auditEntity: 'user',
    },
    async ({ params, body, user, audit }) => {
      const r = await deactivate(db, user!, params.id, body.reassignTo);
      audit({ entityId: params.id, details: { reassignTo: body.reassignTo, reassigned: r.reassigned } });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/:id/reactivate',
      tag,
      summary: 'Reactivate a deactivated colleague (they sign in with their password as before)',
      action,
      params: ZUserParams,
      response: ZPerson,
      errors: ['not-found'],
      auditEntity: 'user',
    },
    async ({ params, audit }) => {
      audit({ entityId: params.id });
      return reactivate(db, params.id);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/users/:id/password-reset',
      tag,
      summary: 'Send a colleague a one-time link (1 h) to set a new password',
      action,
      params: ZUserParams,
      errors: ['not-found', 'conflict'],
      auditEntity: 'passwordReset',
    },
    async ({ params, user, audit }) => {
      audit({ entityId: params.id });
      await sendResetLink(db, user!, params.id, publicUrl);
    },
  );
  return router;
}
