import { z } from 'zod';
import { PASSWORD_MIN_LENGTH, passwordProblem, type PasswordProblem } from '../../domain/passwords/policy';
import { ZLocale, ZMe } from './auth';
import { ZTimestamp, ZUuid } from './common';

/**
 * Client portal accounts (issue 17 point 1): a lawyer invites a client's contact; the one-time link
 * (72 h) lets them set a password; revoking a membership ends their access to that client at once.
 */

/** The password a portal user sets when accepting: at least 10 characters, not containing the email's local part. */
export const PORTAL_PASSWORD_MIN = PASSWORD_MIN_LENGTH;

export const ZPortalInvitationStatus = z.enum(['pending', 'used', 'expired', 'revoked']);
export type PortalInvitationStatus = z.infer<typeof ZPortalInvitationStatus>;

export const ZPortalAccount = z
  .object({
    userId: ZUuid,
    name: z.string(),
    email: z.string(),
    contactId: ZUuid.nullable(),
    grantedAt: ZTimestamp,
    revokedAt: ZTimestamp.nullable().describe('Set: the user no longer acts for this client'),
    lastLoginAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'PortalAccount' });
export type PortalAccount = z.infer<typeof ZPortalAccount>;

export const ZPortalInvitation = z
  .object({
    id: ZUuid,
    contactId: ZUuid.nullable(),
    name: z.string(),
    email: z.string(),
    locale: ZLocale,
    createdAt: ZTimestamp,
    expiresAt: ZTimestamp,
    status: ZPortalInvitationStatus,
  })
  .meta({ id: 'PortalInvitation' });
export type PortalInvitation = z.infer<typeof ZPortalInvitation>;

export const ZPortalAccess = z
  .object({ accounts: z.array(ZPortalAccount), invitations: z.array(ZPortalInvitation) })
  .meta({ id: 'PortalAccess' });
export type PortalAccess = z.infer<typeof ZPortalAccess>;

export const ZPortalInvitationInput = z.object({
  contactId: ZUuid.nullable().optional().describe('The client contact invited (prefills nothing on the server: name and email are sent)'),
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254),
  locale: ZLocale.default('zh-CN').describe('The language of the invitation mail and of the new account'),
});
export type PortalInvitationInput = z.input<typeof ZPortalInvitationInput>;

export const ZInvitationParams = z.object({ id: ZUuid, invitationId: ZUuid });
export const ZPortalUserParams = z.object({ id: ZUuid, userId: ZUuid });
export const ZTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an invitation token is 43 base64url characters') });

export const ZPublicInvitation = z
  .object({
    name: z.string(),
    email: z.string(),
    clientName: z.string(),
    locale: ZLocale,
    expiresAt: ZTimestamp,
    hasAccount: z.boolean().describe('A portal account with this email exists: accepting adds this client to it (no new password)'),
  })
  .meta({ id: 'PublicPortalInvitation' });
export type PublicInvitation = z.infer<typeof ZPublicInvitation>;

export const ZAcceptInvitation = z.object({
  password: z
    .string()
    .max(1024)
    .optional()
    .describe(`The new account's password (≥ ${PORTAL_PASSWORD_MIN} characters); ignored for an existing account`),
});
export type AcceptInvitation = z.infer<typeof ZAcceptInvitation>;

export const ZAcceptAnswer = z
  .object({
    signedIn: z.boolean().describe('A new account: signed in now (the session cookie is set); an existing one signs in as before'),
    user: ZMe.nullable(),
  })
  .meta({ id: 'AcceptedInvitation' });
export type AcceptAnswer = z.infer<typeof ZAcceptAnswer>;

/**
 * Why a password is refused, or null: the one password rule (domain/passwords/policy.ts) without the
 * common-password list, which only the server holds; the server applies the whole rule.
 */
export function portalPasswordProblem(password: string, email: string): PasswordProblem | null {
  return passwordProblem(password, email);
}
