import type { TemplateModel } from '../../process-templates/model/schema';
import { percentComplete } from '../../domain/percent-complete';
import type { CaseProgress, CaseState, OpenTaskView } from './state';

export function openTasks(state: CaseState): OpenTaskView[] {
  return Object.values(state.tasks).map((t) => {
    const n = state.model.nodes[t.node];
    const task = n.type === 'userTask' ? n : undefined;
    return {
      instanceId: t.id,
      taskId: t.taskId,
      nodeId: t.node,
      name: n.name,
      ...(n.nameEn ? { nameEn: n.nameEn } : {}),
      stageId: n.scope,
      assigneeId: t.assigneeId,
      assigneeRole: task?.assigneeRole ?? 'lead',
      required: task?.required ?? true,
      dueAt: t.due?.dueAt ?? null,
      dueDate: t.due?.dueDate ?? null,
      provisional: t.due?.provisional ?? false,
      ...(t.waitingFor ? { waitingFor: t.waitingFor } : {}),
      outputs: task?.outputs ?? [],
    };
  });
}

/** Stages still ahead: reachable along top-level flows from where the case stands, not yet entered. */
function stagesAhead(model: TemplateModel, from: string[], entered: Set<string>): Set<string> {
  const ahead = new Set<string>();
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = model.nodes[id];
    if (!n) continue;
    if (n.type === 'stage' && !entered.has(id)) ahead.add(id);
    queue.push(...n.outgoing.map((f) => model.flows[f].target));
    if (n.type === 'stage') for (const b of n.boundary) queue.push(...model.nodes[b].outgoing.map((f) => model.flows[f].target));
  }
  return ahead;
}

export function progressOf(state: CaseState): CaseProgress {
  const { model } = state;
  const latest = new Map(state.stages.map((s) => [s.stage, s]));
  const positions = state.tokens.filter((t) => t.scope === null).map((t) => t.node);
  const entered = new Set(state.stages.map((s) => s.stage));
  const ahead = stagesAhead(model, positions, new Set([...entered].filter((s) => latest.get(s)?.status !== 'active')));
  const stages = model.stages.map((id) => {
    const s = latest.get(id);
    const n = model.nodes[id];
    return {
      id,
      name: n.name,
      ...(n.nameEn ? { nameEn: n.nameEn } : {}),
      status: s ? s.status : ('pending' as const),
      ...(s ? { enteredAt: s.enteredAt } : {}),
      ...(s?.exitedAt !== undefined ? { exitedAt: s.exitedAt } : {}),
    };
  });
  const done = stages.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  const active = stages.filter((s) => s.status === 'active').length;
  const remaining = [...ahead].filter((id) => latest.get(id)?.status !== 'active').length;
  return {
    caseId: state.caseId,
    versionId: state.versionId,
    status: state.status,
    percentComplete: percentComplete({ finished: state.status !== 'running', done, total: done + active + remaining }),
    stages,
    openTasks: openTasks(state),
    waiting: state.tokens
      .filter((t) => t.wait && t.wait.kind !== 'task' && t.wait.kind !== 'stage')
      .map((t) => ({
        node: t.node,
        name: model.nodes[t.node].name,
        kind: t.wait!.kind,
        ...(t.wait!.kind === 'message' ? { message: t.wait!.message } : {}),
        ...(t.wait!.kind === 'timer' ? { at: t.wait!.at } : {}),
      })),
    variables: { ...state.variables },
    completedTasks: state.completedTasks,
  };
}
