import { civilDateAt, zonedTimeToInstant } from '../../domain/deadlines/civil-date';
import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { compile } from '../../process-templates/model/compiler';
import { decisionQuestions, type DecisionQuestion } from '../../process-templates/model/questions';
import { dryRunEffects } from '../../workflows/case/dry-run';
import { CaseInterpreter } from '../../workflows/case/interpreter';
import { progressOf } from '../../workflows/case/progress';
import { initialState, type OpenTaskView } from '../../workflows/case/state';

const DAY = 86_400_000;

export interface SimulationRequest {
  xml: string;
  startDate: string;
  /** Values of the variables decisions read (e.g. appeal: true). */
  answers: Record<string, unknown>;
  /** Days a case event takes to arrive once the case waits for it (default 14). */
  eventDays: Record<string, number>;
}

export interface TimelineEntry {
  at: string;
  kind:
    | 'stageEntered'
    | 'stageLeft'
    | 'taskOpened'
    | 'taskDone'
    | 'reminder'
    | 'escalation'
    | 'caseEvent'
    | 'billing'
    | 'email'
    | 'document'
    | 'status'
    | 'end';
  node: string;
  name: string;
  nameEn?: string;
  /** `escalatesAt`: when the task would be escalated if it were still open (the simulation does it on time). */
  due?: {
    date: string;
    unadjusted: string;
    rolledOver: boolean;
    provisional: boolean;
    basis?: string;
    escalatesAt?: string;
    duration?: string;
    calendar?: 'calendar' | 'workdays';
  };
  detail?: string;
}

export type Question = DecisionQuestion;

/** The variables the template's decisions read, asked by the labels of their outputs (what the simulation asks). */
export { decisionQuestions };

function plausible(o: OpenTaskView['outputs'][number], answers: Record<string, unknown>, day: string): unknown {
  if (o.name in answers) return answers[o.name];
  return { date: day, datetime: `${day}T09:00:00+08:00`, number: 0, boolean: false, choice: o.options?.[0], text: '—' }[o.type];
}

/**
 * Runs a template on paper from `startDate`: each task is done on its due date (or the day after
 * it opens when it has none), each awaited case event arrives after its set number of days, and
 * decisions follow the answers. Uses the real interpreter and the real deadline code.
 */
