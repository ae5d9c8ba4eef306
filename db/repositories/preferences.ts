import type { Db } from '../connection';
import { firmQuietHours } from './settings';

export interface Preferences {
  emailEnabled: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  digestEnabled: boolean;
  digestHour: number;
  feedCreatedAt: Date | null;
}

export const DEFAULT_PREFERENCES: Preferences = {
  emailEnabled: true,
  quietStart: null,
  quietEnd: null,
  digestEnabled: true,
  digestHour: 8,
  feedCreatedAt: null,
};

const toPrefs = (r: Record<string, any> | undefined): Preferences =>
  r
    ? {
        emailEnabled: r.email_enabled,
        quietStart: r.quiet_start,
        quietEnd: r.quiet_end,
        digestEnabled: r.digest_enabled,
        digestHour: r.digest_hour,
        feedCreatedAt: r.feed_created_at,
      }
    : { ...DEFAULT_PREFERENCES };

/** What a user who saved nothing has: the defaults, with the firm's quiet hours. */
async function defaultsOf(db: Db): Promise<Preferences> {
  const quiet = await firmQuietHours(db);
  return { ...DEFAULT_PREFERENCES, quietStart: quiet?.start ?? null, quietEnd: quiet?.end ?? null };
}

export async function getPreferences(db: Db, userId: string): Promise<Preferences> {
  const row = await db('user_preferences').where({ user_id: userId }).first();
  return row ? toPrefs(row) : defaultsOf(db);
}

/** Preferences of several users; users who never saved any get the defaults. */
export async function preferencesOf(db: Db, userIds: string[]): Promise<Map<string, Preferences>> {
  const rows = userIds.length ? await db('user_preferences').whereIn('user_id', userIds) : [];
  const found = new Map(rows.map((r: Record<string, any>) => [r.user_id as string, toPrefs(r)]));
  const defaults = found.size < userIds.length ? await defaultsOf(db) : DEFAULT_PREFERENCES;
  return new Map(userIds.map((id) => [id, found.get(id) ?? { ...defaults }]));
}

export async function savePreferences(db: Db, userId: string, p: Omit<Preferences, 'feedCreatedAt'>): Promise<Preferences> {
  const row = {
    email_enabled: p.emailEnabled,
    quiet_start: p.quietStart,
    quiet_end: p.quietEnd,
    digest_enabled: p.digestEnabled,
    digest_hour: p.digestHour,
    updated_at: db.fn.now(),
  };
  const [saved] = await db('user_preferences')
    .insert({ user_id: userId, ...row })
    .onConflict('user_id')
    .merge(row)
    .returning('*');
  return toPrefs(saved);
}

/** Stores the hash of a new calendar-feed token (the old URL stops working); null turns the feed off. */
export async function setFeedTokenHash(db: Db, userId: string, hash: string | null): Promise<void> {
  const row = { feed_token_hash: hash, feed_created_at: hash ? db.fn.now() : null, updated_at: db.fn.now() };
  await db('user_preferences')
    .insert({ user_id: userId, ...row })
    .onConflict('user_id')
    .merge(row);
}

export async function userByFeedTokenHash(db: Db, hash: string): Promise<{ id: string; name: string; locale: string } | undefined> {
  return db('user_preferences as p')
    .join('users as u', 'u.id', 'p.user_id')
    .where({ 'p.feed_token_hash': hash, 'u.active': true })
    .first('u.id', 'u.name', 'u.locale');
}

/** Active staff whose digest is due at `hour` (firm time), with their addresses and languages. */
export async function digestRecipients(
  db: Db,
  hour: number,
): Promise<Array<{ id: string; name: string; email: string; locale: string; emailEnabled: boolean }>> {
  return db('users as u')
    .leftJoin('user_preferences as p', 'p.user_id', 'u.id')
    .where('u.active', true)
    .whereNot('u.role', 'client')
    .whereRaw('coalesce(p.digest_enabled, true)')
    .whereRaw('coalesce(p.digest_hour, 8) = ?', [hour])
    .orderBy('u.email')
    .select('u.id', 'u.name', 'u.email', 'u.locale', db.raw('coalesce(p.email_enabled, true) as "emailEnabled"'));
}
