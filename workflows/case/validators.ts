import { ApplicationFailure } from '@temporalio/common';
import { isCivilDate } from '../../domain/deadlines/civil-date';
import { storableText, UNSTORABLE } from '../../domain/text';
import type { TaskOutput, TemplateModel } from '../../process-templates/model/schema';
import type { AdvanceStageInput, CaseState, CloseCaseInput, CompleteTaskInput, MigrateTemplateInput, RecordCaseEventInput } from './state';

/**
 * Update validators: synchronous (an async validator's rejection is ignored by the SDK), pure
 * functions of the state. They throw ApplicationFailure typed NotFound / Conflict / Invalid, which
 * the API turns into 404 / 409 / 422.
 */
const conflict = (m: string) => ApplicationFailure.nonRetryable(wellFormed(m), 'Conflict');
const invalid = (m: string, details?: unknown) =>
  ApplicationFailure.create({ message: wellFormed(m), type: 'Invalid', nonRetryable: true, details: details ? [details] : [] });
const notFound = (m: string) => ApplicationFailure.nonRetryable(wellFormed(m), 'NotFound');

/**
 * A failure's message travels as a protobuf string, which must be valid Unicode: a message that
 * echoes an input with an unpaired surrogate would make the worker unable to answer the update
 * (the SDK's core refuses the completion and the worker shuts down). Unpaired halves become U+FFFD.
 */
export function wellFormed(m: string): string {
  return storableText(m);
}

/**
 * Text the database cannot store (NUL, unpaired surrogates) anywhere in an update's input is
 * refused before the update is accepted: nothing is written, nothing is recorded in the history.
 * Called by the update handlers' validators only, never by the interpreter's commands: those run
 * again on replay, and earlier runs accepted lone surrogates (stored as U+FFFD) that must replay as they ran.
 */

export function assertStorable(value: unknown, path = 'input', depth = 0): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) throw invalid(`${path}: NUL characters and unpaired surrogates cannot be stored`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(`${path}: not a finite number`);
  } else if (value && typeof value === 'object') {
    if (depth > 32) throw invalid(`${path}: nested too deeply`);
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) throw invalid(`${path}: a field name cannot be stored`);
      assertStorable(v, `${path}.${k}`, depth + 1);
    }
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function running(state: CaseState) {
  if (state.status !== 'running') throw conflict(`the case is ${state.status}`);
}

/** A value of a declared type, or an explanation of what is wrong with it. */
export function checkValue(type: TaskOutput['type'], value: unknown, options?: string[]): string | undefined {
  switch (type) {
    case 'date':
      return typeof value === 'string' && isCivilDate(value) ? undefined : 'must be a date YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be an ISO date-time with offset';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'text':
      return typeof value === 'string' && value.length <= 2000 ? undefined : 'must be text of at most 2000 characters';
    case 'choice':
      return typeof value === 'string' && (options ?? []).includes(value) ? undefined : `must be one of ${(options ?? []).join(', ')}`;
  }
}

export function validateCompleteTask(state: CaseState, input: CompleteTaskInput): void {
  running(state);
  const task = state.tasks[input?.instanceId];
  if (!task) throw notFound(`task ${input?.instanceId} is not open`);
  const node = state.model.nodes[task.node];
  if (node.type !== 'userTask') throw conflict(`node ${task.node} is not a user task`);
  const outputs = input.outputs ?? {};
  const problems: Array<{ output: string; problem: string }> = [];
  for (const o of node.outputs) {
    const v = outputs[o.name];
    if (v === undefined || v === null || v === '') {
      if (o.required) problems.push({ output: o.name, problem: 'required' });
      continue;
    }
    const p = checkValue(o.type, v, o.options);
    if (p) problems.push({ output: o.name, problem: p });
  }
  for (const name of Object.keys(outputs)) {
    if (!node.outputs.some((o) => o.name === name)) problems.push({ output: name, problem: 'not an output of this task' });
  }
  if (problems.length) {
    throw invalid(`the task cannot be completed: ${problems.map((p) => `${p.output} ${p.problem}`).join('; ')}`, problems);
  }
}

export function activeStageFor(state: CaseState, stageId?: string) {
  const active = state.stages.filter((s) => s.status === 'active');
  if (stageId) return active.find((s) => s.stage === stageId);
  return active.length === 1 ? active[0] : undefined;
}

export function validateAdvanceStage(state: CaseState, input: AdvanceStageInput): void {
  running(state);
  if (!input?.reason?.trim()) throw invalid('give a reason for advancing the stage');
  const stage = activeStageFor(state, input.stageId);
  if (!stage) {
    const active = state.stages.filter((s) => s.status === 'active').map((s) => s.stage);
    throw conflict(
      input.stageId ? `stage ${input.stageId} is not active` : `name the stage to advance (active: ${active.join(', ') || 'none'})`,
    );
  }
  if (input.toStageId !== undefined) {
    if (state.model.nodes[input.toStageId]?.type !== 'stage') throw invalid(`${input.toStageId} is not a stage of this template`);
    if (input.toStageId === stage.stage) throw invalid('the case is already in that stage');
  }
}

export function validateRecordEvent(state: CaseState, input: RecordCaseEventInput, model: TemplateModel = state.model): void {
  running(state);
  if (!IDENT.test(input?.name ?? '')) throw invalid('an event name is a word such as judgmentServed');
  if (input.date !== undefined && !isCivilDate(input.date)) throw invalid('date must be YYYY-MM-DD');
  for (const [name, value] of Object.entries(input.variables ?? {})) {
    if (!IDENT.test(name)) throw invalid(`"${name}" is not a variable name`);
    const type = model.variables[name];
    if (type) {
      const p = checkValue(type, value);
      if (p) throw invalid(`${name} ${p}`);
    } else if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw invalid(`${name} must be text, a number or true/false`);
    }
  }
}

export function validateClose(state: CaseState, input: CloseCaseInput): void {
  running(state);
  if (!input?.outcome?.trim()) throw invalid('give the outcome of the case');
}

/** Every place the case stands must exist, with the same kind, in the new version (after the mapping). */
export function validateMigrate(state: CaseState, input: MigrateTemplateInput): void {
  running(state);
  if (input?.model?.schemaVersion !== state.model.schemaVersion) throw invalid('the new version has another model schema');
  const map = (id: string) => input.mapping?.[id] ?? id;
  const missing: string[] = [];
  const expect = (oldId: string, type: string, scope: string | null) => {
    const n = input.model.nodes[map(oldId)];
    if (!n || n.type !== type || n.scope !== scope) missing.push(oldId);
  };
  const stageOf = (instance: string | null) => (instance ? map(state.stages.find((s) => s.id === instance)!.stage) : null);
  for (const s of state.stages.filter((x) => x.status === 'active')) expect(s.stage, 'stage', null);
  for (const t of state.tokens) expect(t.node, state.model.nodes[t.node].type, stageOf(t.scope));
  for (const t of Object.values(state.tasks)) expect(t.node, 'userTask', stageOf(t.scope));
  if (missing.length)
    throw invalid(`the new version has no place for ${[...new Set(missing)].join(', ')}: map them`, [...new Set(missing)]);
}
