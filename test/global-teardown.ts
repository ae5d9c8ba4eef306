import fs from 'node:fs';
import pg from 'pg';
import { TEST_ENV } from './environment';

export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__lexflowTest;
  if (!running) return;
  if (process.env.TEST_DATABASE_URL && process.env[TEST_ENV.adminUrl]) {
    // On a shared server, drop what this run created (an embedded cluster simply goes away).
    const client = new pg.Client({ connectionString: process.env[TEST_ENV.adminUrl] });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'lexflow_t%' and datname like '%' || $1",
      [`_${process.env[TEST_ENV.runId]}`],
    );
    for (const r of rows) await client.query(`drop database if exists "${r.datname}" with (force)`);
    await client.end();
  }
  for (const stop of running.stops.reverse()) await stop();
  fs.rmSync(running.tmp, { recursive: true, force: true });
}
