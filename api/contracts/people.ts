import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/passwords/policy';
import { INVITABLE_ROLES } from '../../domain/roles';
import { ZLocale, ZMe } from './auth';
import { ZPage, ZPageQuery, ZTimestamp, ZUuid } from './common';

/**
 * People and accounts (issue 18, point 1): the admin's people page (invite, role, deactivate with
 * reassignment, reactivate, reset link), the public invitation and reset pages, one's own security
 * (password, TOTP) and the second step of a sign-in.
 */

export const ZStaffRole = z.enum(INVITABLE_ROLES);
export const ZPersonStatus = z.enum(['active', 'invited', 'deactivated']);
export type PersonStatus = z.infer<typeof ZPersonStatus>;

export const ZPerson = z
  .object({
    id: ZUuid.describe("The user's id; for someone invited who has not accepted yet, the invitation's"),
    kind: z.enum(['user', 'invitation']),
    name: z.string(),
    email: z.string(),
    role: ZStaffRole,
    status: ZPersonStatus,
    locale: ZLocale,
    lastLoginAt: ZTimestamp.nullable(),
    totpEnabled: z.boolean(),
    invitationExpiresAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof ZPerson>;

export const ZPeopleQuery = ZPageQuery.extend({
  role: ZStaffRole.optional(),
  status: ZPersonStatus.optional(),
  q: z.string().trim().max(100).optional().describe('Part of a name or e-mail address'),
});
export const ZPeople = ZPage(ZPerson).extend({
  security: z.object({ twoFactorRequired: z.boolean() }).describe("The firm's sign-in security setting"),
});
export type People = z.infer<typeof ZPeople>;

export const ZPassword = z.string().max(PASSWORD_MAX_LENGTH);

export const ZStaffInvitationInput = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  role: ZStaffRole,
  locale: ZLocale.optional().describe("The invitation mail's and the account's language (default: the firm's)"),
});
export type StaffInvitationInput = z.infer<typeof ZStaffInvitationInput>;

export const ZStaffInvitation = z
  .object({
    id: ZUuid,
    email: z.string(),
    name: z.string(),
    role: ZStaffRole,
    locale: ZLocale,
    expiresAt: ZTimestamp,
    status: z.enum(['pending', 'used', 'expired', 'revoked']),
  })
  .meta({ id: 'StaffInvitation' });
export type StaffInvitation = z.infer<typeof ZStaffInvitation>;

export const ZUserParams = z.object({ id: ZUuid });
export const ZStaffTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a link token is 43 base64url characters') });

export const ZPublicStaffInvitation = z
  .object({ name: z.string(), email: z.string(), role: ZStaffRole, locale: ZLocale, firmName: z.string(), expiresAt: ZTimestamp })
  .meta({ id: 'PublicStaffInvitation' });
export type PublicStaffInvitation = z.infer<typeof ZPublicStaffInvitation>;

export const ZSetPassword = z.object({
  password: ZPassword.describe(`At least ${PASSWORD_MIN_LENGTH} characters, not a common password, not containing the e-mail's local part`),
});

/** What a password sign-in (or accepting an invitation) answers: signed in, or the second step. */
export const ZSignInStep = z
  .object({
    step: z
      .enum(['totp', 'enrol'])
      .describe('totp: send a code from the app; enrol: the firm requires TOTP — scan the secret and confirm a code'),
    pendingToken: z.string().describe('Valid 5 minutes; send it with the code to /auth/login/totp'),
    enrolment: z
      .object({ secret: z.string(), uri: z.string() })
      .nullable()
      .describe('For step enrol: the new secret (base32) and its otpauth:// URI'),
  })
  .meta({ id: 'SignInStep' });
export type SignInStep = z.infer<typeof ZSignInStep>;
export const ZSignInAnswer = z.union([ZMe, ZSignInStep]);
export type SignInAnswer = z.infer<typeof ZSignInAnswer>;

export const ZTotpSignIn = z
  .object({
    pendingToken: z.string().min(20).max(100),
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    recoveryCode: z.string().max(40).optional(),
  })
  .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), { message: 'send either code or recoveryCode' });

export const ZSignedIn = ZMe.extend({
  recoveryCodes: z.array(z.string()).optional().describe('After an enrolment: the ten one-use recovery codes, shown once'),
});

export const ZDeactivate = z.object({
  reassignTo: ZUuid.nullable().describe(
    "A colleague who takes over the leaver's open tasks and the open cases they lead; null: nobody (yet)",
  ),
});

export const ZOpenWork = z
  .object({
    tasks: z.array(
      z.object({
        id: ZUuid,
        title: z.string(),
        caseId: ZUuid,
        caseNumber: z.string(),
        caseTitle: z.string(),
        dueAt: ZTimestamp.nullable(),
      }),
    ),
    cases: z.array(z.object({ id: ZUuid, number: z.string(), title: z.string() })),
  })
  .meta({ id: 'OpenWork' });
export type OpenWork = z.infer<typeof ZOpenWork>;

export const ZDeactivated = z.object({
  person: ZPerson,
  reassigned: z.object({ tasks: z.number().int(), cases: z.number().int() }).nullable(),
  openWork: ZOpenWork.describe('What is still theirs to reassign'),
});

export const ZRoleChange = z.object({ role: ZStaffRole });

export const ZForgotPassword = z.object({ email: z.email().max(254) });
export const ZPublicReset = z.object({ email: z.string(), name: z.string(), expiresAt: ZTimestamp }).meta({ id: 'PublicPasswordReset' });

export const ZChangePassword = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: ZPassword });

export const ZSecurity = z
  .object({ totpEnabled: z.boolean(), recoveryCodesLeft: z.number().int(), twoFactorRequired: z.boolean() })
  .meta({ id: 'AccountSecurity' });
export type Security = z.infer<typeof ZSecurity>;

export const ZTotpEnrolment = z
  .object({ secret: z.string().describe('base32'), uri: z.string().describe('otpauth://totp/…') })
  .meta({ id: 'TotpEnrolment' });
export type TotpEnrolment = z.infer<typeof ZTotpEnrolment>;
export const ZTotpConfirm = z.object({ code: z.string().regex(/^\d{6}$/) });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const ZTotpDisable = z.object({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH) });

export const ZSecuritySettings = z.object({ twoFactorRequired: z.boolean() }).meta({ id: 'SignInSecuritySettings' });
