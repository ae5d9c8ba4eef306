import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import lexflowDescriptor from './lexflow-moddle.json';
import { buildService, buildStageClient, buildTimer, buildUserTask, IDENTIFIER } from './compile-elements';
import { checkGraph, checkLoopsWait, stageOrder } from './compile-graph';
import { ErrorList } from './errors';
import { ExpressionError, expressionVariables, parseExpression } from './expression';
import { checkXmlBounds } from './xml-bounds';
import {
  BUILTIN_VARIABLES,
  MODEL_SCHEMA_VERSION,
  OUTPUT_TYPES,
  CASE_TYPE_PATTERN,
  PRACTICE_AREAS,
  ZTemplateModel,
  type CompileError,
  type Flow,
  type ModelNode,
  type TemplateModel,
} from './schema';

export type CompileResult = { model: TemplateModel; errors: [] } | { model?: undefined; errors: CompileError[] };

type VarType = (typeof OUTPUT_TYPES)[number];

/** Documentation-only elements: allowed anywhere, no meaning to the engine. */
const ARTIFACTS = new Set(['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group']);

const typeLabel = (t: string) => t.replace(/^bpmn:/, '');

interface Walk {
  nodes: Record<string, ModelNode>;
  rawFlows: ModdleElement[];
  boundaries: Array<{ el: ModdleElement; attachedTo: string }>;
  errors: ErrorList;
  variables: Map<string, { type: VarType; from: string }>;
  messages: Set<string>;
}

function foreignAttributes(el: ModdleElement, errors: ErrorList) {
  for (const key of Object.keys(el.$attrs ?? {})) {
    if (key.startsWith('xmlns')) continue;
    errors.add(el.id, 'unsupported-attribute', `attribute ${key} is not supported`);
  }
  for (const ext of el.extensionElements?.values ?? []) {
    if (ext.$type === 'lexflow:Outputs' && el.$type === 'bpmn:UserTask') continue;
    errors.add(el.id, 'unsupported-extension', `extension element ${ext.$type} is not supported here`);
  }
}

function declareVariable(w: Walk, name: string, type: VarType, from: string, elementId: string) {
  const known = w.variables.get(name);
  if (known && known.type !== type) {
    w.errors.add(elementId, 'variable-type', `variable "${name}" is ${type} here but ${known.type} in ${known.from}`);
    return;
  }
  if (!known) w.variables.set(name, { type, from });
}

