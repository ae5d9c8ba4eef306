import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection';
import { clientVisibleTo, findClient, listContacts, type ClientRow } from '../../db/repositories/clients';
import { enqueueMailOnce } from '../../db/repositories/email-outbox';
import {
  clientInvitations,
  findInvitation,
  insertInvitation,
  revokeInvitation,
  revokePendingInvitationsTo,
  type PortalInvitationRow,
} from '../../db/repositories/portal-invitations';
import { activeClientIds, clientPortalUsers, membershipExists, revokeMembership } from '../../db/repositories/portal-memberships';
import { deleteUserSessions } from '../../db/repositories/sessions';
import { getSetting } from '../../db/repositories/settings';
import { findUserByEmail, findUserById } from '../../db/repositories/users';
import { needsMembership, type Action } from '../../domain/policy';
import { AppError } from '../app-error';
import type { Actor } from '../cases';
import type { PortalAccess, PortalInvitation, PortalInvitationInput, PortalInvitationStatus } from '../contracts/portal-access';
import type { IdempotentRequest } from '../middleware/idempotency';
import { hashToken } from '../middleware/session';

/** How long an invitation link can be used. */
export const INVITATION_HOURS = 72;

/**
 * The client, if the actor may manage its portal access: firm-wide roles every client; lawyers and
 * assistants the clients of their cases and those they entered (others: 404, existence does not leak).
 */
async function assertPortalClient(db: Db, actor: Actor, clientId: string, action: Action): Promise<ClientRow> {
  const c = await findClient(db, clientId);
  if (!c || (needsMembership(actor.role, action) && !(await clientVisibleTo(db, clientId, actor.id))))
    throw new AppError('not-found', `no client ${clientId}`);
  return c;
}

