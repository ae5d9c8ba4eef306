import type { Db } from '../../db/connection';
import { clientEmail } from '../../db/repositories/client-reach';
import { findClient } from '../../db/repositories/clients';
import { enqueueMailOnce } from '../../db/repositories/email-outbox';
import { fileGeneratedDocument } from '../../db/repositories/generated-documents';
import {
  attachLines,
  approvedMinutesByRole,
  caseFinanceFigures,
  caseLines,
  deleteDraftInvoice,
  findInvoice,
  findPaymentOn,
  findPayment,
  lockOpenInvoicesOfClient,
  paymentAllocations,
  insertCreditLines,
  insertInvoice,
  insertPayment,
  insertWriteOff,
  invoiceLines,
  invoicePdfFile,
  listInvoices,
  lockDraftLines,
  nextInvoiceNumber,
  openReceivables,
  releaseLines,
  updateInvoice,
  type InvoiceFilter,
  type InvoiceRow,
} from '../../db/repositories/invoices';
import type { BlobStorage } from '../../db/storage';
import { addDays, civilDateAt } from '../../domain/deadlines/civil-date';
import { AGEING_BUCKETS, ageingBucket, allocatePayment, splitVat, timeValueFen, type AgeingBucket } from '../../domain/fees';
import { formatFen } from '../../domain/money';
import { listScope, viewerOf } from '../../domain/policy';
import { AppError } from '../app-error';
import type { IdempotentRequest } from '../middleware/idempotency';
import { assertCaseAccess, type Actor } from '../cases';
import { firmTimeZone } from '../firm';
import { currentLogoKey, letterheadLogo } from './invoice-logo';
import { billingSettings } from './fees';
import { renderInvoicePdf } from './invoice-pdf';

/**
 * Invoices: finance builds a draft from a case's draft lines, issues it (numbered per firm and year,
 * VAT split per line at the rate stored on the invoice, the issuer and payer frozen, the PDF filed
 * as a document of the case), records payments and write-offs; an issued invoice never changes —
 * it is voided (before any payment) or credited by a credit note.
 */

const PDF_MIME = 'application/pdf';

async function withLines(db: Db, i: InvoiceRow) {
  return { ...i, lines: (await invoiceLines(db, i.id)).map(lineView) };
}

function lineView(l: Awaited<ReturnType<typeof invoiceLines>>[number]) {
  const { sourceKey: _key, ...rest } = l;
  return rest;
}

export async function draftLines(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'fee.read');
  return { items: (await caseLines(db, caseId)).map(lineView) };
}

export async function caseFinance(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'fee.read');
  const f = await caseFinanceFigures(db, caseId);
  const costs = (await billingSettings(db)).costRatesFen;
  // The cost of time at the firm's cost rates, by the worker's role (a role without a rate costs nothing here).
  const timeCostFen = costs
    ? (await approvedMinutesByRole(db, caseId)).reduce((s, r) => s + timeValueFen(r.minutes, costs[r.role as keyof typeof costs] ?? 0), 0)
    : null;
  return { ...f, timeCostFen, profitFen: f.receivedFen - f.expensesFen - (timeCostFen ?? 0) };
}

export async function invoiceList(db: Db, actor: Actor, f: InvoiceFilter, window: { limit: number; offset: number }) {
  const scope = listScope(viewerOf(actor), 'invoice.list');
  return listInvoices(db, scope.all ? { all: true } : { memberUserId: scope.memberUserId }, f, window);
}

async function visibleInvoice(db: Db, actor: Actor, id: string): Promise<InvoiceRow> {
  const i = await findInvoice(db, id);
  if (!i) throw new AppError('not-found', 'no such invoice');
  await assertCaseAccess(db, actor, i.caseId, 'invoice.read').catch(() => {
    throw new AppError('not-found', 'no such invoice');
  });
  return i;
}

export async function invoiceView(db: Db, actor: Actor, id: string) {
  return withLines(db, await visibleInvoice(db, actor, id));
}

