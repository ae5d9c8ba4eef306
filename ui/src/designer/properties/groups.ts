import { ListGroup } from '@bpmn-io/properties-panel';
import { STATUTORY_PERIODS } from '../../../../domain/deadlines/catalogue';
import { fenToYuan, isYuanInput, parseYuan } from '../../../../domain/money';
import {
  ASSIGNEE_ROLES,
  CASE_STATUSES,
  ESCALATION_TARGETS,
  OUTPUT_TYPES,
  SERVICE_ACTIONS,
  STAGE_CLIENT_LIMITS,
  TASK_KINDS,
} from '../../../../process-templates/model/schema';
import { FIXED_UNITS } from '../duration';
import { duration, durationList } from './duration-entry';
import { checkbox, read, select, text, textArea, type Option } from './entries';
import { definitionsOf, knownVariables } from './variables';

export interface Texts {
  t: (key: string, params?: Record<string, unknown>) => string;
  locale: () => string;
}

const opts = (values: readonly string[], label: (v: string) => string, empty?: string): Option[] => [
  ...(empty !== undefined ? [{ value: '', label: empty }] : []),
  ...values.map((v) => ({ value: v, label: label(v) })),
];

const DUE_ATTRS = {
  'lexflow:due': undefined,
  'lexflow:duePeriod': undefined,
  'lexflow:dueCalendar': undefined,
  'lexflow:dueFrom': undefined,
  'lexflow:dueVariable': undefined,
};

/** Who does a task, what kind of work it is, whether the case waits for it. */
export function taskGroup(element: any, x: Texts) {
  const { t } = x;
  return {
    id: 'lexflow-task',
    label: t('designer.props.task'),
    entries: [
      text('lexflow-nameEn', { element, attr: 'nameEn', label: t('designer.props.nameEn') }),
      select('lexflow-assigneeRole', {
        element,
        attr: 'assigneeRole',
        label: t('designer.props.assigneeRole'),
        options: () =>
          opts(ASSIGNEE_ROLES, (r) => t(`designer.roles.${r}`), `${t('designer.roles.lead')} (${t('designer.props.default')})`),
      }),
      select('lexflow-taskKind', {
        element,
        attr: 'taskKind',
        fallback: 'task',
        label: t('designer.props.taskKind'),
        options: () => opts(TASK_KINDS, (k) => t(`designer.kinds.${k}`)),
      }),
      checkbox('lexflow-required', { element, attr: 'required', label: t('designer.props.required'), fallback: true }),
    ],
  };
}

