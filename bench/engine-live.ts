import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ZTemplateModel, type TemplateModel } from '../process-templates/model/schema';
import { matchVersion } from '../db/repositories/templates';
import { loadHolidayCalendar } from '../db/repositories/holidays';
import { scheduleTask } from '../domain/deadlines/task-schedule';
import { WORKFLOW_TYPES, caseWorkflowId } from '../workflows/definitions';
import type { CaseWorkflowInput } from '../workflows/case/state';
import { loadCases } from './api-data';
import type { EngineStack } from './engine-stack';
import { fmt, pool, rssMiB, summary } from './support';

const TZ = 'Asia/Shanghai';
const DUE = { kind: 'duration', duration: 'P1D', from: 'nodeStart', calendar: 'calendar' } as const;

/** The due-diligence model with every task due tomorrow and one reminder at `fireAt` (the same instant for every case). */
async function remindingModel(stack: EngineStack, fireAt: number): Promise<{ versionId: string; model: TemplateModel; fireAt: number }> {
  const v = (await matchVersion(stack.db, 'non_litigation', 'due_diligence'))!;
  const model = ZTemplateModel.parse(v.model);
  const calendar = await loadHolidayCalendar(stack.db);
  const now = Date.now();
  const { due } = scheduleTask({ due: DUE, reminders: [] }, { startedAt: now, stageStartedAt: now, variables: {}, timeZone: TZ, calendar });
  // Offsets are whole minutes (ISO durations of the model have no seconds): the reminder is due at the minute before fireAt.
  const before = Math.ceil((due!.dueAt - fireAt) / 60_000);
  for (const n of Object.values(model.nodes))
    if (n.type === 'userTask') Object.assign(n, { due: DUE, reminders: [`PT${before}M`], escalation: undefined });
  return { versionId: v.id, model, fireAt: due!.dueAt - before * 60_000 };
}

/**
 * BENCH_LIVE_CASES live cases held by the one worker, each with a task whose reminder is armed for
 * the same instant: the worker's RSS once they all wait, and how late the reminders are when that
 * batch of timers fires at once (lag = reminder row written − instant it was due).
 */
export async function liveCasesScenario(stack: EngineStack, n: number, workerPid: number, say: (s: string) => void) {
  say('');
  say(`${n} live cases with a reminder armed for the same instant`);
  await loadCases(stack.db, n, () => undefined);
  const ids = (await stack.db('cases').orderBy('created_at', 'desc').limit(n).pluck('id')) as string[];
  const startBudgetS = Number(process.env.BENCH_LIVE_START_SECONDS ?? Math.ceil(n / 40) + 30);
  const { versionId, model, fireAt } = await remindingModel(stack, Date.now() + startBudgetS * 1000);
  const t0 = Date.now();
  say(`  ${ids.length} cases loaded; starting their runs`);
  await pool(ids.length, 20, async (i) => {
    const input: CaseWorkflowInput = { caseId: ids[i], versionId, model, variables: {}, timeZone: TZ };
    // Under load a start may outlast the client's 2.5 s call budget: tried again (already started counts as started).
    for (let attempt = 1; ; attempt++) {
      try {
        await stack.handle.client.workflow.start(WORKFLOW_TYPES.case, {
          taskQueue: 'lexflow',
          workflowId: caseWorkflowId(ids[i]),
          args: [input],
        });
        return;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        if (attempt >= 5) throw err;
      }
    }
  });
  const open = () => stack.db('tasks').whereIn('case_id', ids).where({ status: 'open' }).countDistinct('case_id as n').first();
  for (let waiting = 0; Number((await open())?.n) < ids.length; waiting++) {
    if (waiting % 20 === 19)
      say(`  … ${(await open())?.n} of ${ids.length} cases wait on their first task after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const started = (Date.now() - t0) / 1000;
  const idle = rssMiB(workerPid);
  say(
    `  started and waiting     ${ids.length} in ${started.toFixed(1)} s (${(ids.length / started).toFixed(0)} /s); worker RSS ${idle.rss.toFixed(0)} MiB`,
  );
  if (Date.now() > fireAt)
    say(
      `  (the reminders were due ${((Date.now() - fireAt) / 1000).toFixed(0)} s before the last case had started: raise BENCH_LIVE_START_SECONDS)`,
    );
  const reminded = () =>
    stack
      .db('notifications')
      .whereIn('case_id', ids)
      .where({ kind: 'reminder' })
      .select('case_id')
      .min('created_at as at')
      .groupBy('case_id');
  const deadline = fireAt + 180_000;
  let rows: Array<{ at: Date }> = [];
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    rows = (await reminded()) as Array<{ at: Date }>;
    if (rows.length >= ids.length) break;
  }
  const lag = summary(rows.map((r) => new Date(r.at).getTime() - fireAt));
  const mem = rssMiB(workerPid);
  say(`  reminders written       ${rows.length} of ${ids.length}; lag p50 ${fmt(lag.p50)}  p99 ${fmt(lag.p99)}  max ${fmt(lag.max)}`);
  say(`  worker RSS              ${mem.rss.toFixed(0)} MiB after the batch, ${mem.peak.toFixed(0)} MiB peak`);
}
