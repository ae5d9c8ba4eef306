import { outputsFor } from '../test/helpers/walk';
import { pool, summary } from './support';

type Call = (method: string, p: string, body?: unknown) => Promise<any>;
type OpenTask = { taskId: string; required: boolean; outputs: never[] };

/** Opens one due-diligence case by the API and completes its tasks until it ends; records each call's latency. */
export async function driveCase(
  call: Call,
  who: { userId: string; clientId: string },
  times: { create: number[]; complete: number[] },
  afterComplete?: (caseId: string, ms: number) => Promise<void>,
): Promise<void> {
  const t0 = performance.now();
  const c = await call('POST', '/cases', {
    title: '基准测试',
    clientId: who.clientId,
    practiceArea: 'non_litigation',
    caseType: 'due_diligence',
    leadLawyerId: who.userId,
  });
  times.create.push(performance.now() - t0);
  let open: OpenTask[] = [];
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
    const ms = performance.now() - t1;
    times.complete.push(ms);
    await afterComplete?.(c.id, ms);
  }
}

/** `cases` cases driven `concurrency` at a time: latency summaries and the wall time. */
export async function driveCases(call: Call, who: { userId: string; clientId: string }, cases: number, concurrency: number) {
  const times = { create: [] as number[], complete: [] as number[] };
  const started = Date.now();
  await pool(cases, concurrency, () => driveCase(call, who, times));
  const seconds = (Date.now() - started) / 1000;
  return { seconds, completions: times.complete.length, complete: summary(times.complete), create: summary(times.create) };
}
