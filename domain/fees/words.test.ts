import { amountInWords } from './index';

describe('amountInWords: 大写金额 of integer fen', () => {
  it.each<[number, string]>([
    [0, '零元整'],
    [1_060_000, '壹万零陆佰元整'], // ¥10,600.00: the zero 千 place is one 零
    [5, '伍分'], // ¥0.05
    [50, '伍角整'],
    [15, '壹角伍分'],
    [100, '壹元整'],
    [1_000, '壹拾元整'], // 壹 before 拾 is kept on bills
    [100_000_001, '壹佰万元零壹分'], // ¥1,000,000.01: 零 after 元 when 角 is 0 and 分 is not
    [10_001_000, '壹拾万零壹拾元整'], // ¥100,010
    [10_100_000, '壹拾万壹仟元整'], // a zero closing the 万 group is no 零
    [32_504, '叁佰贰拾伍元零肆分'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'], // 元 place 0, 角 not: 零 optional, left out
    [10_700_053, '壹拾万柒仟元伍角叁分'],
    [10_000_100_000, '壹亿零壹仟元整'], // a whole zero 万 group still needs its 零
    [10_010_000_000, '壹亿零壹拾万元整'],
    [100_000_000_000_000, '壹万亿元整'],
    [Number.MAX_SAFE_INTEGER, '玖拾万亿零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
    [-1_060_000, '负壹万零陆佰元整'], // a credit note
    [-5, '负伍分'],
  ])('%i fen → %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });

  it.each([1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, Infinity])('refuses %p', (fen) => {
    expect(() => amountInWords(fen)).toThrow(RangeError);
  });
});
