/**
 * How far a case has come, in whole percent: the stages done out of those it has (or will) run
 * through. A case that no longer runs is complete. The workflow's progress query and the API's view
 * of a case carried over without a workflow both count with this one rule (callers say which stages
 * count as done and how many there are), so the two never drift apart.
 *
 * Pure and deterministic: the workflow bundle imports it.
 */
export function percentComplete(p: { finished: boolean; done: number; total: number }): number {
  if (p.finished) return 100;
  return p.total === 0 ? 0 : Math.round((100 * p.done) / p.total);
}
