import type { Db } from '../connection';
import type { SeededRandom } from '../factories/seeded-random';
import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { addDays, civilDateAt, zonedTimeToInstant } from '../../domain/deadlines/civil-date';
import { backdate, type Shift } from './demo-backdate';

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

interface OpenTask {
  id: string;
  stageInstanceId: string | null;
  outputSpec: Array<{ name: string; type: string; options?: string[] }>;
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

/**
 * The demo's plan for a case's dates: opened weeks to months ago on a working morning, its current
 * stage entered later (weeks ago for a case that fell behind, days ago for the others).
 */
export function demoTimeline(w: Pick<Walk, 'r' | 'now' | 'stages' | 'behind' | 'calendar' | 'timeZone'>): {
  openedAt: number;
  currentSince: number;
} {
  const day = 24 * HOUR;
  const currentSince = w.now - (w.behind ? w.r.int(32, 45) : w.r.int(3, 14)) * day;
  const target = currentSince - w.stages * w.r.int(20, 38) * day - w.r.int(0, 3) * day;
  return { openedAt: workingSlot(target, 0, w, [9, w.r.pick([0, 15, 30, 45])]), currentSince };
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
    const awaited = await datesDueRulesRead(db, w.caseId);
    const trigger = (await openTasks(db, w.caseId)).find((t) => t.outputSpec.some((o) => o.type === 'date' && awaited.has(o.name)));
    if (trigger) await complete(trigger, slot(w.currentSince + 2 * 24 * HOUR));
  }
  await backdate(db, w.caseId, shifts, w);
}

/** The working-day slot at or after `target` (firm time), later than `after`, and before now. */
function workingSlot(
  target: number,
  after: number,
  w: Pick<Walk, 'r' | 'now' | 'calendar' | 'timeZone'>,
  time?: readonly [number, number],
): number {
  let day = civilDateAt(target, w.timeZone);
  for (let i = 0; i < 30; i++) {
    if (w.calendar.isWorkday(day)) {
      const [hh, mm] = time ?? w.r.pick(SLOTS);
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

/** The case variables its template's due rules count from (filedAt, evidenceNoticeAt …). */
async function datesDueRulesRead(db: Db, caseId: string): Promise<Set<string>> {
  const row = await db('cases as c')
    .join('process_template_versions as v', 'v.id', 'c.template_version_id')
    .where('c.id', caseId)
    .first('v.model');
  const nodes = Object.values((row?.model?.nodes ?? {}) as Record<string, { due?: { from: string; variable?: string } }>);
  return new Set(nodes.flatMap((n) => (n.due?.from === 'variable' && n.due.variable ? [n.due.variable] : [])));
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
