import type { AssigneeRole, CaseStatus, EscalationTarget, NodeOf, TimerSpec } from '../process-templates/model/schema';
import type { TaskSchedule } from '../domain/deadlines/task-schedule';

/** Payloads between caseWorkflow and its activities. Instants are epoch ms of workflow time. */

export type { DueInfo, TaskSchedule } from '../domain/deadlines/task-schedule';

export interface ScheduleInput {
  caseId: string;
  instanceId: string;
  node: NodeOf<'userTask'>;
  startedAt: number;
  stageStartedAt: number;
  variables: Record<string, unknown>;
  timeZone: string;
}

export interface OpenTaskInput extends ScheduleInput {
  stageInstanceId: string | null;
}

export interface OpenTaskResult extends TaskSchedule {
  taskId: string;
  assigneeId: string | null;
}

export interface CompleteTaskRowInput {
  caseId: string;
  instanceId: string;
  outputs: Record<string, unknown>;
  by: string | null;
  at: number;
}

export interface CloseTaskRowsInput {
  caseId: string;
  instanceIds: string[];
  status: 'skipped' | 'cancelled' | 'timed_out';
  reason: string | null;
  at: number;
}

export interface StageEntryInput {
  caseId: string;
  stageInstanceId: string;
  stageId: string;
  stageName: string;
  at: number;
}

export interface StageExitInput {
  caseId: string;
  stageInstanceId: string;
  at: number;
  reason: string | null;
  skipped: boolean;
  /** The stage the case is in afterwards (shown on case lists), if any. */
  current: { id: string; name: string } | null;
}

export interface BillingEventInput {
  caseId: string;
  key: string;
  nodeId: string;
  label: string;
  amountFen?: number;
  percent?: number;
}

export interface TaskAlertInput {
  caseId: string;
  instanceId: string;
  kind: 'reminder' | 'escalation';
  /** Reminder number or 0 for the escalation; part of the idempotency key with the due instant. */
  index: number;
  at: number;
  dueAt: number;
  toRole?: EscalationTarget;
}

export interface CaseEmailInput {
  caseId: string;
  key: string;
  to: AssigneeRole | 'client' | 'team';
  template: string;
  at: number;
}

export interface ResolveTimerInput {
  spec: TimerSpec;
  armedAt: number;
  variables: Record<string, unknown>;
  timeZone: string;
}

export interface CaseStatusInput {
  caseId: string;
  status: CaseStatus;
}

export interface FinishCaseInput {
  caseId: string;
  at: number;
  outcome: string | null;
  reason: string | null;
  /** How the run ended: it reached its end ('completed') or was closed by hand ('closed'); absent in runs recorded before it was passed. */
  finishedAs?: 'completed' | 'closed';
}

export interface CaseEventLogInput {
  caseId: string;
  key: string;
  name: string;
  date: string | null;
  variables: Record<string, unknown>;
  by: string | null;
}

export interface DocumentRequestInput {
  caseId: string;
  key: string;
  template: string;
  /** A review task for the lead lawyer once the document is made. */
  review?: boolean;
}

export interface TemplateSwitchInput {
  caseId: string;
  versionId: string;
}