/** A draft invoice from draft lines of one case; a line already on another invoice is refused (409). */
export async function createInvoice(
  db: Db,
  actor: Actor,
  body: { caseId: string; lineIds: string[]; note: string | null },
  idem?: IdempotentRequest,
) {
  const c = await assertCaseAccess(db, actor, body.caseId, 'fee.read');
  // A retry whose answer was lost: the draft it made (its lines are on it, so a new one would be refused).
  if (idem?.resumedEntityId) return withLines(db, (await findInvoice(db, idem.resumedEntityId))!);
  const settings = await billingSettings(db);
  const id = await db.transaction(async (trx) => {
    const lines = await lockDraftLines(trx, body.caseId, [...new Set(body.lineIds)]);
    if (lines.length !== new Set(body.lineIds).size)
      throw new AppError('conflict', 'a line is not a draft line of this case (already invoiced?)');
    const invoiceId = await insertInvoice(trx, {
      caseId: c.id,
      clientId: c.clientId,
      vatRateBp: settings.vatRateBp,
      note: body.note,
      createdBy: actor.id,
    });
    await putOn(trx, invoiceId, lines, settings.vatRateBp);
    await idem?.bind(trx, invoiceId);
    return invoiceId;
  });
  return withLines(db, (await findInvoice(db, id))!);
}

/** Splits each line (a disbursement carries no VAT) and sets the invoice's totals as the sums of its lines. */
async function putOn(
  trx: Parameters<typeof attachLines>[0],
  invoiceId: string,
  lines: Array<{ id: string; amountFen: number; disbursement: boolean }>,
  rateBp: number,
) {
  const split = lines.map((l) => ({ id: l.id, ...(l.disbursement ? { netFen: l.amountFen, taxFen: 0 } : splitVat(l.amountFen, rateBp)) }));
  const sum = (k: 'netFen' | 'taxFen') => split.reduce((s, l) => s + l[k], 0);
  await attachLines(trx, invoiceId, split, { netFen: sum('netFen'), taxFen: sum('taxFen'), totalFen: sum('netFen') + sum('taxFen') });
}

function assertDraft(i: InvoiceRow) {
  if (i.status !== 'draft')
    throw new AppError('conflict', `invoice ${i.number ?? ''} is ${i.status}: an issued invoice is voided or credited, never edited`);
}

export async function deleteInvoice(db: Db, id: string): Promise<void> {
  await db.transaction(async (trx) => {
    const i = await findInvoice(trx, id, { lock: true });
    if (!i) throw new AppError('not-found', 'no such invoice');
    assertDraft(i);
    await deleteDraftInvoice(trx, id);
  });
}

/** Issues a draft: its number, dates, the frozen issuer and payer, and the PDF as a document of the case. */
export async function issueInvoice(
  db: Db,
  storage: BlobStorage,
  actor: Actor,
  id: string,
  body: { dueOn?: string },
  config: { firmTimezone: string },
) {
  const settings = await billingSettings(db);
  const tz = await firmTimeZone(db, config.firmTimezone);
  const today = civilDateAt(Date.now(), tz);
  await db.transaction(async (trx) => {
    const i = await findInvoice(trx, id, { lock: true });
    if (!i) throw new AppError('not-found', 'no such invoice');
    assertDraft(i);
    if (i.totalFen <= 0 && i.kind === 'invoice') throw new AppError('unprocessable-entity', 'an invoice of nothing cannot be issued');
    const client = await findClient(trx, i.clientId);
    const number = await nextInvoiceNumber(trx, Number(today.slice(0, 4)));
    const payer = { name: client?.name ?? i.clientName, taxId: client?.idNumber ?? null, address: client?.address ?? null };
    const dueOn = body.dueOn ?? addDays(today, settings.paymentTermDays);
    if (dueOn < today)
      throw new AppError('validation-error', 'the due date is before today', {
        errors: [{ path: 'body.dueOn', message: 'before the issue date' }],
      });
    await updateInvoice(trx, id, {
      number,
      status: 'issued',
      issuedOn: today,
      dueOn,
      issuer: { ...settings.issuer, logo: await currentLogoKey(trx) },
      payer,
      issuedBy: actor.id,
    });
    const issued = (await findInvoice(trx, id))!;
    const pdf = await renderInvoicePdf(await pdfInput(trx, storage, issued));
    const documentId = await fileGeneratedDocument(trx, storage, {
      caseId: i.caseId,
      category: 'finance',
      name: `${i.kind === 'credit_note' ? '贷项通知单' : '账单'}-${number}.pdf`,
      mime: PDF_MIME,
      bytes: pdf,
      createdBy: actor.id,
      generationKey: `invoice:${id}`,
    });
    await updateInvoice(trx, id, { documentId });
  });
  return withLines(db, (await findInvoice(db, id))!);
}

