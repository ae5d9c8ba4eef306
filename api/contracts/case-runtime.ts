import type { z } from 'zod';
import { caseRuntimeShapes, type CaseProgress, type CommandResult, type OpenTaskView } from '../../domain/case-runtime';
import { ZTimestamp } from './common';

/**
 * The case-runtime shapes on the wire: the workflow's own shapes (domain/case-runtime.ts) with every
 * instant as an ISO timestamp. The mapping from the workflow's epoch milliseconds lives here and
 * nowhere else.
 */
const wire = caseRuntimeShapes(ZTimestamp);
export const ZOpenTask = wire.openTask;
export const ZCommandResult = wire.commandResult.meta({ id: 'CaseCommandResult' });
export const ZProgress = wire.progress.meta({ id: 'CaseProgress' });

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export function openTaskView(t: OpenTaskView): z.infer<typeof ZOpenTask> {
  return { ...t, dueAt: iso(t.dueAt) };
}

export function commandView(r: CommandResult): z.infer<typeof ZCommandResult> {
  return { status: r.status, openTasks: r.openTasks.map(openTaskView) };
}

export function progressView(p: CaseProgress): z.infer<typeof ZProgress> {
  return {
    ...p,
    stages: p.stages.map(({ enteredAt, exitedAt, ...s }) => ({
      ...s,
      ...(enteredAt !== undefined ? { enteredAt: iso(enteredAt)! } : {}),
      ...(exitedAt !== undefined ? { exitedAt: iso(exitedAt)! } : {}),
    })),
    openTasks: p.openTasks.map(openTaskView),
    waiting: p.waiting.map(({ at, ...w }) => ({ ...w, ...(at !== undefined ? { at: iso(at) } : {}) })),
  };
}
