import { formatLetterNumber, letterAreaCode, parseLetterNumber } from './letter-number';
import { chineseNumeral, yuanText } from './format';

describe('letter numbers (函号)', () => {
  it('formats year, firm prefix, area and sequence', () => {
    expect(formatLetterNumber({ year: 2026, prefix: '京律', areaCode: letterAreaCode('civil'), seq: 12 })).toBe('（2026）京律民字第12号');
    expect(formatLetterNumber({ year: 2027, prefix: '沪君律', areaCode: letterAreaCode('criminal'), seq: 1 })).toBe(
      '（2027）沪君律刑字第1号',
    );
  });

  it('refuses what is not a number', () => {
    expect(() => formatLetterNumber({ year: 26, prefix: '京律', areaCode: '民', seq: 1 })).toThrow(RangeError);
    expect(() => formatLetterNumber({ year: 2026, prefix: '京律', areaCode: '民', seq: 0 })).toThrow(RangeError);
    expect(() => formatLetterNumber({ year: 2026, prefix: ' ', areaCode: '民', seq: 3 })).toThrow(RangeError);
  });

  it('parses back what it wrote', () => {
    expect(parseLetterNumber('（2026）京律民字第12号')).toEqual({ year: 2026, prefix: '京律', areaCode: '民', seq: 12 });
    expect(parseLetterNumber('（2026）京律民字第012号')).toBeNull();
  });
});

describe('document formatting', () => {
  it('shows fen as yuan with separators and numbers in Chinese', () => {
    expect(yuanText(123_456_789)).toBe('1,234,567.89');
    expect(yuanText(5)).toBe('0.05');
    expect([1, 10, 12, 20, 99].map(chineseNumeral)).toEqual(['一', '十', '十二', '二十', '九十九']);
  });
});
