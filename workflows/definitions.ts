/**
 * Names persisted in workflow histories (types, signals, queries, updates) and the payload types
 * the API and the worker share. Never rename a persisted name.
 */
export const WORKFLOW_TYPES = {
  ping: 'pingWorkflow',
  case: 'caseWorkflow',
  digest: 'digestWorkflow',
  migrateCases: 'migrateCasesWorkflow',
} as const;

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

/** The id of a bulk migration run (`migrateCasesWorkflow`); `key` is the id the API hands out. */
export const migrationWorkflowId = (key: string) => `migrate-cases-${key}`;
/** Query name of migrateCasesWorkflow (persisted in histories: never rename). */
export const MIGRATION_QUERIES = { progress: 'progress' } as const;

/** One bulk migration: running cases of one template moved, one after the other, to one version. */
export interface MigrateCasesInput {
  templateKey: string;
  toVersionId: string;
  /** The cases to move, in this order. */
  caseIds: string[];
  /** Cases refused before the run began (not running cases of another version), with the reason. */
  refused: Array<{ caseId: string; error: string }>;
  mapping: Record<string, string>;
  by: string | null;
}

/** A run's progress: declared once in domain/migration-run.ts (a zod schema the API contract builds on). */
export type { MigrateCasesProgress } from '../domain/migration-run';

/** What the migration activity answers for one case: moved, or refused with the case workflow's reason. */
export type MigrateOneCaseResult = { ok: true } | { ok: false; error: string };

/**
 * The interpreter's version, recorded on each case workflow (memo `engineVersion`) so operators see
 * which interpreter a case started on. Raise it with every deliberate change of the command
 * sequence (behind `patched()`), and record a new set of replay histories for it.
 */
export const ENGINE_VERSION = 2;

/** The ApplicationFailure type of an activity whose write the database refused for its data. */
export const DATA_ERROR_FAILURE = 'DataError';

/** The patch under which such a failure fails the update and restores the case, instead of failing the workflow task. */
export const DATA_ERROR_PATCH = 'data-error-fails-update';

/**
 * The patch under which a case step's writes go to the worker as one transaction (`applyCaseStep`,
 * with the next effect whose answer the step needs) instead of one local activity each (ENGINE_VERSION 2).
 */
export const STEP_TRANSACTION_PATCH = 'one-transaction-per-step';
