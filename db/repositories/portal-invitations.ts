import type { Db } from '../connection';

/**
 * One-time links a lawyer sends a client's contact (`portal_invitations`). Only the sha256 of the
 * token is kept; an invitation is spent (`used_at`) by one atomic update, so two concurrent
 * accepts of one link cannot both win.
 */

export interface PortalInvitationRow {
  id: string;
  clientId: string;
  contactId: string | null;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en';
  invitedBy: string;
  expiresAt: Date;
  usedAt: Date | null;
  userId: string | null;
  revokedAt: Date | null;
  createdAt: Date;
}

interface Row {
  id: string;
  client_id: string;
  contact_id: string | null;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en';
  invited_by: string;
  expires_at: Date;
  used_at: Date | null;
  user_id: string | null;
  revoked_at: Date | null;
  created_at: Date;
}

const COLUMNS = [
  'id',
  'client_id',
  'contact_id',
  'email',
  'name',
  'locale',
  'invited_by',
  'expires_at',
  'used_at',
  'user_id',
  'revoked_at',
  'created_at',
];

function toInvitation(r: Row): PortalInvitationRow {
  return {
    id: r.id,
    clientId: r.client_id,
    contactId: r.contact_id,
    email: r.email,
    name: r.name,
    locale: r.locale,
    invitedBy: r.invited_by,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    userId: r.user_id,
    revokedAt: r.revoked_at,
    createdAt: r.created_at,
  };
}

export async function insertInvitation(
  db: Db,
  i: {
    tokenHash: string;
    clientId: string;
    contactId: string | null;
    email: string;
    name: string;
    locale: string;
    invitedBy: string;
    expiresAt: Date;
  },
): Promise<PortalInvitationRow> {
  const [row] = await db('portal_invitations')
    .insert({
      token_hash: i.tokenHash,
      client_id: i.clientId,
      contact_id: i.contactId,
      email: i.email,
      name: i.name,
      locale: i.locale,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .returning(COLUMNS);
  return toInvitation(row);
}

/** A client's invitations, newest first (bounded: the profile shows the latest). */
export async function clientInvitations(db: Db, clientId: string, limit = 100): Promise<PortalInvitationRow[]> {
  const rows = await db('portal_invitations').where({ client_id: clientId }).orderBy('created_at', 'desc').limit(limit).select(COLUMNS);
  return rows.map(toInvitation);
}

export async function findInvitation(db: Db, clientId: string, id: string): Promise<PortalInvitationRow | undefined> {
  const row = await db('portal_invitations').where({ client_id: clientId, id }).first(COLUMNS);
  return row ? toInvitation(row) : undefined;
}

/** The invitation of a link (by its token's sha256) with its client's name. */
export async function findInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<(PortalInvitationRow & { clientName: string; expired: boolean }) | undefined> {
  const row = await db('portal_invitations as i')
    .join('clients as c', 'c.id', 'i.client_id')
    .where('i.token_hash', tokenHash)
    .first([...COLUMNS.map((c) => `i.${c}`), 'c.name as client_name', db.raw('i.expires_at <= now() as expired')]);
  return row ? { ...toInvitation(row), clientName: row.client_name, expired: Boolean(row.expired) } : undefined;
}

/**
 * Spends the invitation if it can still be used (not used, not revoked, not expired — by the
 * database's clock), in one statement: of two concurrent accepts exactly one gets the row.
 */
export async function claimInvitation(db: Db, tokenHash: string): Promise<PortalInvitationRow | undefined> {
  const [row] = await db('portal_invitations')
    .where({ token_hash: tokenHash })
    .whereNull('used_at')
    .whereNull('revoked_at')
    .where('expires_at', '>', db.fn.now())
    .update({ used_at: db.fn.now() })
    .returning(COLUMNS);
  return row ? toInvitation(row) : undefined;
}

/** Records which account an accepted invitation went to. */
export async function setInvitationUser(db: Db, id: string, userId: string): Promise<void> {
  await db('portal_invitations').where({ id }).update({ user_id: userId });
}

/** Revokes a pending invitation; true when it was pending (unused, unrevoked). */
export async function revokeInvitation(db: Db, clientId: string, id: string): Promise<boolean> {
  const n = await db('portal_invitations')
    .where({ client_id: clientId, id })
    .whereNull('used_at')
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now() });
  return n > 0;
}

/** Revokes every pending invitation of a client to this address (a fresh one replaces them). */
export async function revokePendingInvitationsTo(db: Db, clientId: string, email: string): Promise<number> {
  return db('portal_invitations')
    .where({ client_id: clientId })
    .whereRaw('lower(email) = lower(?)', [email])
    .whereNull('used_at')
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now() });
}
