import { addDays, daysBetween, dayOfWeek, isCivilDate, type CivilDate } from '../deadlines/civil-date';
import { assertSafeInteger, mulDivRound } from './arith';

/** The billing increments a firm may choose (minutes); 6 is the common tenth of an hour. */
export const BILLING_INCREMENTS = [1, 5, 6, 10, 15, 30, 60] as const;
export type BillingIncrement = (typeof BILLING_INCREMENTS)[number];
export const DEFAULT_INCREMENT_MINUTES: BillingIncrement = 6;

export function isBillingIncrement(v: unknown): v is BillingIncrement {
  return (BILLING_INCREMENTS as readonly unknown[]).includes(v);
}

/**
 * Recorded seconds as billable minutes, rounded up to the firm's increment (a started increment is
 * billed whole); 0 stays 0. Throws a RangeError for an increment the firm cannot choose.
 */
export function billableMinutes(seconds: number, incrementMinutes: number = DEFAULT_INCREMENT_MINUTES): number {
  assertSafeInteger('seconds', seconds, 0);
  if (!isBillingIncrement(incrementMinutes)) {
    throw new RangeError(`billing increment must be one of ${BILLING_INCREMENTS.join(', ')} minutes: ${incrementMinutes}`);
  }
  const step = incrementMinutes * 60;
  return Math.ceil(seconds / step) * incrementMinutes;
}

/** Minutes at an hourly rate in fen, rounded half up to the fen (90 min at ¥333.33/h is ¥500.00, 499.995 rounded). */
export function timeValueFen(minutes: number, rateFen: number): number {
  assertSafeInteger('minutes', minutes, 0);
  assertSafeInteger('rateFen', rateFen, 0);
  return mulDivRound(minutes, rateFen, 60);
}

export interface IsoWeek {
  /** ISO week-numbering year (the year of the week's Thursday) and week 1–53. */
  year: number;
  week: number;
  monday: CivilDate;
  /** Monday to Sunday. */
  days: CivilDate[];
}

/** The ISO week (Monday first) holding a civil date, for the weekly timesheet. Civil text only: no time zone is involved. */
export function isoWeek(dateText: string): IsoWeek {
  if (!isCivilDate(dateText)) throw new RangeError(`not a date (YYYY-MM-DD): ${dateText}`);
  const monday = addDays(dateText, -((dayOfWeek(dateText) + 6) % 7));
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const thursday = days[3];
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { year, week, monday, days };
}
