import { z } from 'zod';
import { CAPABILITY_NAMES } from '../../domain/policy/capabilities';
import { ROLES } from '../../domain/roles';
import { ZTimestamp, ZUuid } from './common';

export const ZLocale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof ZLocale>;

export const ZLoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z
  .object({
    id: ZUuid,
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    locale: ZLocale,
    previousLoginAt: ZTimestamp.nullable().describe('The sign-in before the current session (null on a first sign-in)'),
    capabilities: z
      .array(z.enum(CAPABILITY_NAMES))
      .describe("The optional capabilities the firm grants this user's role (what the UI may offer beyond the role)"),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof ZMe>;

export const ZUpdateMe = z.object({ locale: ZLocale });
export type UpdateMe = z.infer<typeof ZUpdateMe>;
