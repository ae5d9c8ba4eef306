import { dashboardWindows } from './windows';

describe('dashboard windows', () => {
  it("counts from the firm's today: 00:30 in Shanghai is still the previous day in UTC", () => {
    // 2026-12-03T16:30Z is 2026-12-04 00:30 in Asia/Shanghai (UTC+8).
    const w = dashboardWindows(Date.parse('2026-12-03T16:30:00Z'), 'Asia/Shanghai');
    expect(w.today).toBe('2026-12-04');
    expect(w.deadlineTo).toBe('2026-12-18');
    expect(w.hearingsFrom).toBe('2026-12-03T16:00:00.000Z');
    expect(w.hearingsTo).toBe('2026-12-10T16:00:00.000Z');
    expect(w.idleDays).toBe(30);
  });

  it('one minute before midnight in Shanghai is still that day; in UTC it would be the same date', () => {
    const w = dashboardWindows(Date.parse('2026-12-03T15:59:00Z'), 'Asia/Shanghai');
    expect(w.today).toBe('2026-12-03');
    expect(dashboardWindows(Date.parse('2026-12-03T16:30:00Z'), 'UTC').today).toBe('2026-12-03');
  });

  it('the deadline window crosses a month and a year end', () => {
    expect(dashboardWindows(Date.parse('2026-12-25T02:00:00Z'), 'Asia/Shanghai').deadlineTo).toBe('2027-01-08');
  });
});
