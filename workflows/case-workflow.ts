import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { CaseInterpreter } from './case/interpreter';
import { progressOf } from './case/progress';
import { initialState, type CaseState, type CaseWorkflowInput, type CommandResult } from './case/state';
import {
  assertStorable,
  validateAdvanceStage,
  validateClose,
  validateCompleteTask,
  validateMigrate,
  validateRecordEvent,
} from './case/validators';
import {
  advanceStageUpdate,
  closeCaseUpdate,
  completeTaskUpdate,
  migrateTemplateUpdate,
  progressQuery,
  recordCaseEventUpdate,
} from './case-definitions';
import { DATA_ERROR_FAILURE, DATA_ERROR_PATCH, STEP_TRANSACTION_PATCH } from './definitions';
import { batchedEffects } from './case/step-effects';

/**
 * Engine activities are short database writes, run as local activities: inside the workflow task
 * on the worker, without a round trip through the server per write. They are retried like any
 * activity and, if the worker dies, re-run by the next one (they are idempotent).
 */
const activities = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * One case, interpreted from its pinned template. Updates are queued and applied one at a time by
 * the main loop (so activities never interleave); each update returns once the case has moved to
 * its next waiting point. Long cases hand their state to a new run (continue-as-new).
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<{ status: CaseState['status'] }> {
  const state = input.state ?? initialState(input, Date.now());
  // Decided once, on the run's first workflow task: runs recorded before the patch keep one activity per effect.
  const steps = patched(STEP_TRANSACTION_PATCH) ? batchedEffects(activities) : undefined;
  const interpreter = new CaseInterpreter(state, steps ?? activities, () => Date.now());
  /** The end of a step: its queued writes are applied (one transaction) before the case answers or waits. */
  const endStep = async () => {
    if (steps) await steps.flush();
  };
  const inbox: Array<{ id: number; run: () => Promise<CommandResult> }> = [];
  const results = new Map<number, { ok?: CommandResult; error?: ApplicationFailure }>();
  let nextCommand = 0;

  const submit = async (run: () => Promise<CommandResult>): Promise<CommandResult> => {
    const id = ++nextCommand;
    inbox.push({ id, run });
    await condition(() => results.has(id));
    const r = results.get(id)!;
    results.delete(id);
    if (r.error) throw r.error;
    return r.ok!;
  };

  setHandler(completeTaskUpdate, (i) => submit(() => interpreter.completeTask(i)), {
    validator: (i) => storable(validateCompleteTask(state, i), i),
  });
  setHandler(advanceStageUpdate, (i) => submit(() => interpreter.advanceStage(i)), {
    validator: (i) => storable(validateAdvanceStage(state, i), i),
  });
  setHandler(recordCaseEventUpdate, (i) => submit(() => interpreter.recordCaseEvent(i)), {
    validator: (i) => storable(validateRecordEvent(state, i), i),
  });
  setHandler(closeCaseUpdate, (i) => submit(() => interpreter.closeCase(i)), { validator: (i) => storable(validateClose(state, i), i) });
  setHandler(migrateTemplateUpdate, (i) => submit(() => interpreter.migrateTemplate(i)), { validator: (i) => validateMigrate(state, i) });
  setHandler(progressQuery, () => progressOf(state));

  if (!input.state) {
    await interpreter.start(input.startAt);
    await endStep();
  }

  const handOver = () => {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && info.historyLength > input.continueAsNewAfterEvents)
    );
  };

  while (state.status === 'running') {
    while (inbox.length) {
      const command = inbox.shift()!;
      // The state before the command, to put back if the database refuses one of its writes.
      const before = JSON.stringify(state);
      try {
        const ok = await command.run();
        await endStep();
        results.set(command.id, { ok });
      } catch (err) {
        const refused = dataErrorOf(err);
        if (refused && patched(DATA_ERROR_PATCH)) {
          // In one transaction per step, none of the command's writes were made.
          steps?.discard();
          // The database refused the command's data (it would on every attempt): the update fails,
          // the case is as it was before the command and takes the next one. Writes the command made
          // before the refused one are idempotent by element instance and are made again by the next.
          restore(state, before);
          results.set(command.id, { error: ApplicationFailure.create({ type: 'Invalid', message: refused.message, nonRetryable: true }) });
          continue;
        }
        // A state that changed between validation and processing: the update fails, the case goes on.
        if (!(err instanceof ApplicationFailure) || err.type === 'TemplateLoop') throw err;
        await endStep();
        results.set(command.id, { error: err });
      }
    }
    if (state.status !== 'running') break;
    await interpreter.fireDue();
    await interpreter.advance();
    await endStep();
    if (state.status !== 'running' || inbox.length) continue;
    const handingOver = handOver();
    if (handingOver && allHandlersFinished()) {
      // The model travels once, in the state (which a migration may have changed): not in the input as well.
      await continueAsNew<typeof caseWorkflow>({ ...input, model: undefined as never, state });
    }
    // Wake for a command, for the next timer, or — when a hand-over is due — once the updates in flight have returned.
    const wake = () => inbox.length > 0 || (handingOver && allHandlersFinished());
    const next = interpreter.nextWakeAt();
    if (next === undefined) await condition(wake);
    else await condition(wake, Math.max(1, next - Date.now()));
  }
  // Updates that arrive after the end are refused by their validators (the case is no longer running).
  await condition(allHandlersFinished);
  return { status: state.status };
}

/** An update validator: the state's check (its first argument, already run), then the input must be storable. */
function storable(_checkedAgainstState: void, input: unknown): void {
  assertStorable(input);
}

/** The database refused a write's data: a local activity's failure arrives as its ApplicationFailure (or wrapped). */
function dataErrorOf(err: unknown): ApplicationFailure | undefined {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === DATA_ERROR_FAILURE ? failure : undefined;
}

/**
 * Puts the case state back as it was serialised (the same object: the interpreter holds it). The
 * element-instance counter does not go back: ids the failed command handed out (and may have
 * written rows under) are never given to something else.
 */
function restore(state: CaseState, serialised: string): void {
  const seq = state.seq;
  const target = state as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, JSON.parse(serialised));
  state.seq = Math.max(seq, state.seq);
}
