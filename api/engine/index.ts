/**
 * The engine client: the API's only way to Temporal. Everything else in api/ imports from here,
 * never from @temporalio/client.
 */
export { createEngine, type Engine } from './engine';
export type { StartCaseOptions } from './case-engine';
export { mapEngineError } from './errors';
