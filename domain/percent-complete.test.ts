import { percentComplete } from './percent-complete';

describe('percentComplete', () => {
  it('counts done stages out of the total, rounded; a finished case is complete; no stages is 0', () => {
    expect(percentComplete({ finished: false, done: 1, total: 3 })).toBe(33);
    expect(percentComplete({ finished: false, done: 2, total: 3 })).toBe(67);
    expect(percentComplete({ finished: false, done: 0, total: 0 })).toBe(0);
    expect(percentComplete({ finished: true, done: 0, total: 4 })).toBe(100);
  });
});
