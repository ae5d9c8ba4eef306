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
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';

/** The memo every case workflow starts with: operators see in the Temporal UI which interpreter a case began on. */
export const caseMemo = () => ({ engineVersion: ENGINE_VERSION });

/** How a case run was started: now, or by an earlier attempt of the same opening. */
export type CaseStart = 'started' | 'was-started';

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
     * Starts the run of `case-<id>` that the opening `openingId` asks for — the one place a case
     * workflow is started, safe to call again for the same opening: the opening id travels in the
     * run's memo (and across continue-as-new), so a run this opening already started, running or
     * ended, is recognised ('was-started') and never started twice. Another run of the case
     * running is 409; the engine not answering 503 (nothing is undone: the opening stays, and the
     * reconciler or the next request starts it).
     */
    async startCaseRun(input: CaseWorkflowInput, openingId: string): Promise<CaseStart> {
      const ours = async (): Promise<boolean> => {
        try {
          const d = await handle(input.caseId).describe();
          return d.status.name === 'RUNNING' || d.memo?.openingId === openingId;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) return false;
          throw err;
        }
      };
      try {
        if (await ours()) return 'was-started';
        await t.client.workflow.start(WORKFLOW_TYPES.case, {
          taskQueue: t.taskQueue,
          workflowId: caseWorkflowId(input.caseId),
          args: [input],
          memo: { ...caseMemo(), openingId },
          // A first opening never follows another run; a reopening follows the closed one.
          workflowIdReusePolicy: input.startAt ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
        });
        return 'started';
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError && (await mapped(ours))) return 'was-started';
        const problem = mapEngineError(err);
        throw problem.code === 'conflict'
          ? problem
          : new AppError('service-unavailable', 'the process engine did not start the case', {}, { cause: err });
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
