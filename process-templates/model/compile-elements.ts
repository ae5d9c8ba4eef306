import type { ModdleElement } from 'bpmn-moddle';
import { parseIsoDuration, fixedDurationMs } from '../../domain/deadlines/iso-duration';
import { durationAsPeriod } from '../../domain/deadlines/due-rules';
import { STATUTORY_PERIOD_KEYS } from '../../domain/deadlines/catalogue';
import type { ErrorList } from './errors';
import {
  ASSIGNEE_ROLES,
  CASE_STATUSES,
  ESCALATION_TARGETS,
  OUTPUT_TYPES,
  SERVICE_ACTIONS,
  STAGE_CLIENT_LIMITS,
  TASK_KINDS,
  type DueRule,
  type EscalationTarget,
  type NodeOf,
  type ServiceAction,
  type StageClient,
  type TaskOutput,
  type TimerSpec,
} from './schema';

/** Variable names: identifiers, so conditions can read them. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The lexflow attribute names each element type may carry (anything else of ours is misplaced). */
const SERVICE_ATTRS: Record<(typeof SERVICE_ACTIONS)[number], string[]> = {
  billingEvent: ['amountFen', 'percent', 'billingLabel'],
  email: ['emailTo', 'emailTemplate'],
  generateDocument: ['documentTemplate', 'reviewTask'],
  setStatus: ['status'],
};

const attr = (el: ModdleElement, name: string): string | undefined => {
  const v = el.get(`lexflow:${name}`);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  el: ModdleElement,
  what: string,
  errors: ErrorList,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.add(el.id, 'bad-attribute', `${what} "${value}" is not one of ${allowed.join(', ')}`);
  return fallback;
}

function bool(value: string | undefined, fallback: boolean, el: ModdleElement, what: string, errors: ErrorList): boolean {
  if (value === undefined) return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  errors.add(el.id, 'bad-attribute', `${what} must be true or false, not "${value}"`);
  return fallback;
}

/** A duration that is a fixed length (weeks, days, hours, minutes): reminder offsets, escalations. */
function fixedDuration(text: string, el: ModdleElement, what: string, errors: ErrorList): string | undefined {
  const d = parseIsoDuration(text);
  if (!d || fixedDurationMs(d) === undefined || fixedDurationMs(d) === 0) {
    errors.add(el.id, 'bad-duration', `${what} "${text}" must be an ISO-8601 duration in weeks, days, hours or minutes (e.g. P3D, PT12H)`);
    return undefined;
  }
  return text.toUpperCase();
}

