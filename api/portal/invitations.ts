import type { Db } from '../../db/connection';
import { claimInvitation, findInvitationByTokenHash, setInvitationUser } from '../../db/repositories/portal-invitations';
import { grantMembership } from '../../db/repositories/portal-memberships';
import { deleteSession, insertSession } from '../../db/repositories/sessions';
import { findUserByEmail, insertUser, touchLastLogin } from '../../db/repositories/users';
import { AppError } from '../app-error';
import type { Me } from '../contracts/auth';
import type { PublicInvitation } from '../contracts/portal-access';
import { assertPasswordAccepted, getMe, hashPassword } from '../identity';
import { hashToken, newSessionToken } from '../middleware/session';

/** The invitation of a link if it can still be used: unknown 404, used 410 invitation-used, expired or revoked 410 invitation-expired. */
async function usableInvitation(db: Db, token: string) {
  const i = await findInvitationByTokenHash(db, hashToken(token));
  if (!i) throw new AppError('not-found', 'This invitation link is not known: check that the whole link was opened');
  refuseSpent(i);
  return i;
}

function refuseSpent(i: { usedAt: Date | null; revokedAt: Date | null; expired: boolean }): void {
  if (i.usedAt) throw new AppError('invitation-used', 'This invitation link was already used: sign in with your email and password');
  if (i.revokedAt || i.expired)
    throw new AppError('invitation-expired', 'This invitation link has expired or was withdrawn: ask your lawyer for a new one');
}

/** What the accept page shows: who is invited, for which client, until when, and whether they already have an account. */
export async function invitationByToken(db: Db, token: string): Promise<PublicInvitation> {
  const i = await usableInvitation(db, token);
  const user = await findUserByEmail(db, i.email);
  return {
    name: i.name,
    email: i.email,
    clientName: i.clientName,
    locale: i.locale,
    expiresAt: i.expiresAt.toISOString(),
    hasAccount: Boolean(user && user.role === 'client'),
  };
}

export interface AcceptAnswer {
  signedIn: boolean;
  user: Me | null;
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

/**
 * Accepts an invitation: spends it atomically (of two concurrent accepts one wins, the other meets
 * 410), creates the portal user (role client, name, email and language of the invitation, argon2
 * password) or — when a portal user with this email exists — only adds the client to them (the
 * password is then ignored: they sign in as before), and grants the membership. A new account is
 * signed in at once (a session as /auth/login opens); an existing one is not.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { password?: string; ip?: string; userAgent?: string; previousSessionHash?: string },
  sessionTtlHours: number,
): Promise<AcceptAnswer & { sessionToken: string | null; userId: string; invitationId: string }> {
  const i = await usableInvitation(db, token);
  const existing = await findUserByEmail(db, i.email);
  if (existing && existing.role !== 'client') throw new AppError('conflict', 'this email belongs to a staff account of the firm');
  let passwordHash: string | null = null;
  if (!existing) {
    const password = input.password ?? '';
    assertPasswordAccepted(password, i.email);
    passwordHash = await hashPassword(password);
  }
  const session = newSessionToken();
  try {
    const userId = await db.transaction(async (trx) => {
      const claimed = await claimInvitation(trx, hashToken(token));
      if (!claimed) {
        // Another request spent it (or it expired) since it was read.
        const now = await findInvitationByTokenHash(trx, hashToken(token));
        refuseSpent(now ?? { usedAt: new Date(), revokedAt: null, expired: false });
        throw new AppError('invitation-expired');
      }
      const user =
        existing ??
        (await insertUser(trx, { email: i.email, name: i.name, role: 'client', passwordHash: passwordHash!, locale: i.locale }));
      await grantMembership(trx, { userId: user.id, clientId: i.clientId, contactId: i.contactId, grantedBy: i.invitedBy });
      await setInvitationUser(trx, i.id, user.id);
      if (!existing) {
        if (input.previousSessionHash) await deleteSession(trx, input.previousSessionHash);
        await insertSession(trx, {
          idHash: session.hash,
          userId: user.id,
          expiresAt: new Date(Date.now() + sessionTtlHours * 3600_000),
          ip: input.ip,
          userAgent: input.userAgent,
        });
        await touchLastLogin(trx, user.id);
      }
      return user.id;
    });
    const ids = { userId, invitationId: i.id };
    if (existing) return { signedIn: false, user: null, sessionToken: null, ...ids };
    return { signedIn: true, user: await getMe(db, userId), sessionToken: session.token, ...ids };
  } catch (e) {
    // A second invitation to the same new address accepted at the same moment created the account first.
    if (isUniqueViolation(e))
      throw new AppError('conflict', 'an account with this email was just created: sign in, then open the link again');
    throw e;
  }
}
