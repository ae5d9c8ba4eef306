import { assertSafeInteger, BP_PER_WHOLE, isFen, mulDivRound, sumSafe, text, type LocalText } from './arith';
import type { ContingencyFacts } from './contingency';
import { timeValueFen } from './time';

/**
 * A case's fee arrangement (收费方式, 《律师服务收费管理办法》第十条): one component is a plain mode,
 * several a hybrid. Money is integer fen, percentages integer basis points (20 % = 2000).
 */
export type FeeComponent =
  /** 计件: a fixed fee, paid in instalments tied to stages of the case's template. */
  | { kind: 'fixed'; amountFen: number; instalments: Instalment[] }
  /** 按标的额比例: a percentage of the case's amount in dispute, with an optional minimum. */
  | { kind: 'percentage'; percentBp: number; minimumFen?: number | null }
  /** 计时: an hourly rate per lawyer or per role, with an optional agreed cap. */
  | { kind: 'hourly'; rates: HourlyRate[]; capFen?: number | null }
  /** 风险代理: a base fee plus a percentage of what is recovered. */
  | { kind: 'contingency'; baseFeeFen: number; percentBp: number };

export type FeeKind = FeeComponent['kind'];

export interface Instalment {
  label: string;
  percentBp: number;
  /** A stage (sub-process id) of the case's template; null or absent = on signing. */
  stageId?: string | null;
}

export const HOURLY_ROLES = ['lead', 'lawyer', 'assistant', 'partner'] as const;
export type HourlyRole = (typeof HOURLY_ROLES)[number];

/** A rate names a user or a role; one naming neither is the arrangement's default rate. */
export interface HourlyRate {
  userId?: string | null;
  role?: HourlyRole | null;
  rateFen: number;
}

export interface FeeArrangement {
  components: FeeComponent[];
}

/** What the rules need to know of the case: the contingency facts, including the amount in dispute. */
export type ArrangementFacts = ContingencyFacts;

export const FEE_KIND_NAMES: Readonly<Record<FeeKind, LocalText>> = {
  fixed: text('计件收费', 'fixed fee'),
  percentage: text('按标的额比例收费', 'percentage of the amount in dispute'),
  hourly: text('计时收费', 'hourly fee'),
  contingency: text('风险代理收费', 'contingency fee'),
};

export function componentOf<K extends FeeKind>(a: FeeArrangement, kind: K): Extract<FeeComponent, { kind: K }> | undefined {
  return a.components.find((c): c is Extract<FeeComponent, { kind: K }> => c.kind === kind);
}

/**
 * A fixed fee split by its instalments, summing exactly to the fee: each gets its share rounded
 * down, and the fen left over go one each to the largest remainders (the earlier instalment on a tie).
 * Throws a RangeError unless the percentages are positive integers summing to 10000 bp.
 */
export function instalmentAmounts(amountFen: number, instalments: readonly Pick<Instalment, 'percentBp'>[]): number[] {
  assertSafeInteger('amountFen', amountFen, 0);
  instalments.forEach((i) => assertSafeInteger('instalment percentBp', i.percentBp, 1));
  const total = instalments.reduce((s, i) => s + i.percentBp, 0);
  if (total !== BP_PER_WHOLE) throw new RangeError(`instalments must sum to 10000 bp: ${total}`);
  const whole = BigInt(BP_PER_WHOLE);
  const exact = instalments.map((i) => BigInt(amountFen) * BigInt(i.percentBp));
  const shares = exact.map((e) => Number(e / whole));
  let left = amountFen - shares.reduce((s, v) => s + v, 0);
  const byRemainder = exact
    .map((e, index) => ({ index, rem: e % whole }))
    .sort((x, y) => (y.rem > x.rem ? 1 : y.rem < x.rem ? -1 : x.index - y.index));
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}

/** The percentage fee on an amount in dispute, rounded half up, and at least the agreed minimum. */
export function percentageFee(amountInDisputeFen: number, c: { percentBp: number; minimumFen?: number | null }): number {
  assertSafeInteger('amountInDisputeFen', amountInDisputeFen, 0);
  assertSafeInteger('percentBp', c.percentBp, 0);
  return Math.max(mulDivRound(amountInDisputeFen, c.percentBp, BP_PER_WHOLE), c.minimumFen ?? 0);
}

/** Minutes at an hourly rate, rounded half up to the fen (the same rule as a time entry's value). */
export function hourlyFee(minutes: number, rateFen: number): number {
  return timeValueFen(minutes, rateFen);
}

/** The rate that applies to a person: their own, else their role's, else the default; null when none does. */
export function hourlyRateFor(rates: readonly HourlyRate[], who: { userId: string; role?: HourlyRole | null }): HourlyRate | null {
  return (
    rates.find((r) => r.userId != null && r.userId === who.userId) ??
    rates.find((r) => r.userId == null && r.role != null && r.role === who.role) ??
    rates.find((r) => r.userId == null && r.role == null) ??
    null
  );
}

/** A total held to an agreed cap (no cap: the total). */
export function applyCap(totalFen: number, capFen?: number | null): number {
  assertSafeInteger('totalFen', totalFen, 0);
  if (capFen == null) return totalFen;
  assertSafeInteger('capFen', capFen, 0);
  return Math.min(totalFen, capFen);
}

/**
 * The part of the fee agreed as a sum when the arrangement is signed: the fixed fee, the percentage
 * fee on a known amount in dispute, and the contingency base fee (hourly work and the share of a
 * recovery are not known in advance). Null when the arrangement has no such part.
 */
export function agreedFeeFen(a: FeeArrangement, facts: Pick<ArrangementFacts, 'amountInDisputeFen'>): number | null {
  const fixed = componentOf(a, 'fixed');
  const percentage = componentOf(a, 'percentage');
  const contingency = componentOf(a, 'contingency');
  const amount = facts.amountInDisputeFen;
  const parts = [
    fixed?.amountFen,
    percentage && isFen(amount) && amount > 0 ? percentageFee(amount, percentage) : undefined,
    contingency?.baseFeeFen,
  ].filter((v): v is number => v !== undefined);
  return parts.length === 0 ? null : sumSafe(parts);
}

/**
 * What an engine billing event bills: its fixed amount, or its percentage of the agreed fee
 * (agreedFeeFen, rounded half up); null when it names a percentage and nothing was agreed as a sum,
 * or names neither.
 */
export function billingEventAmount(
  event: { amountFen?: number | null; percentBp?: number | null },
  a: FeeArrangement,
  facts: Pick<ArrangementFacts, 'amountInDisputeFen'>,
): number | null {
  if (event.amountFen != null) {
    assertSafeInteger('event amountFen', event.amountFen, 0);
    return event.amountFen;
  }
  if (event.percentBp == null) return null;
  assertSafeInteger('event percentBp', event.percentBp, 0);
  if (event.percentBp > BP_PER_WHOLE) throw new RangeError(`event percentBp above 10000: ${event.percentBp}`);
  const agreed = agreedFeeFen(a, facts);
  return agreed === null ? null : mulDivRound(agreed, event.percentBp, BP_PER_WHOLE);
}
