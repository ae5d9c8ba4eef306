import type { BlobStorage } from '../db/storage';
import { caseActivities } from './case-engine';
import { taskActivities, type EngineDeps } from './tasks';

/** The engine effects a case step may apply together (every write of the interpreter, and its three reads). */
export type StepEffects = ReturnType<typeof taskActivities> & ReturnType<typeof caseActivities>;
export type StepEffectName = keyof StepEffects;

export interface StepInput {
  /** In the interpreter's order; the last one's result is the answer (the others answer nothing). */
  effects: Array<{ name: StepEffectName; input: unknown }>;
}

/**
 * What a step answers: the last effect's answer, and the names of the effects it applied — recorded
 * in the history's marker, so the history still says what each step did (as one activity per effect did).
 */
export interface StepResult {
  effects: StepEffectName[];
  answer?: unknown;
}

/**
 * One case step's effects as one transaction (one local activity, one round trip into the worker's
 * workflow thread instead of one per write): all of it is written or none of it, so a retry after
 * a crash, or an update the database refused, finds nothing half done. Each effect stays
 * idempotent by its element instance, so a retried step writes each row once.
 */
export function caseStepActivities(deps: EngineDeps & { storage?: BlobStorage }) {
  return {
    async applyCaseStep(input: StepInput): Promise<StepResult> {
      // Loaded before the transaction (cached): a cold read inside it would wait for a second pool connection.
      await deps.calendar();
      return deps.db.transaction(async (trx) => {
        const fx = { ...taskActivities({ ...deps, db: trx }), ...caseActivities({ ...deps, db: trx }) } as Record<
          string,
          (i: unknown) => Promise<unknown>
        >;
        let answer: unknown;
        for (const e of input.effects) answer = await fx[e.name](e.input);
        return { effects: input.effects.map((e) => e.name), ...(answer === undefined ? {} : { answer }) };
      });
    },
  };
}
