/**
 * The fault test's plan — which cases to open and how to walk them — and the walker that drives
 * one case through it step by step over HTTP, so faults can fall between (and inside) any two
 * requests. The plan is deterministic: fixed templates, variables, decisions and outputs, so a
 * walk with faults must leave exactly what a walk without them leaves.
 */
import { civilDateAt } from '../../domain/deadlines/civil-date';
import type { OpenTaskView } from '../../workflows/case/state';
import { outputsFor } from '../helpers/walk';
import { causeList, type RetryingClient } from './retrying-client';

export interface PlannedCase {
  /** Its position in the plan: how the comparison pairs a faulty case with its fault-free twin. */
  index: number;
  template: string;
  practiceArea: string;
  caseType: string;
  variables: Record<string, unknown>;
  decisions: Record<string, unknown>;
}

/**
 * Every date the plan gives (case variables, task outputs, case events) lies well over a year
 * back, whatever day the test runs: each deadline computed from one is long past, so its
 * reminders and escalations fire the moment its task opens, in both walks alike — none falls
 * due in the minutes between the two walks and makes them differ.
 */
const PLAN_DATE = civilDateAt(Date.now() - 400 * 86_400_000, 'Asia/Shanghai');

/** Three small shipped templates (a message event, gateways, billing events, reminders past due). */
const TEMPLATES: Array<Omit<PlannedCase, 'index'>> = [
  { template: 'due-diligence', practiceArea: 'non_litigation', caseType: 'due_diligence', variables: {}, decisions: { approved: true } },
  {
    template: 'civil-second-instance',
    practiceArea: 'civil',
    caseType: 'second_instance',
    variables: { clientIsAppellant: true, firstJudgmentServedAt: PLAN_DATE },
    decisions: {},
  },
  {
    template: 'administrative-litigation',
    practiceArea: 'administrative',
    caseType: 'first_instance',
    variables: { actKnownAt: PLAN_DATE },
    decisions: { appeal: false },
  },
];

/** `count` cases, the templates taken in turn. */
export function planCases(count: number): PlannedCase[] {
  return Array.from({ length: count }, (_, index) => ({ index, ...TEMPLATES[index % TEMPLATES.length] }));
}

export interface WalkWorld {
  client: RetryingClient;
  /** Distinguishes the fault-free set from the faulty one (titles and idempotency keys). */
  label: string;
  clientId: string;
  ids: { lead: string; partner: string; assistant: string };
  /** Shared by the walkers of one run: the fault controller times its faults by them. */
  counters: { opened: number; completed: number };
}

export interface CaseWalk {
  index: number;
  title: string;
  caseId: string;
  completed: string[];
  /** Answers a careful client should not get (a retried request refused as if it were new). */
  anomalies: string[];
}

export const caseTitle = (label: string, index: number) => `${label}-case-${index}`;

/** How long a walker waits for a case whose workflow it cannot see (not started yet, or restarting). */
const NO_WORKFLOW_PATIENCE_MS = 90_000;
/** How long a running case may show nothing to do before the walker calls it stuck. */
const IDLE_PATIENCE_MS = 45_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The plan's outputs for a task: its decisions, the plan's date for every date, the helper's defaults for the rest. */
function planOutputs(task: OpenTaskView, decisions: Record<string, unknown>): Record<string, unknown> {
  const dates = task.outputs.flatMap((o) =>
    o.type === 'date' ? [[o.name, PLAN_DATE]] : o.type === 'datetime' ? [[o.name, `${PLAN_DATE}T09:30:00+08:00`]] : [],
  );
  return outputsFor(task, { ...Object.fromEntries(dates), ...decisions });
}

type Progress = { status: string; openTasks: OpenTaskView[]; waiting: Array<{ kind: string; message?: string }> };

