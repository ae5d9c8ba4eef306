import { computeDue, escalationInstant, reminderInstants, type DueRuleInput } from './due-rules';
import type { HolidayCalendar } from './holiday-calendar';

/** When a task falls due and when it reminds and escalates: instants (epoch ms) of workflow time. */
export interface DueInfo {
  dueAt: number;
  dueDate: string;
  unadjusted: string;
  rolledOver: boolean;
  provisional: boolean;
  basis?: string;
  /** Instants of the reminders, ascending. */
  reminders: number[];
  escalationAt?: number;
}

export interface TaskSchedule {
  due: DueInfo | null;
  /** The variable the due rule waits for (e.g. judgmentServedAt) while it is unknown. */
  waitingFor?: string;
}

/** The parts of a user task that decide its schedule (structurally the template model's user task). */
export interface SchedulableTask {
  due?: DueRuleInput;
  reminders: readonly string[];
  escalation?: { after: string };
}

/**
 * A task's schedule from its rule: the due instant (24:00 of the due date in the firm's zone),
 * the reminders before it, the escalation after it. The one implementation behind the engine's
 * activities, the designer's simulation and the tests.
 */
export function scheduleTask(
  task: SchedulableTask,
  ctx: {
    startedAt: number;
    stageStartedAt: number;
    variables: Readonly<Record<string, unknown>>;
    timeZone: string;
    calendar: HolidayCalendar;
  },
): TaskSchedule {
  if (!task.due) return { due: null };
  const r = computeDue(task.due, {
    nodeStartedAt: ctx.startedAt,
    stageStartedAt: ctx.stageStartedAt,
    variables: ctx.variables,
    timeZone: ctx.timeZone,
    calendar: ctx.calendar,
  });
  if (r.status === 'waiting') return { due: null, waitingFor: r.variable };
  return {
    due: {
      dueAt: r.dueAt,
      dueDate: r.dueDate,
      unadjusted: r.unadjusted,
      rolledOver: r.rolledOver,
      provisional: r.provisional,
      ...(r.basis ? { basis: `${r.basis.zh} / ${r.basis.en}` } : {}),
      reminders: reminderInstants(r.dueAt, task.reminders),
      ...(task.escalation ? { escalationAt: escalationInstant(r.dueAt, task.escalation.after) } : {}),
    },
  };
}
