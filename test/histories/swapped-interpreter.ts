import { CaseInterpreter as Interpreter, type Effects } from '../../workflows/case/interpreter';
import type { CaseState } from '../../workflows/case/state';

/**
 * Test-only stand-in for workflows/case/interpreter.ts (swapped in by workflows/replay-swapped.test.ts):
 * the real interpreter, except that each stage exit is written after the effect that follows it
 * (usually the next stage's entry) — two commands in the other order, as a careless refactoring
 * would leave them. Replaying the recorded histories against it must fail.
 */
export class CaseInterpreter extends Interpreter {
  constructor(state: CaseState, fx: Effects, now: () => number) {
    super(state, swapStageExitWithNext(fx), now);
  }
}

function swapStageExitWithNext(fx: Effects): Effects {
  let held: (() => Promise<unknown>) | undefined;
  const call = (name: keyof Effects, input: unknown) => (fx[name] as (i: unknown) => Promise<unknown>)(input);
  return new Proxy(fx, {
    get: (_target, name: keyof Effects) => async (input: unknown) => {
      if (name === 'recordStageExit' && !held) {
        held = () => call(name, input);
        return undefined;
      }
      const result = await call(name, input);
      const later = held;
      held = undefined;
      if (later) await later();
      return result;
    },
  });
}
