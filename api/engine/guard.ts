import type { AppError } from '../app-error';
import { engineBreaker } from './breaker';
import type { TemporalHandle } from './connection';
import { isUnavailable, mapEngineError } from './errors';

/** Whether the Temporal frontend answers its gRPC health check within `timeoutMs`. */
export async function frontendAnswers(t: TemporalHandle, timeoutMs: number): Promise<boolean> {
  try {
    await t.connection.withDeadline(Date.now() + timeoutMs, () => t.connection.healthService.check({}));
    return true;
  } catch {
    return false;
  }
}

export type EngineGuard = ReturnType<typeof engineGuard>;

/**
 * Every call the engine makes to Temporal goes through here: refused at once while the breaker
 * knows Temporal is down, bounded by a deadline (a short call's or an update's budget), its
 * errors mapped to AppError; an error that may mean an outage has the breaker check.
 */
export function engineGuard(t: TemporalHandle) {
  const breaker = engineBreaker(() => frontendAnswers(t, t.budgets.probeMs));
  async function run<T>(budgetMs: number, call: () => Promise<T>, map: (err: unknown) => AppError): Promise<T> {
    await breaker.admit();
    try {
      return await t.connection.withDeadline(Date.now() + budgetMs, call);
    } catch (err) {
      const problem = map(err);
      if (isUnavailable(problem)) breaker.failed();
      throw problem;
    }
  }
  return {
    breaker,
    /** A query, start, describe, list or terminate. */
    call: <T>(call: () => Promise<T>) => run(t.budgets.callMs, call, (err) => mapEngineError(err)),
    /** A case update: its deadline is the update budget; a 503 says the outcome is unknown (retry with the same key). */
    update: <T>(call: () => Promise<T>) => run(t.budgets.updateMs, call, (err) => mapEngineError(err, { update: true })),
    /** A call with its own budget and its own mapping of errors (ping, a migration run's progress). */
    custom: run,
  };
}
