import data from 'chinese-days/dist/chinese-days.json';
import { dayOfWeek, yearOf, type CivilDate } from './civil-date';

/**
 * The PRC working calendar: statutory holidays and 调休 working days from the `chinese-days`
 * package, plus overrides an administrator enters from the State Council's notice. The package
 * covers 2004–2026 and silently treats later years as weekends-only, so every answer says whether
 * the year is covered; an uncovered year makes a deadline provisional.
 */
export type DayKind = 'off' | 'work';

export interface HolidayOverride {
  date: CivilDate;
  kind: DayKind;
  name?: string;
}

export interface HolidayCalendar {
  isOffDay(date: CivilDate): boolean;
  isWorkday(date: CivilDate): boolean;
  /** Whether the year's official arrangement is known (package data or an override year). */
  covers(year: number): boolean;
  holidayName(date: CivilDate): string | undefined;
  readonly coverage: { from: number; to: number; extraYears: number[] };
}

const packageYears = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
export const PACKAGE_COVERAGE = { from: Math.min(...packageYears), to: Math.max(...packageYears) } as const;

const holidays = data.holidays as Record<string, string>;
const workdays = data.workdays as Record<string, string>;

function packageName(date: CivilDate): string | undefined {
  const entry = holidays[date] ?? workdays[date];
  return entry?.split(',')[1];
}

/**
 * @param overrides dates entered by an administrator (they win over the package)
 * @param overrideYears years whose whole arrangement has been entered as overrides
 */
export function createHolidayCalendar(overrides: readonly HolidayOverride[] = [], overrideYears: readonly number[] = []): HolidayCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const extra = new Set(overrideYears);
  const isOffDay = (date: CivilDate): boolean => {
    const o = byDate.get(date);
    if (o) return o.kind === 'off';
    if (holidays[date]) return true;
    if (workdays[date]) return false;
    const dow = dayOfWeek(date);
    return dow === 0 || dow === 6;
  };
  return {
    isOffDay,
    isWorkday: (date) => !isOffDay(date),
    covers: (year) => extra.has(year) || (year >= PACKAGE_COVERAGE.from && year <= PACKAGE_COVERAGE.to),
    holidayName: (date) => byDate.get(date)?.name ?? packageName(date),
    coverage: { ...PACKAGE_COVERAGE, extraYears: [...extra].sort() },
  };
}

export function coversDate(calendar: HolidayCalendar, date: CivilDate): boolean {
  return calendar.covers(yearOf(date));
}
