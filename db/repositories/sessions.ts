import type { Db } from '../connection';
import type { Role } from '../../domain/roles';
import { capabilityNames } from './settings';

/** Sessions are stored by the sha256 of their token, so a database dump does not hold live cookies. */
export async function insertSession(
  db: Db,
  s: { idHash: string; userId: string; expiresAt: Date; ip?: string; userAgent?: string },
): Promise<void> {
  await db('sessions').insert({
    id_hash: s.idHash,
    user_id: s.userId,
    expires_at: s.expiresAt,
    ip: s.ip ?? null,
    user_agent: s.userAgent?.slice(0, 300) ?? null,
  });
}

/** Sliding expiry: extends a session that is used, at most once a minute per session. */
export async function extendSession(db: Db, idHash: string, expiresAt: Date): Promise<void> {
  await db('sessions')
    .where({ id_hash: idHash })
    .andWhere('last_seen_at', '<', db.raw("now() - interval '1 minute'"))
    .update({ last_seen_at: db.fn.now(), expires_at: expiresAt });
}

export async function deleteSession(db: Db, idHash: string): Promise<number> {
  return db('sessions').where({ id_hash: idHash }).delete();
}

/** Ends one session of a user by its public id; another user's id ends nothing. */
export async function deleteUserSession(db: Db, userId: string, publicId: string): Promise<number> {
  return db('sessions').where({ user_id: userId, public_id: publicId }).delete();
}

/** Ends every session of a user but the one kept (none kept: all of them). */
export async function deleteUserSessions(db: Db, userId: string, keepIdHash?: string): Promise<number> {
  return db('sessions')
    .where({ user_id: userId })
    .modify((b) => keepIdHash && b.whereNot('id_hash', keepIdHash))
    .delete();
}

export interface SessionSummary {
  publicId: string;
  idHash: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** A user's live sessions, the most recently used first. */
export async function listUserSessions(db: Db, userId: string): Promise<SessionSummary[]> {
  const rows = await db('sessions')
    .where({ user_id: userId })
    .andWhere('expires_at', '>', db.fn.now())
    .orderBy('last_seen_at', 'desc')
    .select('public_id', 'id_hash', 'ip', 'user_agent', 'created_at', 'last_seen_at');
  return rows.map((r) => ({
    publicId: r.public_id,
    idHash: r.id_hash,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  }));
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  return db('sessions').where('expires_at', '<', db.fn.now()).delete();
}

export interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'zh-CN' | 'en';
  expiresAt: Date;
  /** The optional capabilities the firm grants (the `capabilities` setting), read in the same statement. */
  grantedCapabilities: string[];
}

/**
 * The live session's user and the firm's granted capabilities in one statement (every signed-in
 * request asks both: one round trip instead of two); inactive users have no live session.
 */
export async function findSessionUser(db: Db, idHash: string): Promise<SessionUserRow | undefined> {
  const row = await db('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.id_hash', idHash)
    .andWhere('s.expires_at', '>', db.fn.now())
    .andWhere('u.active', true)
    // A portal user acts for at least one client; the last membership revoked ends every session at once.
    .andWhere((w) =>
      w.whereNot('u.role', 'client').orWhereExists(db('portal_memberships as m').whereRaw('m.user_id = u.id').whereNull('m.revoked_at')),
    )
    .first(
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.locale',
      's.expires_at',
      db('settings').where({ key: 'capabilities' }).select('value').as('capabilities'),
    );
  return row
    ? {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        locale: row.locale,
        expiresAt: row.expires_at,
        grantedCapabilities: capabilityNames(row.capabilities),
      }
    : undefined;
}
