import path from 'node:path';
import { projectRoot } from '../../cli/runtime/paths';
import { testEnv } from '../environment';
import { ChildService } from './child-service';

/**
 * The real `lexflow api` command as a child process a test can SIGKILL and start again (on the
 * same port, so clients reconnect): configured from the environment as deployed, on the test's
 * database and Temporal task queue, listening on 127.0.0.1. `env` adds to it, e.g.
 * LEXFLOW_CRASH_POINT (api/crash-points.ts) to make it die at a chosen point.
 */
export function lexflowApi(o: { databaseUrl: string; taskQueue: string; port: number; env?: Record<string, string> }): ChildService {
  return new ChildService({
    name: 'api',
    args: [path.join(projectRoot(), 'cli', 'lexflow.ts'), 'api'],
    env: {
      DATABASE_URL: o.databaseUrl,
      TEMPORAL_ADDRESS: testEnv('temporalAddress'),
      PUBLIC_URL: `http://127.0.0.1:${o.port}`,
      LEXFLOW_MODE: 'demo',
      HOST: '127.0.0.1',
      PORT: String(o.port),
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: o.taskQueue,
      FIRM_TIMEZONE: 'Asia/Shanghai',
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0',
      SMTP_URL: '',
      ...o.env,
    },
    readyLine: 'API listening on',
  });
}

/**
 * A worker as a child process (test/helpers/crashing-worker.ts: the real activities on the run's
 * prebuilt workflow bundle); `env` may arm its crash (CRASH_AFTER, CRASH_ON_CALL).
 */
export function testWorkerProcess(o: {
  databaseUrl: string;
  taskQueue: string;
  publicUrl?: string;
  env?: Record<string, string>;
}): ChildService {
  return new ChildService({
    name: 'worker',
    args: [path.join(projectRoot(), 'test', 'helpers', 'crashing-worker.ts')],
    env: {
      DATABASE_URL: o.databaseUrl,
      TEMPORAL_ADDRESS: testEnv('temporalAddress'),
      TASK_QUEUE: o.taskQueue,
      WORKFLOW_BUNDLE: testEnv('workflowBundle'),
      ...(o.publicUrl ? { PUBLIC_URL: o.publicUrl } : {}),
      ...o.env,
    },
    readyLine: 'worker ready',
  });
}
