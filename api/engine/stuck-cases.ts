import type { TemporalHandle } from './connection';
import { WORKFLOW_TYPES } from '../../workflows/definitions';

export interface StuckCase {
  workflowId: string;
  /** The case id, from the workflow id `case-<id>`. */
  caseId: string | null;
  /** What keeps failing: the workflow task (the interpreter itself) or an activity by name. */
  failing: string;
  attempts: number;
  lastFailure: string | null;
  since: string | null;
}

const CASE_RUNS = `WorkflowType = '${WORKFLOW_TYPES.case}' AND ExecutionStatus = 'Running'`;

/**
 * Running case workflows that are failing, read from Temporal: a workflow task retried (the
 * interpreter throws, or its local activities keep failing inside it) or an activity retried.
 * Looks at most `limit` running cases (one describe each); the failure text is the server's.
 */
export async function stuckCases(t: TemporalHandle, limit = 500): Promise<{ items: StuckCase[]; examined: number }> {
  const runs: Array<{ workflowId: string; runId: string }> = [];
  for await (const run of t.client.workflow.list({ query: CASE_RUNS })) {
    if (runs.length >= limit) break;
    runs.push({ workflowId: run.workflowId, runId: run.runId });
  }
  // The describes share the call's one deadline: asked DESCRIBE_AT_ONCE at a time, not one by one.
  const items: StuckCase[] = [];
  for (let i = 0; i < runs.length; i += DESCRIBE_AT_ONCE) {
    const batch = runs.slice(i, i + DESCRIBE_AT_ONCE);
    const described = await Promise.all(batch.map((r) => t.client.workflow.getHandle(r.workflowId, r.runId).describe()));
    batch.forEach((run, k) => items.push(...failingOf(run.workflowId, described[k].raw)));
  }
  return { items, examined: runs.length };
}

const DESCRIBE_AT_ONCE = 25;

type Described = Awaited<ReturnType<ReturnType<TemporalHandle['client']['workflow']['getHandle']>['describe']>>['raw'];

function failingOf(workflowId: string, raw: Described): StuckCase[] {
  const caseId = workflowId.startsWith('case-') ? workflowId.slice(5) : null;
  const task = raw.pendingWorkflowTask;
  if (task && (task.attempt ?? 0) > 1)
    return [
      {
        workflowId,
        caseId,
        failing: 'workflow task',
        attempts: task.attempt ?? 0,
        lastFailure: null,
        since: toIso(task.originalScheduledTime ?? task.scheduledTime),
      },
    ];
  return (raw.pendingActivities ?? [])
    .filter((a) => (a.attempt ?? 0) > 1)
    .map((a) => ({
      workflowId,
      caseId,
      failing: a.activityType?.name ?? 'activity',
      attempts: a.attempt ?? 0,
      lastFailure: a.lastFailure?.message ?? null,
      since: toIso(a.lastStartedTime ?? a.scheduledTime),
    }));
}

function toIso(ts: { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined): string | null {
  if (!ts?.seconds) return null;
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : ts.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}