/** The due rule: a duration or a statutory period, counted from the task, the stage or a case date. */
export function dueGroup(element: any, x: Texts) {
  const { t, locale } = x;
  const bo = element.businessObject;
  const mode = read(bo, 'duePeriod') ? 'statutory' : read(bo, 'due') ? 'duration' : '';
  const entries: unknown[] = [
    select('lexflow-dueMode', {
      element,
      label: t('designer.props.dueMode'),
      value: () => mode,
      options: () => opts(['duration', 'statutory'], (m) => t(`designer.props.dueModes.${m}`), t('designer.props.noDue')),
      onChange: (v: string, modeling: any) => {
        if (v === 'duration') modeling.updateProperties(element, { ...DUE_ATTRS, 'lexflow:due': 'P15D' });
        else if (v === 'statutory') modeling.updateProperties(element, { ...DUE_ATTRS, 'lexflow:duePeriod': 'civil.answer' });
        else
          modeling.updateProperties(element, {
            ...DUE_ATTRS,
            'lexflow:reminders': undefined,
            'lexflow:escalateAfter': undefined,
            'lexflow:escalateTo': undefined,
          });
      },
    }),
  ];
  if (mode === 'duration') {
    entries.push(
      duration('lexflow-due', {
        element,
        label: t('designer2.duration.due'),
        description: t('designer2.duration.dueHelp'),
        texts: x,
        workdays: true,
        read: () => ({ iso: read(bo, 'due'), calendar: read(bo, 'dueCalendar') }),
        write: (modeling: any, v?: { iso: string; calendar: string }) =>
          v &&
          modeling.updateProperties(element, {
            'lexflow:due': v.iso,
            'lexflow:dueCalendar': v.calendar === 'workdays' ? 'workdays' : undefined,
          }),
      }),
    );
  }
  if (mode === 'statutory') {
    const current = STATUTORY_PERIODS.find((p) => p.key === read(bo, 'duePeriod'));
    const lang = locale() === 'en' ? 'en' : 'zh';
    entries.push(
      select('lexflow-duePeriod', {
        element,
        attr: 'duePeriod',
        label: t('designer.props.duePeriod'),
        description: current ? `${current.basis[lang]} · ${t('designer.props.trigger')}: ${current.trigger[lang]}` : undefined,
        options: () =>
          STATUTORY_PERIODS.map((p) => ({
            value: p.key,
            label: `${p.name[lang]} (${p.spec.amount}${t(`designer.units.${p.spec.unit}`)})`,
          })),
      }),
    );
  }
  if (mode) {
    const from = read(bo, 'dueFrom') || 'nodeStart';
    entries.push(
      select('lexflow-dueFrom', {
        element,
        attr: 'dueFrom',
        fallback: 'nodeStart',
        label: t('designer.props.dueFrom'),
        options: () => opts(['nodeStart', 'stageStart', 'variable'], (f) => t(`designer.props.froms.${f}`)),
        onChange: (v: string, modeling: any) =>
          modeling.updateProperties(element, {
            'lexflow:dueFrom': v === 'nodeStart' ? undefined : v,
            ...(v !== 'variable' ? { 'lexflow:dueVariable': undefined } : {}),
          }),
      }),
    );
    if (from === 'variable') {
      entries.push(
        select('lexflow-dueVariable', {
          element,
          attr: 'dueVariable',
          label: t('designer.props.dueVariable'),
          options: () =>
            opts(
              knownVariables(definitionsOf(element))
                .filter((v) => v.type === 'date' || v.type === 'datetime')
                .map((v) => v.name),
              (n) => n,
              '—',
            ),
        }),
      );
    }
    entries.push(
      durationList('lexflow-reminders', {
        element,
        label: t('designer.props.reminders'),
        description: t('designer2.duration.remindersHelp'),
        texts: x,
        units: FIXED_UNITS,
        read: () =>
          read(bo, 'reminders')
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
        write: (modeling: any, v?: string) => modeling.updateProperties(element, { 'lexflow:reminders': v }),
      }),
      duration('lexflow-escalateAfter', {
        element,
        label: t('designer.props.escalateAfter'),
        description: t('designer2.duration.escalateHelp'),
        texts: x,
        units: FIXED_UNITS,
        read: () => ({ iso: read(bo, 'escalateAfter') }),
        write: (modeling: any, v?: { iso: string }) => modeling.updateProperties(element, { 'lexflow:escalateAfter': v?.iso }),
      }),
      select('lexflow-escalateTo', {
        element,
        attr: 'escalateTo',
        label: t('designer.props.escalateTo'),
        options: () =>
          opts(ESCALATION_TARGETS, (r) => (r === 'supervisor' ? t('firm.escalateToSupervisor') : t(`designer.roles.${r}`)), '—'),
      }),
    );
  }
  return { id: 'lexflow-due', label: t('designer.props.deadline'), entries };
}

function outputsElement(bo: any) {
  return (bo.extensionElements?.values ?? []).find((v: any) => v.$type === 'lexflow:Outputs');
}

