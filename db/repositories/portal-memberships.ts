import type { Db } from '../connection';

/**
 * Which clients a portal user acts for (`portal_memberships`). Everything the portal shows is scoped
 * by these rows in SQL: a case is the portal user's when its client has an unrevoked membership.
 */

export interface PortalMembership {
  userId: string;
  clientId: string;
  contactId: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
}

/** Gives the user access to the client, or gives it back after a revocation (one row per pair). */
export async function grantMembership(
  db: Db,
  m: { userId: string; clientId: string; contactId?: string | null; grantedBy: string | null },
): Promise<void> {
  await db('portal_memberships')
    .insert({ user_id: m.userId, client_id: m.clientId, contact_id: m.contactId ?? null, granted_by: m.grantedBy })
    .onConflict(['user_id', 'client_id'])
    .merge({ revoked_at: null, revoked_by: null, granted_at: db.fn.now(), granted_by: m.grantedBy, contact_id: m.contactId ?? null });
}

/** Ends the user's access to the client; true when there was access to end. */
export async function revokeMembership(db: Db, m: { userId: string; clientId: string; revokedBy: string }): Promise<boolean> {
  const n = await db('portal_memberships')
    .where({ user_id: m.userId, client_id: m.clientId })
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now(), revoked_by: m.revokedBy });
  return n > 0;
}

/** The clients the user acts for now. */
export async function activeClientIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db('portal_memberships').where({ user_id: userId }).whereNull('revoked_at').select('client_id');
  return rows.map((r) => r.client_id as string);
}

/** Whether the user may see this case through the portal (its client is one they act for). */
export async function portalCaseVisible(db: Db, userId: string, caseId: string): Promise<boolean> {
  const row = await db('cases as c')
    .join('portal_memberships as m', 'm.client_id', 'c.client_id')
    .where({ 'c.id': caseId, 'm.user_id': userId })
    .whereNull('m.revoked_at')
    .first('c.id');
  return Boolean(row);
}

/** The portal users acting for a client now (for notices and mail to the client). */
export async function activePortalUsers(db: Db, clientId: string): Promise<Array<{ id: string; email: string; locale: string }>> {
  return db('users as u')
    .join('portal_memberships as m', 'm.user_id', 'u.id')
    .where({ 'm.client_id': clientId, 'u.active': true })
    .whereNull('m.revoked_at')
    .select('u.id', 'u.email', 'u.locale');
}

/** Whether the client has ever had a portal account (its records are then kept). */
export async function clientHasPortalAccount(db: Db, clientId: string): Promise<boolean> {
  return Boolean(await db('portal_memberships').where({ client_id: clientId }).first('user_id'));
}

/** A client's portal users with their state, for the client profile. */
export async function clientPortalUsers(
  db: Db,
  clientId: string,
): Promise<
  Array<{
    userId: string;
    name: string;
    email: string;
    contactId: string | null;
    grantedAt: Date;
    revokedAt: Date | null;
    lastLoginAt: Date | null;
  }>
> {
  const rows = await db('portal_memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where('m.client_id', clientId)
    .orderBy([{ column: 'm.revoked_at', order: 'desc', nulls: 'first' }, { column: 'u.name' }])
    .select('u.id', 'u.name', 'u.email', 'm.contact_id', 'm.granted_at', 'm.revoked_at', 'u.last_login_at');
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    email: r.email,
    contactId: r.contact_id,
    grantedAt: r.granted_at,
    revokedAt: r.revoked_at,
    lastLoginAt: r.last_login_at,
  }));
}

/** Whether the user has (or had: revoked rows stay) a membership of the client. */
export async function membershipExists(db: Db, userId: string, clientId: string): Promise<boolean> {
  return Boolean(await db('portal_memberships').where({ user_id: userId, client_id: clientId }).first('user_id'));
}
