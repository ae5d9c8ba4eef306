import { describeDueRule, describeDuration, formatDuration, parseDuration, toIsoDuration } from './duration';

describe('durations as number + unit + calendar', () => {
  it.each([
    ['P15D', undefined, { amount: 15, unit: 'days', calendar: 'calendar' }, '15 日', '15 days'],
    ['PT48H', undefined, { amount: 48, unit: 'hours', calendar: 'calendar' }, '48 小时', '48 hours'],
    ['P2W', undefined, { amount: 2, unit: 'weeks', calendar: 'calendar' }, '2 周', '2 weeks'],
    ['P3M', undefined, { amount: 3, unit: 'months', calendar: 'calendar' }, '3 个月', '3 months'],
    ['P10D', 'workdays', { amount: 10, unit: 'days', calendar: 'workdays' }, '10 个工作日', '10 working days'],
    ['P1Y', undefined, { amount: 1, unit: 'years', calendar: 'calendar' }, '1 年', '1 year'],
  ] as const)('%s (%s) reads as %j, says "%s" / "%s" and round-trips', (iso, calendar, value, zh, en) => {
    const v = parseDuration(iso, calendar);
    expect(v).toEqual(value);
    expect(formatDuration(v!, 'zh-CN')).toBe(zh);
    expect(formatDuration(v!, 'en')).toBe(en);
    expect(toIsoDuration(v!)).toEqual({ iso, calendar: calendar ?? 'calendar' });
  });

  it('reads mixed fixed durations as hours or days, and refuses what no number + unit says', () => {
    expect(parseDuration('P1DT12H')).toEqual({ amount: 36, unit: 'hours', calendar: 'calendar' });
    expect(parseDuration('PT24H')).toEqual({ amount: 24, unit: 'hours', calendar: 'calendar' });
    expect(parseDuration('P1W3D')).toEqual({ amount: 10, unit: 'days', calendar: 'calendar' });
    expect(parseDuration('P1Y6M')).toEqual({ amount: 18, unit: 'months', calendar: 'calendar' });
    expect(parseDuration('p7d')).toEqual({ amount: 7, unit: 'days', calendar: 'calendar' });
    expect(parseDuration('P1Y2D')).toBeUndefined();
    expect(parseDuration('PT30M')).toBeUndefined();
    expect(parseDuration('P2W', 'workdays')).toBeUndefined();
    expect(parseDuration('PT48H', 'workdays')).toBeUndefined();
    expect(parseDuration('15 days')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('writes working days only for days, and refuses amounts that are no positive whole number', () => {
    expect(toIsoDuration({ amount: 3, unit: 'weeks', calendar: 'workdays' })).toEqual({ iso: 'P3W', calendar: 'calendar' });
    expect(toIsoDuration({ amount: 10, unit: 'days', calendar: 'workdays' })).toEqual({ iso: 'P10D', calendar: 'workdays' });
    expect(() => toIsoDuration({ amount: 0, unit: 'days', calendar: 'calendar' })).toThrow(RangeError);
    expect(() => toIsoDuration({ amount: 1.5, unit: 'days', calendar: 'calendar' })).toThrow(RangeError);
    expect(() => toIsoDuration({ amount: -2, unit: 'hours', calendar: 'calendar' })).toThrow(RangeError);
  });

  it('describes due rules and leaves what it cannot say as it is', () => {
    expect(describeDueRule({ kind: 'duration', duration: 'P10D', calendar: 'workdays' }, 'zh-CN')).toBe('10 个工作日');
    expect(describeDueRule({ kind: 'duration', duration: 'P1D', calendar: 'workdays' }, 'en')).toBe('1 working day');
    expect(describeDueRule({ kind: 'statutory' }, 'en')).toBe('');
    expect(describeDuration('P1Y2D', undefined, 'en')).toBe('P1Y2D');
  });
});