function dueRule(el: ModdleElement, scope: string | null, errors: ErrorList): DueRule | undefined {
  const due = attr(el, 'due');
  const period = attr(el, 'duePeriod');
  const fromText = attr(el, 'dueFrom');
  const variable = attr(el, 'dueVariable');
  const calendarText = attr(el, 'dueCalendar');
  if (!due && !period) {
    for (const [name, v] of [
      ['dueFrom', fromText],
      ['dueVariable', variable],
      ['dueCalendar', calendarText],
    ] as const) {
      if (v) errors.add(el.id, 'bad-attribute', `${name} needs a due rule (lexflow:due or lexflow:duePeriod)`);
    }
    return undefined;
  }
  if (due && period) {
    errors.add(el.id, 'bad-attribute', 'give either lexflow:due (a duration) or lexflow:duePeriod (a statutory period), not both');
    return undefined;
  }
  const from = oneOf(fromText, ['nodeStart', 'stageStart', 'variable'] as const, 'nodeStart', el, 'dueFrom', errors);
  if (from === 'stageStart' && scope === null)
    errors.add(el.id, 'bad-attribute', 'dueFrom="stageStart" needs the task to be inside a stage');
  if (from === 'variable' && !variable)
    errors.add(el.id, 'bad-attribute', 'dueFrom="variable" needs lexflow:dueVariable (e.g. judgmentServedAt)');
  if (from !== 'variable' && variable) errors.add(el.id, 'bad-attribute', 'lexflow:dueVariable is only read with dueFrom="variable"');
  if (variable && !IDENTIFIER.test(variable)) errors.add(el.id, 'bad-attribute', `dueVariable "${variable}" is not a variable name`);
  const fromPart = { from, ...(from === 'variable' && variable ? { variable } : {}) };
  if (period) {
    if (calendarText) errors.add(el.id, 'bad-attribute', 'a statutory period counts its own way; drop lexflow:dueCalendar');
    if (!STATUTORY_PERIOD_KEYS.has(period)) {
      errors.add(el.id, 'unknown-period', `"${period}" is not a statutory period of the catalogue`);
      return undefined;
    }
    return { kind: 'statutory', period, ...fromPart };
  }
  const calendar = oneOf(calendarText, ['calendar', 'workdays'] as const, 'calendar', el, 'dueCalendar', errors);
  const d = parseIsoDuration(due!);
  const timeOnly = d && !d.years && !d.months && !d.weeks && !d.days && (d.hours || d.minutes);
  if (!d || (!timeOnly && !durationAsPeriod(d, calendar))) {
    errors.add(
      el.id,
      'bad-duration',
      calendar === 'workdays'
        ? `due "${due}" must be a number of days (e.g. P10D) when counted in working days`
        : `due "${due}" must be an ISO-8601 duration of one unit (P15D, P2W, P3M, P2Y) or hours (PT48H)`,
    );
    return undefined;
  }
  if (timeOnly && calendar === 'workdays') errors.add(el.id, 'bad-duration', 'hour periods cannot be counted in working days');
  return { kind: 'duration', duration: due!.toUpperCase(), ...fromPart, calendar };
}

function outputs(el: ModdleElement, errors: ErrorList): TaskOutput[] {
  const result: TaskOutput[] = [];
  for (const ext of el.extensionElements?.values ?? []) {
    if (ext.$type !== 'lexflow:Outputs') continue;
    for (const o of ext.values ?? []) {
      const name = String(o.name ?? '');
      if (!IDENTIFIER.test(name)) errors.add(el.id, 'bad-output', `output name "${name}" is not a variable name`);
      if (result.some((r) => r.name === name)) errors.add(el.id, 'bad-output', `output "${name}" is declared twice`);
      const type = oneOf(o.type, OUTPUT_TYPES, 'text', el, `output ${name} type`, errors);
      const options =
        typeof o.options === 'string'
          ? o.options
              .split(',')
              .map((s: string) => s.trim())
              .filter(Boolean)
          : undefined;
      if (type === 'choice' && !options?.length) errors.add(el.id, 'bad-output', `choice output "${name}" needs options="a,b,c"`);
      if (type !== 'choice' && options) errors.add(el.id, 'bad-output', `only choice outputs take options ("${name}" is ${type})`);
      result.push({
        name,
        type,
        required: bool(o.required, true, el, `output ${name} required`, errors),
        ...(options ? { options } : {}),
        ...(o.label ? { label: String(o.label) } : {}),
        ...(o.labelEn ? { labelEn: String(o.labelEn) } : {}),
      });
    }
  }
  return result;
}

type UserTask = Omit<NodeOf<'userTask'>, 'outgoing' | 'boundary'>;

