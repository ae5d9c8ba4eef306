import {
  agreedFeeFen,
  applyCap,
  billingEventAmount,
  CAP_BASIS,
  hourlyFee,
  hourlyRateFor,
  instalmentAmounts,
  percentageFee,
  validateArrangement,
  type ArrangementFacts,
  type FeeArrangement,
  type FeeComponent,
  type HourlyRate,
} from './index';

const WAN = 1_000_000; // ¥10,000 in fen
const facts: ArrangementFacts = {
  practiceArea: 'civil',
  caseType: 'first_instance',
  causeOfAction: '买卖合同纠纷',
  amountInDisputeFen: 100 * WAN,
};
const fixed = (percents: number[], amountFen = 10 * WAN): FeeComponent => ({
  kind: 'fixed',
  amountFen,
  instalments: percents.map((percentBp, i) => ({ label: `第${i + 1}期`, percentBp, stageId: i === 0 ? null : `stage_${i}` })),
});
const codes = (a: FeeArrangement, f: ArrangementFacts = facts) => validateArrangement(a, f).map((p) => `${p.code} ${p.path}`);

describe('validateArrangement', () => {
  it.each<[string, FeeComponent[]]>([
    ['fixed 30/40/30', [fixed([3000, 4000, 3000])]],
    ['percentage with a minimum', [{ kind: 'percentage', percentBp: 600, minimumFen: WAN }]],
    [
      'hourly per user, per role and a default',
      [
        {
          kind: 'hourly',
          rates: [{ userId: 'u1', rateFen: 200_000 }, { role: 'assistant', rateFen: 50_000 }, { rateFen: 80_000 }],
          capFen: null,
        },
      ],
    ],
    ['contingency within the cap', [{ kind: 'contingency', baseFeeFen: 2 * WAN, percentBp: 1500 }]],
    [
      'hybrid fixed + capped hourly + contingency within the cap',
      [
        fixed([10000], 5 * WAN),
        { kind: 'hourly', rates: [{ rateFen: 100_000 }], capFen: 3 * WAN },
        { kind: 'contingency', baseFeeFen: 0, percentBp: 1000 },
      ],
    ],
  ])('accepts %s', (_what, components) => {
    expect(validateArrangement({ components }, facts)).toEqual([]);
  });

  it.each<[string, FeeComponent[], string[], ArrangementFacts?]>([
    ['no component', [], ['empty-arrangement components']],
    ['two fixed components', [fixed([10000]), fixed([10000])], ['duplicate-kind components[1].kind']],
    ['a negative fixed fee', [fixed([10000], -1)], ['amount-invalid components[0].amountFen']],
    ['a fixed fee in fractions of a fen', [fixed([10000], 100.5)], ['amount-invalid components[0].amountFen']],
    ['instalments of 90 %', [fixed([3000, 4000, 2000])], ['instalments-not-100 components[0].instalments']],
    ['an instalment of 0 %', [fixed([0, 10000])], ['instalment-percent-invalid components[0].instalments[0].percentBp']],
    [
      'an instalment of 12.5 bp',
      [fixed([12.5, 9987.5])],
      [
        'instalment-percent-invalid components[0].instalments[0].percentBp',
        'instalment-percent-invalid components[0].instalments[1].percentBp',
      ],
    ],
    ['a percentage of 0', [{ kind: 'percentage', percentBp: 0 }], ['percent-invalid components[0].percentBp']],
    ['a percentage above 100 %', [{ kind: 'percentage', percentBp: 10001 }], ['percent-invalid components[0].percentBp']],
    [
      'a percentage without an amount in dispute',
      [{ kind: 'percentage', percentBp: 500 }],
      ['amount-in-dispute-required components[0]'],
      { ...facts, amountInDisputeFen: null },
    ],
    ['a negative minimum', [{ kind: 'percentage', percentBp: 500, minimumFen: -100 }], ['amount-invalid components[0].minimumFen']],
    ['hourly without rates', [{ kind: 'hourly', rates: [] }], ['hourly-no-rates components[0].rates']],
    [
      'two rates for one user',
      [
        {
          kind: 'hourly',
          rates: [
            { userId: 'u1', rateFen: 1 },
            { userId: 'u1', rateFen: 2 },
          ],
        },
      ],
      ['hourly-rate-duplicate components[0].rates[1]'],
    ],
    [
      'two rates for one role',
      [
        {
          kind: 'hourly',
          rates: [
            { role: 'lawyer', rateFen: 1 },
            { role: 'lawyer', rateFen: 2 },
          ],
        },
      ],
      ['hourly-rate-duplicate components[0].rates[1]'],
    ],
    [
      'a rate for a user and a role at once',
      [{ kind: 'hourly', rates: [{ userId: 'u1', role: 'lawyer', rateFen: 1 }] }],
      ['hourly-rate-target components[0].rates[0]'],
    ],
    [
      'a negative rate and cap',
      [{ kind: 'hourly', rates: [{ rateFen: -5 }], capFen: -1 }],
      ['amount-invalid components[0].capFen', 'amount-invalid components[0].rates[0].rateFen'],
    ],
    ['contingency over the cap', [{ kind: 'contingency', baseFeeFen: 0, percentBp: 2000 }], ['contingency-cap-exceeded components[0]']],
    [
      'a fixed fee pushing a contingency over the cap',
      [fixed([10000], 5 * WAN), { kind: 'contingency', baseFeeFen: 0, percentBp: 1500 }],
      ['contingency-cap-exceeded components[1]'],
    ],
    [
      'contingency with uncapped hourly work',
      [
        { kind: 'hourly', rates: [{ rateFen: 1 }] },
        { kind: 'contingency', baseFeeFen: 0, percentBp: 100 },
      ],
      ['contingency-hourly-uncapped components[1]'],
    ],
    [
      'contingency in a divorce',
      [{ kind: 'contingency', baseFeeFen: 0, percentBp: 1000 }],
      ['contingency-banned components[0]'],
      { ...facts, causeOfAction: '离婚纠纷' },
    ],
    [
      'contingency with no amount in dispute',
      [{ kind: 'contingency', baseFeeFen: 0, percentBp: 1000 }],
      ['contingency-banned components[0]'],
      { ...facts, amountInDisputeFen: 0 },
    ],
    [
      'a negative contingency base',
      [{ kind: 'contingency', baseFeeFen: -1, percentBp: 1000 }],
      ['amount-invalid components[0].baseFeeFen'],
    ],
  ])('refuses %s', (_what, components, expected, f = facts) => {
    expect(codes({ components }, f)).toEqual(expected);
  });

  it('checks instalment labels (1–60 characters, trimmed) and stages (one instalment each, signing included)', () => {
    const instalments = [
      { label: '  ', percentBp: 2000, stageId: null },
      { label: '庭'.repeat(61), percentBp: 2000, stageId: 'trial' },
      { label: '签'.repeat(60), percentBp: 2000 },
      { label: '判决', percentBp: 2000, stageId: 'trial' },
      { label: '执行', percentBp: 2000, stageId: '' },
    ];
    expect(codes({ components: [{ kind: 'fixed', amountFen: WAN, instalments }] })).toEqual([
      'instalment-label-invalid components[0].instalments[0].label',
      'instalment-label-invalid components[0].instalments[1].label',
      'instalment-stage-duplicate components[0].instalments[2].stageId',
      'instalment-stage-duplicate components[0].instalments[3].stageId',
      'instalment-stage-invalid components[0].instalments[4].stageId',
    ]);
  });

  it('says the sum of the instalments, and a ban its basis and family, in both languages', () => {
    const [sum] = validateArrangement({ components: [fixed([3000, 3000, 3050])] }, facts);
    expect(sum.message).toEqual({ zh: '各期比例合计 90.5%，应为 100%。', en: 'The instalments add up to 90.5%, not 100%.' });
    const [ban] = validateArrangement(
      { components: [{ kind: 'contingency', baseFeeFen: 0, percentBp: 1000 }] },
      { ...facts, causeOfAction: '追索劳动报酬纠纷' },
    );
    expect(ban).toMatchObject({ family: 'labour-remuneration', basis: { zh: expect.stringContaining('第十一条') } });
    expect(ban.message.zh).toContain('追索劳动报酬纠纷');
    const [cap] = validateArrangement({ components: [{ kind: 'contingency', baseFeeFen: 0, percentBp: 2000 }] }, facts);
    expect(cap).toMatchObject({ capFen: 18 * WAN, basis: CAP_BASIS });
  });
});

