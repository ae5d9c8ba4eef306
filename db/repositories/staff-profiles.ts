import type { Db } from '../connection';
import type { WorkingHours } from '../../domain/firm';
import type { Role } from '../../domain/roles';

/** A staff user's profile; a user without a row has the empty profile (no licence, firm hours). */
export interface StaffProfile {
  userId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  licenceNo: string | null;
  practiceAreas: string[];
  supervisor: { id: string; name: string } | null;
  /** null: the firm's working hours. */
  workingHours: WorkingHours | null;
}

export interface ProfileChange {
  licenceNo?: string | null;
  practiceAreas?: string[];
  supervisorId?: string | null;
  workingHours?: WorkingHours | null;
}

/** The profile of a staff user (clients have none: undefined, as for an unknown id). */
export async function findStaffProfile(db: Db, userId: string): Promise<StaffProfile | undefined> {
  const r = await db('users as u')
    .leftJoin('staff_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('users as s', 's.id', 'p.supervisor_id')
    .where('u.id', userId)
    .whereNot('u.role', 'client')
    .first(
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.active',
      'p.licence_no',
      'p.practice_areas',
      'p.working_hours',
      's.id as supervisor_id',
      's.name as supervisor_name',
    );
  if (!r) return undefined;
  return {
    userId: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    active: r.active,
    licenceNo: r.licence_no ?? null,
    practiceAreas: r.practice_areas ?? [],
    supervisor: r.supervisor_id ? { id: r.supervisor_id, name: r.supervisor_name } : null,
    workingHours: r.working_hours ?? null,
  };
}

/** Writes the named fields of a profile (the row is made on the first change). */
export async function saveStaffProfile(db: Db, userId: string, change: ProfileChange): Promise<void> {
  const row: Record<string, unknown> = { updated_at: db.fn.now() };
  if (change.licenceNo !== undefined) row.licence_no = change.licenceNo;
  if (change.practiceAreas !== undefined) row.practice_areas = change.practiceAreas;
  if (change.supervisorId !== undefined) row.supervisor_id = change.supervisorId;
  if (change.workingHours !== undefined) row.working_hours = change.workingHours === null ? null : JSON.stringify(change.workingHours);
  await db('staff_profiles')
    .insert({ user_id: userId, ...row })
    .onConflict('user_id')
    .merge(row);
}

/**
 * The supervisors above a user, nearest first (stops at a repeat, so a cycle already stored cannot
 * loop). Locks nothing: the caller's transaction locks the profile rows it changes.
 */
export async function supervisorChain(db: Db, userId: string): Promise<string[]> {
  const { rows } = await db.raw(
    `with recursive chain(id, depth, path) as (
       select supervisor_id, 1, array[user_id] from staff_profiles where user_id = ? and supervisor_id is not null
       union all
       select p.supervisor_id, c.depth + 1, c.path || c.id
         from chain c join staff_profiles p on p.user_id = c.id
        where p.supervisor_id is not null and not (c.id = any(c.path)) and c.depth < 100
     )
     select id from chain order by depth`,
    [userId],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** Serialises supervisor changes (two admins making a cycle from both ends at once). */
export async function lockSupervisorChanges(db: Db): Promise<void> {
  await db.raw(`select pg_advisory_xact_lock(hashtext('staff_profiles.supervisor'))`);
}

/** The active supervisor of a user, with what a notice needs; undefined when none is set or they left. */
export async function activeSupervisorOf(
  db: Db,
  userId: string,
): Promise<{ id: string; email: string; name: string; locale: string } | undefined> {
  return db('staff_profiles as p')
    .join('users as s', 's.id', 'p.supervisor_id')
    .where('p.user_id', userId)
    .andWhere('s.active', true)
    .first('s.id', 's.email', 's.name', 's.locale');
}

/** The licence numbers of users (for generated documents); users without one are absent. */
export async function licenceNumbers(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const rows = userIds.length
    ? await db('staff_profiles').whereIn('user_id', userIds).whereNotNull('licence_no').select('user_id', 'licence_no')
    : [];
  return new Map(rows.map((r: { user_id: string; licence_no: string }) => [r.user_id, r.licence_no]));
}
