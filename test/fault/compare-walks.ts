/**
 * What a walk left behind, normalised so two walks of the same plan compare: per plan position
 * (not per id) the case rows, their workflows' fate, and every row the engine writes for a case —
 * tasks, stages, billing events, notifications, mail in the outbox, case events — as sorted
 * lists of what identifies them apart from ids and clocks. Then the differences between the
 * fault-free and the faulty walk, duplicates by natural key, and a compact table of it all.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { caseTitle, type PlannedCase } from './walk-plan';

export const FACTS = ['cases', 'caseStatus', 'workflows', 'tasks', 'stages', 'billing', 'notifications', 'outbox', 'caseEvents'] as const;
export type Fact = (typeof FACTS)[number];
/** One plan position: each fact a sorted list of strings. */
export type CaseFacts = Record<Fact, string[]>;

/** A natural key per table: two rows with the same key are the same thing written twice. */
const NATURAL_KEYS = {
  cases: (r: any) => r.title,
  tasks: (r: any) => `${r.case_id}|${r.node_id}|${r.stage_instance_id}`,
  stages: (r: any) => `${r.case_id}|${r.stage_id}`,
  billing: (r: any) => `${r.case_id}|${r.node_id}`,
  notifications: (r: any) => `${r.case_id}|${r.user_id}|${r.kind}|${r.task_id}|${r.scheduled_for?.toISOString?.() ?? ''}`,
  outbox: (r: any) => `${r.to_address}|${r.subject}|${r.text_body}`,
  caseEvents: (r: any) => `${r.case_id}|${r.name}|${r.occurred_on}`,
} as const;
type Keyed = keyof typeof NATURAL_KEYS;

export interface WalkSnapshot {
  perCase: CaseFacts[];
  /** Rows beyond the first per natural key, by table. */
  duplicates: Record<Keyed, number>;
  totals: Record<Keyed, number>;
}

const sorted = (xs: string[]) => [...xs].sort();

async function workflowStatus(client: Client, workflowId: string | null): Promise<string> {
  if (!workflowId) return 'NONE';
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'NONE';
    throw err;
  }
}

function duplicatesOf(rows: any[], key: (r: any) => string): number {
  return rows.length - new Set(rows.map(key)).size;
}

/** Reads what the walk labelled `label` left in the database and in Temporal. */
export async function snapshotWalk(db: Db, temporal: Client, label: string, plan: PlannedCase[]): Promise<WalkSnapshot> {
  const all: Record<Keyed, any[]> = { cases: [], tasks: [], stages: [], billing: [], notifications: [], outbox: [], caseEvents: [] };
  const perCase: CaseFacts[] = [];
  for (const pc of plan) {
    const cases = await db('cases')
      .where({ title: caseTitle(label, pc.index) })
      .orderBy('created_at');
    const ids = cases.map((c) => c.id);
    const [tasks, stages, billing, notifications, caseEvents] = await Promise.all([
      db('tasks').whereIn('case_id', ids),
      db('stage_history').whereIn('case_id', ids),
      db('billing_events').whereIn('case_id', ids),
      db('notifications').whereIn('case_id', ids),
      db('case_events').whereIn('case_id', ids),
    ]);
    // Mail carries no case id; its key is the notice's, which names the case.
    const outbox = ids.length ? await db('email_outbox').where((q) => ids.forEach((id) => q.orWhere('key', 'like', `%${id}%`))) : [];
    const rows = { cases, tasks, stages, billing, notifications, outbox, caseEvents };
    for (const k of Object.keys(all) as Keyed[]) all[k].push(...rows[k]);
    perCase.push({
      cases: [String(cases.length)],
      caseStatus: sorted(cases.map((c) => c.status)),
      workflows: sorted(await Promise.all(cases.map((c) => workflowStatus(temporal, c.workflow_id)))),
      tasks: sorted(tasks.map((t) => `${t.node_id}:${t.status}`)),
      stages: sorted(stages.map((s) => `${s.stage_id}:${s.exited_at ? 'exited' : 'open'}${s.skipped ? ':skipped' : ''}`)),
      billing: sorted(billing.map((b) => `${b.node_id}:${b.label}:${b.amount_fen}:${b.percent_bp}:${b.status}`)),
      notifications: sorted(notifications.map((n) => `${n.kind}:${n.user_id}`)),
      outbox: sorted(outbox.map((m) => m.to_address)),
      caseEvents: sorted(caseEvents.map((e) => `${e.name}:${e.occurred_on}`)),
    });
  }
  const keyed = Object.keys(all) as Keyed[];
  return {
    perCase,
    duplicates: Object.fromEntries(keyed.map((k) => [k, duplicatesOf(all[k], NATURAL_KEYS[k])])) as Record<Keyed, number>,
    totals: Object.fromEntries(keyed.map((k) => [k, all[k].length])) as Record<Keyed, number>,
  };
}

