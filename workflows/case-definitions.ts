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

/** Persisted in case histories: never rename. */
export const completeTaskUpdate = defineUpdate<CommandResult, [CompleteTaskInput]>('completeTask');
export const advanceStageUpdate = defineUpdate<CommandResult, [AdvanceStageInput]>('advanceStage');
export const recordCaseEventUpdate = defineUpdate<CommandResult, [RecordCaseEventInput]>('recordCaseEvent');
export const closeCaseUpdate = defineUpdate<CommandResult, [CloseCaseInput]>('closeCase');
export const migrateTemplateUpdate = defineUpdate<CommandResult, [MigrateTemplateInput]>('migrateTemplate');
export const progressQuery = defineQuery<CaseProgress>('progress');
