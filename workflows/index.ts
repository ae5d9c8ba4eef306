// Bundle entry of the worker: every workflow type is exported from here.
export { pingWorkflow } from './ping-workflow';
export { caseWorkflow } from './case-workflow';
export { digestWorkflow } from './digest-workflow';
export { migrateCasesWorkflow } from './migrate-cases-workflow';
