import { defineQuery } from '@temporalio/workflow';
import { MIGRATION_QUERIES, type MigrateCasesProgress } from './definitions';

/** Persisted in migration histories: never rename. */
export const migrationProgressQuery = defineQuery<MigrateCasesProgress>(MIGRATION_QUERIES.progress);