async function pdfInput(db: Db, storage: BlobStorage, i: InvoiceRow) {
  const lines = await invoiceLines(db, i.id);
  const issuer = (i.issuer ?? (await billingSettings(db)).issuer) as {
    name: string;
    taxId: string | null;
    address: string | null;
    phone: string | null;
    bankName: string | null;
    bankAccount: string | null;
  };
  const payer = (i.payer ?? { name: i.clientName, taxId: null, address: null }) as {
    name: string;
    taxId: string | null;
    address: string | null;
  };
  const taxed = lines.filter((l) => !l.disbursement);
  const disbursementFen = lines.filter((l) => l.disbursement).reduce((s, l) => s + l.amountFen, 0);
  const sum = (k: 'netFen' | 'taxFen' | 'amountFen') => taxed.reduce((s, l) => s + (l[k] ?? 0), 0);
  return {
    number: i.number,
    kind: i.kind,
    creditOf: i.creditOf ? ((await findInvoice(db, i.creditOf))?.number ?? null) : null,
    status: i.status,
    issuedOn: i.issuedOn,
    dueOn: i.dueOn,
    issuer,
    client: payer,
    caseRef: { number: i.caseNumber, title: i.caseTitle },
    vatRateBp: i.vatRateBp,
    lines: lines.map((l) => ({
      itemName: l.itemName,
      // The bill lists disbursements in their own section under the 代垫费用 note.
      description: l.description,
      inclusiveFen: l.amountFen,
      netFen: l.netFen ?? l.amountFen,
      taxFen: l.taxFen ?? 0,
      disbursement: l.disbursement,
    })),
    totals: { netFen: sum('netFen'), taxFen: sum('taxFen'), inclusiveFen: sum('amountFen'), disbursementFen, totalDueFen: i.totalFen },
    paidFen: i.paidFen,
    outstandingFen: i.status === 'void' ? 0 : i.totalFen - i.paidFen - i.writtenOffFen,
    note: i.note,
    logo: await letterheadLogo(db, storage, i.issuer),
  };
}

/** The invoice as a PDF (a draft's shows 草稿; an issued one is the filed document's bytes, made again from the frozen data). */
export async function invoicePdf(db: Db, storage: BlobStorage, actor: Actor, id: string): Promise<{ bytes: Uint8Array; name: string }> {
  return renderedInvoicePdf(db, storage, await visibleInvoice(db, actor, id));
}

/** The PDF of an invoice the caller has already found the reader may see (the client portal: one of their clients'). */
export async function invoicePdfOf(db: Db, storage: BlobStorage, id: string): Promise<{ bytes: Uint8Array; name: string }> {
  const i = await findInvoice(db, id);
  if (!i) throw new AppError('not-found', 'no such invoice');
  return renderedInvoicePdf(db, storage, i);
}

async function renderedInvoicePdf(db: Db, storage: BlobStorage, i: InvoiceRow): Promise<{ bytes: Uint8Array; name: string }> {
  const bytes = await renderInvoicePdf(await pdfInput(db, storage, i));
  return { bytes, name: `${i.kind === 'credit_note' ? 'credit-note' : 'invoice'}-${i.number ?? 'draft'}.pdf` };
}

