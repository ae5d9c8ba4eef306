import type { Db } from '../connection';
import { createHolidayCalendar, type HolidayCalendar, type HolidayOverride } from '../../domain/deadlines/holiday-calendar';

/** Overrides an administrator entered from the State Council's notices, and the years they complete. */
export async function loadHolidayOverrides(db: Db): Promise<{ overrides: HolidayOverride[]; years: number[] }> {
  const [rows, years] = await Promise.all([
    db('holiday_overrides').select(db.raw("to_char(date, 'YYYY-MM-DD') as date"), 'kind', 'name'),
    db('holiday_years').pluck('year'),
  ]);
  return { overrides: rows.map((r: { date: string; kind: 'off' | 'work'; name: string | null }) => ({ date: r.date, kind: r.kind, name: r.name ?? undefined })), years };
}

/** The PRC working calendar with the administrator's overrides. */
export async function loadHolidayCalendar(db: Db): Promise<HolidayCalendar> {
  const { overrides, years } = await loadHolidayOverrides(db);
  return createHolidayCalendar(overrides, years);
}
