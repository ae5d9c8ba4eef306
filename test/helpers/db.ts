import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../db/connection';
import { testEnv } from '../environment';

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testEnv('adminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file: a clone of the migrated template (`migrated: true`,
 * the default) or an empty one. drop() closes the pool and removes it.
 */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `lexflow_t${randomBytes(5).toString('hex')}_${testEnv('runId')}`;
  await admin((c) =>
    c.query(opts.migrated === false ? `create database ${name}` : `create database ${name} template ${testEnv('templateDb')}`),
  );
  const url = new URL(testEnv('adminUrl'));
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { poolMax: 5 });
  return {
    db,
    url: url.toString(),
    name,
    drop: async () => {
      await db.destroy();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