/** Voids an issued invoice nobody has paid yet; its lines become drafts again. A paid one is credited instead. */
export async function voidInvoice(db: Db, id: string, reason: string) {
  await db.transaction(async (trx) => {
    const i = await findInvoice(trx, id, { lock: true });
    if (!i) throw new AppError('not-found', 'no such invoice');
    if (i.status === 'void') return;
    if (i.status === 'draft') throw new AppError('conflict', 'a draft is deleted, not voided');
    if (i.paidFen > 0 || i.writtenOffFen > 0) throw new AppError('conflict', 'money was received on it: issue a credit note instead');
    await updateInvoice(trx, id, { status: 'void', voidReason: reason });
    await releaseLines(trx, id);
  });
  return withLines(db, (await findInvoice(db, id))!);
}

/** A credit note of what is still owed on an issued invoice: the mirror of its lines, issued at once. */
export async function creditInvoice(
  db: Db,
  storage: BlobStorage,
  actor: Actor,
  id: string,
  reason: string,
  config: { firmTimezone: string },
  idem?: IdempotentRequest,
) {
  // A retry whose answer was lost: the credit note made then (issued, or issued now if that was lost too).
  if (idem?.resumedEntityId) {
    const made = await findInvoice(db, idem.resumedEntityId);
    if (made) return made.status === 'draft' ? issueInvoice(db, storage, actor, made.id, {}, config) : withLines(db, made);
  }
  const creditId = await db.transaction(async (trx) => {
    const i = await findInvoice(trx, id, { lock: true });
    if (!i) throw new AppError('not-found', 'no such invoice');
    if (i.kind !== 'invoice' || (i.status !== 'issued' && i.status !== 'partly_paid'))
      throw new AppError('conflict', `invoice is ${i.status}: nothing to credit`);
    const lines = await invoiceLines(trx, id);
    const cid = await insertInvoice(trx, {
      caseId: i.caseId,
      clientId: i.clientId,
      vatRateBp: i.vatRateBp,
      note: reason,
      createdBy: actor.id,
      kind: 'credit_note',
      creditOf: id,
    });
    await idem?.bind(trx, cid);
    await insertCreditLines(
      trx,
      cid,
      i.caseId,
      lines.map((l) => ({
        sourceKey: `credit:${cid}:${l.id}`,
        itemName: l.itemName,
        description: l.description,
        amountFen: -l.amountFen,
        netFen: -(l.netFen ?? l.amountFen),
        taxFen: -(l.taxFen ?? 0),
        disbursement: l.disbursement,
      })),
    );
    await attachLines(trx, cid, [], { netFen: -i.netFen, taxFen: -i.taxFen, totalFen: -i.totalFen });
    // The credited invoice is settled by the credit: nothing more is owed on it.
    await updateInvoice(trx, id, { writtenOffFen: i.totalFen - i.paidFen, status: 'paid' });
    return cid;
  });
  return issueInvoice(db, storage, actor, creditId, {}, config);
}

