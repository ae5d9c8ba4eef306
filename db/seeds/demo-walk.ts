import type { Db } from '../connection';
import type { SeededRandom } from '../factories/seeded-random';
import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { addDays, civilDateAt, zonedTimeToInstant } from '../../domain/deadlines/civil-date';

/**
 * How a demo case came to stand where it does. The engine only knows "now", so the seed drives each
 * active case through its real commands — completing its tasks, as the team would, so stages end as
 * done (never "skipped") and what the workflow holds is what a firm's case would hold — and then
 * moves the rows those commands wrote back onto the past days the case is meant to have lived
 * through. Dates a task records (filedAt, evidenceNoticeAt …) are those past days, so the deadlines
 * the engine derives from them are real: a case that "fell behind" has overdue work the engine has
 * already reminded and escalated about.
 */

export interface WalkHooks {
  completeTask(caseId: string, taskId: string, outputs: Record<string, unknown>, byUserId: string): Promise<void>;
}

export interface Walk {
  caseId: string;
  by: string;
  /** Wall-clock time just before the case was opened: rows written from then on belong to this walk. */
  openedReal: number;
  /** When the case is to have been opened, and when it entered the stage it stands in now. */
  openedAt: number;
  currentSince: number;
  /** Whole stages to go through. */
  stages: number;
  /** Record the date its current stage's deadlines run from, weeks ago, and leave the work undone. */
  behind: boolean;
  now: number;
  timeZone: string;
  calendar: HolidayCalendar;
  r: SeededRandom;
}

type Shift = { real: number; at: number };
interface OpenTask {
  id: string;
  stageInstanceId: string | null;
  outputSpec: Array<{ name: string; type: string; options?: string[] }>;
  waitingFor: string | null;
}

const HOUR = 3_600_000;
const SLOTS = [
  [9, 40],
  [10, 30],
  [11, 15],
  [14, 20],
  [15, 45],
  [17, 10],
] as const;

/** The demo's plan for a case's dates: opened weeks to months ago, its current stage entered later. */
export function demoTimeline(r: SeededRandom, now: number, stages: number, behind: boolean): { openedAt: number; currentSince: number } {
  const day = 24 * HOUR;
  const currentSince = now - (behind ? r.int(32, 45) : r.int(3, 14)) * day;
  return { openedAt: currentSince - stages * r.int(20, 38) * day - r.int(0, 3) * day, currentSince };
}

export async function walkDemoCase(db: Db, hooks: WalkHooks, w: Walk): Promise<void> {
  const shifts: Shift[] = [{ real: w.openedReal, at: w.openedAt }];
  let cursor = w.openedAt;
  const slot = (target: number) => {
    cursor = workingSlot(Math.max(target, cursor + HOUR), cursor, w);
    return cursor;
  };
  const complete = async (t: OpenTask, at: number) => {
    shifts.push({ real: Date.now(), at });
    await hooks.completeTask(w.caseId, t.id, outputsFor(t, civilDateAt(at, w.timeZone)), w.by);
  };
  await firstTasks(db, w.caseId);
  const span = w.stages ? (w.currentSince - w.openedAt) / w.stages : 0;
  for (let k = 0; k < w.stages; k++) {
    const stageEnd = w.openedAt + (k + 1) * span;
    const stage = await currentStageInstance(db, w.caseId);
    for (let guard = 0; stage && guard < 12; guard++) {
      const open = (await openTasks(db, w.caseId)).filter((t) => t.stageInstanceId === stage);
      if (!open.length) break;
      // A share of the time left in the stage each: the stage ends before its planned end, never after it.
      await complete(open[0], slot(cursor + (stageEnd - cursor) * (0.3 + 0.25 * w.r.next())));
      if ((await currentStageInstance(db, w.caseId)) !== stage) break;
    }
  }
  if (w.behind) {
    // The date the stage's deadlines run from came in a day or two after it began; the work it set is undone.
    const open = await openTasks(db, w.caseId);
    const awaited = new Set(open.map((t) => t.waitingFor).filter(Boolean));
    const trigger = open.find((t) => t.outputSpec.some((o) => o.type === 'date' && awaited.has(o.name)));
    if (trigger) await complete(trigger, slot(w.currentSince + 2 * 24 * HOUR));
  }
  await backdate(db, w.caseId, shifts);
}

