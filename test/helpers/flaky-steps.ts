import type { Activities } from '../../activities';
import type { StepEffectName, StepInput } from '../../activities/case-step';

/**
 * Worker overrides for a test of retries: a case step (engine v2: one transaction) that applies
 * the effect `name` reports a failure after it committed whenever `fail` says so for the effect's
 * input — as a lost reply or a crash would — so Temporal runs the whole step again. `seen` hears
 * the effect's input on every attempt.
 */
export function flakyEffect<I>(
  real: Pick<Activities, 'applyCaseStep'>,
  name: StepEffectName,
  fail: (input: I) => boolean,
  seen: (input: I) => void = () => undefined,
): Pick<Activities, 'applyCaseStep'> {
  return {
    applyCaseStep: async (step: StepInput) => {
      const inputs = step.effects.filter((e) => e.name === name).map((e) => e.input as I);
      inputs.forEach(seen);
      const answer = await real.applyCaseStep(step);
      if (inputs.some(fail)) throw new Error(`the reply was lost after the step with ${name} was committed (test)`);
      return answer;
    },
  };
}
