/**
 * Fee rules, pure: fee arrangements and their validation, 风险代理 bans and the 2021 cap, VAT splits
 * and invoice item names, billable time, receivables. Money is integer fen and percentages integer
 * basis points (20 % = 2000); products go through BigInt. Other code imports domain/fees only here.
 */
export { BP_PER_WHOLE, isFen, percentText, type LocalText } from './arith';
export {
  agreedFeeFen,
  applyCap,
  billingEventAmount,
  componentOf,
  FEE_KIND_NAMES,
  HOURLY_ROLES,
  hourlyFee,
  hourlyRateFor,
  instalmentAmounts,
  percentageFee,
  type ArrangementFacts,
  type FeeArrangement,
  type FeeComponent,
  type FeeKind,
  type HourlyRate,
  type HourlyRole,
  type Instalment,
} from './arrangement';
export { validateArrangement } from './validate';
export type { FeeProblem, FeeProblemCode } from './problem';
export {
  BAN_BASIS,
  CAP_BASIS,
  checkContingencyFee,
  CONTINGENCY_CEILING_BP,
  CONTINGENCY_TIERS,
  contingencyBan,
  contingencyCapFen,
  contingencyFeeAtFullRecovery,
  type ContingencyBan,
  type ContingencyFacts,
  type ContingencyTerms,
} from './contingency';
export { BAN_FAMILIES, type ContingencyBanCode } from './contingency-families';
export {
  DISBURSEMENT_NOTE,
  EXPENSE_CATEGORIES,
  INVOICE_ITEM_NAMES,
  invoiceTotals,
  isInvoiceItemName,
  splitVat,
  VAT_RATES_BP,
  type ExpenseCategory,
  type InvoiceTotals,
  type VatSplit,
} from './vat';
export { amountInWords } from './words';
export {
  BILLING_INCREMENTS,
  billableMinutes,
  DEFAULT_INCREMENT_MINUTES,
  isBillingIncrement,
  isoWeek,
  timeValueFen,
  type BillingIncrement,
  type IsoWeek,
} from './time';
export {
  AGEING_BUCKETS,
  ageingBucket,
  allocatePayment,
  collectionRateBp,
  daysPastDue,
  realisationBp,
  type AgeingBucket,
  type OpenInvoice,
  type PaymentAllocation,
} from './receivables';
export { billingEventOffer, expenseOffer, instalmentOffers, timeEntryOffer, type LineOffer } from './lines';
