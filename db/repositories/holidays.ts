import type { Db } from '../connection';
import { createHolidayCalendar, type HolidayCalendar, type HolidayOverride } from '../../domain/deadlines/holiday-calendar';

/** Overrides an administrator entered from the State Council's notices, and the years they complete. */
export async function loadHolidayOverrides(db: Db): Promise<{ overrides: HolidayOverride[]; years: number[] }> {
  const [rows, years] = await Promise.all([
    db('holiday_overrides').select(db.raw("to_char(date, 'YYYY-MM-DD') as date"), 'kind', 'name'),
    db('holiday_years').pluck('year'),
  ]);
  return {
    overrides: rows.map((r: { date: string; kind: 'off' | 'work'; name: string | null }) => ({
      date: r.date,
      kind: r.kind,
      name: r.name ?? undefined,
    })),
    years,
  };
}

/** The PRC working calendar with the administrator's overrides. */
export async function loadHolidayCalendar(db: Db): Promise<HolidayCalendar> {
  const { overrides, years } = await loadHolidayOverrides(db);
  return createHolidayCalendar(overrides, years);
}

export interface OverrideRow {
  date: string;
  kind: 'off' | 'work';
  name: string | null;
  source: string | null;
  enteredByName: string | null;
}

/** The overrides and completed years an administrator entered, for the settings page. */
export async function listHolidayEntries(
  db: Db,
): Promise<{ overrides: OverrideRow[]; years: Array<{ year: number; source: string | null }> }> {
  const [overrides, years] = await Promise.all([
    db('holiday_overrides as h')
      .leftJoin('users as u', 'u.id', 'h.entered_by')
      .orderBy('h.date')
      .select(db.raw("to_char(h.date, 'YYYY-MM-DD') as date"), 'h.kind', 'h.name', 'h.source', 'u.name as entered_by_name'),
    db('holiday_years').orderBy('year').select('year', 'source'),
  ]);
  return {
    overrides: overrides.map((r: Record<string, any>) => ({
      date: r.date,
      kind: r.kind,
      name: r.name,
      source: r.source,
      enteredByName: r.entered_by_name,
    })),
    years,
  };
}

export async function saveHolidayOverride(
  db: Db,
  o: { date: string; kind: 'off' | 'work'; name?: string | null; source?: string | null; by: string },
): Promise<void> {
  await db('holiday_overrides')
    .insert({ date: o.date, kind: o.kind, name: o.name ?? null, source: o.source ?? null, entered_by: o.by })
    .onConflict('date')
    .merge(['kind', 'name', 'source', 'entered_by']);
}

export async function deleteHolidayOverride(db: Db, date: string): Promise<boolean> {
  return (await db('holiday_overrides').where({ date }).delete()) > 0;
}

export async function saveHolidayYear(db: Db, y: { year: number; source?: string | null; by: string }): Promise<void> {
  await db('holiday_years')
    .insert({ year: y.year, source: y.source ?? null, entered_by: y.by })
    .onConflict('year')
    .merge(['source', 'entered_by']);
}

export async function deleteHolidayYear(db: Db, year: number): Promise<boolean> {
  return (await db('holiday_years').where({ year }).delete()) > 0;
}
