import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import type { Fixture } from './fixtures';

export interface ReplayOutcome {
  /** The fixture (path under workflows/histories). */
  name: string;
  /** The error's class name (DeterminismViolationError, ReplayError …) and message; none when the replay passed. */
  error?: { name: string; message: string };
}

/**
 * Replays recorded histories in-process (no Temporal server) against a workflow bundle, one
 * outcome per fixture. Each history is passed under its fixture name as workflow id, so an
 * outcome always says which file it is about.
 */
export async function replayFixtures(bundle: ReplayWorkerOptions['workflowBundle'], fixtures: Fixture[]): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  const histories = fixtures.map((f) => ({ workflowId: f.name, history: f.history }));
  for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'replay-gate' }, histories)) {
    outcomes.push({ name: r.workflowId, ...(r.error ? { error: { name: r.error.name, message: r.error.message } } : {}) });
  }
  return outcomes;
}
