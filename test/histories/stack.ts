import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createEngine, DEFAULT_ENGINE_BUDGETS, type Engine as ApiEngine } from '../../api/engine';
import { createDb, migrateLatest, type Db } from '../../db/connection';
import { ensureShippedTemplates } from '../../db/seeds/shipped-templates';
import { startEmbeddedPostgres } from '../../cli/runtime/embedded-postgres';
import { shippedTemplatesDir } from '../../cli/runtime/paths';
import { bundleWorkflows } from '../../cli/runtime/workflow-bundle';
import { freePort } from '../../cli/runtime/ports';
import { TEMPORAL_CLI, TEMPORAL_TEST_SERVER, resolveTemporalBinary } from '../../cli/runtime/temporal-binaries';
import { startTemporalDevServer } from '../../cli/runtime/temporal-dev-server';
import { seedDemo } from '../helpers/users';

/** A Temporal server with a real worker on it: where a scenario starts its case. */
export interface Engine {
  kind: 'dev-server' | 'time-skipping';
  client: Client;
  taskQueue: string;
  /** Moves the server's clock on (time-skipping only). */
  sleep?(ms: number): Promise<void>;
}

export interface RecordingStack {
  db: Db;
  dev: Engine;
  skipping: Engine & { sleep(ms: number): Promise<void> };
  /** The API's engine client (api/engine) on the dev server: what the API starts itself, started as it does. */
  api: ApiEngine;
  stop(): Promise<void>;
}

const TASK_QUEUE = 'lexflow-histories';

async function runWorker(connection: NativeConnection, code: string, db: Db) {
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    workflowBundle: { code },
    activities: createActivities({ db }),
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
  };
}

/** A migrated embedded PostgreSQL with the shipped templates and the demo firm (fictitious people only). */
async function startDatabase(tmp: string, stops: Array<() => Promise<void>>, say: (line: string) => void): Promise<Db> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'lexflow_histories', say });
  stops.push(server.stop);
  const db = createDb(server.url, { poolMax: 5 });
  stops.push(() => db.destroy());
  await migrateLatest(db);
  await ensureShippedTemplates(db, shippedTemplatesDir());
  await seedDemo(db);
  return db;
}

/**
 * What a recording needs, started here and nowhere else: an embedded PostgreSQL (migrated, shipped
 * templates, the demo firm), an in-memory Temporal dev server and the time-skipping test server,
 * and a real worker (the current workflow bundle, the real activities) on each. The workers'
 * connection is also the client of their activities (`Context.current().client`): the migration
 * activity sends each case's update through it.
 */
export async function startRecordingStack(say: (line: string) => void): Promise<RecordingStack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => say(`stopping: ${(err as Error).message}`));
  };
  try {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-histories-'));
    fs.chmodSync(tmp, 0o755);
    stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
    const [cli, testServer] = [await resolveTemporalBinary(TEMPORAL_CLI, say), await resolveTemporalBinary(TEMPORAL_TEST_SERVER, say)];
    const db = await startDatabase(tmp, stops, say);

    const dev = await startTemporalDevServer({
      binary: cli,
      port: await freePort(),
      namespace: 'default',
      logFile: path.join(tmp, 'temporal.log'),
      say,
    });
    stops.push(dev.stop);
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServer } } });
    stops.push(() => env.teardown());
    const code = await bundleWorkflows(say);

    const devConnection = await NativeConnection.connect({ address: dev.address });
    stops.push(() => devConnection.close());
    stops.push(await runWorker(devConnection, code, db));
    stops.push(await runWorker(env.nativeConnection, code, db));
    const clientConnection = await Connection.connect({ address: dev.address });
    stops.push(() => clientConnection.close());
    const client = new Client({ connection: clientConnection, namespace: 'default' });
    return {
      db,
      dev: { kind: 'dev-server', client, taskQueue: TASK_QUEUE },
      api: createEngine({ connection: clientConnection, client, taskQueue: TASK_QUEUE, budgets: DEFAULT_ENGINE_BUDGETS }),
      skipping: { kind: 'time-skipping', client: env.client, taskQueue: TASK_QUEUE, sleep: (ms) => env.sleep(ms) },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