/** What a task must capture when it is completed (a hearing date, the outcome …). */
export function outputsGroup(element: any, x: Texts, injector: any) {
  const { t } = x;
  const bo = element.businessObject;
  const container = outputsElement(bo);
  const outputs: any[] = container?.values ?? [];
  const bpmnFactory = injector.get('bpmnFactory');
  const modeling = injector.get('modeling');
  const add = (event: Event) => {
    event.stopPropagation();
    const output = bpmnFactory.create('lexflow:Output', { name: `output${outputs.length + 1}`, type: 'date' });
    if (container) {
      modeling.updateModdleProperties(element, container, { values: [...outputs, output] });
      return;
    }
    let extensionElements = bo.extensionElements;
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      modeling.updateProperties(element, { extensionElements });
    }
    const created = bpmnFactory.create('lexflow:Outputs', { values: [output] });
    modeling.updateModdleProperties(element, extensionElements, { values: [...(extensionElements.values ?? []), created] });
  };
  const items = outputs.map((o, i) => ({
    id: `lexflow-output-${i}`,
    label: o.name || `#${i + 1}`,
    remove: (event: Event) => {
      event.stopPropagation();
      modeling.updateModdleProperties(element, container, { values: outputs.filter((x) => x !== o) });
    },
    entries: [
      text(`lexflow-output-${i}-name`, {
        element,
        target: o,
        attr: 'name',
        label: t('designer.props.outputName'),
        validate: (v: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v ?? '') ? undefined : t('designer.props.badName')),
      }),
      select(`lexflow-output-${i}-type`, {
        element,
        target: o,
        attr: 'type',
        fallback: 'text',
        label: t('designer.props.outputType'),
        options: () => opts(OUTPUT_TYPES, (v) => t(`designer.types.${v}`)),
      }),
      checkbox(`lexflow-output-${i}-required`, {
        element,
        target: o,
        attr: 'required',
        label: t('designer.props.required'),
        fallback: true,
      }),
      text(`lexflow-output-${i}-options`, {
        element,
        target: o,
        attr: 'options',
        label: t('designer.props.options'),
        description: t('designer.props.optionsHelp'),
      }),
      text(`lexflow-output-${i}-label`, { element, target: o, attr: 'label', label: t('designer.props.outputLabel') }),
      text(`lexflow-output-${i}-labelEn`, { element, target: o, attr: 'labelEn', label: t('designer.props.outputLabelEn') }),
    ],
  }));
  return { id: 'lexflow-outputs', label: t('designer.props.outputs'), component: ListGroup, add, items, shouldSort: false };
}

const ACTION_ATTRS = ['amountFen', 'percent', 'billingLabel', 'emailTo', 'emailTemplate', 'documentTemplate', 'reviewTask', 'status'];

/** What an automatic step does: raise a billing event, mail, request a document, set the case status. */
export function serviceGroup(element: any, x: Texts) {
  const { t } = x;
  const bo = element.businessObject;
  const action = read(bo, 'action');
  const entries: unknown[] = [
    text('lexflow-nameEn', { element, attr: 'nameEn', label: t('designer.props.nameEn') }),
    select('lexflow-action', {
      element,
      attr: 'action',
      label: t('designer.props.action'),
      options: () => opts(SERVICE_ACTIONS, (a) => t(`designer.actions.${a}`), '—'),
      onChange: (v: string, modeling: any) =>
        modeling.updateProperties(element, {
          'lexflow:action': v || undefined,
          ...Object.fromEntries(ACTION_ATTRS.map((a) => [`lexflow:${a}`, undefined])),
        }),
    }),
  ];
  if (action === 'billingEvent') {
    entries.push(
      text('lexflow-amount', {
        element,
        attr: 'amountFen',
        label: t('designer.props.amountYuan'),
        description: t('designer.props.amountHelp'),
        // What is not an amount stays as typed (and is flagged), so the field never throws mid-typing.
        fromModel: (fen: string) => (fen ? (Number.isSafeInteger(Number(fen)) ? fenToYuan(Number(fen)) : fen) : ''),
        toModel: (yuan: string) => (yuan?.trim() ? String(parseYuan(yuan) ?? yuan.trim()) : undefined),
        validate: (v: string) => (!v?.trim() || isYuanInput(v) ? undefined : t('designer.props.badAmount')),
      }),
      text('lexflow-percent', { element, attr: 'percent', label: t('designer.props.percent') }),
      text('lexflow-billingLabel', { element, attr: 'billingLabel', label: t('designer.props.billingLabel') }),
    );
  }
  if (action === 'email') {
    entries.push(
      select('lexflow-emailTo', {
        element,
        attr: 'emailTo',
        label: t('designer.props.emailTo'),
        options: () => opts(['client', 'team', ...ASSIGNEE_ROLES], (r) => t(`designer.roles.${r}`), '—'),
      }),
      text('lexflow-emailTemplate', { element, attr: 'emailTemplate', label: t('designer.props.emailTemplate') }),
    );
  }
  if (action === 'generateDocument')
    entries.push(
      text('lexflow-documentTemplate', { element, attr: 'documentTemplate', label: t('designer.props.documentTemplate') }),
      checkbox('lexflow-reviewTask', { element, attr: 'reviewTask', label: t('designer.props.reviewTask'), fallback: false }),
    );
  if (action === 'setStatus') {
    entries.push(
      select('lexflow-status', {
        element,
        attr: 'status',
        label: t('designer.props.status'),
        options: () => opts(CASE_STATUSES, (s) => t(`designer.statuses.${s}`), '—'),
      }),
    );
  }
  return { id: 'lexflow-service', label: t('designer.props.service'), entries };
}