/** What `b` has that `a` lacks (with multiplicity). */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of b) {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/** Every way the faulty walk's result differs from the fault-free one, one line each. */
export function differences(plan: PlannedCase[], clean: WalkSnapshot, faulty: WalkSnapshot): string[] {
  const out: string[] = [];
  for (const pc of plan) {
    const a = clean.perCase[pc.index];
    const b = faulty.perCase[pc.index];
    for (const fact of FACTS) {
      const extra = minus(a[fact], b[fact]);
      const missing = minus(b[fact], a[fact]);
      if (!extra.length && !missing.length) continue;
      const parts = [extra.length ? `extra ${extra.join(', ')}` : '', missing.length ? `missing ${missing.join(', ')}` : ''];
      out.push(`case ${pc.index} (${pc.template}) ${fact}: ${parts.filter(Boolean).join('; ')}`);
    }
  }
  for (const k of Object.keys(faulty.duplicates) as Keyed[]) {
    if (faulty.duplicates[k] > clean.duplicates[k])
      out.push(`${k}: ${faulty.duplicates[k]} duplicates by natural key (fault-free walk: ${clean.duplicates[k]})`);
  }
  return out;
}

/** The compact table the test prints: totals side by side, duplicates, and the plan positions that differ. */
export function comparisonTable(plan: PlannedCase[], clean: WalkSnapshot, faulty: WalkSnapshot): string {
  const count = (s: WalkSnapshot, fact: Fact, pred: (x: string) => boolean = () => true) =>
    s.perCase.reduce((n, c) => n + c[fact].filter(pred).length, 0);
  const differing = (fact: Fact) =>
    plan.filter((pc) => JSON.stringify(clean.perCase[pc.index][fact]) !== JSON.stringify(faulty.perCase[pc.index][fact])).length;
  const line = (name: string, a: number, b: number, extra = '') =>
    `  ${name.padEnd(22)}${`${a} / ${b}`.padStart(11)}   ${a === b && !extra ? 'same' : 'DIFFERENT'}${extra}`;
  const keyed = (name: string, k: Keyed, fact: Fact) =>
    line(
      name,
      clean.totals[k],
      faulty.totals[k],
      `${differing(fact) ? `, ${differing(fact)} cases differ` : ''}${faulty.duplicates[k] > clean.duplicates[k] ? `, ${faulty.duplicates[k]} duplicates` : ''}`,
    );
  const closed = (x: string) => x === 'closed';
  const completed = (x: string) => x === 'COMPLETED';
  const notFinished = (x: string) => x !== 'COMPLETED';
  return [
    `fault-free vs faulty (${plan.length} planned cases; fault-free / faulty):`,
    keyed('case rows', 'cases', 'cases'),
    line('cases closed', count(clean, 'caseStatus', closed), count(faulty, 'caseStatus', closed)),
    line('workflows completed', count(clean, 'workflows', completed), count(faulty, 'workflows', completed)),
    line('workflows not completed', count(clean, 'workflows', notFinished), count(faulty, 'workflows', notFinished)),
    keyed('tasks', 'tasks', 'tasks'),
    keyed('stage_history', 'stages', 'stages'),
    keyed('billing_events', 'billing', 'billing'),
    keyed('notifications', 'notifications', 'notifications'),
    keyed('email_outbox', 'outbox', 'outbox'),
    keyed('case_events', 'caseEvents', 'caseEvents'),
  ].join('\n');
}

/**
 * Workflows still running on the test's task queue once both walks are over — none should be:
 * this also finds a case workflow whose case row is gone. Visibility trails the executions by a
 * moment, so the list is read until it is empty or `patienceMs` has passed.
 */
export async function runningOnQueue(client: Client, taskQueue: string, patienceMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"` }))
      ids.push(wf.workflowId);
    if (!ids.length || Date.now() > deadline) return ids.sort();
    await new Promise((r) => setTimeout(r, 250));
  }
}
