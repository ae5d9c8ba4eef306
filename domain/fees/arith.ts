/**
 * Integer arithmetic for fees: fen × basis points (or × minutes) can pass 2^53 long before either
 * factor does, so every product is taken in BigInt and only the result returns to a number — and
 * only when it is a safe integer again. No float ever touches an amount.
 */
export const BP_PER_WHOLE = 10_000;

/** A bilingual text a user reads (zh-CN and English), as the rest of domain/ carries them. */
export interface LocalText {
  zh: string;
  en: string;
}

export const text = (zh: string, en: string): LocalText => ({ zh, en });

/** Whether v is a money amount as stored: a non-negative safe integer (fen). */
export function isFen(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

export function assertSafeInteger(name: string, v: number, min = Number.MIN_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`${name} must be a safe integer${min === 0 ? ' ≥ 0' : ''}: ${v}`);
}

function toNumber(big: bigint): number {
  const n = Number(big);
  if (!Number.isSafeInteger(n)) throw new RangeError(`result exceeds safe integers: ${big}`);
  return n;
}

/**
 * a × b / c, rounded half up — half away from zero, so a negative (credit) line rounds as its
 * positive mirror does. c must be positive.
 */
export function mulDivRound(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  if (d <= 0n) throw new RangeError(`divisor must be positive: ${c}`);
  const abs = n < 0n ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return toNumber(n < 0n ? -q : q);
}

/** a × b / c rounded down (toward −∞): for maxima such as the contingency cap, where a fraction of a fen is not allowed. */
export function mulDivFloor(a: number, b: number, c: number): number {
  return toNumber(floorDiv(BigInt(a) * BigInt(b), BigInt(c)));
}

export function floorDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError(`divisor must be positive: ${d}`);
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

/** Sum of safe integers, refusing a total that is no longer safe (an invoice of 2^53 fen is a bug, not a sum). */
export function sumSafe(values: readonly number[]): number {
  return toNumber(values.reduce((acc, v) => acc + BigInt(v), 0n));
}

/** Basis points as a percent for messages: 2000 → '20', 1250 → '12.5', 5 → '0.05'. */
export function percentText(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const whole = Math.trunc(abs / 100);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
