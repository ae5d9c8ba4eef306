import { civilDateAt, endOfDay, isCivilDate, type CivilDate } from './civil-date';
import type { HolidayCalendar } from './holiday-calendar';
import { fixedDurationMs, parseIsoDuration, type IsoDuration } from './iso-duration';
import { periodFor } from './catalogue';
import { computeDeadline, type PeriodSpec } from './periods';

/**
 * When a task falls due, from its template rule. Structural twin of the template model's DueRule
 * (process-templates), so this pure module depends on nothing.
 */
export type DueRuleInput =
  | { kind: 'duration'; duration: string; from: DueFrom; variable?: string; calendar: 'calendar' | 'workdays' }
  | { kind: 'statutory'; period: string; from: DueFrom; variable?: string };
export type DueFrom = 'nodeStart' | 'stageStart' | 'variable';

export interface DueContext {
  nodeStartedAt: number;
  stageStartedAt: number;
  variables: Readonly<Record<string, unknown>>;
  timeZone: string;
  calendar: HolidayCalendar;
}

export type DueResult =
  | {
      status: 'scheduled';
      /** The instant the task is due: 24:00 of the due date in the firm's zone (or exact, for hour rules). */
      dueAt: number;
      dueDate: CivilDate;
      unadjusted: CivilDate;
      rolledOver: boolean;
      provisional: boolean;
      basis?: { zh: string; en: string };
    }
  | { status: 'waiting'; variable: string };

/** A date variable ('YYYY-MM-DD' or an ISO instant) as a civil date of the zone; undefined if unset or invalid. */
export function variableDate(value: unknown, timeZone: string): CivilDate | undefined {
  if (typeof value !== 'string') return undefined;
  if (isCivilDate(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? undefined : civilDateAt(ms, timeZone);
}

/** The single-unit date period a duration denotes (P15D, P2W, P3M, P2Y), or undefined for mixed or time durations. */
export function durationAsPeriod(d: IsoDuration, calendar: 'calendar' | 'workdays'): PeriodSpec | undefined {
  const set = (['years', 'months', 'weeks', 'days', 'hours', 'minutes'] as const).filter((k) => d[k] > 0);
  if (set.length !== 1) return undefined;
  const [unit] = set;
  if (calendar === 'workdays') return unit === 'days' ? { amount: d.days, unit: 'workday', roll: 'forward' } : undefined;
  if (unit === 'years') return { amount: d.years, unit: 'year', roll: 'forward' };
  if (unit === 'months') return { amount: d.months, unit: 'month', roll: 'forward' };
  if (unit === 'weeks') return { amount: d.weeks * 7, unit: 'day', roll: 'forward' };
  if (unit === 'days') return { amount: d.days, unit: 'day', roll: 'forward' };
  return undefined;
}

function baseInstant(rule: DueRuleInput, ctx: DueContext): number | { date: CivilDate } | { waiting: string } {
  if (rule.from === 'nodeStart') return ctx.nodeStartedAt;
  if (rule.from === 'stageStart') return ctx.stageStartedAt;
  const name = rule.variable ?? '';
  const value = ctx.variables[name];
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  const date = variableDate(value, ctx.timeZone);
  return date ? { date } : { waiting: name };
}

export function computeDue(rule: DueRuleInput, ctx: DueContext): DueResult {
  const base = baseInstant(rule, ctx);
  if (typeof base === 'object' && 'waiting' in base) return { status: 'waiting', variable: base.waiting };
  const trigger = typeof base === 'number' ? civilDateAt(base, ctx.timeZone) : base.date;
  let spec: PeriodSpec | undefined;
  let basis: { zh: string; en: string } | undefined;
  if (rule.kind === 'statutory') {
    const found = periodFor(rule.period, trigger);
    if (!found) throw new RangeError(`unknown statutory period ${rule.period}`);
    ({ spec, basis } = found);
  } else {
    const d = parseIsoDuration(rule.duration);
    if (!d) throw new RangeError(`bad duration ${rule.duration}`);
    const exact = d.hours || d.minutes ? fixedDurationMs(d) : undefined;
    if (exact !== undefined) {
      const start = typeof base === 'number' ? base : endOfDay(trigger, ctx.timeZone);
      const dueAt = start + exact;
      const dueDate = civilDateAt(dueAt, ctx.timeZone);
      return { status: 'scheduled', dueAt, dueDate, unadjusted: dueDate, rolledOver: false, provisional: false };
    }
    spec = durationAsPeriod(d, rule.calendar);
    if (!spec) throw new RangeError(`duration ${rule.duration} is not a single-unit period`);
  }
  const r = computeDeadline(trigger, spec, ctx.calendar);
  return {
    status: 'scheduled',
    dueAt: endOfDay(r.due, ctx.timeZone),
    dueDate: r.due,
    unadjusted: r.unadjusted,
    rolledOver: r.rolledOver,
    provisional: r.provisional,
    basis,
  };
}

/** Instants of the reminders (before due) and of the escalation (after due) of a task. */
export function reminderInstants(dueAt: number, offsets: readonly string[]): number[] {
  return offsets.map((o) => dueAt - (fixedDurationMs(parseIsoDuration(o)!) ?? 0)).sort((a, b) => a - b);
}

export function escalationInstant(dueAt: number, after: string): number {
  return dueAt + (fixedDurationMs(parseIsoDuration(after)!) ?? 0);
}
