import { fenToYuan } from '../money';
import { BLANK } from './docx';

/**
 * How values read in a Chinese court document: dates as 2026年3月5日, money as yuan with thousands
 * separators and two decimals (the figure written after 人民币 and before 元), codes as their
 * Chinese words. A missing value is the blank line, never "undefined" or "null".
 */

/** Text, or the blank line when there is none. */
export function text(value: string | null | undefined): string {
  return value !== null && value !== undefined && value.trim() !== '' ? value : BLANK;
}

/** An ISO calendar date (its first ten characters: the caller gives the firm's local date) as 2026年3月5日. */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return BLANK;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Integer fen as yuan text with separators: 12345678 → '123,456.78' (through domain/money, no float arithmetic). */
export function yuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return BLANK;
  const [whole, cents] = fenToYuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 40 → 四十 (the heading numbers 一、二、 of a pleading; beyond 99 the Arabic figure). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

export const GENDER_ZH: Readonly<Record<string, string>> = { male: '男', female: '女' };

/** 证件类型 of the 要素式 forms; an unknown code is shown as written. */
export const ID_TYPE_ZH: Readonly<Record<string, string>> = {
  'resident-id': '居民身份证',
  'household-register': '户口簿',
  passport: '护照',
  'hk-macao-permit': '港澳居民来往内地通行证',
  'taiwan-permit': '台湾居民来往大陆通行证',
  'foreign-residence': '外国人永久居留身份证',
};

export const PRACTICE_AREA_ZH: Readonly<Record<string, string>> = {
  civil: '民事',
  criminal: '刑事',
  administrative: '行政',
  arbitration: '仲裁',
  non_litigation: '非诉',
};

/** A code through its table, the code itself when unknown, the blank line when absent. */
export function word(table: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return BLANK;
  return table[code] ?? code;
}
