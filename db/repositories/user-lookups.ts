import type { Role } from '../../domain/roles';
import type { Db } from '../connection';

/** Small reads of one user's columns for checks and notifications (the full row: users.ts). */

/** The role of an active user, to check what they may be made (lead lawyer, team member). */
export async function findActiveUserRole(db: Db, id: string): Promise<{ role: Role } | undefined> {
  return db('users').where({ id, active: true }).first('role');
}

/** The role of a user, active or not. */
export async function userRole(db: Db, id: string): Promise<Role> {
  return (await db('users').where({ id }).first('role')).role;
}

/** An active colleague (staff, not a client's portal account). */
export async function findActiveColleague(db: Db, id: string): Promise<{ id: string } | undefined> {
  return db('users').where({ id, active: true }).whereNot('role', 'client').first('id');
}

/** Which of these ids are active colleagues. */
export async function activeColleagueIds(db: Db, ids: string[]): Promise<string[]> {
  return db('users').whereIn('id', ids).where('active', true).whereNot('role', 'client').pluck('id');
}

export async function userLocale(db: Db, id: string): Promise<string | undefined> {
  return (await db('users').where({ id }).first('locale'))?.locale;
}

export async function userLocales(db: Db, ids: string[]): Promise<Array<{ id: string; locale: string }>> {
  return db('users').whereIn('id', ids).select('id', 'locale');
}

export async function userName(db: Db, id: string): Promise<string | null> {
  return (await db('users').where({ id }).first('name'))?.name ?? null;
}

/** Where a notification to the user goes. */
export async function userContact(db: Db, id: string): Promise<{ id: string; email: string; name: string; locale: string } | undefined> {
  return db('users').where({ id }).first('id', 'email', 'name', 'locale');
}