function walkElement(el: ModdleElement, scope: string | null, w: Walk) {
  const id = el.id!;
  const name = el.name ?? '';
  const nameEn = el.get?.('lexflow:nameEn') as string | undefined;
  const common = { id, name: name || id, ...(nameEn ? { nameEn } : {}), scope, outgoing: [] as string[] };
  const defs: ModdleElement[] = el.eventDefinitions ?? [];
  const noLoop = () => el.loopCharacteristics && w.errors.add(id, 'unsupported-loop', 'multi-instance and loops are not supported');
  foreignAttributes(el, w.errors);
  switch (el.$type) {
    case 'bpmn:SequenceFlow':
      w.rawFlows.push(el);
      return;
    case 'bpmn:StartEvent':
      if (defs.length) w.errors.add(id, 'unsupported-event', 'start events are plain: a case starts when it is opened');
      w.nodes[id] = { ...common, type: 'start' };
      return;
    case 'bpmn:EndEvent': {
      const terminate = defs.some((d) => d.$type === 'bpmn:TerminateEventDefinition');
      if (defs.some((d) => d.$type !== 'bpmn:TerminateEventDefinition')) {
        w.errors.add(id, 'unsupported-event', 'only plain and terminate end events are supported');
      }
      w.nodes[id] = { ...common, type: 'end', terminate };
      return;
    }
    case 'bpmn:SubProcess': {
      if (scope !== null) w.errors.add(id, 'nested-stage', 'stages cannot be nested inside stages');
      if (el.triggeredByEvent) w.errors.add(id, 'unsupported-element', 'event sub-processes are not supported');
      noLoop();
      const inner: ModdleElement[] = el.flowElements ?? [];
      const starts = inner.filter((e) => e.$type === 'bpmn:StartEvent');
      if (starts.length !== 1) w.errors.add(id, 'stage-start', `a stage needs exactly one start event (found ${starts.length})`);
      const client = buildStageClient(el, w.errors);
      w.nodes[id] = { ...common, type: 'stage', start: starts[0]?.id ?? '', boundary: [], ...(client ? { client } : {}) };
      for (const child of inner) walkElement(child, id, w);
      for (const a of el.artifacts ?? [])
        if (!ARTIFACTS.has(a.$type)) w.errors.add(a.id, 'unsupported-element', `${typeLabel(a.$type)} is not supported`);
      return;
    }
    case 'bpmn:UserTask': {
      noLoop();
      const task = buildUserTask(el, scope, w.errors);
      for (const o of task.outputs) declareVariable(w, o.name, o.type, id, id);
      w.nodes[id] = { ...task, outgoing: [], boundary: [] };
      return;
    }
    case 'bpmn:ServiceTask': {
      noLoop();
      const service = buildService(el, w.errors);
      if (service) w.nodes[id] = { ...common, type: 'serviceTask', service };
      return;
    }
    case 'bpmn:ExclusiveGateway':
      w.nodes[id] = { ...common, type: 'exclusiveGateway', ...(el.default?.id ? { default: el.default.id } : {}) };
      return;
    case 'bpmn:ParallelGateway':
      w.nodes[id] = { ...common, type: 'parallelGateway', incoming: [] };
      return;
    case 'bpmn:IntermediateCatchEvent': {
      if (defs.length !== 1) {
        w.errors.add(id, 'unsupported-event', 'an intermediate catch event needs exactly one timer or message definition');
        return;
      }
      const [def] = defs;
      if (def.$type === 'bpmn:TimerEventDefinition') {
        const timer = buildTimer(el, def, w.errors);
        if (timer) w.nodes[id] = { ...common, type: 'timerCatch', timer };
      } else if (def.$type === 'bpmn:MessageEventDefinition') {
        const message = def.messageRef?.name?.trim();
        if (!message || !IDENTIFIER.test(message)) {
          w.errors.add(id, 'bad-message', 'a message catch needs a message whose name is a case event (e.g. judgmentServed)');
          return;
        }
        w.messages.add(message);
        declareVariable(w, `${message}At`, 'date', id, id);
        w.nodes[id] = { ...common, type: 'messageCatch', message };
      } else {
        w.errors.add(id, 'unsupported-event', `${typeLabel(def.$type)} is not supported; use a timer or a message`);
      }
      return;
    }
    case 'bpmn:BoundaryEvent': {
      const def = defs[0];
      if (defs.length !== 1 || def.$type !== 'bpmn:TimerEventDefinition') {
        w.errors.add(id, 'unsupported-event', 'only timer boundary events are supported');
        return;
      }
      const timer = buildTimer(el, def, w.errors);
      const attachedTo = el.attachedToRef?.id as string | undefined;
      if (!attachedTo) w.errors.add(id, 'bad-boundary', 'the boundary event is not attached to anything');
      if (timer && attachedTo) {
        w.nodes[id] = { ...common, type: 'boundaryTimer', attachedTo, interrupting: el.cancelActivity !== false, timer };
        w.boundaries.push({ el, attachedTo });
      }
      return;
    }
    default:
      if (ARTIFACTS.has(el.$type)) return;
      w.errors.add(id, 'unsupported-element', `${typeLabel(el.$type)} is not supported`);
  }
}

function buildFlows(w: Walk): Record<string, Flow> {
  const flows: Record<string, Flow> = {};
  for (const f of w.rawFlows) {
    const source = f.sourceRef?.id as string | undefined;
    const target = f.targetRef?.id as string | undefined;
    if (!source || !target || !w.nodes[source] || !w.nodes[target]) {
      // Unsupported endpoints were reported already; a dangling flow is its own error.
      if (!source || !target) w.errors.add(f.id, 'bad-flow', 'the sequence flow is not connected at both ends');
      continue;
    }
    if (w.nodes[source].scope !== w.nodes[target].scope) w.errors.add(f.id, 'bad-flow', 'a sequence flow cannot cross a stage boundary');
    let condition: Flow['condition'];
    const text = typeof f.conditionExpression?.body === 'string' ? f.conditionExpression.body.trim() : '';
    if (text) {
      try {
        const ast = parseExpression(text);
        condition = { text, ast };
        for (const v of expressionVariables(ast)) {
          if (!w.variables.has(v))
            w.errors.add(f.id, 'unknown-variable', `the condition reads "${v}", which no task output, case event or declaration provides`);
        }
      } catch (e) {
        w.errors.add(f.id, 'bad-condition', `condition "${text}": ${(e as ExpressionError).message}`);
      }
    }
    flows[f.id!] = { id: f.id!, source, target, ...(condition ? { condition } : {}) };
    w.nodes[source].outgoing.push(f.id!);
    const t = w.nodes[target];
    if (t.type === 'parallelGateway') t.incoming.push(f.id!);
  }
  return flows;
}

