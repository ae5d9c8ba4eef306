import { heatLevel, medianParts } from './heatmap';

describe('heat map badges', () => {
  it('colours by count relative to the busiest node, in five steps', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(5, 10)).toBe(3);
    expect(heatLevel(10, 10)).toBe(5);
    expect(heatLevel(1, 1)).toBe(5);
  });

  it('says a median in whole days, or in hours under a day', () => {
    expect(medianParts(4 * 86_400_000 + 5 * 3_600_000)).toEqual({ unit: 'days', n: 4 });
    expect(medianParts(86_400_000)).toEqual({ unit: 'days', n: 1 });
    expect(medianParts(5 * 3_600_000)).toEqual({ unit: 'hours', n: 5 });
    expect(medianParts(60_000)).toEqual({ unit: 'hours', n: 1 });
  });
});
