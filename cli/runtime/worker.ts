import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import type { Logger } from 'pino';
import type { BlobStorage } from '../../db/storage';
import { createActivities } from '../../activities';
import type { Db } from '../../db/connection';
import { projectRoot, runningFromSource } from './paths';
import { waitUntil } from './ports';

export interface RunningWorker {
  /** Resolves when the worker has stopped (after shutdown()), rejects if it fails. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The compiled bundle written by `npm run build` when running from dist/, else the workflow
 * sources (bundled at start, so a change to workflows/ applies on the next start).
 */
export function workflowSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle = path.join(projectRoot(), 'dist', 'workflow-bundle.js');
  if (!runningFromSource() && fs.existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: path.join(projectRoot(), 'workflows', runningFromSource() ? 'index.ts' : 'index.js') };
}

/** Routes the SDK's own logging into pino (once per process). */
export function installTemporalLogging(logger: Logger): void {
  const log = logger.child({ component: 'temporal-sdk' });
  const to = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'debug', WARN: 'warn', ERROR: 'error' } as const)[level];
    log[method](meta ?? {}, message);
  };
  Runtime.install({
    logger: {
      log: to,
      trace: (m, meta) => to('TRACE', m, meta),
      debug: (m, meta) => to('DEBUG', m, meta),
      info: (m, meta) => to('INFO', m, meta),
      warn: (m, meta) => to('WARN', m, meta),
      error: (m, meta) => to('ERROR', m, meta),
    },
    // The SDK's native core logs through the same logger instead of straight to the console.
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
}

async function connectWithRetry(address: string, logger: Logger): Promise<NativeConnection> {
  let connection: NativeConnection | undefined;
  let warned = false;
  await waitUntil(
    async () => {
      try {
        connection = await NativeConnection.connect({ address });
        return true;
      } catch (err) {
        if (!warned) logger.warn({ address, err: (err as Error).message }, 'Temporal not reachable yet; retrying');
        warned = true;
        return false;
      }
    },
    Number.POSITIVE_INFINITY,
    2000,
  );
  return connection!;
}

/** Connects to Temporal (retrying until it answers), creates the worker and runs it. */
export async function startWorker(o: {
  address: string;
  namespace: string;
  taskQueue: string;
  db: Db;
  storage: BlobStorage;
  logger: Logger;
  publicUrl: string;
  timeZone: string;
}): Promise<RunningWorker> {
  const connection = await connectWithRetry(o.address, o.logger);
  const worker = await Worker.create({
    connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: createActivities({ db: o.db, storage: o.storage, publicUrl: o.publicUrl, timeZone: o.timeZone }),
    ...workflowSource(),
  });
  const done = worker.run().finally(() => connection.close());
  return {
    done,
    shutdown: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
