import { z } from 'zod';
import type { Expr } from './expression';
import { ASSIGNEE_ROLES } from './roles';

/**
 * THE compiled template model: what the BPMN compiler emits, what is stored with a published
 * version, and what caseWorkflow interprets. Plain JSON; node ids are the BPMN element ids.
 */
export const MODEL_SCHEMA_VERSION = 1;

export const PRACTICE_AREAS = ['civil', 'criminal', 'administrative', 'arbitration', 'non_litigation'] as const;
export type PracticeArea = (typeof PRACTICE_AREAS)[number];

/**
 * The firm's case types (the vocabulary a template's matching is picked from; named in the UI by
 * `caseTypeNames.*`), by the practice area they belong to. A template may still carry a case type
 * outside it (written by CASE_TYPE_PATTERN): it is kept and shown as custom.
 */
export const CASE_TYPES_BY_AREA: Record<PracticeArea, readonly string[]> = {
  civil: ['first_instance', 'second_instance', 'retrial', 'enforcement'],
  criminal: ['defence', 'second_instance'],
  administrative: ['first_instance', 'second_instance'],
  arbitration: ['commercial', 'labour'],
  non_litigation: ['due_diligence'],
};
export const CASE_TYPES = [...new Set(Object.values(CASE_TYPES_BY_AREA).flat())];

/** How a case type is written wherever a template's matching holds it: the model's `lexflow:caseTypes` and the app's matching. */
export const CASE_TYPE_PATTERN = /^[a-z][a-z0-9_]{1,40}$/;

export { ASSIGNEE_ROLES, type AssigneeRole } from './roles';
/**
 * Whom an overdue task escalates to (lexflow:escalateTo): a case role, or `supervisor` — the
 * assignee's supervisor from their staff profile. Whatever the template names, an assignee whose
 * profile names a supervisor escalates to them; without one, `supervisor` falls back to the partners.
 */
export const ESCALATION_TARGETS = [...ASSIGNEE_ROLES, 'supervisor'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export const TASK_KINDS = ['task', 'hearing', 'filing', 'document', 'approval'] as const;
export const OUTPUT_TYPES = ['date', 'datetime', 'text', 'number', 'boolean', 'choice'] as const;
export const SERVICE_ACTIONS = ['billingEvent', 'email', 'generateDocument', 'setStatus'] as const;
export const CASE_STATUSES = ['active', 'suspended', 'concluded', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Variables every case has from the start (set by the API when the case is opened). */
export const BUILTIN_VARIABLES = {
  practiceArea: 'text',
  caseType: 'text',
  amountInDisputeFen: 'number',
  priority: 'text',
  openedAt: 'date',
} as const satisfies Record<string, (typeof OUTPUT_TYPES)[number]>;

const ZId = z.string().min(1).max(200);
const ZExpr: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ t: z.literal('lit'), v: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
    z.object({ t: z.literal('var'), name: z.string() }),
    z.object({ t: z.literal('not'), e: ZExpr }),
    z.object({ t: z.literal('neg'), e: ZExpr }),
    z.object({
      t: z.literal('bin'),
      op: z.enum(['==', '!=', '<', '<=', '>', '>=', '&&', '||', '+', '-', '*', '/']),
      l: ZExpr,
      r: ZExpr,
    }),
    z.object({ t: z.literal('in'), e: ZExpr, list: z.array(ZExpr) }),
  ]),
) as z.ZodType<Expr>;

export const ZDueFrom = z.enum(['nodeStart', 'stageStart', 'variable']);
export const ZDueRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('duration'),
    duration: z.string(),
    from: ZDueFrom,
    variable: z.string().optional(),
    calendar: z.enum(['calendar', 'workdays']),
  }),
  z.object({ kind: z.literal('statutory'), period: z.string(), from: ZDueFrom, variable: z.string().optional() }),
]);
export type DueRule = z.infer<typeof ZDueRule>;

/** A timer: a duration from when it is armed, a fixed instant, or a date held in a case variable. */
export const ZTimerSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('duration'), duration: z.string() }),
  z.object({ kind: z.literal('date'), date: z.string() }),
  z.object({ kind: z.literal('variable'), variable: z.string() }),
]);
export type TimerSpec = z.infer<typeof ZTimerSpec>;

