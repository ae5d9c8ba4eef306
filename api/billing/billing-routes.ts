import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { BlobStorage } from '../../db/storage';
import {
  ZAgeing,
  ZBillingSettings,
  ZCaseFinance,
  ZClientPayment,
  ZDecision,
  ZExpense,
  ZExpenseInput,
  ZExpenses,
  ZFeeArrangement,
  ZFeeArrangementInput,
  ZFeeArrangementVersion,
  ZInvoice,
  ZInvoiceInput,
  ZInvoiceIssue,
  ZInvoiceLines,
  ZInvoiceQuery,
  ZInvoices,
  ZInvoiceSend,
  ZInvoiceSent,
  ZInvoiceVoid,
  ZLawyerRevenue,
  ZLawyerRevenueQuery,
  ZPayment,
  ZPaymentInput,
  ZTimeEntries,
  ZTimeEntry,
  ZTimeEntryInput,
  ZTimeEntryPatch,
  ZTimeEntryQuery,
  ZTimerAnswer,
  ZTimerStart,
  ZTimerStop,
  ZWriteOffInput,
} from '../contracts/billing';
import type { Action } from '../../domain/policy';
import type { Actor } from '../cases';
import { ZIdParams } from '../contracts/common';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import { addExpense, decideCaseExpense, listCaseExpenses } from './expenses';
import { ageingSheet, csvOf, lawyerRevenue, revenueSheet, xlsxOf, type Sheet } from './reports';
import { billingSettings, feeArrangementView, putBillingSettings, putFeeArrangement } from './fees';
import {
  caseFinance,
  createInvoice,
  creditInvoice,
  deleteInvoice,
  draftLines,
  invoiceList,
  invoicePdf,
  invoiceView,
  issueInvoice,
  receivablesAgeing,
  recordClientPayment,
  recordPayment,
  sendInvoice,
  voidInvoice,
  writeOff,
} from './invoices';
import {
  addTimeEntry,
  changeTimeEntry,
  decideEntry,
  discardUserTimer,
  getTimer,
  pauseUserTimer,
  removeTimeEntry,
  startUserTimer,
  stopUserTimer,
  timeEntries,
} from './time';

export interface BillingDeps {
  db: Db;
  storage: BlobStorage;
  firmTimezone: string;
}

const ZCaseParams = z.object({ id: z.uuid() });