/** The working-day slot at or after `target` (firm time), later than `after`, and before now. */
function workingSlot(target: number, after: number, w: Walk): number {
  let day = civilDateAt(target, w.timeZone);
  for (let i = 0; i < 30; i++) {
    if (w.calendar.isWorkday(day)) {
      const [hh, mm] = w.r.pick(SLOTS);
      const at = zonedTimeToInstant(day, hh, mm, w.timeZone);
      if (at > after) return Math.min(at, w.now - 2 * HOUR);
    }
    day = addDays(day, 1);
  }
  return Math.min(after + HOUR, w.now - 2 * HOUR);
}

/** What the team would have entered: the day itself for dates, plain answers that keep the usual path. */
function outputsFor(t: OpenTask, day: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of t.outputSpec) {
    if (o.type === 'date') out[o.name] = day;
    else if (o.type === 'datetime') out[o.name] = `${day}T10:00:00+08:00`;
    else if (o.type === 'boolean') out[o.name] = false;
    else if (o.type === 'choice' && o.options?.length) out[o.name] = o.options[0];
    else if (o.type === 'number') out[o.name] = 0;
    else if (o.type === 'text')
      out[o.name] = /number/i.test(o.name) ? `（${day.slice(0, 4)}）沪0115民初${day.slice(5, 7)}${day.slice(8)}号` : '已办理';
  }
  return out;
}

/** The run starts in the background: its first stage and tasks appear a moment after the opening. */
async function firstTasks(db: Db, caseId: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if ((await currentStageInstance(db, caseId)) && (await openTasks(db, caseId)).length) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function currentStageInstance(db: Db, caseId: string): Promise<string | null> {
  const row = await db('stage_history').where({ case_id: caseId }).whereNull('exited_at').orderBy('id', 'desc').first('stage_instance_id');
  return row?.stage_instance_id ?? null;
}

async function openTasks(db: Db, caseId: string): Promise<OpenTask[]> {
  const rows = await db('tasks').where({ case_id: caseId, status: 'open', manual: false }).orderBy('started_at').orderBy('id');
  return rows.map((r) => ({
    id: r.id,
    stageInstanceId: r.stage_instance_id,
    outputSpec: r.output_spec,
    waitingFor: r.waiting_for_variable,
  }));
}

/**
 * Moves what the walk wrote onto its planned days: each row keeps its distance from the command
 * that wrote it, so their order is the engine's. Alerts the engine raised afterwards keep their own
 * instants (the due dates they are about are already past).
 */
async function backdate(db: Db, caseId: string, shifts: Shift[]): Promise<void> {
  const move = (t: Date | null) => {
    if (!t) return t;
    const s = [...shifts].reverse().find((x) => x.real <= t.getTime()) ?? shifts[0];
    return new Date(t.getTime() - s.real + s.at);
  };
  await db.transaction(async (trx) => {
    for (const s of await trx('stage_history').where({ case_id: caseId })) {
      await trx('stage_history')
        .where({ id: s.id })
        .update({ entered_at: move(s.entered_at), exited_at: move(s.exited_at) });
    }
    for (const t of await trx('tasks').where({ case_id: caseId })) {
      await trx('tasks')
        .where({ id: t.id })
        .update({ started_at: move(t.started_at), completed_at: move(t.completed_at), created_at: move(t.created_at) });
    }
    for (const b of await trx('billing_events').where({ case_id: caseId })) {
      await trx('billing_events')
        .where({ id: b.id })
        .update({ created_at: move(b.created_at) });
    }
    for (const k of await trx('conflict_checks').where({ case_id: caseId })) {
      await trx('conflict_checks')
        .where({ id: k.id })
        .update({ run_at: move(k.run_at), decided_at: move(k.decided_at) });
    }
  });
}
