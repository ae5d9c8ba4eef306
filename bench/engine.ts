import { randomBytes } from 'node:crypto';
/**
 * npm run bench:engine — N cases (BENCH_CASES, default 500) on the Temporal dev server, each driven
 * through every stage of the due-diligence template by the HTTP API with BENCH_CONCURRENCY (20)
 * cases in flight; then the same task completions as plain SQL updates for comparison.
 * Prints figures; asserts nothing (a benchmark, not a test).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../api/app';
import { hashPassword } from '../api/identity';
import { listen } from '../api/server';
import { createEngine } from '../api/engine';
import { createTemporalHandle } from '../api/engine';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { projectRoot, shippedTemplatesDir } from '../cli/runtime/paths';
import { freePort, waitUntil } from '../cli/runtime/ports';
import { TEMPORAL_CLI, resolveTemporalBinary } from '../cli/runtime/temporal-binaries';
import { startTemporalDevServer } from '../cli/runtime/temporal-dev-server';
import { createDb, migrateLatest } from '../db/connection';
import { seedDemoFirm } from '../db/seeds/demo';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { outputsFor } from '../test/helpers/walk';
import { testStorage } from '../test/helpers/app';
import { fmt, pool, rssMiB, summary } from './support';
import { sqlBaseline } from './engine-sql';

const CASES = Number(process.env.BENCH_CASES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-'));
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    say(`LexFlow engine benchmark: ${CASES} cases, ${CONCURRENCY} in flight, ${os.cpus().length} CPUs, Node ${process.version}`);
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

    // The worker runs as its own process (lexflow worker), so its memory is its own.
    const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const worker = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(projectRoot(), 'cli', 'lexflow.ts'), 'worker'], {
      env: { ...process.env, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, LOG_LEVEL: 'warn', CI: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let workerOut = '';
    worker.stdout!.on('data', (d) => (workerOut += d));
    stops.push(async () => {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    });
    await waitUntil(async () => workerOut.includes('worker polling'), 60_000);

    const handle = createTemporalHandle({ address: temporal.address, namespace: 'default', taskQueue: 'lexflow' });
    const app = createApp({
      db,
      temporal: createEngine(handle),
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
    stops.push(
      () => server.close(),
      () => handle.connection.close(),
    );

    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'li.ming@demo.lexflow', password: 'lexflow-demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const me = (await login.json()) as { id: string };
    const client = await db('clients').first('id');
    const call = async (method: string, p: string, body?: unknown) => {
      const r = await fetch(`${server.url}/api/v1${p}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await r.json()) as any;
      if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    };

    const completeLatency: number[] = [];
    const createLatency: number[] = [];
    let completions = 0;
    const started = Date.now();
    await pool(CASES, CONCURRENCY, async () => {
      const t0 = performance.now();
      const c = await call('POST', '/cases', {
        title: '基准测试',
        clientId: client.id,
        practiceArea: 'non_litigation',
        caseType: 'due_diligence',
        leadLawyerId: me.id,
      });
      createLatency.push(performance.now() - t0);
      let open: Array<{ taskId: string; required: boolean; outputs: never[] }> = [];
      let status = 'running';
      while (!open.length) {
        ({ openTasks: open } = await call('GET', `/cases/${c.id}/progress`));
        if (!open.length) await new Promise((r) => setTimeout(r, 20));
      }
      while (status === 'running') {
        const task = open.find((t) => t.required) ?? open[0];
        const t1 = performance.now();
        ({ openTasks: open, status } = await call('POST', `/cases/${c.id}/tasks/${task.taskId}/complete`, {
          outputs: outputsFor(task, { approved: true }),
        }));
        completeLatency.push(performance.now() - t1);
        completions++;
      }
    });
    const seconds = (Date.now() - started) / 1000;
    const workerMem = rssMiB(worker.pid!);
    if (process.env.BENCH_DEBUG) say(`worker printed ${workerOut.length} bytes: ${workerOut.slice(0, 2000)}`);
    const closed = await db('cases').where({ status: 'closed' }).count('* as n').first();

    const engine = summary(completeLatency);
    const create = summary(createLatency);
    say('');
    say('Durable engine (API → Temporal update → worker → activities → PostgreSQL)');
    say(
      `  cases completed        ${CASES} in ${seconds.toFixed(1)} s  →  ${(CASES / seconds).toFixed(2)} cases/s  (${closed?.n} closed in the database)`,
    );
    say(`  completeTask calls     ${completions}  →  ${(completions / seconds).toFixed(1)} /s`);
    say(`  completeTask latency   p50 ${fmt(engine.p50)}  p95 ${fmt(engine.p95)}  p99 ${fmt(engine.p99)}  max ${fmt(engine.max)}`);
    say(`  open case latency      p50 ${fmt(create.p50)}  p95 ${fmt(create.p95)}  p99 ${fmt(create.p99)}`);
    say(`  worker RSS             ${workerMem.rss.toFixed(0)} MiB now, ${workerMem.peak.toFixed(0)} MiB peak`);
    say(`  Temporal SQLite file   ${(fs.statSync(path.join(tmp, 'temporal.db')).size / 1024 / 1024).toFixed(1)} MiB`);

    const sql = await sqlBaseline(db, CASES, CONCURRENCY, completions / CASES);
    say('');
    say('Plain SQL (the same task completions as transactions: close the task, open the next, no engine)');
    say(`  completions            ${sql.completions} in ${sql.seconds.toFixed(1)} s  →  ${(sql.completions / sql.seconds).toFixed(1)} /s`);
    say(`  latency                p50 ${fmt(sql.latency.p50)}  p95 ${fmt(sql.latency.p95)}  p99 ${fmt(sql.latency.p99)}`);
    say('');
    say(
      `Overhead of durability: p50 ×${(engine.p50 / sql.latency.p50).toFixed(1)}, p95 ×${(engine.p95 / sql.latency.p95).toFixed(1)}, throughput ÷${(sql.completions / sql.seconds / (completions / seconds)).toFixed(1)}`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
