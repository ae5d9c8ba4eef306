/**
 * The worker process of the fault test: what `lexflow worker` runs (the real activities on
 * DATABASE_URL, polling TASK_QUEUE) but on the run's prebuilt workflow bundle — bundling from
 * source at every restart would cost the test tens of seconds — and without the firm-wide digest
 * schedule, which lives on the shared dev server and is no business of this test. It is killed
 * with SIGKILL, so nothing here may count on clean-up; SIGTERM (the end of the test) stops it.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createDb } from '../../db/connection';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  const db = createDb(process.env.DATABASE_URL!);
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: process.env.TASK_QUEUE!,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
    activities: createActivities({ db, publicUrl: process.env.PUBLIC_URL, timeZone: 'Asia/Shanghai' }),
  });
  process.on('SIGTERM', () => worker.shutdown());
  process.stdout.write('worker ready\n');
  await worker.run();
  await connection.close();
  await db.destroy();
}

void main();
