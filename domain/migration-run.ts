import { z } from 'zod';

/**
 * The progress of a bulk migration run (migrateCasesWorkflow), declared once: the workflow holds
 * and answers it (it imports the type only: the bundle carries no zod), the API contract builds its
 * wire schema from it, and the UI takes its type from the contract. The workflow itself only ever
 * says 'running' or 'completed'; 'failed' is the engine's word for a run that closed without
 * completing (terminated, timed out, failed), which the API reads from the run's close status.
 */
export const MIGRATION_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type MigrationRunStatus = (typeof MIGRATION_RUN_STATUSES)[number];

export const ZMigrationRun = z.object({
  templateKey: z.string(),
  status: z.enum(MIGRATION_RUN_STATUSES),
  total: z.number().int(),
  done: z.number().int().describe('Cases handled so far, moved or not'),
  migrated: z.array(z.uuid()),
  failed: z.array(z.object({ caseId: z.uuid(), error: z.string() })),
  error: z.string().optional().describe('Why the run ended before it completed (status failed)'),
});

export type MigrateCasesProgress = z.infer<typeof ZMigrationRun>;
