import type { CaseProgress, OpenTaskView } from '../../workflows/case/state';
import type { HttpClient } from './app';

/** Plausible outputs for a task: dates, numbers, the first choice; booleans and chosen values from `decisions`. */
export function outputsFor(task: Pick<OpenTaskView, 'outputs'>, decisions: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(
    task.outputs.map((o) => {
      if (o.name in decisions) return [o.name, decisions[o.name]];
      switch (o.type) {
        case 'date':
          return [o.name, '2026-09-22'];
        case 'datetime':
          return [o.name, '2026-09-22T09:30:00+08:00'];
        case 'number':
          return [o.name, 100_000];
        case 'boolean':
          return [o.name, false];
        case 'choice':
          return [o.name, o.options![0]];
        default:
          return [o.name, '已完成'];
      }
    }),
  );
}

/**
 * Drives a case to its end through a narrow port (a progress reader, a task completer, an event
 * recorder): completes every open task, records every awaited case event. Returns the names of
 * the tasks in the order they were done.
 */
export async function walkToEnd(
  port: {
    progress(): Promise<Pick<CaseProgress, 'status' | 'openTasks' | 'waiting'>>;
    complete(task: OpenTaskView, outputs: Record<string, unknown>): Promise<void>;
    event(name: string, date: string): Promise<void>;
  },
  decisions: Record<string, unknown> = {},
  maxSteps = 200,
): Promise<string[]> {
  const done: string[] = [];
  let idle = 0;
  for (let i = 0; i < maxSteps + 50; i++) {
    const p = await port.progress();
    if (p.status !== 'running') return done;
    const task = p.openTasks.find((t) => t.required) ?? p.openTasks[0];
    if (task) {
      await port.complete(task, outputsFor(task, decisions));
      done.push(task.nodeId);
      idle = 0;
      continue;
    }
    const message = p.waiting.find((w) => w.kind === 'message');
    if (message?.message) {
      await port.event(message.message, '2026-09-22');
      continue;
    }
    // A workflow that has just started may still be creating its first tasks: look again shortly.
    if (++idle > 50) throw new Error(`stuck: ${JSON.stringify(p.waiting)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not finished after ${maxSteps} steps`);
}

/** `walkToEnd`'s port over the API, as a signed-in user: progress, task completion and case events; anything but 200 throws. */
export function httpWalkPort(c: HttpClient, caseId: string) {
  return {
    progress: async () => (await c.get(`/api/v1/cases/${caseId}/progress`)).body,
    complete: async (t: { taskId: string }, outputs: Record<string, unknown>) => {
      const r = await c.post(`/api/v1/cases/${caseId}/tasks/${t.taskId}/complete`, { outputs });
      if (r.status !== 200) throw new Error(`complete ${r.status} ${JSON.stringify(r.body)}`);
    },
    event: async (name: string, date: string) => {
      const r = await c.post(`/api/v1/cases/${caseId}/events`, { name, date });
      if (r.status !== 200) throw new Error(`event ${r.status} ${JSON.stringify(r.body)}`);
    },
  };
}
