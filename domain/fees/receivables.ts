import { daysBetween, isCivilDate, type CivilDate } from '../deadlines/civil-date';
import { assertSafeInteger, BP_PER_WHOLE, mulDivRound } from './arith';

/** Accounts receivable: ageing, allocating a payment across invoices, and the ratios of the finance views. */
export const AGEING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** Whole days an amount is past due on asOf (the due date itself is day 0); 0 when not yet due. */
export function daysPastDue(dueOn: CivilDate, asOf: CivilDate): number {
  if (!isCivilDate(dueOn) || !isCivilDate(asOf)) throw new RangeError(`not dates: ${dueOn}, ${asOf}`);
  return Math.max(0, daysBetween(dueOn, asOf));
}

/** The ageing bucket by days past due. Not yet due counts as 0-30: current receivables sit in the first bucket. */
export function ageingBucket(dueOn: CivilDate, asOf: CivilDate): AgeingBucket {
  const days = daysPastDue(dueOn, asOf);
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';
}

export interface OpenInvoice<Id = string> {
  id: Id;
  outstandingFen: number;
  issuedOn: CivilDate;
}

export interface PaymentAllocation<Id = string> {
  allocations: { invoiceId: Id; amountFen: number }[];
  /** What is left once every invoice is paid: an overpayment, to be refunded or kept as a credit. */
  overpaymentFen: number;
}

/**
 * A payment spread over open invoices, oldest issued first (ties in the order given), each paid
 * up to what it still owes; invoices with nothing outstanding get no allocation.
 */
export function allocatePayment<Id>(amountFen: number, invoices: readonly OpenInvoice<Id>[]): PaymentAllocation<Id> {
  assertSafeInteger('amountFen', amountFen, 0);
  invoices.forEach((inv) => {
    assertSafeInteger('outstandingFen', inv.outstandingFen, 0);
    if (!isCivilDate(inv.issuedOn)) throw new RangeError(`not a date: ${inv.issuedOn}`);
  });
  const oldestFirst = invoices
    .map((inv, order) => ({ inv, order }))
    .sort((a, b) => (a.inv.issuedOn < b.inv.issuedOn ? -1 : a.inv.issuedOn > b.inv.issuedOn ? 1 : a.order - b.order));
  let left = amountFen;
  const allocations: { invoiceId: Id; amountFen: number }[] = [];
  for (const { inv } of oldestFirst) {
    if (left === 0) break;
    const paid = Math.min(left, inv.outstandingFen);
    if (paid === 0) continue;
    allocations.push({ invoiceId: inv.id, amountFen: paid });
    left -= paid;
  }
  return { allocations, overpaymentFen: left };
}

function ratioBp(numerator: number, denominator: number): number | null {
  assertSafeInteger('numerator', numerator, 0);
  assertSafeInteger('denominator', denominator, 0);
  return denominator === 0 ? null : mulDivRound(numerator, BP_PER_WHOLE, denominator);
}

/** Billed ÷ time value in basis points, rounded half up (above 10000 when billed above the time's value); null with no time value. */
export function realisationBp(billedFen: number, timeValueFen: number): number | null {
  return ratioBp(billedFen, timeValueFen);
}

/** Received ÷ billed in basis points, rounded half up; null when nothing was billed. */
export function collectionRateBp(receivedFen: number, billedFen: number): number | null {
  return ratioBp(receivedFen, billedFen);
}
