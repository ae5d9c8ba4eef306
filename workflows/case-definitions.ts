import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AdvanceStageInput,
  CaseProgress,
  CloseCaseInput,
  CommandResult,
  CompleteTaskInput,
  MigrateTemplateInput,
  RecordCaseEventInput,
} from './case/state';
import { CASE_QUERIES, CASE_UPDATES } from './definitions';

/** Persisted in case histories: never rename. */
export const completeTaskUpdate = defineUpdate<CommandResult, [CompleteTaskInput]>(CASE_UPDATES.completeTask);
export const advanceStageUpdate = defineUpdate<CommandResult, [AdvanceStageInput]>(CASE_UPDATES.advanceStage);
export const recordCaseEventUpdate = defineUpdate<CommandResult, [RecordCaseEventInput]>(CASE_UPDATES.recordCaseEvent);
export const closeCaseUpdate = defineUpdate<CommandResult, [CloseCaseInput]>(CASE_UPDATES.closeCase);
export const migrateTemplateUpdate = defineUpdate<CommandResult, [MigrateTemplateInput]>(CASE_UPDATES.migrateTemplate);
export const progressQuery = defineQuery<CaseProgress>(CASE_QUERIES.progress);
