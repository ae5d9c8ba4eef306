import { fenToYuan, isYuanInput, parseYuan } from '../../../../domain/money';

/**
 * Typed amounts and percentages. A percentage with two decimals is basis points the way yuan with
 * two decimals is fen (× 100 by digits), so both go through domain/money.ts and no float is made.
 */
export const yuanText = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '' : fenToYuan(fen));
export const toFen = (text: string): number | null => (isYuanInput(text) ? (parseYuan(text) ?? null) : null);
export const percentText = (bp: number | null | undefined): string =>
  bp === null || bp === undefined
    ? ''
    : fenToYuan(bp)
        .replace(/\.00$/, '')
        .replace(/(\.\d)0$/, '$1');
export const toBp = (text: string): number | null => {
  const bp = isYuanInput(text) ? parseYuan(text) : undefined;
  return bp === undefined || bp > 10_000 ? null : bp;
};
/** Basis points as a percentage for reading: 2000 → '20'. */
export const percentOf = (bp: number): string => percentText(bp);
/** Today in the firm's time zone, as a civil date for a date field. */
export const today = (timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/** A {zh, en} text from the API in the reader's language. */
export function pickLocal(text: { zh: string; en: string } | null | undefined, locale: string): string {
  return text ? (locale === 'en' ? text.en : text.zh) : '';
}
