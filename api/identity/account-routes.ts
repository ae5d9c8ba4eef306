import { Router } from 'express';
import type { Db } from '../../db/connection';
import {
  ZChangePassword,
  ZForgotPassword,
  ZPublicReset,
  ZPublicStaffInvitation,
  ZRecoveryCodes,
  ZSecurity,
  ZSetPassword,
  ZSignedIn,
  ZSignInAnswer,
  ZStaffTokenParams,
  ZTotpConfirm,
  ZTotpDisable,
  ZTotpEnrolment,
  ZTotpSignIn,
} from '../contracts/people';
import { hashToken, sessionToken } from '../middleware/session';
import type { RouteRegistry } from '../routing';
import {
  acceptStaffInvitation,
  changeMyPassword,
  confirmEnrolment,
  forgotPassword,
  mySecurity,
  resetByToken,
  spendResetLink,
  staffInvitationByToken,
  startEnrolment,
  turnOffTotp,
} from './accounts';
import { secondStep, type LoginPolicy } from './auth';
import { setSessionCookie, signInAnswer } from './auth-routes';

/**
 * A person's own account: accepting a staff invitation, the second sign-in step, "forgot password"
 * and reset links (public), and — signed in — password change and two-factor enrolment.
 */
export function accountRoutes(
  registry: RouteRegistry,
  deps: { db: Db; cookieSecure: boolean; policy: LoginPolicy; publicUrl: string },
): Router {
  const router = Router();
  const { db, cookieSecure, policy, publicUrl } = deps;
  const meta = (req: import('express').Request) => {
    const carried = sessionToken(req);
    return { ip: req.ip, userAgent: req.get('user-agent'), previousSessionHash: carried ? hashToken(carried) : undefined };
  };

  registry.add(
    router,
    {
      method: 'get',
      path: '/staff-invitations/:token',
      tag: 'auth',
      summary: 'A staff invitation link: who is invited, with which role, until when (used or expired: 410)',
      action: 'public',
      params: ZStaffTokenParams,
      response: ZPublicStaffInvitation,
      errors: ['validation-error', 'not-found', 'invitation-used', 'invitation-expired'],
      rateLimit: 'expensive',
    },
    async ({ params }) => staffInvitationByToken(db, params.token),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/staff-invitations/:token/accept',
      tag: 'auth',
      summary: 'Accept a staff invitation: sets the password of the new account and signs it in (or answers the enrolment step)',
      action: 'public',
      params: ZStaffTokenParams,
      body: ZSetPassword,
      response: ZSignInAnswer,
      errors: ['validation-error', 'not-found', 'invitation-used', 'invitation-expired', 'weak-password', 'conflict'],
      auditEntity: 'staffInvitation',
      rateLimit: 'expensive',
    },
    async ({ params, body, req, res, audit }) => {
      const outcome = await acceptStaffInvitation(db, params.token, body.password, meta(req), policy);
      const answer = signInAnswer(outcome, res, audit, policy.sessionTtlHours, cookieSecure);
      audit({ entityId: outcome.invitationId });
      return answer;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/login/totp',
      tag: 'auth',
      summary: 'The second sign-in step: the pending token with a TOTP code (or a recovery code); sets the session cookie',
      action: 'public',
      body: ZTotpSignIn,
      response: ZSignedIn,
      errors: ['validation-error', 'unauthenticated', 'totp-invalid', 'login-locked'],
      auditEntity: 'session',
    },
    async ({ body, req, res, audit }) => {
      const { token, user } = await secondStep(db, { ...body, ...meta(req) }, policy);
      audit({
        actorId: user.id,
        entityId: user.id,
        details: { recoveryCode: Boolean(body.recoveryCode), enrolled: Boolean(user.recoveryCodes) },
      });
      setSessionCookie(res, token, policy.sessionTtlHours * 3600, cookieSecure);
      return user;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/password-reset',
      tag: 'auth',
      summary:
        '"Forgot password": mails a one-time link (1 h) to a staff account with this address; the answer never says whether there is one',
      action: 'public',
      body: ZForgotPassword,
      errors: ['validation-error', 'rate-limited'],
      auditEntity: 'passwordReset',
      rateLimit: 'expensive',
    },
    async ({ body }) => {
      await forgotPassword(db, body.email, publicUrl);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/auth/password-reset/:token',
      tag: 'auth',
      summary: 'A reset link: whose password it sets, until when (used or expired: 410)',
      action: 'public',
      params: ZStaffTokenParams,
      response: ZPublicReset,
      errors: ['validation-error', 'not-found', 'reset-link-used', 'reset-link-expired'],
      rateLimit: 'expensive',
    },
    async ({ params }) => resetByToken(db, params.token),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/password-reset/:token',
      tag: 'auth',
      summary: 'Spend a reset link: sets the new password and ends every session of the account (sign in afterwards)',
      action: 'public',
      params: ZStaffTokenParams,
      body: ZSetPassword,
      errors: ['validation-error', 'not-found', 'reset-link-used', 'reset-link-expired', 'weak-password'],
      auditEntity: 'passwordReset',
      rateLimit: 'expensive',
    },
    async ({ params, body, audit }) => {
      const { userId } = await spendResetLink(db, params.token, body.password);
      audit({ actorId: userId, entityId: userId });
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/auth/me/security',
      tag: 'auth',
      summary: 'My sign-in security: two-factor on or off, recovery codes left, whether the firm requires it of me',
      action: 'account.manage',
      response: ZSecurity,
    },
    async ({ user }) => mySecurity(db, user!),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/me/password',
      tag: 'auth',
      summary: 'Change my password (the current one is checked); every other session of mine ends, this browser gets a new one',
      action: 'account.manage',
      body: ZChangePassword,
      errors: ['validation-error', 'weak-password'],
      auditEntity: 'user',
      rateLimit: 'expensive',
    },
    async ({ user, body, req, res, audit }) => {
      audit({ entityId: user!.id });
      const token = await changeMyPassword(db, user!, body.currentPassword, body.newPassword, meta(req), policy.sessionTtlHours);
      setSessionCookie(res, token, policy.sessionTtlHours * 3600, cookieSecure);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/me/totp',
      tag: 'auth',
      summary: 'Start enrolling two-factor sign-in: a new secret (and its otpauth:// URI), confirmed by a first code',
      action: 'account.manage',
      response: ZTotpEnrolment,
      auditEntity: 'user',
    },
    async ({ user, audit }) => {
      audit({ entityId: user!.id, details: { totp: 'enrolment started' } });
      return startEnrolment(db, user!, policy.twoFactor);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/me/totp/confirm',
      tag: 'auth',
      summary: 'Confirm the enrolment with a code from the app: two-factor sign-in is on; answers ten one-use recovery codes (shown once)',
      action: 'account.manage',
      body: ZTotpConfirm,
      response: ZRecoveryCodes,
      errors: ['validation-error', 'conflict', 'totp-invalid'],
      auditEntity: 'user',
      rateLimit: 'expensive',
    },
    async ({ user, body, audit }) => {
      audit({ entityId: user!.id, details: { totp: 'enabled' } });
      return confirmEnrolment(db, user!, body.code, policy.twoFactor);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/me/totp/disable',
      tag: 'auth',
      summary: 'Turn two-factor sign-in off (password checked; refused while the firm requires it of my role)',
      action: 'account.manage',
      body: ZTotpDisable,
      errors: ['validation-error', 'conflict'],
      auditEntity: 'user',
      rateLimit: 'expensive',
    },
    async ({ user, body, audit }) => {
      audit({ entityId: user!.id, details: { totp: 'disabled' } });
      await turnOffTotp(db, user!, body.password);
    },
  );
  return router;
}
