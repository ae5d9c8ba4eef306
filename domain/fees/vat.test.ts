import {
  DISBURSEMENT_NOTE,
  EXPENSE_CATEGORIES,
  INVOICE_ITEM_NAMES,
  invoiceTotals,
  isInvoiceItemName,
  splitVat,
  VAT_RATES_BP,
} from './index';

describe('splitVat: 不含税 = 含税 / (1 + rate), half up to the fen; 税额 = 含税 − 不含税', () => {
  /** [含税 fen, rate bp, 不含税, 税额] */
  it.each<[number, number, number, number]>([
    [10_000, 600, 9_434, 566], // ¥100.00 → 94.34 + 5.66 (9433.96)
    [1, 600, 1, 0], // ¥0.01: 0.943 rounds to the whole fen
    [2, 600, 2, 0], // 1.886
    [9, 600, 8, 1], // 8.49
    [53, 600, 50, 3], // divides evenly
    [10_600, 600, 10_000, 600],
    [3_333, 600, 3_144, 189], // 3144.34
    [10_000, 300, 9_709, 291], // 9708.74
    [1, 300, 1, 0],
    [1, 10_000, 1, 0], // exactly half a fen rounds up
    [3, 10_000, 2, 1], // 1.5 → 2
    [0, 600, 0, 0],
    [10_000, 0, 10_000, 0],
    [100_000_000_000, 600, 94_339_622_642, 5_660_377_358], // ¥1,000,000,000.00
    [Number.MAX_SAFE_INTEGER, 600, 8_497_357_787_491_501, 509_841_467_249_490], // product far past 2^53
    [-10_000, 600, -9_434, -566], // a credit note line mirrors its positive
  ])('%i fen at %i bp → %i + %i', (inclusive, rate, net, tax) => {
    expect(splitVat(inclusive, rate)).toEqual({ netFen: net, taxFen: tax });
  });

  it.each<[number, number]>([
    [100, -1],
    [100, 10_001],
    [100, 6.5],
    [0.5, 600],
  ])('refuses %p fen at %p bp', (inclusive, rate) => {
    expect(() => splitVat(inclusive, rate)).toThrow(RangeError);
  });

  it('knows the two rates law firms invoice at', () => {
    expect(VAT_RATES_BP).toEqual({ general: 600, smallScale: 300 });
  });
});

describe('invoiceTotals: each line split, totals the sums of the lines', () => {
  it('three ¥33.33 lines tax ¥5.67 in all, not the ¥5.66 a split of ¥99.99 would give', () => {
    const totals = invoiceTotals(
      [
        { id: 'a', inclusiveFen: 3_333 },
        { id: 'b', inclusiveFen: 3_333 },
        { id: 'c', inclusiveFen: 3_333 },
      ],
      600,
    );
    expect(totals).toEqual({
      lines: ['a', 'b', 'c'].map((id) => ({ id, inclusiveFen: 3_333, netFen: 3_144, taxFen: 189 })),
      inclusiveFen: 9_999,
      netFen: 9_432,
      taxFen: 567,
    });
    expect(splitVat(9_999, 600)).toEqual({ netFen: 9_433, taxFen: 566 });
  });

  it.each<[number[], number]>([
    [[10_000, 1, 9, 2_500_000, 123_457], 600],
    [[10_000, 1, 9, 2_500_000, 123_457], 300],
    [[], 600],
    [[50_000, -10_000], 600],
  ])('lines %j at %i bp: net + tax = inclusive on every line and in total', (amounts, rate) => {
    const totals = invoiceTotals(
      amounts.map((inclusiveFen) => ({ inclusiveFen })),
      rate,
    );
    totals.lines.forEach((l) => expect(l.netFen + l.taxFen).toBe(l.inclusiveFen));
    expect(totals.inclusiveFen).toBe(amounts.reduce((s, v) => s + v, 0));
    expect(totals.netFen).toBe(totals.lines.reduce((s, l) => s + l.netFen, 0));
    expect(totals.netFen + totals.taxFen).toBe(totals.inclusiveFen);
  });

  it('refuses totals past safe integers', () => {
    expect(() => invoiceTotals([{ inclusiveFen: Number.MAX_SAFE_INTEGER }, { inclusiveFen: 1 }], 600)).toThrow(RangeError);
  });
});

describe('invoice item names', () => {
  it('ships names in the *简称*名称 form, legal services first', () => {
    expect(INVOICE_ITEM_NAMES.legalService).toBe('*鉴证咨询服务*法律服务费');
    Object.values(INVOICE_ITEM_NAMES).forEach((name) => expect(isInvoiceItemName(name)).toBe(true));
  });

  it.each<[string, boolean]>([
    ['*鉴证咨询服务*法律服务费', true],
    ['*鉴证咨询服务*律师代理费（一审）', true],
    ['*现代服务*咨询费', true],
    ['法律服务费', false],
    ['*鉴证咨询服务*', false],
    ['**法律服务费', false],
    ['*鉴证 咨询*法律服务费', false],
    ['*鉴证咨询服务*法律*服务费', false],
    [' *鉴证咨询服务*法律服务费', false],
    ['*鉴证咨询服务*法律服务费 ', false],
    [`*鉴证咨询服务*${'费'.repeat(60)}`, true],
    [`*鉴证咨询服务*${'费'.repeat(61)}`, false],
  ])('%s → %p', (name, ok) => {
    expect(isInvoiceItemName(name)).toBe(ok);
  });

  it('sends money paid in the client’s name as a disbursement, costs the firm bore on the invoice', () => {
    expect(EXPENSE_CATEGORIES.court_fee.rebilled).toBe('disbursement');
    expect(EXPENSE_CATEGORIES.travel.rebilled).toBe('invoice');
    expect(DISBURSEMENT_NOTE.zh).toContain('代垫费用');
    Object.values(EXPENSE_CATEGORIES).forEach(({ name }) => expect(name.zh && name.en).toBeTruthy());
  });
});
