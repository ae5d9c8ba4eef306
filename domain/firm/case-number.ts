import { CASE_NUMBER_PREFIX } from '../records';

/**
 * How the firm numbers its cases in one practice area: the year, a prefix (民, 刑, 京民 …) and a
 * counter of `digits` digits, e.g. 2026民0001. The counter runs per year and prefix.
 */
export interface CaseNumberPattern {
  prefix: string;
  digits: number;
}

export const CASE_NUMBER_DIGITS = { min: 3, max: 6 } as const;
/** 1–4 characters, none a digit, a space or a separator (the number must read as year · prefix · counter). */
export const CASE_NUMBER_PREFIX_RE = /^[^\d\s/\\#?%]{1,4}$/u;

/** The pattern a practice area has when the firm has set none: the area character and four digits. */
export function defaultCaseNumberPattern(practiceArea: string): CaseNumberPattern {
  return { prefix: CASE_NUMBER_PREFIX[practiceArea] ?? '案', digits: 4 };
}

/** Why a pattern cannot be used (an English sentence for the problem), or null when it is fine. */
export function caseNumberPatternProblem(p: CaseNumberPattern): string | null {
  if (!CASE_NUMBER_PREFIX_RE.test(p.prefix)) return 'the prefix is 1 to 4 characters, without digits, spaces or separators';
  if (!Number.isInteger(p.digits) || p.digits < CASE_NUMBER_DIGITS.min || p.digits > CASE_NUMBER_DIGITS.max)
    return `the counter has ${CASE_NUMBER_DIGITS.min} to ${CASE_NUMBER_DIGITS.max} digits`;
  return null;
}

/** The case number for this year and counter, e.g. formatCaseNumber(2026, {prefix: '民', digits: 4}, 1) = 2026民0001. */
export function formatCaseNumber(year: number, p: CaseNumberPattern, counter: number): string {
  return `${year}${p.prefix}${String(counter).padStart(p.digits, '0')}`;
}
