import { createHolidayCalendar, PACKAGE_COVERAGE } from './holiday-calendar';
import { periodFor, STATUTORY_PERIODS } from './catalogue';
import { computeDeadline } from './periods';
import { addMonths, civilDateAt, endOfDay, zonedTimeToInstant } from './civil-date';

const calendar = createHolidayCalendar();

/** [period key, trigger, nominal last day, due date, rolled over, provisional] — real PRC calendars. */
const CASES: Array<[string, string, string, string, boolean, boolean, string]> = [
  ['civil.appeal_judgment', '2026-09-22', '2026-10-07', '2026-10-08', true, false, 'ends in 国庆 2026'],
  ['civil.appeal_judgment', '2026-02-05', '2026-02-20', '2026-02-24', true, false, 'ends in 春节 2026 (2/21–2/23 off too)'],
  ['civil.appeal_ruling', '2026-02-03', '2026-02-13', '2026-02-13', false, false, 'a working Friday'],
  ['civil.answer', '2026-09-05', '2026-09-20', '2026-09-20', false, false, 'a 调休 Sunday is a working day'],
  ['civil.second_instance_limit', '2026-11-30', '2027-02-28', '2027-03-01', true, true, 'no 2027 data: weekend rule, provisional'],
  ['criminal.appeal_judgment', '2026-09-27', '2026-10-07', '2026-10-08', true, false, 'criminal appeal over 国庆'],
  ['criminal.investigation_custody', '2026-08-01', '2026-10-01', '2026-10-01', false, false, 'custody never rolls'],
  [
    'administrative.reconsideration_answer',
    '2026-09-28',
    '2026-10-16',
    '2026-10-16',
    false,
    false,
    'working days; 10-10 is a 调休 Saturday',
  ],
  ['civil.first_instance_limit', '2026-03-31', '2026-09-30', '2026-09-30', false, false, 'month period, working day'],
  ['civil.enforcement_application', '2024-02-29', '2026-02-28', '2026-02-28', false, false, 'leap day clamps; 2/28 is a 调休 Saturday'],
  ['civil.appeal_judgment', '2025-12-17', '2026-01-01', '2026-01-04', true, false, 'ends on 元旦; 1/4 is a 调休 Sunday'],
  ['civil.appeal_judgment', '2026-04-16', '2026-05-01', '2026-05-06', true, false, 'ends on 劳动节'],
  ['civil.appeal_judgment', '2026-03-20', '2026-04-04', '2026-04-07', true, false, 'ends on 清明'],
  ['civil.appeal_judgment', '2026-06-04', '2026-06-19', '2026-06-22', true, false, 'ends on 端午'],
  ['civil.appeal_judgment', '2026-09-10', '2026-09-25', '2026-09-28', true, false, 'ends on 中秋'],
  ['civil.appeal_judgment', '2026-03-06', '2026-03-21', '2026-03-23', true, false, 'an ordinary Saturday'],
  ['arbitration.set_aside', '2026-02-10', '2026-08-10', '2026-08-10', false, false, 'old law: 6 months'],
  ['arbitration.set_aside', '2026-03-10', '2026-06-10', '2026-06-10', false, false, 'new law from 2026-03-01: 3 months'],
  ['civil.appeal_judgment', '2025-09-16', '2025-10-01', '2025-10-09', true, false, '国庆 2025 (10/1–10/8)'],
  ['civil.appeal_judgment', '2025-01-13', '2025-01-28', '2025-02-05', true, false, '春节 2025 (1/28–2/4)'],
  ['administrative.reconsideration_answer', '2026-12-28', '2027-01-11', '2027-01-11', false, true, 'working days into 2027: provisional'],
  ['criminal.prosecution_review', '2026-01-01', '2026-02-01', '2026-02-01', false, false, 'custody period ending on a Sunday'],
  ['civil.appeal_ruling', '2026-02-08', '2026-02-18', '2026-02-24', true, false, 'ruling appeal inside 春节'],
  ['civil.answer', '2026-12-20', '2027-01-04', '2027-01-04', false, true, 'ends in 2027 on a Monday: provisional'],
];

describe('PRC statutory deadlines', () => {
  it.each(CASES)('%s from %s: nominal %s → due %s (%s)', (key, trigger, unadjusted, due, rolledOver, provisional) => {
    const rule = periodFor(key, trigger)!;
    expect(computeDeadline(trigger, rule.spec, calendar)).toEqual({ due, unadjusted, rolledOver, provisional });
  });

  it('covers 2004–2026 from the package and no later year', () => {
    expect(PACKAGE_COVERAGE).toEqual({ from: 2004, to: 2026 });
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
    expect(calendar.holidayName('2026-10-01')).toBe('国庆节');
  });

  it('honours an administrator override and the year it covers', () => {
    const cal = createHolidayCalendar([{ date: '2027-01-01', kind: 'off', name: '元旦' }], [2027]);
    const r = computeDeadline('2026-12-17', { amount: 15, unit: 'day', roll: 'forward' }, cal);
    expect(r).toEqual({ due: '2027-01-04', unadjusted: '2027-01-01', rolledOver: true, provisional: false });
  });

  it('every catalogue entry has a legal basis in both languages and a sane period', () => {
    expect(STATUTORY_PERIODS.length).toBeGreaterThanOrEqual(30);
    for (const p of STATUTORY_PERIODS) {
      expect(p.basis.zh).toMatch(/第.+条/);
      expect(p.basis.en).toMatch(/art\./);
      expect(p.spec.amount).toBeGreaterThan(0);
    }
    expect(new Set(STATUTORY_PERIODS.map((p) => p.key)).size).toBe(STATUTORY_PERIODS.length);
  });
});

describe('civil dates', () => {
  it('clamp month arithmetic to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
  });

  it('convert between instants and the firm zone without the host zone', () => {
    const nine = zonedTimeToInstant('2026-10-08', 9, 0, 'Asia/Shanghai');
    expect(new Date(nine).toISOString()).toBe('2026-10-08T01:00:00.000Z');
    expect(new Date(endOfDay('2026-10-08', 'Asia/Shanghai')).toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(civilDateAt(Date.parse('2026-10-08T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-10-09');
    expect(new Date(endOfDay('2026-03-28', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(endOfDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});
