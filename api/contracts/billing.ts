import { z } from 'zod';
import { BILLING_INCREMENTS, EXPENSE_CATEGORIES, HOURLY_ROLES } from '../../domain/fees';
import { ZPage, ZPageQuery, ZText, ZTimestamp, ZUuid, nonEmptyPatch } from './common';

/**
 * Fees, time, expenses and invoices. Money is integer fen in every field (`…Fen`): a decimal or a
 * negative amount is a 400; percentages are integer basis points (`…Bp`, 20 % = 2000).
 */

const ZFen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('integer fen (分), never a decimal');
const ZBp = z.number().int().min(0).max(10_000).describe('basis points: 20 % = 2000');
const ZCivilDate = z.iso.date();

export const ZInstalment = z.object({
  label: ZText.trim().min(1).max(60),
  percentBp: ZBp,
  /** A stage (sub-process id) of the case's template; null = due on signing. */
  stageId: ZText.trim().min(1).max(100).nullable().default(null),
});

export const ZFeeComponent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amountFen: ZFen, instalments: z.array(ZInstalment).max(20) }),
  z.object({ kind: z.literal('percentage'), percentBp: ZBp, minimumFen: ZFen.nullable().default(null) }),
  z.object({
    kind: z.literal('hourly'),
    rates: z
      .array(z.object({ userId: ZUuid.nullable().default(null), role: z.enum(HOURLY_ROLES).nullable().default(null), rateFen: ZFen }))
      .max(50),
    capFen: ZFen.nullable().default(null),
  }),
  z.object({ kind: z.literal('contingency'), baseFeeFen: ZFen, percentBp: ZBp }),
]);

export const ZFeeArrangementInput = z
  .object({
    components: z.array(ZFeeComponent).min(1).max(4),
    /** A 群体性诉讼: contingency is banned for it (the case record does not say so; the lawyer does). */
    collective: z.boolean().default(false),
    /** The client was shown what 风险代理 means, the banned categories and the cap (2021 意见 (七)). */
    contingencyDisclosed: z.boolean().default(false),
    /** The signed 风险代理 agreement: a document of this case. */
    agreementDocumentId: ZUuid.nullable().default(null),
    /** A partner's reason to agree a contingency fee above the 2021 cap. */
    overrideReason: ZText.trim().min(4).max(500).nullable().default(null),
    note: ZText.trim().max(500).nullable().default(null),
  })
  .meta({ id: 'FeeArrangementInput' });
export type FeeArrangementInput = z.infer<typeof ZFeeArrangementInput>;

export const ZFeeArrangementVersion = z
  .object({
    version: z.number().int(),
    components: z.array(ZFeeComponent),
    collective: z.boolean(),
    agreedFeeFen: z.number().int().nullable(),
    contingencyDisclosed: z.boolean(),
    agreementDocumentId: ZUuid.nullable(),
    overrideReason: z.string().nullable(),
    note: z.string().nullable(),
    createdBy: z.object({ id: ZUuid, name: z.string() }).nullable(),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'FeeArrangementVersion' });
