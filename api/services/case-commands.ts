import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../app-error';
import type { TemporalHandle } from '../temporal';
import { CASE_QUERIES, caseWorkflowId } from '../../workflows/definitions';
import type { CaseProgress, CommandResult, OpenTaskView } from '../../workflows/case/state';

/** A workflow's refusal, as the API's problem: NotFound 404, Conflict 409, Invalid 422. */
export function mapWorkflowError(err: unknown): AppError {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    const code = cause.type === 'NotFound' ? 'not-found' : cause.type === 'Invalid' ? 'unprocessable-entity' : 'conflict';
    const details = cause.details?.[0];
    const errors = Array.isArray(details)
      ? details.map((d: { output?: string; problem?: string }) => ({ path: d.output ? `outputs.${d.output}` : String(d), message: d.problem ?? 'not mapped' }))
      : undefined;
    return new AppError(code, cause.message, errors ? { errors } : {});
  }
  if (err instanceof WorkflowNotFoundError || /workflow execution already completed|not found/i.test(String((err as Error)?.message))) {
    return new AppError('conflict', 'the case is no longer running', {}, { cause: err });
  }
  return new AppError('service-unavailable', 'the process engine did not answer', {}, { cause: err });
}

export async function runCaseUpdate(t: TemporalHandle, caseId: string, name: string, input: unknown, updateId: string = randomUUID()): Promise<CommandResult> {
  try {
    return await t.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate<CommandResult, [unknown]>(name, { args: [input], updateId });
  } catch (err) {
    throw mapWorkflowError(err);
  }
}

export async function queryProgress(t: TemporalHandle, caseId: string): Promise<CaseProgress> {
  try {
    return await t.client.workflow.getHandle(caseWorkflowId(caseId)).query<CaseProgress>(CASE_QUERIES.progress);
  } catch (err) {
    throw mapWorkflowError(err);
  }
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export function openTaskView(t: OpenTaskView) {
  return { ...t, dueAt: iso(t.dueAt) };
}

export function commandView(r: CommandResult) {
  return { status: r.status, openTasks: r.openTasks.map(openTaskView) };
}

export function progressView(p: CaseProgress) {
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
