import { CaseInterpreter as Interpreter, EFFECT_NAMES, type Effects } from '../../workflows/case/interpreter';
import type { CaseState } from '../../workflows/case/state';

/** The effects whose answer the interpreter waits for (a task opened, a due date, a timer instant). */
const ANSWERING = new Set<string>(['openTask', 'rescheduleTask', 'resolveTimer']);

/**
 * Test-only stand-in for workflows/case/interpreter.ts (swapped in by workflows/replay-swapped.test.ts):
 * the real interpreter, except that the writes before an effect it waits for (a stage entry or a
 * task completion before the next task is opened) are made after it — commands in another order,
 * as a careless refactoring would leave them. With one activity per effect (ENGINE_VERSION 1) two
 * markers change places; with one transaction per step (2) the step's writes become a step of
 * their own. Replaying the recorded histories against it must fail.
 */
export class CaseInterpreter extends Interpreter {
  constructor(state: CaseState, fx: Effects, now: () => number) {
    super(state, writesAfterTheNextAnswer(fx), now);
  }
}

function writesAfterTheNextAnswer(fx: Effects): Effects {
  let held: Array<() => Promise<unknown>> = [];
  const call = (name: keyof Effects, input: unknown) => (fx[name] as (i: unknown) => Promise<unknown>)(input);
  const swapped: Record<string, unknown> = {};
  for (const name of EFFECT_NAMES)
    swapped[name] = async (input: unknown) => {
      if (!ANSWERING.has(name)) {
        held.push(() => call(name, input));
        return undefined;
      }
      const result = await call(name, input);
      const later = held;
      held = [];
      for (const write of later) await write();
      return result;
    };
  return swapped as Effects;
}
