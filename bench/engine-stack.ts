import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../api/app';
import { hashPassword } from '../api/identity';
import { listen } from '../api/server';
import { createEngine, createTemporalHandle, type Engine } from '../api/engine';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { projectRoot, shippedTemplatesDir } from '../cli/runtime/paths';
import { freePort, waitUntil } from '../cli/runtime/ports';
import { TEMPORAL_CLI, resolveTemporalBinary } from '../cli/runtime/temporal-binaries';
import { startTemporalDevServer } from '../cli/runtime/temporal-dev-server';
import { createDb, migrateLatest, type Db } from '../db/connection';
import { seedDemoFirm } from '../db/seeds/demo';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { testStorage } from '../test/helpers/app';

/** What the engine benchmarks run against: embedded PostgreSQL, the Temporal dev server, the demo firm. */
export interface EngineStack {
  tmp: string;
  db: Db;
  pg: { url: string; pid: number };
  temporal: { address: string; pid: number };
  handle: ReturnType<typeof createTemporalHandle>;
  /** Stops everything started so far, newest first, and removes the scratch folder. */
  stop(): Promise<void>;
  later(stop: () => Promise<void>): void;
}

export async function startEngineStack(say: (s: string) => void): Promise<EngineStack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-'));
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  const stack = {
    tmp,
    later: (s: () => Promise<void>) => void stops.push(s),
    stop: async () => {
      for (const s of stops.reverse()) await s().catch(() => undefined);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  try {
    const [pg, temporal] = await Promise.all([
      startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'lexflow' }),
      resolveTemporalBinary(TEMPORAL_CLI, say).then(async (binary) =>
        startTemporalDevServer({
          binary,
          port: await freePort(),
          namespace: 'default',
          dbFile: path.join(tmp, 'temporal.db'),
          logFile: path.join(tmp, 'temporal.log'),
        }),
      ),
    ]);
    stops.push(pg.stop, temporal.stop);
    const db = createDb(pg.url, { poolMax: 20 });
    stops.push(() => db.destroy());
    await migrateLatest(db);
    await ensureShippedTemplates(db, shippedTemplatesDir());
    await seedDemoFirm(db, hashPassword);
    const handle = createTemporalHandle({ address: temporal.address, namespace: 'default', taskQueue: 'lexflow' });
    stops.push(() => handle.connection.close());
    return { ...stack, db, pg, temporal, handle };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}

/** `lexflow worker` as its own process (so its memory and CPU are its own); resolves once it polls. */
export async function startWorkerProcess(stack: EngineStack, env: Record<string, string> = {}): Promise<{ pid: number }> {
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const worker = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(projectRoot(), 'cli', 'lexflow.ts'), 'worker'], {
    env: { ...process.env, DATABASE_URL: stack.pg.url, TEMPORAL_ADDRESS: stack.temporal.address, LOG_LEVEL: 'warn', CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  worker.stdout!.on('data', (d) => (out += d));
  stack.later(async () => {
    if (worker.exitCode !== null) return;
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  });
  await waitUntil(async () => out.includes('worker polling'), 60_000);
  return { pid: worker.pid! };
}

/** The API in this process on a free port, with `engine` (default: the stack's) as its Temporal client. */
export async function startApi(stack: EngineStack, engine: Engine = createEngine(stack.handle)) {
  const app = createApp({
    db: stack.db,
    temporal: engine,
    storage: testStorage().storage,
    logger: pino({ level: 'silent' }),
    config: {
      mode: 'demo',
      publicUrl: 'http://127.0.0.1',
      cookieSecure: false,
      sessionTtlHours: 1,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      firmTimezone: 'Asia/Shanghai',
      secretsKey: randomBytes(32),
    },
  });
  const server = await listen(app, 0, '127.0.0.1');
  stack.later(() => server.close());
  return server.url;
}

/** Signs in as the demo lead lawyer; a JSON caller with that session, the user's id and a client's id. */
export async function signedInCaller(url: string, db: Db) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'li.ming@demo.lexflow', password: 'lexflow-demo' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const me = (await login.json()) as { id: string };
  const client = await db('clients').first('id');
  const call = async (method: string, p: string, body?: unknown) => {
    const r = await fetch(`${url}/api/v1${p}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as any;
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { call, userId: me.id, clientId: client.id as string };
}
