import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sharedBuffersMiB, startEmbeddedPostgres } from './embedded-postgres';
import { StartupError } from './errors';
import { processAlive } from './paths';
import { freePort } from './ports';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-pg-'));
  fs.chmodSync(dir, 0o755);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  const dataDir = () => path.join(dir, 'pg');

  it('creates a cluster, keeps its data across restarts, and survives a stale lock file', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: dataDir(), port, database: 'lexflow' });
    await query(first.url, "create table kept (v text); insert into kept values ('still here')");
    await first.stop();
    expect(processAlive(first.pid)).toBe(false);

    // A crash leaves postmaster.pid naming a process that is gone.
    fs.writeFileSync(path.join(dataDir(), 'postmaster.pid'), '4000000\n');
    const second = await startEmbeddedPostgres({ dataDir: dataDir(), port, database: 'lexflow' });
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 'still here' }]);
    const [{ bytes }] = await query(second.url, "select setting::bigint * 8192 as bytes from pg_settings where name = 'shared_buffers'");
    expect(Number(bytes)).toBe(sharedBuffersMiB() * 1024 * 1024);

    // A server left running on this folder (its owner was killed) is stopped, then started anew.
    const said: string[] = [];
    const third = await startEmbeddedPostgres({ dataDir: dataDir(), port, database: 'lexflow', say: (l) => said.push(l) });
    expect(said).toEqual([`stopping a PostgreSQL left running on ${dataDir()} by an earlier run (pid ${second.pid})`]);
    expect(processAlive(second.pid)).toBe(false);
    await third.stop();
  });

  it('sizes its cache to the machine: an eighth of memory, at least 128 MB, at most 1 GB', () => {
    const GiB = 1024 ** 3;
    expect([0.5, 4, 24].map((g) => sharedBuffersMiB(g * GiB))).toEqual([128, 512, 1024]);
  });

  it('says which port is taken instead of failing obscurely', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const attempt = startEmbeddedPostgres({ dataDir: dataDir(), port, database: 'lexflow', portHint: 'Set EMBEDDED_PG_PORT.' });
      await expect(attempt).rejects.toThrow(StartupError);
      await expect(attempt).rejects.toThrow(
        `port ${port} (embedded PostgreSQL) is already in use by another program. Set EMBEDDED_PG_PORT.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder that is not a cluster', async () => {
    const junk = path.join(dir, 'junk');
    fs.mkdirSync(junk);
    fs.writeFileSync(path.join(junk, 'notes.txt'), 'not a database');
    await expect(startEmbeddedPostgres({ dataDir: junk, port: await freePort(), database: 'x' })).rejects.toThrow(
      `${junk} exists but is not a PostgreSQL data folder`,
    );
  });
});
