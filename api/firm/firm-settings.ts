import type { Db } from '../../db/connection';
import { getSetting } from '../../db/repositories/settings';

/** The firm's time zone as stored in its settings; `fallback` (the configured default) until one is set. */
export async function firmTimeZone(db: Db, fallback: string): Promise<string> {
  return (await getSetting<{ timezone?: string }>(db, 'firm'))?.timezone ?? fallback;
}
