import { addDays, civilDateAt, zonedTimeToInstant, type CivilDate } from './deadlines/civil-date';

/** 'HH:MM', 24-hour clock. */
export const CLOCK_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface QuietHours {
  start: string | null;
  end: string | null;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When mail to a user in quiet hours may go out: null when `at` is outside the window (send now),
 * otherwise the window's end in `timeZone`. A window may run past midnight (22:00–07:00);
 * equal start and end means no quiet hours.
 */
export function quietUntil(at: number, quiet: QuietHours, timeZone: string): number | null {
  if (!quiet.start || !quiet.end || quiet.start === quiet.end) return null;
  const date = civilDateAt(at, timeZone);
  const startToday = zonedTimeToInstant(date, ...hm(quiet.start), timeZone);
  const endToday = zonedTimeToInstant(date, ...hm(quiet.end), timeZone);
  if (minutes(quiet.start) < minutes(quiet.end)) return at >= startToday && at < endToday ? endToday : null;
  // Past midnight: quiet from start today to end tomorrow, or from start yesterday to end today.
  if (at < endToday) return endToday;
  if (at >= startToday) return zonedTimeToInstant(addDays(date, 1), ...hm(quiet.end), timeZone);
  return null;
}

function hm(hhmm: string): [number, number] {
  return [Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5))];
}

/**
 * The digest slot an instant belongs to: the firm-local date and the hour it rounds to. The
 * hourly schedule starts the digest a few seconds (or, after an outage, minutes) past the hour;
 * rounding to the nearest hour keeps a late start in its own slot.
 */
export function digestSlot(at: number, timeZone: string): { localDate: CivilDate; hour: number } {
  const rounded = Math.round(at / 3_600_000) * 3_600_000;
  const localDate = civilDateAt(rounded, timeZone);
  const midnight = zonedTimeToInstant(localDate, 0, 0, timeZone);
  return { localDate, hour: Math.round((rounded - midnight) / 3_600_000) };
}
