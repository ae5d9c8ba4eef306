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
  const items: StuckCase[] = [];
  let examined = 0;
  for await (const run of t.client.workflow.list({ query: CASE_RUNS })) {
    if (++examined > limit) break;
    const { raw } = await t.client.workflow.getHandle(run.workflowId, run.runId).describe();
    const caseId = run.workflowId.startsWith('case-') ? run.workflowId.slice(5) : null;
    const task = raw.pendingWorkflowTask;
    if (task && (task.attempt ?? 0) > 1) {
      items.push({
        workflowId: run.workflowId,
        caseId,
        failing: 'workflow task',
        attempts: task.attempt ?? 0,
        lastFailure: null,
        since: toIso(task.originalScheduledTime ?? task.scheduledTime),
      });
      continue;
    }
    for (const a of raw.pendingActivities ?? []) {
      if ((a.attempt ?? 0) <= 1) continue;
      items.push({
        workflowId: run.workflowId,
        caseId,
        failing: a.activityType?.name ?? 'activity',
        attempts: a.attempt ?? 0,
        lastFailure: a.lastFailure?.message ?? null,
        since: toIso(a.lastStartedTime ?? a.scheduledTime),
      });
    }
  }
  return { items, examined: Math.min(examined, limit) };
}

function toIso(ts: { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined): string | null {
  if (!ts?.seconds) return null;
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : ts.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}
