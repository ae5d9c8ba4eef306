import { assertSafeInteger, BP_PER_WHOLE, mulDivRound, sumSafe, text, type LocalText } from './arith';

/**
 * VAT on invoices (增值税法 2026: 6 % for services, 3 % simplified for small-scale taxpayers).
 * Amounts are quoted tax-inclusive and split per line: 不含税 = 含税 / (1 + rate) rounded half up to
 * the fen, 税额 = 含税 − 不含税, so a line's parts always add back to what the client agreed to pay.
 */
export const VAT_RATES_BP = { general: 600, smallScale: 300 } as const;

export interface VatSplit {
  netFen: number;
  taxFen: number;
}

/** A tax-inclusive amount split into net and tax; a negative amount (a credit note line) splits as its mirror. */
export function splitVat(inclusiveFen: number, rateBp: number): VatSplit {
  assertSafeInteger('inclusiveFen', inclusiveFen);
  assertSafeInteger('rateBp', rateBp, 0);
  if (rateBp > BP_PER_WHOLE) throw new RangeError(`VAT rate above 100 %: ${rateBp} bp`);
  const netFen = mulDivRound(inclusiveFen, BP_PER_WHOLE, BP_PER_WHOLE + rateBp);
  return { netFen, taxFen: inclusiveFen - netFen };
}

export interface InvoiceTotals<L> {
  lines: (L & VatSplit)[];
  inclusiveFen: number;
  netFen: number;
  taxFen: number;
}

/**
 * Every line split on its own, and totals that are the sums of the lines — never a split of the
 * total, which can differ by a fen per line (three ¥33.33 lines at 6 % tax 5.67, their total 5.66).
 */
export function invoiceTotals<L extends { inclusiveFen: number }>(lines: readonly L[], rateBp: number): InvoiceTotals<L> {
  const split = lines.map((line) => ({ ...line, ...splitVat(line.inclusiveFen, rateBp) }));
  return {
    lines: split,
    inclusiveFen: sumSafe(split.map((l) => l.inclusiveFen)),
    netFen: sumSafe(split.map((l) => l.netFen)),
    taxFen: sumSafe(split.map((l) => l.taxFen)),
  };
}

/**
 * Item names in the `*税收分类简称*项目名` form. Legal services are 鉴证咨询服务. A cost the firm
 * incurs and charges on (travel, investigation, courier) is 价外费用 of that same service: taxable at
 * the invoice's rate under the same class, so its own line keeps the class and names the cost.
 */
export const INVOICE_ITEM_NAMES = {
  legalService: '*鉴证咨询服务*法律服务费',
  rechargedCost: '*鉴证咨询服务*办案费用',
} as const;

/**
 * Money paid in the client's name (court fees, preservation, appraisal, notary — the payee's receipt
 * is made out to the client) is a disbursement, not the firm's sale: it is listed on the bill as
 * 代垫费用 and settled against the original receipt, outside the VAT invoice.
 */
export const DISBURSEMENT_NOTE: LocalText = text(
  '代垫费用：凭原始票据结算，不开具增值税发票',
  'Disbursement paid on the client’s behalf: settled against the original receipt, not on the VAT invoice',
);

/** The expense categories of the brief, with how a rebilled one reaches the client. */
export const EXPENSE_CATEGORIES = {
  court_fee: { name: text('诉讼费', 'court fees'), rebilled: 'disbursement' },
  preservation_fee: { name: text('保全费', 'preservation fees'), rebilled: 'disbursement' },
  appraisal_fee: { name: text('鉴定费', 'appraisal fees'), rebilled: 'disbursement' },
  notary_fee: { name: text('公证费', 'notary fees'), rebilled: 'disbursement' },
  travel: { name: text('差旅费', 'travel'), rebilled: 'invoice' },
  investigation: { name: text('调查取证费', 'investigation and evidence gathering'), rebilled: 'invoice' },
  courier: { name: text('快递费', 'courier'), rebilled: 'invoice' },
  other: { name: text('其他费用', 'other'), rebilled: 'invoice' },
} as const satisfies Record<string, { name: LocalText; rebilled: 'disbursement' | 'invoice' }>;
export type ExpenseCategory = keyof typeof EXPENSE_CATEGORIES;

/** 简称 without spaces or asterisks, then a name: `*鉴证咨询服务*法律服务费`. */
const ITEM_NAME = /^\*([^*\s]{1,20})\*([^*\s](?:[^*]{0,58}[^*\s])?)$/u;

/** Whether text is an invoice item name in the `*简称*名称` form (简称 1–20 characters, 名称 1–60, no stray spaces). */
export function isInvoiceItemName(value: string): boolean {
  return ITEM_NAME.test(value);
}
