import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { AppError } from '../app-error';
import type { TemporalHandle } from './connection';
import type { CaseProgress, CaseWorkflowInput, CommandResult } from '../../workflows/case/state';
import {
  advanceStageUpdate,
  closeCaseUpdate,
  completeTaskUpdate,
  migrateTemplateUpdate,
  progressQuery,
  recordCaseEventUpdate,
} from '../../workflows/case-definitions';
import { ENGINE_VERSION, WORKFLOW_TYPES, caseWorkflowId } from '../../workflows/definitions';
import { mapped, mapEngineError } from './errors';

/** The memo every case workflow starts with: operators see in the Temporal UI which interpreter a case began on. */
export const caseMemo = () => ({ engineVersion: ENGINE_VERSION });

export interface StartCaseOptions {
  /** Undoes what the caller prepared for the case (rows written before the start); run once if the start fails. */
  compensate: () => Promise<unknown>;
  /** The problem's message when the engine did not start the case. */
  failure: string;
}

type CaseUpdate<I> = UpdateDefinition<CommandResult, [I]>;
type InputOf<D> = D extends CaseUpdate<infer I> ? I : never;

/** The typed calls on `case-<id>`: start, each update with its own input type, the progress query, terminate. */
export function caseEngine(t: TemporalHandle) {
  const handle = (caseId: string) => t.client.workflow.getHandle(caseWorkflowId(caseId));
  const update =
    <D extends CaseUpdate<any>>(def: D) =>
    (caseId: string, input: InputOf<D>, updateId: string = randomUUID()): Promise<CommandResult> =>
      mapped(() => handle(caseId).executeUpdate(def as CaseUpdate<InputOf<D>>, { args: [input], updateId }));

  return {
    /**
     * Starts `case-<id>` — the one place a case workflow is started. One rule for every caller: the
     * caller has committed what the workflow's first activities read; if the start fails, its
     * compensation runs and the caller gets 503 (409 when the case's workflow is already running).
     */
    async startCase(input: CaseWorkflowInput, opts: StartCaseOptions): Promise<void> {
      try {
        await t.client.workflow.start(WORKFLOW_TYPES.case, {
          taskQueue: t.taskQueue,
          workflowId: caseWorkflowId(input.caseId),
          args: [input],
          memo: caseMemo(),
        });
      } catch (err) {
        await opts.compensate();
        const problem = mapEngineError(err);
        throw problem.code === 'conflict' ? problem : new AppError('service-unavailable', opts.failure, {}, { cause: err });
      }
    },
    completeTask: update(completeTaskUpdate),
    advanceStage: update(advanceStageUpdate),
    recordCaseEvent: update(recordCaseEventUpdate),
    closeCase: update(closeCaseUpdate),
    migrateTemplate: update(migrateTemplateUpdate),
    progress: (caseId: string): Promise<CaseProgress> => mapped(() => handle(caseId).query(progressQuery)),
    terminate: (caseId: string, reason: string): Promise<void> => mapped(async () => void (await handle(caseId).terminate(reason))),
  };
}
