/**
 * The API as a process of its own, for tests that kill it (SIGKILL) mid-request: the real app on
 * 127.0.0.1:PORT, on DATABASE_URL and TEMPORAL_ADDRESS/TASK_QUEUE, with the openings reconciler
 * when RECONCILE_MS is set. LEXFLOW_CRASH_POINT (api/crash-points.ts) picks where it dies.
 */
import pino from 'pino';
import { createApp } from '../../api/app';
import { listen } from '../../api/server';
import { createEngine, createTemporalHandle } from '../../api/engine';
import { startOpeningsReconciler } from '../../api/cases';
import { createDb } from '../../db/connection';
import { TEST_POLICY } from './app';

async function main() {
  const port = Number(process.env.PORT);
  const db = createDb(process.env.DATABASE_URL!);
  const engine = createEngine(
    createTemporalHandle({ address: process.env.TEMPORAL_ADDRESS!, namespace: 'default', taskQueue: process.env.TASK_QUEUE! }),
  );
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const url = `http://127.0.0.1:${port}`;
  const server = await listen(
    createApp({ db, temporal: engine, logger, config: { ...TEST_POLICY, publicUrl: url }, version: 'test' }),
    port,
    '127.0.0.1',
  );
  const reconcileMs = Number(process.env.RECONCILE_MS ?? 0);
  const stop = reconcileMs
    ? startOpeningsReconciler(db, engine, logger, { everyMs: reconcileMs, graceMs: reconcileMs })
    : async () => undefined;
  process.stdout.write(`api ready ${url}\n`);
  process.on('SIGTERM', async () => {
    await stop();
    await server.close();
    await engine.close();
    await db.destroy();
    process.exit(0);
  });
}

void main();