export function buildUserTask(el: ModdleElement, scope: string | null, errors: ErrorList): UserTask {
  const due = dueRule(el, scope, errors);
  const reminders = (attr(el, 'reminders') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((r) => fixedDuration(r, el, 'reminder', errors))
    .filter((r): r is string => r !== undefined);
  const after = attr(el, 'escalateAfter');
  const to = attr(el, 'escalateTo');
  if ((after || reminders.length) && !due && !attr(el, 'due') && !attr(el, 'duePeriod')) {
    errors.add(el.id, 'bad-attribute', 'reminders and escalation count from the due date: give the task a due rule');
  }
  if (Boolean(after) !== Boolean(to))
    errors.add(el.id, 'bad-attribute', 'escalation needs both lexflow:escalateAfter and lexflow:escalateTo');
  const afterOk = after ? fixedDuration(after, el, 'escalateAfter', errors) : undefined;
  const toRole = to ? oneOf<EscalationTarget>(to, ESCALATION_TARGETS, 'partner', el, 'escalateTo', errors) : undefined;
  return {
    type: 'userTask',
    id: el.id!,
    name: el.name ?? el.id!,
    ...(attr(el, 'nameEn') ? { nameEn: attr(el, 'nameEn') } : {}),
    scope,
    assigneeRole: oneOf(attr(el, 'assigneeRole'), ASSIGNEE_ROLES, 'lead', el, 'assigneeRole', errors),
    taskKind: oneOf(attr(el, 'taskKind'), TASK_KINDS, 'task', el, 'taskKind', errors),
    required: bool(attr(el, 'required'), true, el, 'required', errors),
    ...(due ? { due } : {}),
    reminders,
    ...(afterOk && toRole ? { escalation: { after: afterOk, toRole } } : {}),
    outputs: outputs(el, errors),
  };
}

export function buildService(el: ModdleElement, errors: ErrorList): ServiceAction | undefined {
  const action = attr(el, 'action');
  if (!action) {
    errors.add(el.id, 'missing-action', `a service task needs lexflow:action (${SERVICE_ACTIONS.join(', ')})`);
    return undefined;
  }
  if (!(SERVICE_ACTIONS as readonly string[]).includes(action)) {
    errors.add(el.id, 'bad-attribute', `action "${action}" is not one of ${SERVICE_ACTIONS.join(', ')}`);
    return undefined;
  }
  const act = action as (typeof SERVICE_ACTIONS)[number];
  for (const [other, names] of Object.entries(SERVICE_ATTRS)) {
    if (other === act) continue;
    for (const n of names) if (attr(el, n)) errors.add(el.id, 'bad-attribute', `lexflow:${n} does not apply to action ${act}`);
  }
  switch (act) {
    case 'billingEvent': {
      const amount = attr(el, 'amountFen');
      const percent = attr(el, 'percent');
      if (Boolean(amount) === Boolean(percent)) {
        errors.add(el.id, 'bad-attribute', 'a billing event needs exactly one of lexflow:amountFen (integer fen) or lexflow:percent');
        return undefined;
      }
      if (amount && !/^[1-9]\d{0,13}$/.test(amount)) {
        errors.add(el.id, 'bad-attribute', `amountFen "${amount}" must be a positive whole number of fen`);
        return undefined;
      }
      const p = percent ? Number(percent) : undefined;
      if (percent && !(p! > 0 && p! <= 100)) {
        errors.add(el.id, 'bad-attribute', `percent "${percent}" must be above 0 and at most 100`);
        return undefined;
      }
      return {
        action: 'billingEvent',
        ...(amount ? { amountFen: Number(amount) } : { percent: p }),
        label: attr(el, 'billingLabel') ?? el.name ?? el.id!,
      };
    }
    case 'email': {
      const to = attr(el, 'emailTo');
      const template = attr(el, 'emailTemplate');
      if (!to || !['client', 'team', ...ASSIGNEE_ROLES].includes(to)) {
        errors.add(el.id, 'bad-attribute', `emailTo must be client, team or one of ${ASSIGNEE_ROLES.join(', ')}`);
        return undefined;
      }
      if (!template || !IDENTIFIER.test(template)) {
        errors.add(el.id, 'bad-attribute', 'an email needs lexflow:emailTemplate (a template name)');
        return undefined;
      }
      return { action: 'email', to, template };
    }
    case 'generateDocument': {
      const template = attr(el, 'documentTemplate');
      if (!template) {
        errors.add(el.id, 'bad-attribute', 'generateDocument needs lexflow:documentTemplate');
        return undefined;
      }
      const review = bool(attr(el, 'reviewTask'), false, el, 'reviewTask', errors);
      return review ? { action: 'generateDocument', template, review: true } : { action: 'generateDocument', template };
    }
    case 'setStatus': {
      const status = attr(el, 'status');
      if (!status || !(CASE_STATUSES as readonly string[]).includes(status)) {
        errors.add(el.id, 'bad-attribute', `setStatus needs lexflow:status, one of ${CASE_STATUSES.join(', ')}`);
        return undefined;
      }
      return { action: 'setStatus', status: status as (typeof CASE_STATUSES)[number] };
    }
  }
}

/** The timer of a timer event definition: a duration, a fixed date, or ${variable}. */
export function buildTimer(el: ModdleElement, def: ModdleElement, errors: ErrorList): TimerSpec | undefined {
  const body = (e: ModdleElement | undefined) => (typeof e?.body === 'string' ? e.body.trim() : undefined);
  const duration = body(def.timeDuration);
  const date = body(def.timeDate);
  if (def.timeCycle) {
    errors.add(el.id, 'unsupported-timer', 'repeating timers (timeCycle) are not supported; use reminders on the task');
    return undefined;
  }
  if (Boolean(duration) === Boolean(date)) {
    errors.add(el.id, 'bad-timer', 'a timer needs exactly one of timeDuration or timeDate');
    return undefined;
  }
  if (duration) {
    if (!parseIsoDuration(duration)) {
      errors.add(el.id, 'bad-duration', `timeDuration "${duration}" is not an ISO-8601 duration (e.g. P30D)`);
      return undefined;
    }
    return { kind: 'duration', duration: duration.toUpperCase() };
  }
  const ref = /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/.exec(date!);
  if (ref) return { kind: 'variable', variable: ref[1] };
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(date!) && !Number.isNaN(Date.parse(date!))) {
    return { kind: 'date', date: date! };
  }
  errors.add(el.id, 'bad-timer', `timeDate "${date}" must be an ISO date/time or \${variableName}`);
  return undefined;
}

