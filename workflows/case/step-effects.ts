import type { Activities } from '../../activities';
import type { StepEffectName } from '../../activities/case-step';
import { EFFECT_NAMES, type Effects } from './interpreter';

/** The effects whose answer the interpreter uses at once; every other effect is a write that answers nothing. */
const ANSWERING = new Set<keyof Effects>(['openTask', 'rescheduleTask', 'resolveTimer']);

export type BatchedEffects = Effects & {
  /** Applies the writes queued since the last step (one local activity), if any. */
  flush(): Promise<void>;
  /** Forgets the queued writes (their step failed as a whole). */
  discard(): void;
};

/**
 * The interpreter's effects gathered per step: writes are queued, and go to the worker as one
 * `applyCaseStep` local activity — one transaction — together with the next effect whose answer
 * the interpreter needs (a task opened, a due date, a timer instant), or at the end of the step.
 * Same effects in the same order as one activity each, fewer round trips, all-or-nothing.
 */
export function batchedEffects(activities: Pick<Activities, 'applyCaseStep'>): BatchedEffects {
  let queued: Array<{ name: StepEffectName; input: unknown }> = [];
  const take = () => {
    const effects = queued;
    queued = [];
    return effects;
  };
  const fx: Record<string, unknown> = {
    flush: async () => {
      if (queued.length) await activities.applyCaseStep({ effects: take() });
    },
    discard: () => void take(),
  };
  for (const name of EFFECT_NAMES)
    fx[name] = ANSWERING.has(name)
      ? async (input: unknown) => (await activities.applyCaseStep({ effects: [...take(), { name, input }] })).answer
      : (input: unknown) => {
          queued.push({ name, input });
          return Promise.resolve();
        };
  return fx as BatchedEffects;
}
