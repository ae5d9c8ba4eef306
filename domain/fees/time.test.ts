import { BILLING_INCREMENTS, billableMinutes, isoWeek, timeValueFen } from './index';

describe('billableMinutes: rounded up to the increment, 0 stays 0', () => {
  it.each<[number, number | undefined, number]>([
    [0, undefined, 0],
    [1, undefined, 6], // a started increment is billed whole
    [360, undefined, 6],
    [361, undefined, 12],
    [3_599, undefined, 60],
    [3_600, 6, 60],
    [3_601, 6, 66],
    [59, 1, 1],
    [60, 1, 1],
    [61, 1, 2],
    [301, 5, 10],
    [600, 10, 10],
    [3_601, 15, 75],
    [1, 30, 30],
    [1, 60, 60],
    [7_200, 60, 120],
  ])('%i s at %p min → %i min', (seconds, increment, minutes) => {
    expect(billableMinutes(seconds, increment)).toBe(minutes);
  });

  it.each<[number, number]>([
    [60, 0],
    [60, 7],
    [60, 6.5],
    [60, 120],
    [-1, 6],
    [1.5, 6],
  ])('refuses %p s at %p min', (seconds, increment) => {
    expect(() => billableMinutes(seconds, increment)).toThrow(RangeError);
  });

  it('offers the firm the increments of the brief', () => {
    expect(BILLING_INCREMENTS).toEqual([1, 5, 6, 10, 15, 30, 60]);
  });
});

describe('timeValueFen', () => {
  it.each<[number, number, number]>([
    [60, 150_000, 150_000],
    [6, 150_000, 15_000],
    [7, 10_000, 1_167], // 1166.67
    [90, 33_333, 50_000], // 49 999.5 rounds up
    [0, 150_000, 0],
  ])('%i min at %i fen/h → %i fen', (minutes, rate, value) => {
    expect(timeValueFen(minutes, rate)).toBe(value);
  });
});

describe('isoWeek: Monday to Sunday, ISO week numbers', () => {
  it.each<[string, number, number, string]>([
    ['2026-01-01', 2026, 1, '2025-12-29'], // a Thursday: week 1 starts in December
    ['2027-01-01', 2026, 53, '2026-12-28'], // a Friday: the last week of 2026
    ['2024-12-30', 2025, 1, '2024-12-30'], // a Monday, already 2025's week 1
    ['2021-01-03', 2020, 53, '2020-12-28'], // a Sunday ends its week
    ['2024-02-29', 2024, 9, '2024-02-26'],
    ['2026-11-30', 2026, 49, '2026-11-30'],
  ])('%s → %i-W%i from %s', (date, year, week, monday) => {
    const w = isoWeek(date);
    expect({ year: w.year, week: w.week, monday: w.monday }).toEqual({ year, week, monday });
    expect(w.days).toHaveLength(7);
    expect(w.days[0]).toBe(monday);
    expect(w.days).toContain(date);
  });

  it('lists the days across a month end', () => {
    expect(isoWeek('2026-03-01').days).toEqual([
      '2026-02-23',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it.each(['2026-02-30', '2026-1-5', 'tomorrow'])('refuses %s', (date) => {
    expect(() => isoWeek(date)).toThrow(RangeError);
  });
});
