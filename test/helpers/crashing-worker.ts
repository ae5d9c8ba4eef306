/**
 * A worker process for the crash test: runs the real activities, but dies (SIGKILL, no clean-up)
 * right after the Nth call of CRASH_AFTER has done its database work — the worst moment. CRASH_AFTER
 * names an activity or an effect of a case step (counted when the step's transaction committed).
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
    let calls = 0;
    /** After the activity's work is done (a case step: committed), the Nth time it did CRASH_AFTER. */
    const crashing =
      (real: (...args: unknown[]) => Promise<unknown>, did: (args: unknown[]) => boolean) =>
      async (...args: unknown[]) => {
        const result = await real(...args);
        if (did(args) && ++calls === crashOn) {
          process.stdout.write(`crashing after ${crashAfter} #${calls}\n`);
          process.kill(process.pid, 'SIGKILL');
          await new Promise(() => undefined);
        }
        return result;
      };
    activities[crashAfter] = crashing(activities[crashAfter], () => true);
    // Engine v2 applies a step's effects in one activity (one transaction): count the effect inside it.
    type Step = { effects: Array<{ name: string }> };
    activities.applyCaseStep = crashing(activities.applyCaseStep, ([step]) => (step as Step).effects.some((e) => e.name === crashAfter));
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
