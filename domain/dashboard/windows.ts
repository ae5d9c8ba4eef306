import { addDays, civilDateAt, zonedTimeToInstant, type CivilDate } from '../deadlines/civil-date';

/** Tasks due: the firm's today. Deadlines: from today to this many days later (13 days out is in, 15 is not). */
export const DEADLINE_DAYS = 14;
/** Hearings "this week": the firm's today and the six days after it. */
export const HEARING_DAYS = 7;
/** A case is idle when nothing happened on it for this many days (see db/repositories/case-search.ts, LAST_ACTIVITY). */
export const IDLE_DAYS = 30;

export interface DashboardWindows {
  /** The firm's today (its time zone, not the server's or UTC). */
  today: CivilDate;
  /** The last day of the deadline window, inclusive. */
  deadlineTo: CivilDate;
  /** Hearings: from the start of the firm's today to the start of the day HEARING_DAYS later (ISO instants). */
  hearingsFrom: string;
  hearingsTo: string;
  idleDays: number;
}

/** The windows the 工作台's tiles count in, for an instant and the firm's time zone. */
export function dashboardWindows(nowMs: number, timeZone: string): DashboardWindows {
  const today = civilDateAt(nowMs, timeZone);
  return {
    today,
    deadlineTo: addDays(today, DEADLINE_DAYS),
    hearingsFrom: new Date(zonedTimeToInstant(today, 0, 0, timeZone)).toISOString(),
    hearingsTo: new Date(zonedTimeToInstant(addDays(today, HEARING_DAYS), 0, 0, timeZone)).toISOString(),
    idleDays: IDLE_DAYS,
  };
}
