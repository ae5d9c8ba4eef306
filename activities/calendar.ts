import type { Db } from '../db/connection';
import { loadHolidayCalendar } from '../db/repositories/holidays';
import type { HolidayCalendar } from '../domain/deadlines/holiday-calendar';

/** The working calendar with the administrator's overrides, re-read at most once a minute. */
export function calendarSource(db: Db, ttlMs = 60_000): () => Promise<HolidayCalendar> {
  let cached: { at: number; calendar: HolidayCalendar } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.calendar;
    cached = { at: Date.now(), calendar: await loadHolidayCalendar(db) };
    return cached.calendar;
  };
}