/**
 * How the client portal shows a stage: a stage with `lexflow:clientLabel` is shown under that name;
 * `lexflow:notifyClient` (entering it mails the client) and the other client texts need the label.
 */
export function buildStageClient(el: ModdleElement, errors: ErrorList): StageClient | undefined {
  const label = attr(el, 'clientLabel');
  const texts = {
    labelEn: attr(el, 'clientLabelEn'),
    description: attr(el, 'clientDescription'),
    descriptionEn: attr(el, 'clientDescriptionEn'),
  };
  const notify = bool(attr(el, 'notifyClient'), false, el, 'notifyClient', errors);
  if (!label) {
    if (notify) errors.add(el.id, 'bad-attribute', 'notifyClient needs lexflow:clientLabel: the client is told the stage under that name');
    for (const [name, v] of [
      ['clientLabelEn', texts.labelEn],
      ['clientDescription', texts.description],
      ['clientDescriptionEn', texts.descriptionEn],
    ] as const) {
      if (v)
        errors.add(el.id, 'bad-attribute', `lexflow:${name} needs lexflow:clientLabel (a stage without it is not shown to the client)`);
    }
    return undefined;
  }
  let fits = true;
  for (const [name, v, max] of [
    ['clientLabel', label, STAGE_CLIENT_LIMITS.label],
    ['clientLabelEn', texts.labelEn, STAGE_CLIENT_LIMITS.label],
    ['clientDescription', texts.description, STAGE_CLIENT_LIMITS.description],
    ['clientDescriptionEn', texts.descriptionEn, STAGE_CLIENT_LIMITS.description],
  ] as const) {
    if (v && v.length > max) {
      errors.add(el.id, 'bad-attribute', `lexflow:${name} has ${v.length} characters; at most ${max} are allowed`);
      fits = false;
    }
  }
  if (!fits) return undefined;
  return {
    label,
    ...(texts.labelEn ? { labelEn: texts.labelEn } : {}),
    ...(texts.description ? { description: texts.description } : {}),
    ...(texts.descriptionEn ? { descriptionEn: texts.descriptionEn } : {}),
    notify,
  };
}
