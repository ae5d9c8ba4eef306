/**
 * A worker process for the crash test: runs the real activities, but dies (SIGKILL, no clean-up)
 * right after the Nth call of CRASH_AFTER has done its database work — the worst moment.
 */
import { NativeConnection, Worker, DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createDb } from '../../db/connection';

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  const db = createDb(process.env.DATABASE_URL!);
  const activities: Record<string, (...args: unknown[]) => Promise<unknown>> = createActivities({
    db,
    publicUrl: process.env.PUBLIC_URL,
    timeZone: process.env.FIRM_TIMEZONE,
  }) as never;
  const crashAfter = process.env.CRASH_AFTER;
  const crashOn = Number(process.env.CRASH_ON_CALL ?? 0);
  if (crashAfter) {
    const real = activities[crashAfter];
    let calls = 0;
    activities[crashAfter] = async (...args) => {
      const result = await real(...args);
      if (++calls === crashOn) {
        process.stdout.write(`crashing after ${crashAfter} #${calls}\n`);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      }
      return result;
    };
  }
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: process.env.TASK_QUEUE!,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! },
    activities,
  });
  process.stdout.write('worker ready\n');
  process.on('SIGTERM', () => worker.shutdown());
  await worker.run();
  await connection.close();
  await db.destroy();
}

void main();
