/**
 * Money is integer fen (分) wherever it is stored, sent or computed; yuan (元) exists only where a
 * person types or reads an amount. Every conversion goes through here, by decimal digits rather
 * than by multiplying binary floats (0.29 × 100 is 28.999…, 1.005 × 100 is 100.499…).
 */
export const FEN_PER_YUAN = 100;

/** What an amount field accepts: yuan, no sign, at most two decimals (元 and 角/分). */
const YUAN_INPUT = /^\d+(\.\d{1,2})?$/;
/** Any plain decimal: the numbers and texts yuanToFen converts. */
const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Whether a typed amount is whole yuan with at most two decimals (surrounding spaces ignored). */
export function isYuanInput(text: string): boolean {
  return YUAN_INPUT.test(text.trim());
}

/**
 * Yuan (typed text or a number) to integer fen, exact to the digits written; a third decimal rounds
 * half away from zero. Throws a RangeError for what is not a decimal amount or exceeds safe integers
 * (callers validate typed text with isYuanInput first).
 */
export function yuanToFen(yuan: string | number): number {
  const fen = parseYuan(typeof yuan === 'number' ? decimalText(yuan) : yuan);
  if (fen === undefined) throw new RangeError(`not an amount in yuan within safe integers: ${String(yuan)}`);
  return fen;
}

/** As yuanToFen for typed text, but undefined instead of a throw: for inputs that convert while the user types. */
export function parseYuan(text: string): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole, decimals = ''] = match;
  const roundUp = (decimals[2] ?? '0') >= '5' ? 1 : 0;
  const fen = Number(whole) * FEN_PER_YUAN + Number(decimals.slice(0, 2).padEnd(2, '0')) + roundUp;
  if (!Number.isSafeInteger(fen)) return undefined;
  return sign && fen !== 0 ? -fen : fen;
}

/** Integer fen as yuan with two decimals, the way an amount field shows it for editing: 123456 → '1234.56'. */
export function fenToYuan(fen: number): `${number}` {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer: ${fen}`);
  const abs = Math.abs(fen);
  const cents = abs % FEN_PER_YUAN;
  const whole = (abs - cents) / FEN_PER_YUAN;
  return `${fen < 0 ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}` as `${number}`;
}

/**
 * Integer fen as the UI shows money: currency CNY with two decimals and thousands separators in
 * the reader's locale (¥1,234.56 in zh-CN, CN¥1,234.56 in en). The yuan go to Intl as exact
 * decimal text, so no float division stands between the stored fen and the figure shown.
 */
export function formatFen(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fenToYuan(fen));
}

/** A number's shortest round-trip digits (what was written: 19.99, not 19.989999…), never exponent notation. */
function decimalText(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(3) : text;
}
