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
import type { EngineGuard } from './guard';

/** The memo every case workflow starts with: operators see in the Temporal UI which interpreter a case began on. */
export const caseMemo = () => ({ engineVersion: ENGINE_VERSION });

/** How a case run was started: now, or by an earlier attempt of the same opening. */
export type CaseStart = 'started' | 'was-started';

type CaseUpdate<I> = UpdateDefinition<CommandResult, [I]>;
type InputOf<D> = D extends CaseUpdate<infer I> ? I : never;

/**
 * The typed calls on `case-<id>`: start, each update with its own input type, the progress query,
 * terminate. Updates and queries go through the guard (deadline, breaker, mapped errors).
 */
export function caseEngine(t: TemporalHandle, guard: EngineGuard) {
  const handle = (caseId: string) => t.client.workflow.getHandle(caseWorkflowId(caseId));
  const update =
    <D extends CaseUpdate<any>>(def: D) =>
    (caseId: string, input: InputOf<D>, updateId: string = randomUUID()): Promise<CommandResult> =>
      guard.update(() => handle(caseId).executeUpdate(def as CaseUpdate<InputOf<D>>, { args: [input], updateId }));

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
      // Whether a run of this opening exists: running (a case has one run at a time), or ended with its memo.
      const ours = () =>
        guard
          .call(() => handle(input.caseId).describe())
          .then(
            (d) => d.status.name === 'RUNNING' || d.memo?.openingId === openingId,
            (err: unknown) => {
              if (err instanceof AppError && err.code === 'conflict') return false; // no run of case-<id> at all
              throw err;
            },
          );
      try {
        // A first opening is refused as a duplicate by Temporal if any run of the case exists, so it
        // asks only then (one round trip less per case opened); a reopening may follow a closed run, so it asks first.
        if (input.startAt && (await ours())) return 'was-started';
        await guard.call(() =>
          t.client.workflow.start(WORKFLOW_TYPES.case, {
            taskQueue: t.taskQueue,
            workflowId: caseWorkflowId(input.caseId),
            args: [input],
            memo: { ...caseMemo(), openingId },
            // A first opening never follows another run; a reopening follows the closed one.
            workflowIdReusePolicy: input.startAt ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
          }),
        );
        return 'started';
      } catch (err) {
        // Started meanwhile (by this opening's other attempt), or refused as a duplicate of the run it started.
        if (err instanceof AppError && err.code === 'conflict' && (await ours())) return 'was-started';
        if (err instanceof AppError && err.code === 'service-unavailable')
          throw new AppError('service-unavailable', 'the process engine did not start the case', err.details, { cause: err });
        throw err;
      }
    },
    completeTask: update(completeTaskUpdate),
    advanceStage: update(advanceStageUpdate),
    recordCaseEvent: update(recordCaseEventUpdate),
    closeCase: update(closeCaseUpdate),
    migrateTemplate: update(migrateTemplateUpdate),
    progress: (caseId: string): Promise<CaseProgress> => guard.call(() => handle(caseId).query(progressQuery)),
    terminate: (caseId: string, reason: string): Promise<void> => guard.call(async () => void (await handle(caseId).terminate(reason))),
  };
}
