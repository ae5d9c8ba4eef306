/**
 * node --import tsx bench/engine-profile.ts — where one completeTask's time goes, one call at a time: the API
 * handler around the engine call, the Workflow Update round trip, the server's queueing and the
 * worker's workflow task (history event times), and each local activity (timed on the worker).
 * The worker runs in this process so its activities can be timed (BENCH_PROFILE_CASES, default 3).
 */
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createEngine } from '../api/engine';
import { projectRoot } from '../cli/runtime/paths';
import { driveCase } from './engine-drive';
import { startApi, startEngineStack, signedInCaller } from './engine-stack';
import { fmt, percentile } from './support';

const CASES = Number(process.env.BENCH_PROFILE_CASES ?? 3);
const say = (s: string) => process.stdout.write(`${s}\n`);
type Span = { name: string; start: number; ms: number };

/** Every activity of `acts`, recording how long each call took into `spans`. */
function timed<T extends Record<string, unknown>>(acts: T, spans: Span[]): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts))
    out[name] =
      typeof fn !== 'function'
        ? fn
        : async (...args: unknown[]) => {
            const start = performance.now();
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
            } finally {
              spans.push({ name, start, ms: performance.now() - start });
            }
          };
  return out as T;
}

async function main() {
  const stack = await startEngineStack(say);
  try {
    const spans: Span[] = [];
    const connection = await NativeConnection.connect({ address: stack.temporal.address });
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue: 'lexflow',
      activities: timed(createActivities({ db: stack.db }), spans),
      workflowsPath: path.join(projectRoot(), 'workflows', 'index.ts'),
    });
    const running = worker.run();
    stack.later(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
    const engine = createEngine(stack.handle);
    const engineSpans: Span[] = [];
    const complete = engine.completeTask;
    engine.completeTask = async (...args: Parameters<typeof complete>) => {
      const start = performance.now();
      try {
        return await complete(...args);
      } finally {
        engineSpans.push({ name: 'update', start, ms: performance.now() - start });
      }
    };
    const url = await startApi(stack, engine);
    const caller = await signedInCaller(url, stack.db);
    const rows: Array<Record<string, number>> = [];
    const times = { create: [] as number[], complete: [] as number[] };
    for (let i = 0; i < CASES; i++) {
      await driveCase(caller.call, caller, times, async (caseId, ms) => {
        const end = performance.now();
        const update = engineSpans.at(-1)!;
        const acts = spans.filter((s) => s.start >= end - ms);
        const wft = await lastWorkflowTask(stack, caseId);
        rows.push({
          http: ms,
          update: update.ms,
          apiAround: ms - update.ms,
          wftQueue: wft.queue,
          wftWorker: wft.worker,
          activities: acts.reduce((a, s) => a + s.ms, 0),
          activityCount: acts.length,
          markers: wft.markers,
          outsideWft: update.ms - wft.queue - wft.worker,
        });
        for (const a of acts) (perActivity[a.name] ??= []).push(a.ms);
      });
    }
    say(`${rows.length} completeTask calls, one at a time (median, p95):`);
    for (const key of Object.keys(rows[0]))
      say(
        `  ${key.padEnd(14)} ${fmt(
          percentile(
            rows.map((r) => r[key]),
            50,
          ),
        )}  ${fmt(
          percentile(
            rows.map((r) => r[key]),
            95,
          ),
        )}`,
      );
    say('per activity (median, count):');
    for (const [name, ms] of Object.entries(perActivity)) say(`  ${name.padEnd(22)} ${fmt(percentile(ms, 50))}  ×${ms.length}`);
    say(`open case: median ${fmt(percentile(times.create, 50))}`);
  } finally {
    await stack.stop();
  }
}
const perActivity: Record<string, number[]> = {};

/** The last workflow task of the case's run: scheduled → started (server queue), started → completed (worker). */
async function lastWorkflowTask(stack: { handle: ReturnType<typeof import('../api/engine').createTemporalHandle> }, caseId: string) {
  const history = await stack.handle.client.workflow.getHandle(`case-${caseId}`).fetchHistory();
  const ev = history.events ?? [];
  const ms = (e: (typeof ev)[number]) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
  const sched = ev.findLastIndex((e) => e.workflowTaskScheduledEventAttributes);
  const started = ev.findIndex((e, i) => i > sched && e.workflowTaskStartedEventAttributes);
  const done = ev.findIndex((e, i) => i > started && e.workflowTaskCompletedEventAttributes);
  if (sched < 0 || started < 0 || done < 0) return { queue: NaN, worker: NaN, markers: NaN };
  // The update's WFT may be the one before a trailing one; take the last completed task that carried markers.
  return {
    queue: ms(ev[started]) - ms(ev[sched]),
    worker: ms(ev[done]) - ms(ev[started]),
    markers: ev.slice(done).filter((e) => e.markerRecordedEventAttributes).length,
  };
}

main().catch((err) => {
  process.stderr.write(`profile failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
