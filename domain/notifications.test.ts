import { digestSlot, quietUntil } from './notifications';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it.each([
    // [instant, start, end, mail may go at (null: now)]
    ['2026-12-01T23:30:00+08:00', '22:00', '07:00', '2026-12-02T07:00:00+08:00'],
    ['2026-12-02T06:59:00+08:00', '22:00', '07:00', '2026-12-02T07:00:00+08:00'],
    ['2026-12-02T07:00:00+08:00', '22:00', '07:00', null],
    ['2026-12-02T21:59:00+08:00', '22:00', '07:00', null],
    ['2026-12-02T12:30:00+08:00', '12:00', '13:30', '2026-12-02T13:30:00+08:00'],
    ['2026-12-02T11:00:00+08:00', '12:00', '13:30', null],
    ['2026-12-02T11:00:00+08:00', '09:00', '09:00', null],
  ])('%s in %s–%s → %s', (instant, start, end, until) => {
    const r = quietUntil(at(instant), { start, end }, TZ);
    expect(r === null ? null : new Date(r).toISOString()).toBe(until === null ? null : new Date(until).toISOString());
  });

  it('is off without both ends', () => {
    expect(quietUntil(at('2026-12-01T23:30:00+08:00'), { start: null, end: null }, TZ)).toBeNull();
  });
});

describe('digest slots', () => {
  it('reads the firm-local day and hour, a late start staying in its hour', () => {
    expect(digestSlot(at('2026-12-01T00:00:00Z'), TZ)).toEqual({ localDate: '2026-12-01', hour: 8 });
    expect(digestSlot(at('2026-12-01T00:04:10Z'), TZ)).toEqual({ localDate: '2026-12-01', hour: 8 });
    expect(digestSlot(at('2026-11-30T16:00:02Z'), TZ)).toEqual({ localDate: '2026-12-01', hour: 0 });
    expect(digestSlot(at('2026-12-01T15:59:00Z'), TZ)).toEqual({ localDate: '2026-12-02', hour: 0 });
  });
});
