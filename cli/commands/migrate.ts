import type { Config } from '../config';
import { hashPassword } from '../../api/identity';
import { createDb, migrateDownAll, migrateLatest } from '../../db/connection';
import { seedDemoFirm } from '../../db/seeds/demo';
import { ensureShippedTemplates } from '../../db/seeds/shipped-templates';
import { StartupError } from '../runtime/errors';
import { shippedTemplatesDir } from '../runtime/paths';
import { acquireRunLock, provideDatabase } from '../runtime/services';
import { say } from './shared';

/** Runs `fn` on the configured database, or on the embedded one (started for the occasion). */
export async function withDb<T>(config: Config, stops: Array<() => Promise<void>>, fn: (db: ReturnType<typeof createDb>) => Promise<T>) {
  if (!config.databaseUrl) {
    const release = acquireRunLock(config.dataDir);
    stops.push(async () => release());
  }
  const database = await provideDatabase(config, say);
  if (database.stop) stops.push(database.stop);
  const db = createDb(database.value);
  stops.push(() => db.destroy());
  return fn(db);
}

/** `lexflow migrate` applies pending migrations; `lexflow migrate --down` rolls every one back. */
export async function migrateCommand(config: Config, stops: Array<() => Promise<void>>, args: string[]): Promise<void> {
  await withDb(config, stops, async (db) => {
    if (args.includes('--down')) {
      if (config.mode === 'production' && !args.includes('--yes')) {
        throw new StartupError('refusing to roll back a production database without --yes');
      }
      await migrateDownAll(db);
      say('rolled back every migration');
      return;
    }
    const applied = await migrateLatest(db);
    say(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    const templates = await ensureShippedTemplates(db, shippedTemplatesDir());
    if (templates.length) say(`loaded shipped process templates: ${templates.join(', ')}`);
  });
}

/** `lexflow seed`: the demo firm, into an empty database, in demo mode only. */
export async function seedCommand(config: Config, stops: Array<() => Promise<void>>): Promise<void> {
  if (config.mode !== 'demo') throw new StartupError('the demo firm is seeded in demo mode only (LEXFLOW_MODE=demo)');
  await withDb(config, stops, async (db) => {
    await migrateLatest(db);
    const r = await seedDemoFirm(db, hashPassword);
    say(r.seeded ? `seeded the demo firm: ${r.users} users, ${r.clients} clients` : 'the database already has users; nothing seeded');
  });
}
