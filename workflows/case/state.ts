import type { TemplateModel } from '../../process-templates/model/schema';
import type { CaseRunStatus } from '../../domain/case-runtime';
import type { DueInfo } from '../../activities/case-types';

/**
 * The whole state of a case workflow as plain JSON: what continue-as-new carries into the next
 * run. Timers are absolute instants, so reminders and escalations survive the hand-over.
 */
export type Wait =
  | { kind: 'task'; task: string }
  | { kind: 'timer'; at: number | null; variable?: string }
  | { kind: 'message'; message: string }
  | { kind: 'stage'; stage: string }
  | { kind: 'gateway' };

export interface Token {
  id: string;
  node: string;
  /** The stage instance the token runs in; null at the process level. */
  scope: string | null;
  via?: string;
  wait?: Wait;
}

export interface BoundaryState {
  node: string;
  at: number | null;
  fired: boolean;
}

export interface TaskState {
  id: string;
  node: string;
  taskId: string;
  assigneeId: string | null;
  token: string | null;
  scope: string | null;
  startedAt: number;
  due: DueInfo | null;
  waitingFor?: string;
  remindersSent: number;
  escalated: boolean;
  boundaries: BoundaryState[];
}

export interface StageState {
  id: string;
  stage: string;
  token: string;
  enteredAt: number;
  exitedAt?: number;
  status: 'active' | 'done' | 'skipped';
  boundaries: BoundaryState[];
}

export interface CaseState {
  caseId: string;
  versionId: string;
  timeZone: string;
  model: TemplateModel;
  variables: Record<string, unknown>;
  seq: number;
  status: CaseRunStatus;
  tokens: Token[];
  tasks: Record<string, TaskState>;
  stages: StageState[];
  joins: Record<string, string[]>;
  events: Array<{ name: string; date: string; consumed: boolean }>;
  completedTasks: number;
  startedAt: number;
}

export interface CaseWorkflowInput {
  caseId: string;
  versionId: string;
  model: TemplateModel;
  variables: Record<string, unknown>;
  timeZone: string;
  /** Set by continue-as-new: the state the previous run handed over. */
  state?: CaseState;
  /** Hand over to a new run once the history passes this many events (tests; default: the server's suggestion). */
  continueAsNewAfterEvents?: number;
  /** A reopened case: the top-level stage to begin in (instead of the start event)… */
  startAt?: string;
  /** …and the id counter to continue from, so no task or stage id of the earlier run is reused. */
  seqStart?: number;
}

export interface CompleteTaskInput {
  instanceId: string;
  outputs: Record<string, unknown>;
  by: string | null;
}

export interface AdvanceStageInput {
  /** The stage to leave (its id); default: the only active stage. */
  stageId?: string;
  /** Jump straight to this stage instead of following the flow. */
  toStageId?: string;
  reason: string;
  by: string | null;
}

export interface RecordCaseEventInput {
  /** Event name, e.g. judgmentServed; sets the variable <name>At to `date`. */
  name: string;
  date?: string;
  variables?: Record<string, unknown>;
  by: string | null;
  key: string;
}

export interface CloseCaseInput {
  outcome: string;
  reason?: string;
  by: string | null;
}

export interface MigrateTemplateInput {
  versionId: string;
  model: TemplateModel;
  /** Old node id → new node id, for stages and tasks whose ids changed. */
  mapping: Record<string, string>;
  by: string | null;
}

/** What the workflow answers (open tasks, progress, command results): declared once, in domain/. */
export type { CaseProgress, CommandResult, OpenTaskView } from '../../domain/case-runtime';

/** A case's state before its first step: also what the designer's simulation starts from. */
export function initialState(input: CaseWorkflowInput, startedAt: number): CaseState {
  return {
    caseId: input.caseId,
    versionId: input.versionId,
    timeZone: input.timeZone,
    model: input.model,
    variables: { ...input.variables },
    seq: input.seqStart ?? 0,
    status: 'running',
    tokens: [],
    tasks: {},
    stages: [],
    joins: {},
    events: [],
    completedTasks: 0,
    startedAt,
  };
}