/** A decision's condition, with a picker that inserts a case variable. */
export function conditionGroup(element: any, x: Texts, injector: any) {
  const { t } = x;
  const bpmnFactory = injector.get('bpmnFactory');
  const setBody = (modeling: any, body: string) =>
    modeling.updateProperties(element, {
      conditionExpression: body.trim() ? bpmnFactory.create('bpmn:FormalExpression', { body: body.trim() }) : undefined,
    });
  const body = () => element.businessObject.conditionExpression?.body ?? '';
  return {
    id: 'lexflow-condition',
    label: t('designer.props.condition'),
    entries: [
      text('lexflow-condition-text', {
        element,
        attr: 'conditionExpression',
        target: element.businessObject,
        label: t('designer.props.conditionText'),
        description: t('designer.props.conditionHelp'),
        fromModel: () => body(),
        toModel: (v: string) => (v?.trim() ? bpmnFactory.create('bpmn:FormalExpression', { body: v.trim() }) : undefined),
      }),
      select('lexflow-condition-field', {
        element,
        label: t('designer.props.insertField'),
        value: () => '',
        options: () =>
          opts(
            knownVariables(definitionsOf(element)).map((v) => v.name),
            (n) => n,
            '—',
          ),
        onChange: (v: string, modeling: any) => v && setBody(modeling, `${body()} ${v}`.trim()),
      }),
    ],
  };
}

/** English names and declared case variables of the process; English names of everything else. */
export function namesGroup(element: any, x: Texts) {
  const { t } = x;
  const entries: unknown[] = [text('lexflow-nameEn', { element, attr: 'nameEn', label: t('designer.props.nameEn') })];
  if (element.type === 'bpmn:Process' || element.businessObject?.$type === 'bpmn:Process') {
    entries.push(
      text('lexflow-variables', {
        element,
        attr: 'variables',
        label: t('designer.props.variables'),
        description: t('designer.props.variablesHelp'),
      }),
    );
  }
  return { id: 'lexflow-names', label: t('designer.props.lexflow'), entries };
}

const CLIENT_ATTRS = ['clientLabel', 'clientLabelEn', 'clientDescription', 'clientDescriptionEn', 'notifyClient'];

/**
 * How the client portal shows a stage: shown or not, the name and description a client reads (both
 * languages), and whether entering the stage tells the client (only for a shown stage). Ticking
 * "shown" names the stage as the lawyers do, to be reworded; unticking clears every client
 * attribute in one command (so one undo brings them back).
 */
