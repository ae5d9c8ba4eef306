import type { ErrorList } from './errors';
import type { Flow, ModelNode, OUTPUT_TYPES } from './schema';

type Vars = Map<string, { type: (typeof OUTPUT_TYPES)[number] }>;

function checkDateVariable(node: ModelNode, name: string | undefined, vars: Vars, errors: ErrorList) {
  if (!name) return;
  const v = vars.get(name);
  if (!v) errors.add(node.id, 'unknown-variable', `"${name}" is not provided by any task output, case event or declaration`);
  else if (v.type !== 'date' && v.type !== 'datetime') errors.add(node.id, 'variable-type', `"${name}" is ${v.type}, not a date`);
}

/** Nodes reachable from the start: through flows, into stages, onto boundary events of reached hosts. */
function reachable(start: string, nodes: Record<string, ModelNode>, flows: Record<string, Flow>): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !nodes[id]) continue;
    seen.add(id);
    const n = nodes[id];
    queue.push(...n.outgoing.map((f) => flows[f].target));
    if (n.type === 'stage') queue.push(n.start, ...n.boundary);
    if (n.type === 'userTask') queue.push(...n.boundary);
  }
  return seen;
}

/** Structural rules every template obeys; returns the top-level start event's id. */
/** Nodes a token passes straight through: a cycle of only these would run for ever without waiting. */
const PASS_THROUGH = new Set<ModelNode['type']>(['start', 'end', 'serviceTask', 'exclusiveGateway', 'parallelGateway']);

/**
 * Refuses a cycle of flows whose every node passes the token straight on (gateways, service
 * tasks): the case would loop without ever waiting for a person, a timer or a message.
 * Iterative (no recursion: a crafted template cannot overflow the stack).
 */
export function checkLoopsWait(nodes: Record<string, ModelNode>, flows: Record<string, Flow>, errors: ErrorList): void {
  const colour = new Map<string, 1 | 2>();
  const next = (id: string) =>
    (nodes[id]?.outgoing ?? []).map((f) => flows[f]?.target).filter((t) => t && PASS_THROUGH.has(nodes[t]?.type));
  for (const root of Object.keys(nodes)) {
    if (!PASS_THROUGH.has(nodes[root].type) || colour.has(root)) continue;
    const stack: Array<{ id: string; rest: string[] }> = [{ id: root, rest: next(root) }];
    colour.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const child = top.rest.pop();
      if (child === undefined) {
        colour.set(top.id, 2);
        stack.pop();
      } else if (colour.get(child) === 1) {
        const cycle = stack.slice(stack.findIndex((f) => f.id === child)).map((f) => f.id);
        errors.add(child, 'loop-never-waits', `the flow loops through ${cycle.join(' → ')} without a task, timer or message to wait for`);
        return;
      } else if (!colour.has(child)) {
        colour.set(child, 1);
        stack.push({ id: child, rest: next(child) });
      }
    }
  }
}

export function checkGraph(
  nodes: Record<string, ModelNode>,
  flows: Record<string, Flow>,
  vars: Vars,
  errors: ErrorList,
): string | undefined {
  const incoming = new Map<string, number>();
  for (const f of Object.values(flows)) incoming.set(f.target, (incoming.get(f.target) ?? 0) + 1);
  const starts = Object.values(nodes).filter((n) => n.type === 'start' && n.scope === null);
  if (starts.length !== 1)
    errors.add('', 'process-start', `the process needs exactly one start event outside the stages (found ${starts.length})`);

  for (const n of Object.values(nodes)) {
    const ins = incoming.get(n.id) ?? 0;
    if ((n.type === 'start' || n.type === 'boundaryTimer') && ins > 0)
      errors.add(n.id, 'bad-flow', 'nothing may flow into a start or boundary event');
    if (n.type !== 'start' && n.type !== 'boundaryTimer' && ins === 0)
      errors.add(n.id, 'no-incoming', `${n.name} has no incoming sequence flow`);
    if (n.type === 'end' && n.outgoing.length) errors.add(n.id, 'bad-flow', 'an end event has no outgoing flows');
    if (n.type !== 'end' && n.outgoing.length === 0) errors.add(n.id, 'no-outgoing', `${n.name} has no outgoing sequence flow`);
    for (const fid of n.outgoing) {
      const f = flows[fid];
      if (f.condition && n.type !== 'exclusiveGateway') {
        errors.add(fid, 'bad-condition', 'conditions belong on the flows leaving an exclusive gateway');
      }
    }
    if (n.type === 'exclusiveGateway') {
      if (n.default && !n.outgoing.includes(n.default)) errors.add(n.id, 'bad-default', 'the default flow must leave this gateway');
      if (n.default && flows[n.default]?.condition) errors.add(n.default, 'bad-default', 'the default flow takes no condition');
      if (n.outgoing.length > 1) {
        for (const fid of n.outgoing) {
          if (fid !== n.default && !flows[fid].condition)
            errors.add(fid, 'missing-condition', 'every flow leaving a decision needs a condition, or must be its default');
        }
      }
    }
    if (n.type === 'userTask' && n.due?.from === 'variable') checkDateVariable(n, n.due.variable, vars, errors);
    if ((n.type === 'timerCatch' || n.type === 'boundaryTimer') && n.timer.kind === 'variable')
      checkDateVariable(n, n.timer.variable, vars, errors);
  }
  if (starts.length !== 1) return undefined;
  const seen = reachable(starts[0].id, nodes, flows);
  for (const n of Object.values(nodes))
    if (!seen.has(n.id)) errors.add(n.id, 'unreachable', `${n.name} can never be reached from the start`);
  return starts[0].id;
}

/** Stages in the order a case normally meets them: breadth-first along the top-level flows. */
export function stageOrder(start: string, nodes: Record<string, ModelNode>, flows: Record<string, Flow>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = nodes[id];
    if (n.type === 'stage') order.push(id);
    const next = [...n.outgoing.map((f) => flows[f].target)];
    if (n.type === 'stage') for (const b of n.boundary) next.push(...nodes[b].outgoing.map((f) => flows[f].target));
    queue.push(...next);
  }
  return order;
}