function processMeta(process: ModdleElement, w: Walk) {
  const area = process.get('lexflow:practiceArea') as string | undefined;
  if (area && !(PRACTICE_AREAS as readonly string[]).includes(area)) {
    w.errors.add(process.id, 'bad-attribute', `practiceArea "${area}" is not one of ${PRACTICE_AREAS.join(', ')}`);
  }
  const caseTypes = String(process.get('lexflow:caseTypes') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const t of caseTypes.filter((c) => !CASE_TYPE_PATTERN.test(c))) {
    w.errors.add(process.id, 'bad-attribute', `case type "${t}" must be lower-case words joined by _, e.g. first_instance`);
  }
  for (const decl of String(process.get('lexflow:variables') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name, type] = decl.split(':').map((s) => s.trim());
    if (!IDENTIFIER.test(name ?? '') || !(OUTPUT_TYPES as readonly string[]).includes(type ?? '')) {
      w.errors.add(process.id, 'bad-attribute', `variable declaration "${decl}" must read name:type (${OUTPUT_TYPES.join(', ')})`);
    } else {
      declareVariable(w, name, type as VarType, 'the process declaration', process.id!);
    }
  }
  return { practiceArea: PRACTICE_AREAS.find((a) => a === area), caseTypes };
}

async function parse(xml: string, errors: ErrorList): Promise<ModdleElement | undefined> {
  if (typeof xml !== 'string' || !xml.trim()) {
    errors.add('', 'xml-empty', 'the document is empty');
    return undefined;
  }
  const tooBig = checkXmlBounds(xml);
  if (tooBig) {
    errors.add(tooBig.elementId ?? '', tooBig.code, tooBig.message);
    return undefined;
  }
  try {
    const { rootElement, warnings } = await new BpmnModdle({ lexflow: lexflowDescriptor }).fromXML(xml);
    for (const warn of warnings) errors.add(warn.element?.id, 'xml-warning', warn.message.split('\n')[0]);
    if (rootElement?.$type !== 'bpmn:Definitions') {
      errors.add('', 'xml-not-bpmn', 'the document is not a BPMN 2.0 definitions file');
      return undefined;
    }
    return rootElement;
  } catch (e) {
    errors.add('', 'xml-malformed', `not a readable BPMN 2.0 document: ${String((e as Error).message).split('\n')[0]}`);
    return undefined;
  }
}

/**
 * BPMN 2.0 XML → the template model, or every problem found, each naming its element. Runs in
 * Node and in the browser; never throws for bad input.
 */
export async function compile(xml: string): Promise<CompileResult> {
  const errors = new ErrorList();
  const definitions = await parse(xml, errors);
  if (!definitions) return { errors: errors.items };
  const roots: ModdleElement[] = definitions.rootElements ?? [];
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  for (const r of roots) {
    if (r.$type === 'bpmn:Collaboration')
      errors.add(r.id, 'unsupported-element', 'pools and collaborations are not supported: draw one process');
  }
  if (processes.length !== 1) {
    errors.add('', 'process-count', `a template is exactly one process (found ${processes.length})`);
    return { errors: errors.items };
  }
  const [process] = processes;
  const w: Walk = { nodes: {}, rawFlows: [], boundaries: [], errors, variables: new Map(), messages: new Set() };
  for (const [name, type] of Object.entries(BUILTIN_VARIABLES)) w.variables.set(name, { type, from: 'the case' });
  foreignAttributes(process, errors);
  const meta = processMeta(process, w);
  for (const lane of (process.laneSets ?? []).flatMap((s: ModdleElement) => s.lanes ?? [])) {
    errors.add(lane.id, 'unsupported-element', 'lanes are not supported: assign work with lexflow:assigneeRole');
  }
  for (const a of process.artifacts ?? [])
    if (!ARTIFACTS.has(a.$type)) errors.add(a.id, 'unsupported-element', `${typeLabel(a.$type)} is not supported`);
  for (const el of process.flowElements ?? []) walkElement(el, null, w);
  const flows = buildFlows(w);
  for (const { el, attachedTo } of w.boundaries) {
    const host = w.nodes[attachedTo];
    if (host?.type !== 'userTask' && host?.type !== 'stage')
      errors.add(el.id, 'bad-boundary', 'timer boundary events attach to user tasks and stages only');
    else if (host.scope !== w.nodes[el.id!]?.scope)
      errors.add(el.id, 'bad-boundary', 'a boundary event belongs to the same stage as its task');
    else host.boundary.push(el.id!);
  }
  const start = checkGraph(w.nodes, flows, w.variables, errors);
  checkLoopsWait(w.nodes, flows, errors);
  if (!errors.empty || !start) return { errors: errors.items };
  const model: TemplateModel = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    processId: process.id!,
    name: process.name ?? process.id!,
    ...(process.get('lexflow:nameEn') ? { nameEn: String(process.get('lexflow:nameEn')) } : {}),
    ...(meta.practiceArea ? { practiceArea: meta.practiceArea } : {}),
    caseTypes: meta.caseTypes,
    start,
    nodes: w.nodes,
    flows,
    stages: stageOrder(start, w.nodes, flows),
    variables: Object.fromEntries([...w.variables].map(([k, v]) => [k, v.type])),
    messages: [...w.messages].sort(),
  };
  return { model: ZTemplateModel.parse(model), errors: [] };
}
