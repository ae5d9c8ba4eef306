import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common';

/** One live session of the signed-in user; `id` is public (never the token or its hash). */
export const ZMySession = z
  .object({
    id: ZUuid,
    browser: z.string().nullable().describe('From the User-Agent, e.g. Chrome, Firefox, Safari, Edge'),
    os: z.string().nullable().describe('From the User-Agent, e.g. Windows, macOS, iPhone, Android'),
    ip: z.string().nullable(),
    createdAt: ZTimestamp,
    lastSeenAt: ZTimestamp,
    current: z.boolean().describe('The session this request came with'),
  })
  .meta({ id: 'MySession' });
export type MySession = z.infer<typeof ZMySession>;
export const ZMySessions = z.object({ items: z.array(ZMySession) });
export type MySessions = z.infer<typeof ZMySessions>;

export const ZEndedSessions = z.object({ ended: z.number().int() });
export type EndedSessions = z.infer<typeof ZEndedSessions>;

export const ZSignInLock = z
  .object({
    email: z.string(),
    ip: z.string().nullable().describe('The address the failures came from (null: the account-wide hourly ceiling)'),
    until: ZTimestamp,
    reason: z.enum(['address', 'account']),
  })
  .meta({ id: 'SignInLock' });
export type SignInLock = z.infer<typeof ZSignInLock>;
export const ZSignInLocks = z.object({ items: z.array(ZSignInLock) });
export type SignInLocks = z.infer<typeof ZSignInLocks>;

export const ZUnlockRequest = z.object({ email: z.email().max(254) });
export type UnlockRequest = z.infer<typeof ZUnlockRequest>;
