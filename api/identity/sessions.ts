import type { Db } from '../../db/connection';
import { deleteUserSession, deleteUserSessions, listUserSessions } from '../../db/repositories/sessions';
import type { MySession } from '../contracts/sessions';
import type { SessionUser } from '../middleware/session';
import { describeUserAgent } from './user-agent';

export async function mySessions(db: Db, me: SessionUser): Promise<MySession[]> {
  const rows = await listUserSessions(db, me.id);
  return rows.map((s) => ({
    id: s.publicId,
    ...describeUserAgent(s.userAgent),
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.idHash === me.sessionHash,
  }));
}

/** Ends one of my sessions; answers whether it was the one this request came with. */
export async function endMySession(db: Db, me: SessionUser, publicId: string): Promise<boolean> {
  const current = (await listUserSessions(db, me.id)).find((s) => s.publicId === publicId)?.idHash === me.sessionHash;
  await deleteUserSession(db, me.id, publicId);
  return current;
}

export async function endMyOtherSessions(db: Db, me: SessionUser): Promise<number> {
  return deleteUserSessions(db, me.id, me.sessionHash);
}