export const ZOutput = z.object({
  name: z.string(),
  type: z.enum(OUTPUT_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  label: z.string().optional(),
  labelEn: z.string().optional(),
});
export type TaskOutput = z.infer<typeof ZOutput>;

const base = { id: ZId, name: z.string(), nameEn: z.string().optional(), scope: ZId.nullable(), outgoing: z.array(ZId) };

export const ZServiceAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('billingEvent'),
    amountFen: z.number().int().positive().optional(),
    percent: z.number().positive().max(100).optional(),
    label: z.string(),
  }),
  z.object({ action: z.literal('email'), to: z.string(), template: z.string() }),
  /** `review`: the lead lawyer gets a task to review the document made. */
  z.object({ action: z.literal('generateDocument'), template: z.string(), review: z.boolean().optional() }),
  z.object({ action: z.literal('setStatus'), status: z.enum(CASE_STATUSES) }),
]);
export type ServiceAction = z.infer<typeof ZServiceAction>;

/**
 * How the client portal shows a stage (`lexflow:clientLabel` …). A stage without it is not shown:
 * the portal folds it into the nearest shown stage before it (or the first shown one after it).
 * `notify`: entering the stage sends the client a mail and a portal notice.
 */
export const STAGE_CLIENT_LIMITS = { label: 60, description: 500 } as const;
export const ZStageClient = z.object({
  label: z.string().min(1).max(STAGE_CLIENT_LIMITS.label),
  labelEn: z.string().max(STAGE_CLIENT_LIMITS.label).optional(),
  description: z.string().max(STAGE_CLIENT_LIMITS.description).optional(),
  descriptionEn: z.string().max(STAGE_CLIENT_LIMITS.description).optional(),
  notify: z.boolean(),
});
export type StageClient = z.infer<typeof ZStageClient>;

export const ZNode = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('start') }),
  z.object({ ...base, type: z.literal('end'), terminate: z.boolean() }),
  z.object({ ...base, type: z.literal('stage'), start: ZId, boundary: z.array(ZId), client: ZStageClient.optional() }),
  z.object({
    ...base,
    type: z.literal('userTask'),
    assigneeRole: z.enum(ASSIGNEE_ROLES),
    taskKind: z.enum(TASK_KINDS),
    required: z.boolean(),
    due: ZDueRule.optional(),
    reminders: z.array(z.string()),
    escalation: z.object({ after: z.string(), toRole: z.enum(ESCALATION_TARGETS) }).optional(),
    outputs: z.array(ZOutput),
    boundary: z.array(ZId),
  }),
  z.object({ ...base, type: z.literal('serviceTask'), service: ZServiceAction }),
  z.object({ ...base, type: z.literal('exclusiveGateway'), default: ZId.optional() }),
  z.object({ ...base, type: z.literal('parallelGateway'), incoming: z.array(ZId) }),
  z.object({ ...base, type: z.literal('timerCatch'), timer: ZTimerSpec }),
  z.object({ ...base, type: z.literal('messageCatch'), message: z.string() }),
  z.object({ ...base, type: z.literal('boundaryTimer'), attachedTo: ZId, interrupting: z.boolean(), timer: ZTimerSpec }),
]);
export type ModelNode = z.infer<typeof ZNode>;
export type NodeOf<T extends ModelNode['type']> = Extract<ModelNode, { type: T }>;

export const ZFlow = z.object({
  id: ZId,
  source: ZId,
  target: ZId,
  condition: z.object({ text: z.string(), ast: ZExpr }).optional(),
});
export type Flow = z.infer<typeof ZFlow>;

export const ZTemplateModel = z.object({
  schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
  processId: ZId,
  name: z.string(),
  nameEn: z.string().optional(),
  practiceArea: z.enum(PRACTICE_AREAS).optional(),
  caseTypes: z.array(z.string()),
  start: ZId,
  nodes: z.record(z.string(), ZNode),
  flows: z.record(z.string(), ZFlow),
  /** Stage ids in the order a case normally meets them (for steppers and progress). */
  stages: z.array(ZId),
  /** Every variable the template reads or captures, with its type. */
  variables: z.record(z.string(), z.enum(OUTPUT_TYPES)),
  /** Case events the template waits for (message catch names). */
  messages: z.array(z.string()),
});
export type TemplateModel = z.infer<typeof ZTemplateModel>;

export interface CompileError {
  elementId: string;
  code: string;
  message: string;
}