export function clientGroup(element: any, x: Texts) {
  const { t } = x;
  const bo = element.businessObject;
  // Shown while any client attribute is set, so clearing the name to retype it keeps the fields open.
  const shown = CLIENT_ATTRS.some((a) => read(bo, a) !== '');
  const limit =
    (max: number, required = false) =>
    (v: string) => {
      if (required && !v?.trim()) return t('designer.props.clientLabelRequired');
      return (v?.trim().length ?? 0) > max ? t('designer.props.tooLong', { max }) : undefined;
    };
  const entries: unknown[] = [
    checkbox('lexflow-clientShown', {
      element,
      label: t('designer.props.clientShown'),
      description: shown ? undefined : t('designer.props.clientHiddenHelp'),
      value: () => shown,
      onChange: (checked: boolean, modeling: any) => {
        if (checked) {
          const nameEn = read(bo, 'nameEn').trim();
          modeling.updateProperties(element, {
            'lexflow:clientLabel': (bo.name ?? '').trim().slice(0, STAGE_CLIENT_LIMITS.label) || bo.id,
            ...(nameEn ? { 'lexflow:clientLabelEn': nameEn.slice(0, STAGE_CLIENT_LIMITS.label) } : {}),
          });
        } else modeling.updateProperties(element, Object.fromEntries(CLIENT_ATTRS.map((a) => [`lexflow:${a}`, undefined])));
      },
    }),
  ];
  if (shown) {
    entries.push(
      text('lexflow-clientLabel', {
        element,
        attr: 'clientLabel',
        label: t('designer.props.clientLabel'),
        validate: limit(STAGE_CLIENT_LIMITS.label, true),
      }),
      text('lexflow-clientLabelEn', {
        element,
        attr: 'clientLabelEn',
        label: t('designer.props.clientLabelEn'),
        validate: limit(STAGE_CLIENT_LIMITS.label),
      }),
      textArea('lexflow-clientDescription', {
        element,
        attr: 'clientDescription',
        label: t('designer.props.clientDescription'),
        validate: limit(STAGE_CLIENT_LIMITS.description),
      }),
      textArea('lexflow-clientDescriptionEn', {
        element,
        attr: 'clientDescriptionEn',
        label: t('designer.props.clientDescriptionEn'),
        validate: limit(STAGE_CLIENT_LIMITS.description),
      }),
    );
  }
  entries.push(
    checkbox('lexflow-notifyClient', {
      element,
      attr: 'notifyClient',
      label: t('designer.props.notifyClient'),
      description: t('designer.props.notifyClientHelp'),
      fallback: false,
      disabled: () => !read(bo, 'clientLabel'),
    }),
  );
  return { id: 'lexflow-client', label: t('designer.props.clientPortal'), entries };
}

/** The definition of a timer event, if the element is one. */
export function timerDefinition(bo: any): any {
  return (bo?.eventDefinitions ?? []).find((d: any) => d.$type === 'bpmn:TimerEventDefinition');
}

/**
 * A timer event: after a duration (number + unit) or on a date (an ISO date or ${variable}).
 * Replaces bpmn-js's own timer group, which asks for ISO-8601 text.
 */
export function timerGroup(element: any, x: Texts, injector: any) {
  const { t } = x;
  const def = timerDefinition(element.businessObject);
  const bpmnFactory = injector.get('bpmnFactory');
  const body = (e: any) => (typeof e?.body === 'string' ? e.body.trim() : '');
  const mode = body(def.timeDate) ? 'date' : 'duration';
  const expr = (v: string) => bpmnFactory.create('bpmn:FormalExpression', { body: v });
  const entries: unknown[] = [
    select('lexflow-timerMode', {
      element,
      label: t('designer2.timer.mode'),
      value: () => mode,
      options: () => opts(['duration', 'date'], (m) => t(`designer2.timer.modes.${m}`)),
      onChange: (v: string, modeling: any) =>
        v !== mode &&
        modeling.updateModdleProperties(element, def, {
          timeDuration: v === 'duration' ? expr('P30D') : undefined,
          timeDate: v === 'date' ? expr('${' + 'openedAt}') : undefined,
          timeCycle: undefined,
        }),
    }),
  ];
  if (mode === 'duration')
    entries.push(
      duration('lexflow-timerDuration', {
        element,
        label: t('designer2.timer.after'),
        texts: x,
        read: () => ({ iso: body(def.timeDuration) }),
        write: (modeling: any, v?: { iso: string }) =>
          v && modeling.updateModdleProperties(element, def, { timeDuration: expr(v.iso), timeDate: undefined, timeCycle: undefined }),
      }),
    );
  else
    entries.push(
      text('lexflow-timerDate', {
        element,
        target: def,
        attr: 'timeDate',
        label: t('designer2.timer.date'),
        description: t('designer2.timer.dateHelp', { example: '${' + 'openedAt}' }),
        fromModel: () => body(def.timeDate),
        toModel: (v: string) => (v?.trim() ? expr(v.trim()) : undefined),
      }),
    );
  return { id: 'lexflow-timer', label: t('designer2.timer.title'), entries };
}