/** The workflow's view of the case; `ended` when the case row says it is closed and its workflow is gone. */
async function readProgress(w: WalkWorld, caseId: string): Promise<Progress | 'ended'> {
  const since = Date.now();
  for (;;) {
    const r = await w.client.send<Progress>('GET', `/api/v1/cases/${caseId}/progress`, { kind: 'progress' });
    if (r.status === 200) return r.body;
    if (r.status !== 409) throw new Error(`progress of ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
    // 409: no running workflow answers. A closed case has ended; an open one waits for its workflow.
    const c = await w.client.send('GET', `/api/v1/cases/${caseId}`, { kind: 'read' });
    if (c.status === 200 && c.body.status === 'closed') return 'ended';
    if (Date.now() - since > NO_WORKFLOW_PATIENCE_MS) throw new Error(`case ${caseId} (${c.body.status}) has no workflow answering`);
    await pause(500);
  }
}

interface Step {
  kind: 'complete' | 'event';
  path: string;
  json: unknown;
  key: string;
  /** The task a completion is for (the fault controller aims at it). */
  subject?: string;
}

/**
 * Sends one plan step until it has a definite answer: 200, or — for a step sent again after a
 * fault — 409 "already done", which is recorded as an anomaly (a retried request with the same
 * Idempotency-Key should get its first answer). Anything else ends the walk.
 */
async function send(w: WalkWorld, walk: CaseWalk, s: Step): Promise<void> {
  const r = await w.client.send('POST', s.path, { kind: s.kind, json: s.json, key: s.key, subject: s.subject });
  if (r.status === 200) return;
  if (r.status === 409 && r.attempts > 1) {
    const why = r.body?.detail ?? r.body?.title ?? '';
    walk.anomalies.push(`${s.kind} sent again after ${causeList(r.causes)}: answered 409 "${why}" instead of its first answer`);
    return;
  }
  throw new Error(`${s.kind} ${s.path} (key ${s.key}): ${r.status} ${JSON.stringify(r.body)}`);
}

/** Opens the planned case (one Idempotency-Key for the opening, however often it is sent). */
async function openPlannedCase(w: WalkWorld, pc: PlannedCase): Promise<CaseWalk> {
  const title = caseTitle(w.label, pc.index);
  const opened = await w.client.send('POST', '/api/v1/cases', {
    kind: 'open',
    subject: title,
    key: `${w.label}-open-${pc.index}`,
    json: {
      title,
      clientId: w.clientId,
      practiceArea: pc.practiceArea,
      caseType: pc.caseType,
      leadLawyerId: w.ids.lead,
      team: [
        { userId: w.ids.partner, role: 'partner' },
        { userId: w.ids.assistant, role: 'assistant' },
      ],
      variables: pc.variables,
    },
  });
  if (opened.status !== 201) throw new Error(`opening ${title}: ${opened.status} ${JSON.stringify(opened.body)}`);
  w.counters.opened++;
  return { index: pc.index, title, caseId: opened.body.id, completed: [], anomalies: [] };
}

/**
 * Opens the planned case and walks it to its end: the required open task first (outputs from
 * the plan), else the awaited case event. Each step has its own Idempotency-Key (label, plan
 * position, step number), the same on every retry of that step.
 */
export async function walkCase(w: WalkWorld, pc: PlannedCase): Promise<CaseWalk> {
  const walk = await openPlannedCase(w, pc);
  const base = `/api/v1/cases/${walk.caseId}`;
  const answered = new Set<string>();
  let idleSince: number | undefined;
  for (let n = 0; n < 200;) {
    const p = await readProgress(w, walk.caseId);
    if (p === 'ended' || p.status !== 'running') return walk;
    const task = p.openTasks.find((t) => t.required) ?? p.openTasks[0];
    const message = p.waiting.find((x) => x.kind === 'message')?.message;
    // A completion already answered (perhaps only "already done", before its update had finished) while
    // the workflow's view still shows the task, or nothing to do yet (a task being opened): look again.
    const catchingUp = task && answered.has(task.taskId);
    if (catchingUp || (!task && !message)) {
      idleSince ??= Date.now();
      if (Date.now() - idleSince > IDLE_PATIENCE_MS)
        throw new Error(`${walk.title} is stuck: ${catchingUp ? `${task.nodeId} still open after its answer` : JSON.stringify(p.waiting)}`);
      await pause(100);
      continue;
    }
    const key = `${w.label}-${pc.index}-step-${n}`;
    if (task) {
      answered.add(task.taskId);
      const json = { outputs: planOutputs(task, pc.decisions) };
      await send(w, walk, { kind: 'complete', path: `${base}/tasks/${task.taskId}/complete`, json, key, subject: task.taskId });
      walk.completed.push(task.nodeId);
      w.counters.completed++;
    } else {
      await send(w, walk, { kind: 'event', path: `${base}/events`, json: { name: message, date: PLAN_DATE }, key });
    }
    idleSince = undefined;
    n++;
  }
  throw new Error(`${walk.title} did not finish in 200 steps`);
}
