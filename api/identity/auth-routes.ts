import { Router, type Response } from 'express';
import { serialize } from 'cookie';
import type { Db } from '../../db/connection';
import { ZLoginRequest, ZMe, ZUpdateMe } from '../contracts/auth';
import { ZSignInAnswer, type SignInAnswer } from '../contracts/people';
import type { Gate } from '../middleware/rate-limit';
import { hashToken, SESSION_COOKIE, sessionToken } from '../middleware/session';
import type { RouteRegistry } from '../routing';
import { getMe, login, logout, setMyLocale, type LoginPolicy, type SignInOutcome } from './auth';

export interface AuthRouteDeps {
  db: Db;
  policy: LoginPolicy;
  cookieSecure: boolean;
  /** Bounds the password checks running at once. */
  passwordGate: Gate;
}

export function setSessionCookie(res: Response, value: string, maxAgeSeconds: number, secure: boolean) {
  res.setHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds }),
  );
}

/** A session cookie and the user, or the second step (no cookie yet); the audit names the user either way. */
export function signInAnswer(
  outcome: SignInOutcome,
  res: Response,
  audit: (info: { entityId?: string | null; actorId?: string; details?: Record<string, unknown> }) => void,
  sessionTtlHours: number,
  cookieSecure: boolean,
): SignInAnswer {
  if (outcome.kind === 'step') {
    audit({ actorId: outcome.userId, entityId: outcome.userId, details: { step: outcome.step } });
    return { step: outcome.step, pendingToken: outcome.pendingToken, enrolment: outcome.enrolment };
  }
  audit({ actorId: outcome.user.id, entityId: outcome.user.id });
  setSessionCookie(res, outcome.token, sessionTtlHours * 3600, cookieSecure);
  return outcome.user;
}

export function authRoutes(registry: RouteRegistry, deps: AuthRouteDeps): Router {
  const router = Router();
  const { db, policy, cookieSecure, passwordGate } = deps;

  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary:
        'Sign in with email and password; sets the httpOnly session cookie — or, for a user with two-factor sign-in (or required to enrol), answers the second step',
      action: 'public',
      body: ZLoginRequest,
      response: ZSignInAnswer,
      errors: ['validation-error', 'malformed-json', 'invalid-credentials', 'login-locked', 'rate-limited'],
      auditEntity: 'session',
    },
    async ({ body, req, res, audit }) => {
      const carried = sessionToken(req);
      const outcome = await login(
        db,
        {
          email: body.email,
          password: body.password,
          ip: req.ip,
          userAgent: req.get('user-agent'),
          previousSessionHash: carried ? hashToken(carried) : undefined,
        },
        policy,
        passwordGate,
      );
      return signInAnswer(outcome, res, audit, policy.sessionTtlHours, cookieSecure);
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Sign out: the session is deleted server-side and the cookie cleared',
      action: 'authenticated',
      auditEntity: 'session',
    },
    async ({ user, res, audit }) => {
      audit({ entityId: user!.id });
      await logout(db, user!.sessionHash);
      setSessionCookie(res, '', 0, cookieSecure);
    },
  );

  registry.add(
    router,
    { method: 'get', path: '/auth/me', tag: 'auth', summary: 'The signed-in user', action: 'authenticated', response: ZMe },
    async ({ user }) => getMe(db, user!.id),
  );

  registry.add(
    router,
    {
      method: 'patch',
      path: '/auth/me',
      tag: 'auth',
      summary: "Update the signed-in user's preferences (interface language)",
      action: 'authenticated',
      body: ZUpdateMe,
      response: ZMe,
      auditEntity: 'user',
    },
    async ({ user, body, audit }) => {
      audit({ entityId: user!.id, details: { locale: body.locale } });
      return setMyLocale(db, user!.id, body.locale);
    },
  );

  return router;
}
