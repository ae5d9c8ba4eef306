import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZAcceptAnswer, ZAcceptInvitation, ZPublicInvitation, ZTokenParams } from '../contracts/portal-access';
import { setSessionCookie } from '../identity';
import { hashToken, sessionToken } from '../middleware/session';
import type { RouteRegistry } from '../routing';
import { acceptInvitation, invitationByToken } from './invitations';

/** Public: the invitation link's page (who, which client, until when) and accepting it. */
export function invitationRoutes(
  registry: RouteRegistry,
  deps: { db: Db; config: { sessionTtlHours: number; cookieSecure: boolean } },
): Router {
  const router = Router();
  const { db, config } = deps;
  const tag = 'portal-access';

  registry.add(
    router,
    {
      method: 'get',
      path: '/portal/invitations/:token',
      tag,
      summary: 'An invitation link: who is invited, for which client, until when (used or expired: 410)',
      action: 'public',
      params: ZTokenParams,
      response: ZPublicInvitation,
      errors: ['validation-error', 'not-found', 'invitation-used', 'invitation-expired'],
      rateLimit: 'expensive',
    },
    async ({ params }) => invitationByToken(db, params.token),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/portal/invitations/:token/accept',
      tag,
      summary:
        'Accept an invitation: sets the password of a new portal account and signs it in (cookie), or adds the client to an existing portal account (sign in as before)',
      action: 'public',
      params: ZTokenParams,
      body: ZAcceptInvitation,
      response: ZAcceptAnswer,
      errors: ['validation-error', 'not-found', 'invitation-used', 'invitation-expired', 'weak-password', 'conflict'],
      auditEntity: 'portalInvitation',
      rateLimit: 'expensive',
    },
    async ({ params, body, req, res, audit }) => {
      const carried = sessionToken(req);
      const r = await acceptInvitation(
        db,
        params.token,
        {
          password: body.password,
          ip: req.ip,
          userAgent: req.get('user-agent'),
          previousSessionHash: carried ? hashToken(carried) : undefined,
        },
        config.sessionTtlHours,
      );
      audit({ actorId: r.userId, entityId: r.invitationId, details: { newAccount: r.signedIn } });
      if (r.sessionToken) setSessionCookie(res, r.sessionToken, config.sessionTtlHours * 3600, config.cookieSecure);
      return { signedIn: r.signedIn, user: r.user };
    },
  );
  return router;
}
