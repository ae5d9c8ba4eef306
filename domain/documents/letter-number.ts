import { CASE_NUMBER_PREFIX } from '../records';

/**
 * 函号 of a 律师事务所函: `（2026）京律民字第12号` — the year in full-width parentheses, the firm's
 * prefix (京律: province abbreviation + firm), the practice area's character (民 刑 行 仲 非, the same
 * characters as case numbers), 字第, the year's running number, 号. The counter is a database row
 * (one sequence per firm, year and area); this is only the formatting.
 */
export type LetterNumberParts = { year: number; prefix: string; areaCode: string; seq: number };

export function formatLetterNumber({ year, prefix, areaCode, seq }: LetterNumberParts): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`a letter number's year has four digits: ${year}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`a letter number's sequence is a positive integer: ${seq}`);
  if (prefix.trim() === '' || areaCode.trim() === '') throw new RangeError('a letter number needs the firm prefix and the area code');
  return `（${year}）${prefix.trim()}${areaCode.trim()}字第${seq}号`;
}

/** The area character for a practice area (civil → 民); unknown areas fall back to 民, the civil default. */
export function letterAreaCode(practiceArea: string | null | undefined): string {
  return (practiceArea && CASE_NUMBER_PREFIX[practiceArea]) || '民';
}

/** The parts of a letter number written by formatLetterNumber, or null for any other text. */
export function parseLetterNumber(text: string): LetterNumberParts | null {
  const m = /^（(\d{4})）(.+?)(.)字第([1-9]\d*)号$/.exec(text.trim());
  return m ? { year: Number(m[1]), prefix: m[2], areaCode: m[3], seq: Number(m[4]) } : null;
}
