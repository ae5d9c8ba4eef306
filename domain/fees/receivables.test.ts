import { ageingBucket, allocatePayment, collectionRateBp, daysPastDue, realisationBp, type AgeingBucket } from './index';

describe('ageingBucket: days past due; not yet due counts as 0-30', () => {
  it.each<[string, string, number, AgeingBucket]>([
    ['2026-01-31', '2026-01-15', 0, '0-30'], // not yet due
    ['2026-01-31', '2026-01-31', 0, '0-30'], // due today
    ['2026-01-31', '2026-03-02', 30, '0-30'],
    ['2026-01-31', '2026-03-03', 31, '31-60'],
    ['2026-01-31', '2026-04-01', 60, '31-60'],
    ['2026-01-31', '2026-04-02', 61, '61-90'],
    ['2026-01-31', '2026-05-01', 90, '61-90'],
    ['2026-01-31', '2026-05-02', 91, '90+'],
    ['2024-12-31', '2026-12-31', 730, '90+'],
  ])('due %s, as of %s: %i days, %s', (dueOn, asOf, days, bucket) => {
    expect(daysPastDue(dueOn, asOf)).toBe(days);
    expect(ageingBucket(dueOn, asOf)).toBe(bucket);
  });

  it('refuses what is not a date', () => {
    expect(() => ageingBucket('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('allocatePayment: oldest first, the overpayment reported', () => {
  const invoices = [
    { id: 'c', outstandingFen: 30_000, issuedOn: '2026-03-01' },
    { id: 'a', outstandingFen: 10_000, issuedOn: '2026-01-15' },
    { id: 'paid', outstandingFen: 0, issuedOn: '2026-01-01' },
    { id: 'b1', outstandingFen: 20_000, issuedOn: '2026-02-01' },
    { id: 'b2', outstandingFen: 5_000, issuedOn: '2026-02-01' },
  ];
  it.each<[number, [string, number][], number]>([
    [0, [], 0],
    [4_000, [['a', 4_000]], 0],
    [10_000, [['a', 10_000]], 0],
    [
      35_000,
      [
        ['a', 10_000],
        ['b1', 20_000],
        ['b2', 5_000],
      ],
      0,
    ],
    [
      40_001,
      [
        ['a', 10_000],
        ['b1', 20_000],
        ['b2', 5_000],
        ['c', 5_001],
      ],
      0,
    ],
    [
      70_000,
      [
        ['a', 10_000],
        ['b1', 20_000],
        ['b2', 5_000],
        ['c', 30_000],
      ],
      5_000,
    ],
  ])('%i fen', (amount, expected, overpaymentFen) => {
    const result = allocatePayment(amount, invoices);
    expect(result).toEqual({ allocations: expected.map(([invoiceId, amountFen]) => ({ invoiceId, amountFen })), overpaymentFen });
    expect(result.allocations.reduce((s, a) => s + a.amountFen, 0) + result.overpaymentFen).toBe(amount);
  });

  it('with no invoice open, all of it is overpayment', () => {
    expect(allocatePayment(500, [])).toEqual({ allocations: [], overpaymentFen: 500 });
  });

  it.each([-1, 0.5])('refuses a payment of %p fen', (amount) => {
    expect(() => allocatePayment(amount, invoices)).toThrow(RangeError);
  });
});

describe('realisation and collection rates, in basis points', () => {
  it.each<[number, number, number | null]>([
    [90_000, 100_000, 9_000],
    [1, 3, 3_333],
    [2, 3, 6_667],
    [150_000, 100_000, 15_000], // billed above the time's value
    [0, 100_000, 0],
    [100_000, 0, null],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 10_000],
  ])('%i over %i → %p', (numerator, denominator, bp) => {
    expect(realisationBp(numerator, denominator)).toBe(bp);
    expect(collectionRateBp(numerator, denominator)).toBe(bp);
  });

  it('refuses negative amounts', () => {
    expect(() => collectionRateBp(-1, 100)).toThrow(RangeError);
  });
});