describe('instalmentAmounts: largest remainder, summing exactly to the fee', () => {
  it.each<[number, number[], number[]]>([
    [10 * WAN, [3000, 4000, 3000], [3 * WAN, 4 * WAN, 3 * WAN]],
    [100, [3333, 3333, 3334], [33, 33, 34]],
    [10, [3333, 3333, 3334], [3, 3, 4]],
    [1, [3333, 3333, 3334], [0, 0, 1]],
    [1, [5000, 5000], [1, 0]],
    [3, [5000, 5000], [2, 1]],
    [0, [3000, 7000], [0, 0]],
    [99_999, [10000], [99_999]],
    [Number.MAX_SAFE_INTEGER, [3000, 4000, 3000], [2_702_159_776_422_297, 3_602_879_701_896_397, 2_702_159_776_422_297]],
  ])('%i fen by %j → %j', (amount, percents, expected) => {
    const shares = instalmentAmounts(
      amount,
      percents.map((percentBp) => ({ percentBp })),
    );
    expect(shares).toEqual(expected);
    expect(shares.reduce((s, v) => BigInt(s) + BigInt(v), 0n)).toBe(BigInt(amount));
  });

  it.each<[number, number[]]>([
    [100, [3000, 4000]],
    [100, [0, 10000]],
    [-1, [10000]],
  ])('refuses %i fen by %j', (amount, percents) => {
    expect(() =>
      instalmentAmounts(
        amount,
        percents.map((percentBp) => ({ percentBp })),
      ),
    ).toThrow(RangeError);
  });
});

