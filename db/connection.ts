import knex, { Knex } from 'knex';
import pg from 'pg';
import { migrationSource } from './migrations';

export type Db = Knex;

// SQL dates are civil dates: keep them 'YYYY-MM-DD' strings instead of local-midnight Date objects.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

/** One knex instance per process; closed by its owner with `db.destroy()`. */
export function createDb(databaseUrl: string, opts: { poolMax?: number } = {}): Db {
  return knex({
    client: 'pg',
    // Short interactive queries: no JIT compilation and no parallel workers, whose start-up costs
    // more than these queries do and which compete with the other requests for the same cores.
    connection: { connectionString: databaseUrl, application_name: 'lexflow', options: '-c jit=off -c max_parallel_workers_per_gather=0' },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    migrations: { migrationSource, tableName: 'knex_migrations' },
  });
}

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  return applied;
}

/** Rolls back every migration (used by the migration test and `lexflow migrate --down`). */
export async function migrateDownAll(db: Db): Promise<void> {
  await db.migrate.rollback(undefined, true);
}

export async function pingDb(db: Db): Promise<void> {
  await db.raw('select 1');
}
