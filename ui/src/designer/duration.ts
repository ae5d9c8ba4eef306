import { formatIsoDuration, parseIsoDuration, type IsoDuration } from '../../../domain/deadlines/iso-duration';

/**
 * Durations as a partner enters them — a number, a unit, calendar or working days — and the
 * ISO-8601 text (plus the `calendar` attribute) the template model keeps. Pure: no Vue, no bpmn-js.
 */
export const DURATION_UNITS = ['days', 'hours', 'weeks', 'months', 'years'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
/** Units of a fixed length: what reminder offsets, escalations and timers may use. */
export const FIXED_UNITS: readonly DurationUnit[] = ['days', 'hours', 'weeks'];
export type DurationCalendar = 'calendar' | 'workdays';

export interface DurationValue {
  amount: number;
  unit: DurationUnit;
  /** Working days: only with `days`. */
  calendar: DurationCalendar;
}

const FIELD: Record<DurationUnit, keyof IsoDuration> = {
  days: 'days',
  hours: 'hours',
  weeks: 'weeks',
  months: 'months',
  years: 'years',
};

/**
 * The number + unit an ISO duration denotes, or undefined when it is none of one unit that a
 * person would enter (a mix such as P1DT12H reads as 36 hours; P1Y6M as 18 months; minutes only
 * when they make whole hours).
 */
export function parseDuration(iso: string | undefined, calendar?: string): DurationValue | undefined {
  if (!iso?.trim()) return undefined;
  const d = parseIsoDuration(iso);
  if (!d) return undefined;
  const cal: DurationCalendar = calendar === 'workdays' ? 'workdays' : 'calendar';
  const set = (Object.keys(FIELD) as DurationUnit[]).filter((u) => d[FIELD[u]] > 0);
  if (set.length === 1 && !d.minutes) {
    const unit = set[0];
    if (cal === 'workdays' && unit !== 'days') return undefined;
    return { amount: d[FIELD[unit]], unit, calendar: cal };
  }
  if (cal === 'workdays') return undefined;
  if ((d.years || d.months) && !d.weeks && !d.days && !d.hours && !d.minutes)
    return { amount: d.years * 12 + d.months, unit: 'months', calendar: cal };
  if (d.years || d.months) return undefined;
  const minutes = ((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes;
  if (minutes === 0 || minutes % 60) return undefined;
  const hours = minutes / 60;
  if (hours % 24 === 0 && !d.hours) return { amount: hours / 24, unit: 'days', calendar: cal };
  return { amount: hours, unit: 'hours', calendar: cal };
}

/** Whether a number is one a duration can hold (a positive whole number). */
export const isDurationAmount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/** The ISO text and the calendar attribute of an entered duration (working days only count days). */
export function toIsoDuration(v: DurationValue): { iso: string; calendar: DurationCalendar } {
  if (!isDurationAmount(v.amount)) throw new RangeError(`a duration needs a positive whole number, not ${v.amount}`);
  const d: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0 };
  d[FIELD[v.unit]] = v.amount;
  return { iso: formatIsoDuration(d), calendar: v.unit === 'days' && v.calendar === 'workdays' ? 'workdays' : 'calendar' };
}

const ZH: Record<DurationUnit, string> = { days: '日', hours: '小时', weeks: '周', months: '个月', years: '年' };
const EN: Record<DurationUnit, [string, string]> = {
  days: ['day', 'days'],
  hours: ['hour', 'hours'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  years: ['year', 'years'],
};

/** "10 个工作日" / "10 working days", "15 日" / "15 days", "48 小时" / "48 hours". */
export function formatDuration(v: DurationValue, locale: string): string {
  const working = v.unit === 'days' && v.calendar === 'workdays';
  if (locale === 'en') {
    const [one, many] = EN[v.unit];
    return `${v.amount} ${working ? 'working ' : ''}${v.amount === 1 ? one : many}`;
  }
  return `${v.amount} ${working ? '个工作日' : ZH[v.unit]}`;
}

/** An ISO duration (and calendar) as text, or the ISO text itself when it is no number + unit. */
export function describeDuration(iso: string, calendar: string | undefined, locale: string): string {
  const v = parseDuration(iso, calendar);
  return v ? formatDuration(v, locale) : iso;
}

/** A template's due rule as a person reads it ("10 个工作日"); statutory periods are named by the caller. */
export function describeDueRule(rule: { kind: string; duration?: string; calendar?: string } | undefined, locale: string): string {
  if (!rule || rule.kind !== 'duration' || !rule.duration) return '';
  return describeDuration(rule.duration, rule.calendar, locale);
}