export async function simulate(req: SimulationRequest, calendar: HolidayCalendar, timeZone: string) {
  const compiled = await compile(req.xml);
  if (!compiled.model) return { valid: false as const, errors: compiled.errors, questions: [], timeline: [], finished: false };
  const model = compiled.model;
  let now = zonedTimeToInstant(req.startDate, 9, 0, timeZone);
  const fx = dryRunEffects(calendar);
  const state = initialState(
    { caseId: 'simulation', versionId: 'draft', timeZone, model, variables: { ...req.answers, openedAt: req.startDate } },
    now,
  );
  const interpreter = new CaseInterpreter(state, fx, () => now);
  const at = (ms: number) => new Date(ms).toISOString();
  const timeline: TimelineEntry[] = [];
  let seen = 0;
  const collect = () => {
    for (const { name, input: i } of fx.calls.slice(seen)) {
      const node = model.nodes[i.node?.id ?? i.stageId ?? i.nodeId ?? ''];
      const base = { node: node?.id ?? '', name: node?.name ?? '', ...(node?.nameEn ? { nameEn: node.nameEn } : {}) };
      if (name === 'recordStageEntry') timeline.push({ at: at(i.at), kind: 'stageEntered', ...base });
      if (name === 'recordStageExit') {
        const stage = state.stages.find((s) => s.id === i.stageInstanceId);
        const n = stage ? model.nodes[stage.stage] : undefined;
        timeline.push({
          at: at(i.at),
          kind: 'stageLeft',
          node: n?.id ?? '',
          name: n?.name ?? '',
          ...(n?.nameEn ? { nameEn: n.nameEn } : {}),
          ...(i.reason ? { detail: i.reason } : {}),
        });
      }
      if (name === 'raiseBillingEvent')
        timeline.push({
          at: at(now),
          kind: 'billing',
          ...base,
          ...(i.amountFen ? { amountFen: i.amountFen } : { detail: `${i.percent}%` }),
        });
      if (name === 'sendCaseEmail') timeline.push({ at: at(i.at), kind: 'email', ...base, detail: `${i.to}: ${i.template}` });
      if (name === 'requestDocument') timeline.push({ at: at(now), kind: 'document', ...base, detail: i.template });
      if (name === 'setCaseStatus') timeline.push({ at: at(now), kind: 'status', ...base, detail: i.status });
      if (name === 'taskAlert') {
        const task = model.nodes[state.tasks[i.instanceId]?.node ?? ''] ?? model.nodes[taskNodes.get(i.instanceId) ?? ''];
        timeline.push({
          at: at(i.at),
          kind: i.kind,
          node: task?.id ?? '',
          name: task?.name ?? '',
          ...(task?.nameEn ? { nameEn: task.nameEn } : {}),
        });
      }
    }
    seen = fx.calls.length;
  };
  const taskNodes = new Map<string, string>();
  const noteOpened = () => {
    for (const t of Object.values(state.tasks)) {
      if (taskNodes.has(t.id)) continue;
      taskNodes.set(t.id, t.node);
      const n = model.nodes[t.node];
      timeline.push({
        at: at(t.startedAt),
        kind: 'taskOpened',
        node: n.id,
        name: n.name,
        ...(n.nameEn ? { nameEn: n.nameEn } : {}),
        ...(t.due
          ? {
              due: {
                date: t.due.dueDate,
                unadjusted: t.due.unadjusted,
                rolledOver: t.due.rolledOver,
                provisional: t.due.provisional,
                ...(t.due.basis ? { basis: t.due.basis } : {}),
                ...(t.due.escalationAt ? { escalatesAt: at(t.due.escalationAt) } : {}),
                ...(n.type === 'userTask' && n.due?.kind === 'duration' ? { duration: n.due.duration, calendar: n.due.calendar } : {}),
              },
            }
          : {}),
        ...(t.waitingFor ? { detail: t.waitingFor } : {}),
      });
    }
  };
  await interpreter.start();
  collect();
  noteOpened();
  for (let step = 0; step < 500 && state.status === 'running'; step++) {
    const p = progressOf(state);
    const task = p.openTasks.filter((t) => t.required).sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity))[0];
    const message = p.waiting.find((w) => w.kind === 'message');
    const timer = state.tokens
      .filter((t) => t.wait?.kind === 'timer' && t.wait.at !== null)
      .map((t) => (t.wait as { at: number }).at)
      .sort()[0];
    const candidates: Array<[number, () => Promise<unknown>]> = [];
    if (task) {
      const when = task.dueAt !== null ? task.dueAt - 8 * 3600_000 : state.tasks[task.instanceId].startedAt + DAY;
      candidates.push([
        when,
        async () => {
          const day = civilDateAt(now, timeZone);
          const outputs = Object.fromEntries(
            task.outputs.map((o) => [o.name, plausible(o, req.answers, day)]).filter(([, v]) => v !== undefined),
          );
          await interpreter.completeTask({ instanceId: task.instanceId, outputs, by: null });
          timeline.push({
            at: at(now),
            kind: 'taskDone',
            node: task.nodeId,
            name: task.name,
            ...(task.nameEn ? { nameEn: task.nameEn } : {}),
          });
        },
      ]);
    }
    if (message?.message) {
      const name = message.message;
      candidates.push([
        now + (req.eventDays[name] ?? 14) * DAY,
        async () => {
          await interpreter.recordCaseEvent({ name, date: civilDateAt(now, timeZone), by: null, key: `sim-${step}` });
          timeline.push({ at: at(now), kind: 'caseEvent', node: message.node, name: message.name, detail: name });
        },
      ]);
    }
    if (timer !== undefined) candidates.push([timer, async () => undefined]);
    if (!candidates.length) break;
    const [when, act] = candidates.sort((a, b) => a[0] - b[0])[0];
    now = Math.max(now, when);
    await interpreter.fireDue();
    await interpreter.advance();
    collect();
    noteOpened();
    if (state.status !== 'running') break;
    await act();
    await interpreter.fireDue();
    await interpreter.advance();
    collect();
    noteOpened();
  }
  if (state.status !== 'running') timeline.push({ at: at(now), kind: 'end', node: '', name: '' });
  const stuck = progressOf(state)
    .waiting.filter((w) => w.kind === 'gateway')
    .map((w) => w.node);
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return {
    valid: true as const,
    errors: [],
    questions: decisionQuestions(model),
    timeline,
    finished: state.status !== 'running',
    stuckAt: stuck,
  };
}
