import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import type { Db } from '../../db/connection';
import { createTemporalHandle, type TemporalHandle } from '../../api/engine';
import { testEnv } from '../environment';

export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A Temporal client on the run's dev server, on a task queue of this test's own. */
export function testTemporalHandle(taskQueue = uniqueTaskQueue()): TemporalHandle {
  return createTemporalHandle({ address: testEnv('temporalAddress'), namespace: 'default', taskQueue });
}

export interface TestWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** A real worker (the run's prebuilt workflow bundle, the real activities on `db`) polling `taskQueue`. */
/** A real worker on the test server with the real activities; `replace` swaps some of them (a gated step, say). */
export async function startTestWorker(db: Db, taskQueue: string, replace: Partial<Activities> = {}): Promise<TestWorker> {
  const connection = await NativeConnection.connect({ address: testEnv('temporalAddress') });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: testEnv('workflowBundle') },
    activities: { ...createActivities({ db }), ...replace },
  });
  const running = worker.run();
  return {
    worker,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export interface TimeSkippingWorker {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  stop(): Promise<void>;
}

/** The time-skipping test server and a worker on it (the run's workflow bundle, the given activities) for a whole suite. */
export async function startTimeSkippingWorker(activities: object, prefix = 'skip'): Promise<TimeSkippingWorker> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv('testServer') } },
  });
  const taskQueue = uniqueTaskQueue(prefix);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: testEnv('workflowBundle') },
    activities,
  });
  const running = worker.run();
  return {
    env,
    taskQueue,
    stop: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
