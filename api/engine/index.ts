/**
 * The engine client: the API's only way to Temporal. Everything else in api/ imports from here,
 * never from @temporalio/client.
 */
export { createTemporalHandle, DEFAULT_ENGINE_BUDGETS, type EngineBudgets, type TemporalHandle } from './connection';
export { createEngine, type Engine } from './engine';
