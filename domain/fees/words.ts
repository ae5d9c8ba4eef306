import { assertSafeInteger } from './arith';

/**
 * 大写金额: an amount in the capital numerals of bills and receipts (壹贰叁 … 拾佰仟, 万 亿), which
 * cannot be altered by adding a stroke. Following 《正确填写票据和结算凭证的基本规定》: 整 after 元 (and
 * after 角) when there are no 分; a run of zeros inside the amount is one 零; 零 after 元 when 角 is 0 but
 * 分 is not; where the rules leave 零 optional (元 or 万 place 0, 角 or 千 place not) it is left out.
 * Built from the decimal digits of the fen, never from a division of floats.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
/** Units of the four-digit groups, lowest first; a safe integer of fen stays below 10^14 yuan (百万亿). */
const GROUPS = ['', '万', '亿', '万亿'];

/** The whole-yuan part, '' for zero. */
function yuanWords(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  let out = '';
  // A zero seen since the last digit written; it becomes one 零 before the next digit. The zeros that
  // close a group before its unit (壹拾万, not 壹拾零万) are cleared when the unit is written.
  let zero = false;
  groups.forEach((group, g) => {
    let wrote = false;
    for (let i = 0; i < group.length; i++) {
      const digit = Number(group[i]);
      if (digit === 0) {
        zero = out !== '';
        continue;
      }
      if (zero) out += '零';
      out += DIGITS[digit] + PLACES[group.length - 1 - i];
      zero = false;
      wrote = true;
    }
    if (wrote) {
      out += GROUPS[groups.length - 1 - g];
      zero = false;
    }
  });
  return out;
}

/** Integer fen as 大写金额: 1060000 → 壹万零陆佰元整, 5 → 伍分, 0 → 零元整, a negative amount (a credit note) with 负. */
export function amountInWords(fen: number): string {
  assertSafeInteger('fen', fen);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const yuan = yuanWords(digits.slice(0, -2));
  const jiao = Number(digits[digits.length - 2]);
  const cents = Number(digits[digits.length - 1]);
  let out = yuan ? `${yuan}元` : '';
  if (jiao === 0 && cents === 0) out = `${out || '零元'}整`;
  else {
    if (jiao !== 0) out += `${DIGITS[jiao]}角`;
    else if (yuan) out += '零';
    out += cents !== 0 ? `${DIGITS[cents]}分` : '整';
  }
  return fen < 0 ? `负${out}` : out;
}
