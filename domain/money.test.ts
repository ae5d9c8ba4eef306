import { fenToYuan, formatFen, isYuanInput, parseYuan, yuanToFen } from './money';

describe('yuanToFen', () => {
  it('converts typed yuan by its digits, where multiplying the float is a fen off', () => {
    expect(Number('1.005') * 100).toBeLessThan(100.5); // 100.4999…: Math.round of it is a fen short
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1.005')).toBe(101);
    expect(yuanToFen('1234567.8')).toBe(123456780);
    expect(yuanToFen(' 12 ')).toBe(1200);
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('12.')).toBe(1200);
  });

  it('converts numbers by the digits they print as', () => {
    expect(yuanToFen(5_000_000)).toBe(500_000_000);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1e-7)).toBe(0);
    expect(yuanToFen(-12.34)).toBe(-1234);
    expect(Object.is(yuanToFen(-0.001), 0)).toBe(true);
  });

  it('stays exact up to the largest safe fen and refuses what is not an amount', () => {
    expect(yuanToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => yuanToFen('90071992547409.92')).toThrow(RangeError);
    for (const bad of ['', 'abc', '1,000', '¥12', '1e3', '--1']) expect(() => yuanToFen(bad)).toThrow(RangeError);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1e21]) expect(() => yuanToFen(bad)).toThrow(RangeError);
  });
});

describe('parseYuan', () => {
  it('converts as yuanToFen does, and answers undefined where yuanToFen throws', () => {
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('12.345')).toBe(1235);
    expect(parseYuan(' -5 ')).toBe(-500);
    for (const bad of ['', 'abc', '1e3', '90071992547409.92']) expect(parseYuan(bad)).toBeUndefined();
  });
});

describe('isYuanInput', () => {
  it('accepts what the amount fields have always accepted: no sign, at most two decimals', () => {
    for (const ok of ['0', '12', '12.3', '12.34', ' 12.34 ']) expect(isYuanInput(ok)).toBe(true);
    for (const bad of ['', '12.345', '-1', '1,000', '1e3', '.5', '12.', 'abc']) expect(isYuanInput(bad)).toBe(false);
  });
});

describe('fenToYuan', () => {
  it('shows two decimals, exactly, also for the largest amounts', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(-1234)).toBe('-12.34');
    expect(fenToYuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => fenToYuan(12.5)).toThrow(RangeError);
  });

  it('round-trips with yuanToFen', () => {
    for (const fen of [0, 1, 29, 99, 100, 1999, 123456789, Number.MAX_SAFE_INTEGER]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});

describe('formatFen', () => {
  it('formats as the UI shows money: ¥, thousands separators, two decimals, per locale', () => {
    expect(formatFen(123456789, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatFen(123456789, 'en')).toBe('CN¥1,234,567.89');
    expect(formatFen(0, 'zh-CN')).toBe('¥0.00');
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05');
  });

  it('gives the same text as formatting the yuan float did, for every everyday amount', () => {
    const old = (fen: number, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
    for (const fen of [1, 10, 99, 1999, 100_000, 500_000_000, 98_765_432_109]) {
      for (const locale of ['zh-CN', 'en']) expect(formatFen(fen, locale)).toBe(old(fen, locale));
    }
  });
});