/** A payment on an invoice; more than it owes is refused unless kept as the client's credit. */
export async function recordPayment(
  db: Db,
  actor: Actor,
  id: string,
  body: { amountFen: number; method: string; receivedOn: string; reference: string | null; overpaymentAsCredit: boolean },
  idem?: IdempotentRequest,
) {
  // A retry of a payment whose answer was lost: the payment recorded then, never a second one.
  const earlier = idem?.resumedEntityId ? await findPaymentOn(db, idem.resumedEntityId, id) : null;
  if (earlier) {
    const invoice = (await findInvoice(db, id))!;
    return { id: idem!.resumedEntityId!, ...earlier, invoice, before: null };
  }
  const result = await db.transaction(async (trx) => {
    const i = await findInvoice(trx, id, { lock: true });
    if (!i) throw new AppError('not-found', 'no such invoice');
    if (i.status !== 'issued' && i.status !== 'partly_paid')
      throw new AppError('conflict', `invoice is ${i.status}: payments go to issued invoices`);
    const owed = i.totalFen - i.paidFen - i.writtenOffFen;
    const applied = Math.min(owed, body.amountFen);
    const credit = body.amountFen - applied;
    if (credit > 0 && !body.overpaymentAsCredit) {
      throw new AppError(
        'overpayment',
        `the invoice owes ${owed} fen; ${body.amountFen} fen is more (record the rest as the client's credit to accept it)`,
      );
    }
    const paymentId = await insertPayment(
      trx,
      {
        clientId: i.clientId,
        amountFen: body.amountFen,
        method: body.method,
        receivedOn: body.receivedOn,
        reference: body.reference,
        unallocatedFen: credit,
        createdBy: actor.id,
      },
      [{ invoiceId: id, amountFen: applied }],
    );
    await idem?.bind(trx, paymentId);
    const paid = i.paidFen + applied;
    await updateInvoice(trx, id, { paidFen: paid, status: paid + i.writtenOffFen >= i.totalFen ? 'paid' : 'partly_paid' });
    return { paymentId, applied, credit, before: { paidFen: i.paidFen, status: i.status } };
  });
  const invoice = (await findInvoice(db, id))!;
  return {
    id: result.paymentId,
    amountFen: body.amountFen,
    appliedFen: result.applied,
    creditFen: result.credit,
    invoice,
    before: result.before,
  };
}

export async function writeOff(db: Db, actor: Actor, id: string, body: { amountFen: number; reason: string }) {
  await db.transaction(async (trx) => {
    const i = await findInvoice(trx, id, { lock: true });
    if (!i) throw new AppError('not-found', 'no such invoice');
    if (i.status !== 'issued' && i.status !== 'partly_paid') throw new AppError('conflict', `invoice is ${i.status}`);
    const owed = i.totalFen - i.paidFen - i.writtenOffFen;
    if (body.amountFen > owed) throw new AppError('unprocessable-entity', `only ${owed} fen is outstanding`);
    await insertWriteOff(trx, { invoiceId: id, amountFen: body.amountFen, reason: body.reason, createdBy: actor.id });
    const off = i.writtenOffFen + body.amountFen;
    await updateInvoice(trx, id, { writtenOffFen: off, status: i.paidFen + off >= i.totalFen ? 'paid' : i.status });
  });
  return withLines(db, (await findInvoice(db, id))!);
}

/** Receivables by days past due, as of today in the firm's time zone. */
export async function receivablesAgeing(db: Db, config: { firmTimezone: string }) {
  const tz = await firmTimeZone(db, config.firmTimezone);
  const asOf = civilDateAt(Date.now(), tz);
  const sums = new Map<AgeingBucket, { outstandingFen: number; invoices: number }>(
    AGEING_BUCKETS.map((b) => [b, { outstandingFen: 0, invoices: 0 }]),
  );
  for (const r of await openReceivables(db)) {
    const b = sums.get(ageingBucket(r.dueOn, asOf))!;
    b.outstandingFen += r.outstandingFen;
    b.invoices += r.invoices;
  }
  const buckets = AGEING_BUCKETS.map((bucket) => ({ bucket, ...sums.get(bucket)! }));
  return { asOf, buckets, totalFen: buckets.reduce((s, b) => s + b.outstandingFen, 0) };
}

/**
 * Sends an issued invoice's PDF to the client by mail (the outbox: queued now, sent by the dispatcher
 * with the filed PDF attached), to the address given or the client's. Sending again is a new mail.
 */