describe('fee arithmetic', () => {
  it.each<[number, number, number | null, number]>([
    [12_345, 800, null, 988], // 987.6
    [12_345, 802, null, 990], // 990.069
    [100 * WAN, 600, null, 6 * WAN],
    [10 * WAN, 600, 2 * WAN, 2 * WAN], // the minimum applies
    [Number.MAX_SAFE_INTEGER, 10000, null, Number.MAX_SAFE_INTEGER],
  ])('percentageFee(%i, %i bp, minimum %p) = %i', (amount, percentBp, minimumFen, fee) => {
    expect(percentageFee(amount, { percentBp, minimumFen })).toBe(fee);
  });

  it.each<[number, number, number]>([
    [90, 33_333, 50_000], // 49 999.5 rounds up
    [6, 100_001, 10_000], // 10 000.1
    [1, 30, 1], // 0.5
    [1, 29, 0], // 0.483
    [0, 100_000, 0],
  ])('hourlyFee(%i min, %i fen/h) = %i', (minutes, rate, fee) => {
    expect(hourlyFee(minutes, rate)).toBe(fee);
  });

  it('applyCap holds a total to the cap; no cap is no limit', () => {
    expect(applyCap(50_000, 40_000)).toBe(40_000);
    expect(applyCap(30_000, 40_000)).toBe(30_000);
    expect(applyCap(30_000, null)).toBe(30_000);
    expect(() => applyCap(-1, null)).toThrow(RangeError);
  });

  it('hourlyRateFor: the user’s own rate, else the role’s, else the default', () => {
    const rates: HourlyRate[] = [{ rateFen: 1 }, { role: 'partner', rateFen: 2 }, { userId: 'u9', rateFen: 3 }];
    expect(hourlyRateFor(rates, { userId: 'u9', role: 'partner' })?.rateFen).toBe(3);
    expect(hourlyRateFor(rates, { userId: 'u1', role: 'partner' })?.rateFen).toBe(2);
    expect(hourlyRateFor(rates, { userId: 'u1', role: 'lawyer' })?.rateFen).toBe(1);
    expect(hourlyRateFor(rates.slice(1), { userId: 'u1', role: 'lawyer' })).toBeNull();
  });
});

describe('billingEventAmount', () => {
  const hourlyOnly: FeeArrangement = { components: [{ kind: 'hourly', rates: [{ rateFen: 100_000 }] }] };
  it.each<[string, { amountFen?: number | null; percentBp?: number | null }, FeeArrangement, number | null]>([
    ['a fixed amount, whatever the arrangement', { amountFen: 12_345 }, hourlyOnly, 12_345],
    ['40 % of the fixed fee', { percentBp: 4000 }, { components: [fixed([10000], 10 * WAN)] }, 4 * WAN],
    ['33.33 % of ¥1,000.01, rounded half up', { percentBp: 3333 }, { components: [fixed([10000], 100_001)] }, 33_330],
    [
      'a percent of the percentage fee on the amount in dispute',
      { percentBp: 5000 },
      { components: [{ kind: 'percentage', percentBp: 600 }] },
      3 * WAN,
    ],
    [
      'a percent of a hybrid’s fixed fee and contingency base',
      { percentBp: 5000 },
      { components: [fixed([10000], 2 * WAN), { kind: 'contingency', baseFeeFen: 2 * WAN, percentBp: 1000 }] },
      2 * WAN,
    ],
    ['a percent with no fee agreed as a sum', { percentBp: 3000 }, hourlyOnly, null],
    ['neither amount nor percent', { amountFen: null, percentBp: null }, hourlyOnly, null],
  ])('%s', (_what, event, arrangement, expected) => {
    expect(billingEventAmount(event, arrangement, facts)).toBe(expected);
  });

  it('agreedFeeFen leaves out the percentage fee while the amount in dispute is unknown', () => {
    const a: FeeArrangement = { components: [{ kind: 'percentage', percentBp: 600 }] };
    expect(agreedFeeFen(a, { amountInDisputeFen: null })).toBeNull();
    expect(billingEventAmount({ percentBp: 3000 }, a, { amountInDisputeFen: null })).toBeNull();
  });

  it.each([{ amountFen: -1 }, { percentBp: 10001 }, { percentBp: 0.5 }])('refuses %j', (event) => {
    expect(() => billingEventAmount(event, { components: [fixed([10000])] }, facts)).toThrow(RangeError);
  });
});