export const ZFeeArrangement = z
  .object({
    current: ZFeeArrangementVersion.nullable(),
    history: z.array(ZFeeArrangementVersion).describe('every version, newest first'),
    /** Whether a contingency is allowed on this case, and if not, why and on what basis. */
    contingency: z.object({
      allowed: z.boolean(),
      reason: z.object({ zh: z.string(), en: z.string() }).nullable(),
      basis: z.object({ zh: z.string(), en: z.string() }).nullable(),
      capFen: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'FeeArrangement' });

export const ZBillingSettings = z
  .object({
    vatRateBp: z.union([z.literal(600), z.literal(300), z.literal(100), z.literal(0)]),
    timeIncrementMinutes: z.union(BILLING_INCREMENTS.map((n) => z.literal(n)) as [z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]),
    paymentTermDays: z.number().int().min(0).max(365),
    issuer: z.object({
      name: ZText.trim().min(1).max(100),
      taxId: ZText.trim().max(30).nullable(),
      address: ZText.trim().max(200).nullable(),
      phone: ZText.trim().max(40).nullable(),
      bankName: ZText.trim().max(100).nullable(),
      bankAccount: ZText.trim().max(40).nullable(),
    }),
    /** Hourly rates by role when an arrangement names none (fen per hour). */
    defaultRatesFen: z.record(z.enum(HOURLY_ROLES), ZFen),
    /** What an hour of each role costs the firm (fen), for a case's profit after the cost of time; none: profit leaves time out. */
    costRatesFen: z
      .record(z.enum(['partner', 'lawyer', 'assistant']), ZFen)
      .nullable()
      .default(null),
  })
  .meta({ id: 'BillingSettings' });
export type BillingSettings = z.infer<typeof ZBillingSettings>;

export const ZTimer = z
  .object({
    running: z.boolean(),
    caseId: ZUuid,
    caseNumber: z.string(),
    taskId: ZUuid.nullable(),
    taskTitle: z.string().nullable(),
    narrative: z.string().nullable(),
    /** Seconds counted so far (while running: up to `at`). */
    seconds: z.number().int(),
    at: ZTimestamp,
  })
  .meta({ id: 'Timer' });
export const ZTimerAnswer = z.object({ timer: ZTimer.nullable() });
export const ZTimerStart = z.object({
  caseId: ZUuid,
  taskId: ZUuid.nullable().default(null),
  narrative: ZText.trim().max(1000).nullable().default(null),
});
export const ZTimerStop = z.object({
  narrative: ZText.trim().min(1).max(1000).optional(),
  billable: z.boolean().default(true),
});

export const TIME_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const ZTimeEntry = z
  .object({
    id: ZUuid,
    caseId: ZUuid,
    caseNumber: z.string(),
    caseTitle: z.string(),
    taskId: ZUuid.nullable(),
    user: z.object({ id: ZUuid, name: z.string() }),
    workDate: ZCivilDate,
    minutes: z.number().int(),
    secondsRecorded: z.number().int().nullable(),
    billable: z.boolean(),
    narrative: z.string(),
    status: z.enum(TIME_STATUSES),
    rateFen: z.number().int().nullable(),
    valueFen: z.number().int().nullable(),
    decidedBy: z.object({ id: ZUuid, name: z.string() }).nullable(),
    decisionNote: z.string().nullable(),
    billed: z.boolean(),
  })
  .meta({ id: 'TimeEntry' });
export const ZTimeEntryInput = z.object({
  caseId: ZUuid,
  taskId: ZUuid.nullable().default(null),
  workDate: ZCivilDate,
  /** Minutes worked; rounded up to the firm's increment (6 by default). */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  billable: z.boolean().default(true),
  narrative: ZText.trim().min(1).max(1000),
});
export const ZTimeEntryPatch = nonEmptyPatch(
  z.object({
    workDate: ZCivilDate.optional(),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    billable: z.boolean().optional(),
    narrative: ZText.trim().min(1).max(1000).optional(),
  }),
);
export const ZTimeEntryQuery = ZPageQuery.extend({
  userId: ZUuid.optional(),
  caseId: ZUuid.optional(),
  status: z.enum(TIME_STATUSES).optional(),
  from: ZCivilDate.optional(),
  to: ZCivilDate.optional(),
});
export const ZTimeEntries = ZPage(ZTimeEntry).extend({ totalMinutes: z.number().int() });
export const ZDecision = z.object({ note: ZText.trim().max(500).nullable().default(null) });

export const EXPENSE_CATEGORY_KEYS = Object.keys(EXPENSE_CATEGORIES) as [string, ...string[]];
export const ZExpense = z
  .object({
    id: ZUuid,
    caseId: ZUuid,
    category: z.string(),
    amountFen: z.number().int(),
    spentOn: ZCivilDate,
    paidBy: z.enum(['firm', 'lawyer', 'client']),
    description: z.string().nullable(),
    receiptDocumentId: ZUuid.nullable(),
    reimbursable: z.boolean(),
    rebillable: z.boolean(),
    status: z.enum(['pending', 'approved', 'rejected']),
    createdBy: z.object({ id: ZUuid, name: z.string() }),
    decidedBy: z.object({ id: ZUuid, name: z.string() }).nullable(),
    decisionNote: z.string().nullable(),
    billed: z.boolean(),
  })
  .meta({ id: 'Expense' });
export const ZExpenseInput = z.object({
  category: z.enum(EXPENSE_CATEGORY_KEYS),
  amountFen: ZFen.min(1),
  spentOn: ZCivilDate,
  paidBy: z.enum(['firm', 'lawyer', 'client']),
  description: ZText.trim().max(500).nullable().default(null),
  receiptDocumentId: ZUuid.nullable().default(null),
  reimbursable: z.boolean().default(false),
  rebillable: z.boolean().default(false),
});
export const ZExpenses = z.object({ items: z.array(ZExpense) });

export const LINE_SOURCES = ['billing_event', 'instalment', 'time_entry', 'expense', 'manual', 'credit'] as const;
export const ZInvoiceLine = z
  .object({
    id: ZUuid,
    caseId: ZUuid,
    source: z.enum(LINE_SOURCES),
    itemName: z.string(),
    description: z.string().nullable(),
    amountFen: z.number().int().describe('tax-inclusive'),
    netFen: z.number().int().nullable(),
    taxFen: z.number().int().nullable(),
    disbursement: z.boolean(),
    invoiceId: ZUuid.nullable(),
    flag: z.string().nullable().describe('why a billed line needs a look (the stage that raised it was reversed)'),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'InvoiceLine' });
export const ZInvoiceLines = z.object({ items: z.array(ZInvoiceLine) });

export const INVOICE_STATUSES = ['draft', 'issued', 'partly_paid', 'paid', 'void'] as const;
export const ZInvoice = z
  .object({
    id: ZUuid,
    number: z.string().nullable(),
    kind: z.enum(['invoice', 'credit_note']),
    creditOf: ZUuid.nullable(),
    caseId: ZUuid,
    caseNumber: z.string(),
    clientId: ZUuid,
    clientName: z.string(),
    status: z.enum(INVOICE_STATUSES),
    vatRateBp: z.number().int(),
    issuedOn: ZCivilDate.nullable(),
    dueOn: ZCivilDate.nullable(),
    netFen: z.number().int(),
    taxFen: z.number().int(),
    totalFen: z.number().int(),
    paidFen: z.number().int(),
    writtenOffFen: z.number().int(),
    outstandingFen: z.number().int(),
    documentId: ZUuid.nullable(),
    voidReason: z.string().nullable(),
    note: z.string().nullable(),
    lines: z.array(ZInvoiceLine),
    createdAt: ZTimestamp,
  })
  .meta({ id: 'Invoice' });
export const ZInvoiceSummary = ZInvoice.omit({ lines: true }).meta({ id: 'InvoiceSummary' });
export const ZInvoices = ZPage(ZInvoiceSummary);
export const ZInvoiceQuery = ZPageQuery.extend({
  caseId: ZUuid.optional(),
  clientId: ZUuid.optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  dueBy: ZCivilDate.optional().describe('Receivables due: issued or partly paid invoices due on or before this day'),
});
export const ZInvoiceInput = z.object({
  caseId: ZUuid,
  lineIds: z.array(ZUuid).min(1).max(500),
  note: ZText.trim().max(500).nullable().default(null),
});
export const ZInvoiceIssue = z.object({ dueOn: ZCivilDate.optional() });
export const ZInvoiceSend = z.object({ to: z.email().max(200).optional() });
export const ZInvoiceSent = z.object({ to: z.string(), queued: z.boolean() });
export const ZInvoiceVoid = z.object({ reason: ZText.trim().min(2).max(500) });
export const ZPaymentInput = z.object({
  amountFen: ZFen.min(1),
  method: z.enum(['bank', 'wechat', 'alipay', 'cash']),
  receivedOn: ZCivilDate,
  reference: ZText.trim().max(100).nullable().default(null),
  /** Money beyond what the invoice owes is kept as the client's credit only when said so. */
  overpaymentAsCredit: z.boolean().default(false),
});
export const ZPayment = z
  .object({
    id: ZUuid,
    amountFen: z.number().int(),
    appliedFen: z.number().int(),
    creditFen: z.number().int(),
    invoice: ZInvoiceSummary,
  })
  .meta({ id: 'Payment' });
export const ZClientPayment = z
  .object({
    id: ZUuid,
    amountFen: z.number().int(),
    creditFen: z.number().int().describe('what was left over, kept as the client’s credit'),
    allocations: z.array(z.object({ invoiceId: ZUuid, number: z.string(), amountFen: z.number().int() })),
  })
  .meta({ id: 'ClientPayment' });
export const ZWriteOffInput = z.object({ amountFen: ZFen.min(1), reason: ZText.trim().min(2).max(500) });

export const ZCaseFinance = z
  .object({
    agreedFeeFen: z.number().int().nullable(),
    billedFen: z.number().int(),
    receivedFen: z.number().int(),
    outstandingFen: z.number().int(),
    expensesFen: z.number().int(),
    timeValueFen: z.number().int(),
    draftLinesFen: z.number().int(),
    timeCostFen: z.number().int().nullable().describe('approved time at the firm’s cost rates (null: no cost rates set)'),
    profitFen: z.number().int().describe('received − approved expenses the firm bears − the cost of time when cost rates are set'),
  })
  .meta({ id: 'CaseFinance' });

export const ZAgeing = z
  .object({
    asOf: ZCivilDate,
    buckets: z.array(
      z.object({ bucket: z.enum(['0-30', '31-60', '61-90', '90+']), outstandingFen: z.number().int(), invoices: z.number().int() }),
    ),
    totalFen: z.number().int(),
  })
  .meta({ id: 'ReceivablesAgeing' });

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
export const ZLawyerRevenueQuery = z.object({
  from: ZMonth.optional().describe('first month (default: eleven months before this one)'),
  to: ZMonth.optional().describe('last month (default: this month, in the firm’s time zone)'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN').describe('the language of an export’s headings'),
});
export const ZLawyerRevenue = z
  .object({
    from: ZMonth,
    to: ZMonth,
    rows: z.array(
      z.object({
        userId: ZUuid,
        name: z.string(),
        month: ZMonth,
        billedFen: z.number().int(),
        collectedFen: z.number().int(),
        timeValueFen: z.number().int(),
        realisationBp: z.number().int().nullable().describe('billed ÷ time value'),
        collectionRateBp: z.number().int().nullable().describe('collected ÷ billed'),
      }),
    ),
  })
  .meta({ id: 'LawyerRevenue' });
