import type { Db } from '../connection';

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db('settings').where({ key }).first<{ value: T } | undefined>('value');
  return row?.value;
}

export async function putSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db('settings')
    .insert({ key, value: JSON.stringify(value) })
    .onConflict('key')
    .merge({ value: JSON.stringify(value), updated_at: db.fn.now() });
}

/** The firm's time zone as stored in its settings; `fallback` (the configured default) until one is set. */
export async function firmTimeZone(db: Db, fallback: string): Promise<string> {
  return (await getSetting<{ timezone?: string }>(db, 'firm'))?.timezone ?? fallback;
}
