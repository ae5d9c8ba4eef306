import { addDays, addMonths, compareDates, yearOf, type CivilDate } from './civil-date';
import type { HolidayCalendar } from './holiday-calendar';

/**
 * How PRC procedural periods are counted (民诉法 第85条, 刑诉法 第105条, 民法典 第201–203条,
 * 行政复议法 第88条): the start day is not counted; day periods add days; month/year periods end on
 * the same day of the target month (its last day when there is none); working-day periods count
 * working days only; a period whose last day is a rest day ends on the next working day — except
 * custody periods, which never roll. 调休 working days are working days.
 */
export type PeriodUnit = 'day' | 'month' | 'year' | 'workday';

export interface PeriodSpec {
  amount: number;
  unit: PeriodUnit;
  /** 'forward': a last day that is a rest day moves to the next working day; 'none': custody periods. */
  roll: 'forward' | 'none';
}

export interface DeadlineResult {
  due: CivilDate;
  /** The nominal last day before any roll-over. */
  unadjusted: CivilDate;
  rolledOver: boolean;
  /** True when a year the count touched has no known holiday arrangement: check by hand. */
  provisional: boolean;
}

/** Safety stop: no real calendar has more than this many rest days in a row. */
const MAX_ROLL = 30;

export function computeDeadline(trigger: CivilDate, spec: PeriodSpec, calendar: HolidayCalendar): DeadlineResult {
  if (!Number.isInteger(spec.amount) || spec.amount < 0) throw new RangeError(`bad period amount ${spec.amount}`);
  let unadjusted: CivilDate;
  switch (spec.unit) {
    case 'day':
      unadjusted = addDays(trigger, spec.amount);
      break;
    case 'month':
      unadjusted = addMonths(trigger, spec.amount);
      break;
    case 'year':
      unadjusted = addMonths(trigger, spec.amount * 12);
      break;
    case 'workday': {
      let d = trigger;
      for (let counted = 0; counted < spec.amount;) {
        d = addDays(d, 1);
        if (calendar.isWorkday(d)) counted++;
      }
      unadjusted = d;
      break;
    }
  }
  let due = unadjusted;
  if (spec.roll === 'forward') {
    for (let i = 0; calendar.isOffDay(due); i++) {
      if (i > MAX_ROLL) throw new Error(`no working day within ${MAX_ROLL} days after ${unadjusted}`);
      due = addDays(due, 1);
    }
  }
  const touched = spec.unit === 'workday' ? [yearOf(trigger), yearOf(due)] : [yearOf(unadjusted), yearOf(due)];
  const years = new Set<number>();
  for (let y = Math.min(...touched); y <= Math.max(...touched); y++) years.add(y);
  return {
    due,
    unadjusted,
    rolledOver: compareDates(due, unadjusted) !== 0,
    provisional: [...years].some((y) => !calendar.covers(y)),
  };
}