/** Fee arrangements, billing settings, the timer, time entries, expenses, draft lines, invoices and payments. */
export function billingRoutes(registry: RouteRegistry, deps: BillingDeps): Router {
  const router = Router();
  const { db } = deps;
  const config = { firmTimezone: deps.firmTimezone };
  const tag = 'billing';

  /** POST /<collection>/:id/approve and /reject: a decision with an optional note, audited with what it fixed. */
  function decisionRoutes<R extends z.ZodType>(o: {
    collection: string;
    action: Action;
    response: R;
    auditEntity: string;
    summaries: Record<'approved' | 'rejected', string>;
    decide: (
      user: Actor,
      id: string,
      d: 'approved' | 'rejected',
      note: string | null,
    ) => Promise<{ answer: z.input<R>; details: Record<string, unknown> }>;
  }) {
    for (const [verb, decision] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
    ] as const) {
      registry.add(
        router,
        {
          method: 'post',
          path: `/${o.collection}/:id/${verb}`,
          tag,
          summary: o.summaries[decision],
          action: o.action,
          params: ZIdParams,
          body: ZDecision,
          response: o.response,
          errors: ['not-found', 'conflict'],
          auditEntity: o.auditEntity,
        },
        async ({ params, body, user, audit }) => {
          const r = await o.decide(user!, params.id, decision, body.note);
          audit({ entityId: params.id, details: { decision, note: body.note, ...r.details } });
          return r.answer;
        },
      );
    }
  }

  // Fee arrangements ////////////////////////////////////////////////////////////////////////////
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/fee-arrangement',
      tag,
      summary: "The case's fee arrangement (收费方式) in force, every earlier version, and whether 风险代理 is allowed",
      action: 'fee.read',
      params: ZCaseParams,
      response: ZFeeArrangement,
      errors: ['not-found'],
    },
    async ({ params, user }) => feeArrangementView(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/cases/:id/fee-arrangement',
      tag,
      summary:
        'A new version of the arrangement (earlier ones are kept). 422 contingency-banned names the legal basis; 422 contingency-cap-exceeded carries `capFen` unless a partner gives `overrideReason`',
      action: 'fee.edit',
      params: ZCaseParams,
      body: ZFeeArrangementInput,
      response: ZFeeArrangementVersion,
      errors: ['not-found', 'validation-error', 'contingency-banned', 'contingency-cap-exceeded', 'fee-arrangement-invalid'],
      auditEntity: 'fee-arrangement',
    },
    async ({ params, body, user, audit }) => {
      const saved = await putFeeArrangement(db, user!, params.id, body);
      audit({ entityId: params.id, details: { version: saved.version, components: body.components, overrideReason: body.overrideReason } });
      return saved;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/billing/settings',
      tag,
      summary: 'The firm as invoice issuer, its VAT rate, time increment, payment term and default hourly rates',
      action: 'billingSettings.read',
      response: ZBillingSettings,
    },
    async () => billingSettings(db),
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/billing/settings',
      tag,
      summary: 'Change the billing settings (admins and finance)',
      action: 'billingSettings.edit',
      body: ZBillingSettings,
      response: ZBillingSettings,
      errors: ['validation-error'],
      auditEntity: 'billing-settings',
    },
    async ({ body, audit }) => {
      const before = await billingSettings(db);
      const after = await putBillingSettings(db, body);
      audit({ details: { before, after } });
      return after;
    },
  );

  // The timer ///////////////////////////////////////////////////////////////////////////////////
  registry.add(
    router,
    { method: 'get', path: '/timer', tag, summary: 'My timer (running or paused), if any', action: 'time.record', response: ZTimerAnswer },
    async ({ user }) => getTimer(db, user!),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/timer/start',
      tag,
      summary: 'Start my timer on a case (and task) I work on; 409 while another is on',
      action: 'time.record',
      body: ZTimerStart,
      response: ZTimerAnswer,
      errors: ['not-found', 'validation-error', 'conflict'],
      auditEntity: 'timer',
    },
    async ({ body, user, audit }) => {
      audit({ details: { caseId: body.caseId, taskId: body.taskId } });
      return startUserTimer(db, user!, body);
    },
  );
  for (const [path, pause] of [
    ['/timer/pause', true],
    ['/timer/resume', false],
  ] as const) {
    registry.add(
      router,
      {
        method: 'post',
        path,
        tag,
        summary: pause ? 'Pause my timer' : 'Resume my paused timer',
        action: 'time.record',
        response: ZTimerAnswer,
        errors: ['conflict'],
        auditEntity: 'timer',
      },
      async ({ user }) => pauseUserTimer(db, user!, pause),
    );
  }
  registry.add(
    router,
    {
      method: 'post',
      path: '/timer/stop',
      tag,
      summary: "Stop my timer: its time, rounded up to the firm's increment, becomes a time entry of today",
      action: 'time.record',
      body: ZTimerStop,
      response: ZTimeEntry,
      status: 201,
      errors: ['conflict', 'validation-error'],
      auditEntity: 'time-entry',
    },
    async ({ body, user, audit, idempotency }) => {
      const e = await stopUserTimer(db, user!, body, config, idempotency);
      audit({ entityId: e.id, details: { caseId: e.caseId, minutes: e.minutes } });
      return e;
    },
  );
  registry.add(
    router,
    { method: 'delete', path: '/timer', tag, summary: 'Discard my timer without recording', action: 'time.record', auditEntity: 'timer' },
    async ({ user }) => discardUserTimer(db, user!),
  );

  // Time entries ////////////////////////////////////////////////////////////////////////////////
  registry.add(
    router,
    {
      method: 'get',
      path: '/time-entries',
      tag,
      summary: 'Time entries: my own; partners, admins and finance see everyone’s (filter by person, case, status, dates)',
      action: 'time.list',
      query: ZTimeEntryQuery,
      response: ZTimeEntries,
    },
    async ({ query, user }) => pageAnswer(query, await timeEntries(db, user!, query, pageWindow(query))),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/time-entries',
      tag,
      summary: "Record time by hand on a case I work on (minutes rounded up to the firm's increment)",
      action: 'time.record',
      body: ZTimeEntryInput,
      response: ZTimeEntry,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'time-entry',
    },
    async ({ body, user, audit, idempotency }) => {
      const e = await addTimeEntry(db, user!, body, idempotency);
      audit({ entityId: e.id, details: { caseId: e.caseId, minutes: e.minutes, billable: e.billable } });
      return e;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/time-entries/:id',
      tag,
      summary: 'Change my entry while it is not approved (it is looked at again)',
      action: 'time.edit',
      params: ZIdParams,
      body: ZTimeEntryPatch,
      response: ZTimeEntry,
      errors: ['not-found', 'validation-error', 'conflict'],
      auditEntity: 'time-entry',
    },
    async ({ params, body, user, audit }) => {
      const e = await changeTimeEntry(db, user!, params.id, body);
      audit({ entityId: params.id, details: body });
      return e;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/time-entries/:id',
      tag,
      summary: 'Delete my entry while it is not approved',
      action: 'time.edit',
      params: ZIdParams,
      errors: ['not-found', 'conflict'],
      auditEntity: 'time-entry',
    },
    async ({ params, user, audit }) => {
      await removeTimeEntry(db, user!, params.id);
      audit({ entityId: params.id });
    },
  );
  decisionRoutes({
    collection: 'time-entries',
    action: 'time.approve',
    response: ZTimeEntry,
    auditEntity: 'time-entry',
    summaries: {
      approved: 'Approve an entry (partners): its rate and value are fixed and a billable entry becomes a draft invoice line',
      rejected: 'Reject an entry (partners), with a note',
    },
    decide: async (user, id, decision, note) => {
      const e = await decideEntry(db, user, id, decision, note);
      return { answer: e, details: { valueFen: e.valueFen } };
    },
  });

  // Expenses ////////////////////////////////////////////////////////////////////////////////////
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/expenses',
      tag,
      summary: "The case's expenses (费用支出)",
      action: 'expense.read',
      params: ZCaseParams,
      response: ZExpenses,
      errors: ['not-found'],
    },
    async ({ params, user }) => listCaseExpenses(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/expenses',
      tag,
      summary: 'Record an expense with its receipt (a document of the case)',
      action: 'expense.record',
      params: ZCaseParams,
      body: ZExpenseInput,
      response: ZExpense,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'expense',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const x = await addExpense(db, user!, params.id, body, idempotency);
      audit({ entityId: x.id, details: { caseId: params.id, category: x.category, amountFen: x.amountFen, paidBy: x.paidBy } });
      return x;
    },
  );
  decisionRoutes({
    collection: 'expenses',
    action: 'expense.approve',
    response: ZExpense,
    auditEntity: 'expense',
    summaries: {
      approved: 'Approve an expense (a rebillable one becomes a draft invoice line)',
      rejected: 'Reject an expense, with a note',
    },
    decide: async (user, id, decision, note) => {
      const x = await decideCaseExpense(db, user, id, decision, note);
      return { answer: x, details: { amountFen: x.amountFen } };
    },
  });

  // Lines, invoices, payments ///////////////////////////////////////////////////////////////////
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/invoice-lines',
      tag,
      summary:
        "The case's invoice lines: drafts (from the engine's billing events, instalments, approved time, rebillable expenses) and billed ones",
      action: 'fee.read',
      params: ZCaseParams,
      response: ZInvoiceLines,
      errors: ['not-found'],
    },
    async ({ params, user }) => draftLines(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/finance',
      tag,
      summary: 'The case in money: agreed fee, billed, received, outstanding, expenses, time value, drafts, profit',
      action: 'fee.read',
      params: ZCaseParams,
      response: ZCaseFinance,
      errors: ['not-found'],
    },
    async ({ params, user }) => caseFinance(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/invoices',
      tag,
      summary: 'The invoices the viewer may see (lawyers: their cases’), by case, client and status',
      action: 'invoice.list',
      query: ZInvoiceQuery,
      response: ZInvoices,
    },
    async ({ query, user }) => pageAnswer(query, await invoiceList(db, user!, query, pageWindow(query))),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices',
      tag,
      summary: "A draft invoice from draft lines of one case (finance); the firm's VAT rate is stored on it",
      action: 'invoice.manage',
      body: ZInvoiceInput,
      response: ZInvoice,
      status: 201,
      errors: ['not-found', 'validation-error', 'conflict'],
      auditEntity: 'invoice',
    },
    async ({ body, user, audit, idempotency }) => {
      const i = await createInvoice(db, user!, body, idempotency);
      audit({ entityId: i.id, details: { caseId: body.caseId, lines: body.lineIds.length, totalFen: i.totalFen } });
      return i;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/invoices/:id',
      tag,
      summary: 'One invoice with its lines',
      action: 'invoice.read',
      params: ZIdParams,
      response: ZInvoice,
      errors: ['not-found'],
    },
    async ({ params, user }) => invoiceView(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/invoices/:id/pdf',
      tag,
      summary: 'The invoice as a PDF bill in Chinese (application/pdf)',
      action: 'invoice.read',
      params: ZIdParams,
      errors: ['not-found'],
    },
    async ({ params, user, res }) => {
      const pdf = await invoicePdf(db, deps.storage, user!, params.id);
      res
        .status(200)
        .type('application/pdf')
        .setHeader('content-disposition', `inline; filename="${pdf.name}"`)
        .setHeader('cache-control', 'private, no-store')
        .send(Buffer.from(pdf.bytes));
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/invoices/:id',
      tag,
      summary: 'Delete a draft invoice (its lines become drafts again); an issued one answers 409',
      action: 'invoice.manage',
      params: ZIdParams,
      errors: ['not-found', 'conflict'],
      auditEntity: 'invoice',
    },
    async ({ params, audit }) => {
      await deleteInvoice(db, params.id);
      audit({ entityId: params.id });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices/:id/issue',
      tag,
      summary: 'Issue a draft: numbered per firm and year, the issuer and payer frozen, the PDF filed in the case’s 票据与财务',
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZInvoiceIssue,
      response: ZInvoice,
      errors: ['not-found', 'validation-error', 'conflict', 'unprocessable-entity'],
      auditEntity: 'invoice',
    },
    async ({ params, body, user, audit }) => {
      const i = await issueInvoice(db, deps.storage, user!, params.id, body, config);
      audit({ entityId: params.id, details: { number: i.number, totalFen: i.totalFen, taxFen: i.taxFen, dueOn: i.dueOn } });
      return i;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices/:id/send',
      tag,
      summary: "Mail the issued invoice's PDF to the client (its address, or `to`), through the outbox",
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZInvoiceSend,
      response: ZInvoiceSent,
      status: 202,
      errors: ['not-found', 'validation-error', 'conflict', 'unprocessable-entity'],
      auditEntity: 'invoice',
    },
    async ({ params, body, user, audit }) => {
      const sent = await sendInvoice(db, user!, params.id, body);
      audit({ entityId: params.id, details: { sentTo: 'client', explicitAddress: Boolean(body.to) } });
      return sent;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices/:id/void',
      tag,
      summary: 'Void an issued invoice nobody has paid (its lines become drafts again); with money received, credit it instead',
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZInvoiceVoid,
      response: ZInvoice,
      errors: ['not-found', 'conflict'],
      auditEntity: 'invoice',
    },
    async ({ params, body, audit }) => {
      const i = await voidInvoice(db, params.id, body.reason);
      audit({ entityId: params.id, details: { reason: body.reason, totalFen: i.totalFen } });
      return i;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices/:id/credit-note',
      tag,
      summary: 'Credit what an issued invoice still owes with a credit note (贷项通知单), issued at once',
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZInvoiceVoid,
      response: ZInvoice,
      status: 201,
      errors: ['not-found', 'conflict'],
      auditEntity: 'invoice',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const credit = await creditInvoice(db, deps.storage, user!, params.id, body.reason, config, idempotency);
      audit({
        entityId: params.id,
        details: { creditNote: credit.id, number: credit.number, totalFen: credit.totalFen, reason: body.reason },
      });
      return credit;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices/:id/payments',
      tag,
      summary: 'Record money received on an invoice; more than it owes is 422 overpayment unless `overpaymentAsCredit`',
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZPaymentInput,
      response: ZPayment,
      status: 201,
      errors: ['not-found', 'validation-error', 'conflict', 'overpayment'],
      auditEntity: 'payment',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const p = await recordPayment(db, user!, params.id, body, idempotency);
      audit({
        entityId: p.id,
        details: {
          invoiceId: params.id,
          amountFen: body.amountFen,
          before: p.before,
          after: { paidFen: p.invoice.paidFen, status: p.invoice.status },
        },
      });
      return p;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/clients/:id/payments',
      tag,
      summary:
        'One payment from a client spread over their open invoices, oldest first; more than they owe is 422 overpayment unless `overpaymentAsCredit`',
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZPaymentInput,
      response: ZClientPayment,
      status: 201,
      errors: ['not-found', 'validation-error', 'overpayment'],
      auditEntity: 'payment',
    },
    async ({ params, body, user, audit, idempotency }) => {
      const p = await recordClientPayment(db, user!, params.id, body, idempotency);
      audit({
        entityId: p.id,
        details: { clientId: params.id, amountFen: p.amountFen, creditFen: p.creditFen, allocations: p.allocations },
      });
      return p;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/invoices/:id/write-offs',
      tag,
      summary: 'Write off part of what an invoice owes, with the reason',
      action: 'invoice.manage',
      params: ZIdParams,
      body: ZWriteOffInput,
      response: ZInvoice,
      status: 201,
      errors: ['not-found', 'validation-error', 'conflict', 'unprocessable-entity'],
      auditEntity: 'invoice',
    },
    async ({ params, body, user, audit }) => {
      const i = await writeOff(db, user!, params.id, body);
      audit({ entityId: params.id, details: { writeOffFen: body.amountFen, reason: body.reason, outstandingFen: i.outstandingFen } });
      return i;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/reports/receivables-ageing',
      tag,
      summary: 'What clients owe by days past due (0–30, 31–60, 61–90, over 90)',
      action: 'report.read',
      response: ZAgeing,
    },
    async () => receivablesAgeing(db, config),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/reports/lawyer-revenue',
      tag,
      summary: 'Per lawyer and month: billed, collected, the value of approved time, realisation and collection rate',
      action: 'report.read',
      query: ZLawyerRevenueQuery,
      response: ZLawyerRevenue,
      errors: ['validation-error'],
      rateLimit: 'expensive',
    },
    async ({ query }) => lawyerRevenue(db, query, config),
  );
  // The two finance reports as CSV and Excel, in the reader's language.
  const exports: Array<{
    path: string;
    what: string;
    sheet: (query: { from?: string; to?: string; lang: 'zh-CN' | 'en' }) => Promise<Sheet>;
  }> = [
    {
      path: '/reports/lawyer-revenue',
      what: 'revenue per lawyer and month',
      sheet: async (q) => revenueSheet(await lawyerRevenue(db, q, config), q.lang),
    },
    {
      path: '/reports/receivables-ageing',
      what: 'receivables by days past due',
      sheet: async (q) => ageingSheet(await receivablesAgeing(db, config), q.lang),
    },
  ];
  for (const report of exports)
    for (const format of ['csv', 'xlsx'] as const) {
      registry.add(
        router,
        {
          method: 'get',
          path: `${report.path}.${format}`,
          tag,
          summary: `The ${report.what} as ${format === 'csv' ? 'CSV (UTF-8 with BOM, opens in Excel)' : 'an Excel workbook (.xlsx)'}`,
          action: 'report.read',
          query: ZLawyerRevenueQuery,
          errors: ['validation-error'],
          rateLimit: 'expensive',
        },
        async ({ query, res }) => {
          const sheet = await report.sheet(query);
          res.setHeader('content-disposition', `attachment; filename="${report.path.split('/').pop()}.${format}"`);
          if (format === 'csv') res.status(200).type('text/csv; charset=utf-8').send(csvOf(sheet));
          else
            res
              .status(200)
              .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
              .send(await xlsxOf(sheet));
        },
      );
    }
  return router;
}
