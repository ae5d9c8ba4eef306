/**
 * Names persisted in workflow histories (types, signals, queries, updates) and the payload types
 * the API and the worker share. Never rename a persisted name.
 */
export const WORKFLOW_TYPES = { ping: 'pingWorkflow', case: 'caseWorkflow', digest: 'digestWorkflow' } as const;

/** The schedule that starts digestWorkflow at the top of every hour, firm time (persisted: never rename). */
export const DIGEST_SCHEDULE_ID = 'lexflow-daily-digest';

/** The id of a case's workflow. */
export const caseWorkflowId = (caseId: string) => `case-${caseId}`;

export interface PingInput {
  /** Idempotency key of the row the activity writes. */
  key: string;
  message: string;
  /** Optional durable sleep before writing, in ms (exercised under the time-skipping server). */
  delayMs?: number;
}

export interface PingResult {
  key: string;
  message: string;
  written: boolean;
  recordedAt: string;
}

/** Update and query names of caseWorkflow (persisted in histories: never rename). */
export const CASE_UPDATES = {
  completeTask: 'completeTask',
  advanceStage: 'advanceStage',
  recordCaseEvent: 'recordCaseEvent',
  closeCase: 'closeCase',
  migrateTemplate: 'migrateTemplate',
} as const;
export const CASE_QUERIES = { progress: 'progress' } as const;

/**
 * The interpreter's version, recorded on each case workflow (memo `engineVersion`) so operators see
 * which interpreter a case started on. Raise it with every deliberate change of the command
 * sequence (behind `patched()`), and record a new set of replay histories for it.
 */
export const ENGINE_VERSION = 1;
