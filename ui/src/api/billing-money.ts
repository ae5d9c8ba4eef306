import type { z } from 'zod';
import type {
  ZAgeing,
  ZBillingSettings,
  ZCaseFinance,
  ZExpense,
  ZExpenseInput,
  ZFeeArrangement,
  ZFeeArrangementInput,
  ZFeeArrangementVersion,
  ZFeeComponent,
  ZInvoice,
  ZInvoiceInput,
  ZInvoiceLine,
  ZInvoiceQuery,
  ZInvoices,
  ZInvoiceSummary,
  ZLawyerRevenue,
  ZPayment,
  ZPaymentInput,
  ZWriteOffInput,
} from '../../../api/contracts/billing';
import { api } from './client';

export type FeeArrangement = z.infer<typeof ZFeeArrangement>;
export type FeeArrangementVersion = z.infer<typeof ZFeeArrangementVersion>;
export type FeeArrangementInput = z.input<typeof ZFeeArrangementInput>;
export type FeeComponent = z.infer<typeof ZFeeComponent>;
export type Expense = z.infer<typeof ZExpense>;
export type ExpenseInput = z.input<typeof ZExpenseInput>;
export type InvoiceLine = z.infer<typeof ZInvoiceLine>;
export type Invoice = z.infer<typeof ZInvoice>;
export type InvoiceSummary = z.infer<typeof ZInvoiceSummary>;
export type InvoicePage = z.infer<typeof ZInvoices>;
export type InvoiceQuery = Partial<z.input<typeof ZInvoiceQuery>>;
export type InvoiceInput = z.input<typeof ZInvoiceInput>;
export type PaymentInput = z.input<typeof ZPaymentInput>;
export type Payment = z.infer<typeof ZPayment>;
export type WriteOffInput = z.input<typeof ZWriteOffInput>;
export type CaseFinance = z.infer<typeof ZCaseFinance>;
export type Ageing = z.infer<typeof ZAgeing>;
export type BillingSettings = z.infer<typeof ZBillingSettings>;
export type LawyerRevenue = z.infer<typeof ZLawyerRevenue>;
export type InvoiceStatus = Invoice['status'];

const query = (q: Record<string, string | number | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.toString();
};
const c = (id: string) => `/cases/${encodeURIComponent(id)}`;
const inv = (id: string) => `/invoices/${encodeURIComponent(id)}`;

/** Fees, expenses, invoice lines, invoices, payments and receivables: every amount integer fen, every percentage basis points. */
export const billingMoneyApi = {
  finance: (caseId: string) => api<CaseFinance>('GET', `${c(caseId)}/finance`),
  feeArrangement: (caseId: string) => api<FeeArrangement>('GET', `${c(caseId)}/fee-arrangement`),
  putFeeArrangement: (caseId: string, body: FeeArrangementInput) => api<FeeArrangementVersion>('PUT', `${c(caseId)}/fee-arrangement`, body),
  expenses: (caseId: string) => api<{ items: Expense[] }>('GET', `${c(caseId)}/expenses`),
  addExpense: (caseId: string, body: ExpenseInput) => api<Expense>('POST', `${c(caseId)}/expenses`, body),
  decideExpense: (id: string, decision: 'approve' | 'reject', note: string | null = null) =>
    api<Expense>('POST', `/expenses/${encodeURIComponent(id)}/${decision}`, { note }),
  /** The case's draft lines: what may still be invoiced (the server's list also holds the lines already on an invoice). */
  draftLines: async (caseId: string) => {
    const r = await api<{ items: InvoiceLine[] }>('GET', `${c(caseId)}/invoice-lines`);
    return { items: r.items.filter((l) => l.invoiceId === null) };
  },
  invoices: (q: InvoiceQuery) => api<InvoicePage>('GET', `/invoices?${query(q as Record<string, string | number>)}`),
  invoice: (id: string) => api<Invoice>('GET', inv(id)),
  createInvoice: (body: InvoiceInput) => api<Invoice>('POST', '/invoices', body),
  removeDraft: (id: string) => api<void>('DELETE', inv(id)),
  issue: (id: string, dueOn?: string) => api<Invoice>('POST', `${inv(id)}/issue`, dueOn ? { dueOn } : {}),
  void: (id: string, reason: string) => api<Invoice>('POST', `${inv(id)}/void`, { reason }),
  send: (id: string, to?: string) => api<{ to: string; queued: boolean }>('POST', `${inv(id)}/send`, to ? { to } : {}),
  creditNote: (id: string, reason: string) => api<Invoice>('POST', `${inv(id)}/credit-note`, { reason }),
  pay: (id: string, body: PaymentInput) => api<Payment>('POST', `${inv(id)}/payments`, body),
  writeOff: (id: string, body: WriteOffInput) => api<Invoice>('POST', `${inv(id)}/write-offs`, body),
  /** The bill as a PDF (session-checked): opened in a new tab. */
  pdfUrl: (id: string) => `/api/v1${inv(id)}/pdf`,
  ageing: () => api<Ageing>('GET', '/reports/receivables-ageing'),
  lawyerRevenue: (q: { from?: string; to?: string }) => api<LawyerRevenue>('GET', `/reports/lawyer-revenue?${query(q)}`),
  lawyerRevenueUrl: (format: 'csv' | 'xlsx', q: { from?: string; to?: string; lang: string }) =>
    `/api/v1/reports/lawyer-revenue.${format}?${query(q)}`,
  settings: () => api<BillingSettings>('GET', '/billing/settings'),
  putSettings: (body: BillingSettings) => api<BillingSettings>('PUT', '/billing/settings', body),
};
