import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { Db } from '../../db/connection';
import { extendSession, findSessionUser } from '../../db/repositories/sessions';
import { capabilitiesFor, type Capability } from '../../domain/policy';
import type { Role } from '../../domain/roles';

export const SESSION_COOKIE = 'lexflow_session';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  sessionHash: string;
  /** The optional capabilities the firm grants this user's role (read on every request: a revoke applies at once). */
  capabilities: Capability[];
}

export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const token = parseCookie(header)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/** Loads the signed-in user (if any) into res.locals.user and slides the session's expiry. */
export function sessionMiddleware(db: Db, ttlHours: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    if (!token) return next();
    const hash = hashToken(token);
    const row = await findSessionUser(db, hash);
    if (row) {
      const { expiresAt, grantedCapabilities, ...user } = row;
      const capabilities = capabilitiesFor(user.role, grantedCapabilities);
      res.locals.user = { ...user, sessionHash: hash, capabilities } satisfies SessionUser;
      // Slide the expiry at most once a minute: a write per request would cost every read a commit.
      const target = Date.now() + ttlHours * 3600_000;
      if (target - new Date(expiresAt).getTime() > 60_000) await extendSession(db, hash, new Date(target));
    }
    next();
  };
}