function statusOf(i: PortalInvitationRow, now = Date.now()): PortalInvitationStatus {
  if (i.usedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

export function invitationView(i: PortalInvitationRow): PortalInvitation {
  return {
    id: i.id,
    contactId: i.contactId,
    name: i.name,
    email: i.email,
    locale: i.locale,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    status: statusOf(i),
  };
}

/** A client's portal accounts (with their state and last sign-in) and its invitations. */
export async function portalAccessOf(db: Db, actor: Actor, clientId: string): Promise<PortalAccess> {
  await assertPortalClient(db, actor, clientId, 'portalAccess.read');
  const accounts = await clientPortalUsers(db, clientId);
  return {
    accounts: accounts.map((a) => ({
      ...a,
      grantedAt: a.grantedAt.toISOString(),
      revokedAt: a.revokedAt?.toISOString() ?? null,
      lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
    })),
    invitations: (await clientInvitations(db, clientId)).map(invitationView),
  };
}

function invitationMail(input: { firm: string; clientName: string; name: string; link: string; locale: 'zh-CN' | 'en' }) {
  const { firm, clientName, name, link } = input;
  if (input.locale === 'en')
    return {
      subject: `${firm}: your client portal invitation`,
      textBody: [
        `Dear ${name},`,
        '',
        `${firm} invites you to its client portal for ${clientName}: there you follow your matters, see shared documents and invoices, and write to your lawyers.`,
        '',
        `Set your password with this link (valid for ${INVITATION_HOURS} hours, usable once):`,
        link,
        '',
        'If you did not expect this mail, ignore it.',
      ].join('\n'),
    };
  return {
    subject: `${firm}邀请您使用客户门户`,
    textBody: [
      `${name}，您好：`,
      '',
      `${firm}邀请您以「${clientName}」的名义使用客户门户：在门户中可查看案件进展、共享文件和账单，并与承办律师安全沟通。`,
      '',
      `请通过以下链接设置密码（${INVITATION_HOURS} 小时内有效，仅可使用一次）：`,
      link,
      '',
      '如非本人操作，请忽略本邮件。',
    ].join('\n'),
  };
}

/**
 * Invites a contact of the client: the one-time link's token is 32 random bytes (only its sha256
 * is kept), valid 72 h; the mail is queued in the outbox in the same transaction (keyed by the
 * invitation). An address of a staff user is refused; a fresh invitation replaces pending ones to
 * the same address. A retry with the same Idempotency-Key answers the invitation it created.
 */
export async function inviteContact(
  db: Db,
  actor: Actor,
  clientId: string,
  input: PortalInvitationInput,
  config: { publicUrl: string },
  idem?: IdempotentRequest,
): Promise<PortalInvitation> {
  const client = await assertPortalClient(db, actor, clientId, 'portalAccess.manage');
  if (idem?.resumedEntityId) {
    const resumed = await findInvitation(db, clientId, idem.resumedEntityId);
    if (resumed) return invitationView(resumed);
  }
  const email = input.email.trim();
  const contactId = input.contactId ?? null;
  if (contactId && !(await listContacts(db, clientId)).some((k) => k.id === contactId))
    throw new AppError('validation-error', 'Invalid body', {
      errors: [{ path: 'body.contactId', message: 'not a contact of this client' }],
    });
  const existing = await findUserByEmail(db, email);
  if (existing && existing.role !== 'client')
    throw new AppError('conflict', 'this email belongs to a staff account of the firm: a portal account needs another address', {
      errors: [{ path: 'body.email', message: 'used by a staff account' }],
    });
  const token = randomBytes(32).toString('base64url');
  const firm = (await getSetting<{ name?: string }>(db, 'firm'))?.name ?? 'LexFlow';
  return db.transaction(async (trx) => {
    await revokePendingInvitationsTo(trx, clientId, email);
    const invitation = await insertInvitation(trx, {
      tokenHash: hashToken(token),
      clientId,
      contactId,
      email,
      name: input.name.trim(),
      locale: input.locale ?? 'zh-CN',
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_HOURS * 3600_000),
    });
    const mail = invitationMail({
      firm,
      clientName: client.name,
      name: invitation.name,
      link: `${config.publicUrl}/portal/invite/${token}`,
      locale: invitation.locale,
    });
    await enqueueMailOnce(trx, { key: `portal-invitation:${invitation.id}`, toUserId: null, toAddress: email, ...mail });
    await idem?.bind(trx, invitation.id);
    return invitationView(invitation);
  });
}

/** Revokes an invitation that is still pending (revoking it again changes nothing); a used one is 409. */
export async function revokeClientInvitation(db: Db, actor: Actor, clientId: string, invitationId: string): Promise<void> {
  await assertPortalClient(db, actor, clientId, 'portalAccess.manage');
  const i = await findInvitation(db, clientId, invitationId);
  if (!i) throw new AppError('not-found', 'no such invitation');
  if (i.usedAt) throw new AppError('conflict', 'the invitation was already used: revoke the account instead');
  await revokeInvitation(db, clientId, invitationId);
}

/**
 * Ends the user's access to this client at once, with any invitation to them still pending. When it
 * was their last client, their sessions are deleted too (a portal session needs an active membership
 * anyway). Revoking again changes nothing.
 */
export async function revokePortalAccess(db: Db, actor: Actor, clientId: string, userId: string): Promise<{ lastMembership: boolean }> {
  await assertPortalClient(db, actor, clientId, 'portalAccess.manage');
  return db.transaction(async (trx) => {
    if (!(await membershipExists(trx, userId, clientId))) throw new AppError('not-found', 'no portal account of this client');
    await revokeMembership(trx, { userId, clientId, revokedBy: actor.id });
    // A pending invitation to the same person would give the access back: it is withdrawn with it.
    const user = await findUserById(trx, userId);
    if (user) await revokePendingInvitationsTo(trx, clientId, user.email);
    const last = (await activeClientIds(trx, userId)).length === 0;
    if (last) await deleteUserSessions(trx, userId);
    return { lastMembership: last };
  });
}
