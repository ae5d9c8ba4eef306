import { hearingTitle, movedSpan } from './hearings';

const TZ = 'Asia/Shanghai';
const at = (s: string) => new Date(s);

describe('hearings', () => {
  it('are titled type · case number · courtroom, leaving out what is missing', () => {
    expect(hearingTitle('开庭', '2026民0003', '第十法庭')).toBe('开庭 · 2026民0003 · 第十法庭');
    expect(hearingTitle('Court session', '2026民0003', null)).toBe('Court session · 2026民0003');
    expect(hearingTitle('调解', null, '第三调解室')).toBe('调解 · 第三调解室');
  });

  it('move with their case date: a date keeps the wall-clock span on the new firm-local day', () => {
    const timed = { startsAt: at('2026-12-22T09:30:00+08:00'), endsAt: at('2026-12-22T11:30:00+08:00'), allDay: false };
    expect(movedSpan(timed, '2027-01-05', 'date', TZ)).toEqual({
      startsAt: at('2027-01-05T09:30:00+08:00'),
      endsAt: at('2027-01-05T11:30:00+08:00'),
    });
    // Already on that day (the API saved the exact time first): it stays.
    expect(movedSpan(timed, '2026-12-22', 'date', TZ)).toBeNull();
    const allDay = { startsAt: at('2026-12-15T00:00:00+08:00'), endsAt: at('2026-12-16T00:00:00+08:00'), allDay: true };
    expect(movedSpan(allDay, '2026-12-14', 'date', TZ)).toEqual({
      startsAt: at('2026-12-14T00:00:00+08:00'),
      endsAt: at('2026-12-15T00:00:00+08:00'),
    });
    expect(movedSpan(allDay, 'not a date', 'date', TZ)).toBeNull();
  });

  it('move with their case date-time: start then, as long as before', () => {
    const e = { startsAt: at('2026-12-22T09:30:00+08:00'), endsAt: at('2026-12-22T12:00:00+08:00'), allDay: false };
    expect(movedSpan(e, '2026-12-23T14:00:00+08:00', 'datetime', TZ)).toEqual({
      startsAt: at('2026-12-23T14:00:00+08:00'),
      endsAt: at('2026-12-23T16:30:00+08:00'),
    });
    expect(movedSpan(e, '2026-12-22T01:30:00Z', 'datetime', TZ)).toBeNull();
  });
});