export async function sendInvoice(db: Db, actor: Actor, id: string, body: { to?: string }) {
  const i = await findInvoice(db, id);
  if (!i) throw new AppError('not-found', 'no such invoice');
  if (i.status === 'draft' || i.status === 'void') throw new AppError('conflict', `invoice is ${i.status}: only an issued invoice is sent`);
  const to = body.to ?? (await clientEmail(db, i.clientId));
  if (!to) {
    throw new AppError('unprocessable-entity', 'the client has no e-mail address: give one', {
      errors: [{ path: 'body.to', message: 'required' }],
    });
  }
  const file = await invoicePdfFile(db, id);
  if (!file) throw new AppError('conflict', 'the invoice has no filed PDF');
  const issuer = (i.issuer as { name?: string } | null)?.name ?? '';
  const owed = i.totalFen - i.paidFen - i.writtenOffFen;
  const key = `invoice:${id}:${Date.now()}:${actor.id}`;
  await db.transaction((trx) =>
    enqueueMailOnce(trx, {
      key,
      toUserId: null,
      toAddress: to,
      subject: `${issuer} 账单 ${i.number}（${i.caseNumber}）`,
      textBody: [
        `${i.clientName}：`,
        '',
        `附件为${issuer}就案件 ${i.caseNumber} 开具的账单 ${i.number}，价税合计 ${fmtYuan(i.totalFen)}，尚欠 ${fmtYuan(owed)}，付款期限 ${i.dueOn ?? ''}。`,
        '增值税发票由本所另行开具。如有疑问，请与承办律师联系。',
        '',
        `Attached is invoice ${i.number} for matter ${i.caseNumber}: total ${fmtYuan(i.totalFen)}, outstanding ${fmtYuan(owed)}, due ${i.dueOn ?? ''}.`,
      ].join('\n'),
      attachments: [file],
    }),
  );
  return { to, queued: true };
}

const fmtYuan = (fen: number) => formatFen(fen, 'zh-CN');

async function clientPaymentView(db: Db, paymentId: string) {
  const p = (await findPayment(db, paymentId))!;
  return { id: p.id, amountFen: p.amountFen, creditFen: p.creditFen, allocations: await paymentAllocations(db, paymentId) };
}

/**
 * One transfer from a client for several bills: spread over their open invoices oldest first
 * (domain allocatePayment); more than they owe altogether is 422 unless kept as the client's credit.
 */
export async function recordClientPayment(
  db: Db,
  actor: Actor,
  clientId: string,
  body: { amountFen: number; method: string; receivedOn: string; reference: string | null; overpaymentAsCredit: boolean },
  idem?: IdempotentRequest,
) {
  if (!(await findClient(db, clientId))) throw new AppError('not-found', 'no such client');
  if (idem?.resumedEntityId && (await findPayment(db, idem.resumedEntityId))) return clientPaymentView(db, idem.resumedEntityId);
  const paymentId = await db.transaction(async (trx) => {
    const open = await lockOpenInvoicesOfClient(trx, clientId);
    const { allocations, overpaymentFen } = allocatePayment(
      body.amountFen,
      open.map((i) => ({ id: i.id, issuedOn: i.issuedOn, outstandingFen: i.totalFen - i.paidFen - i.writtenOffFen })),
    );
    if (overpaymentFen > 0 && !body.overpaymentAsCredit) {
      throw new AppError(
        'overpayment',
        `the client owes ${body.amountFen - overpaymentFen} fen on open invoices; record the rest as their credit to accept it`,
      );
    }
    const pid = await insertPayment(
      trx,
      {
        clientId,
        amountFen: body.amountFen,
        method: body.method,
        receivedOn: body.receivedOn,
        reference: body.reference,
        unallocatedFen: overpaymentFen,
        createdBy: actor.id,
      },
      allocations,
    );
    for (const a of allocations) {
      const i = open.find((x) => x.id === a.invoiceId)!;
      const paid = i.paidFen + a.amountFen;
      await updateInvoice(trx, i.id, { paidFen: paid, status: paid + i.writtenOffFen >= i.totalFen ? 'paid' : 'partly_paid' });
    }
    await idem?.bind(trx, pid);
    return pid;
  });
  return clientPaymentView(db, paymentId);
}
