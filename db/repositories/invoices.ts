import type { Knex } from 'knex';
import type { Db } from '../connection';

/**
 * Invoice lines (what can be billed, one per source), invoices, payments and write-offs. Amounts are
 * integer fen; a line's amount is tax-inclusive until an invoice splits it.
 */

type Conn = Db | Knex.Transaction;

export type LineSource = 'billing_event' | 'instalment' | 'time_entry' | 'expense' | 'manual' | 'credit';

export interface InvoiceLineRow {
  id: string;
  caseId: string;
  source: LineSource;
  sourceKey: string;
  itemName: string;
  description: string | null;
  amountFen: number;
  netFen: number | null;
  taxFen: number | null;
  disbursement: boolean;
  invoiceId: string | null;
  flag: string | null;
  createdAt: string;
}

function toLine(r: Record<string, any>): InvoiceLineRow {
  return {
    id: r.id,
    caseId: r.case_id,
    source: r.source_kind,
    sourceKey: r.source_key,
    itemName: r.item_name,
    description: r.description,
    amountFen: Number(r.amount_fen),
    netFen: r.net_fen === null ? null : Number(r.net_fen),
    taxFen: r.tax_fen === null ? null : Number(r.tax_fen),
    disbursement: r.disbursement,
    invoiceId: r.invoice_id,
    flag: r.flag,
    createdAt: (r.created_at as Date).toISOString(),
  };
}

/** Offers a line once per source key; a second offer of the same source changes nothing (false). */
export async function offerLineOnce(
  db: Conn,
  l: {
    caseId: string;
    source: LineSource;
    sourceKey: string;
    itemName: string;
    description: string | null;
    amountFen: number;
    disbursement?: boolean;
    flag?: string | null;
  },
): Promise<boolean> {
  const rows = await db('invoice_lines')
    .insert({
      case_id: l.caseId,
      source_kind: l.source,
      source_key: l.sourceKey,
      item_name: l.itemName,
      description: l.description,
      amount_fen: l.amountFen,
      disbursement: l.disbursement ?? false,
      flag: l.flag ?? null,
    })
    .onConflict('source_key')
    .ignore()
    .returning('id');
  return rows.length === 1;
}

/** Lines of a case: the drafts (not on an invoice) or all. */
export async function caseLines(db: Conn, caseId: string, opts: { draftOnly?: boolean } = {}): Promise<InvoiceLineRow[]> {
  const q = db('invoice_lines').where({ case_id: caseId }).orderBy('created_at');
  if (opts.draftOnly) q.whereNull('invoice_id');
  return (await q).map(toLine);
}

export async function invoiceLines(db: Conn, invoiceId: string): Promise<InvoiceLineRow[]> {
  return (await db('invoice_lines').where({ invoice_id: invoiceId }).orderBy('created_at')).map(toLine);
}

/** Draft lines by id, locked (two invoices never take the same line). */
export async function lockDraftLines(trx: Knex.Transaction, caseId: string, ids: string[]): Promise<InvoiceLineRow[]> {
  const rows = await trx('invoice_lines').whereIn('id', ids).andWhere({ case_id: caseId }).whereNull('invoice_id').forUpdate();
  return rows.map(toLine);
}

/**
 * Flags the case's lines that are on an invoice already and were offered at or after `since` (the
 * case went back to a stage first entered then: what was billed since is in question). Drafts are
 * left as they are — finance sees them before billing; billed lines are never changed, only flagged.
 */
export async function flagBilledLinesSince(db: Conn, caseId: string, since: Date, flag: string): Promise<number> {
  return db('invoice_lines')
    .where({ case_id: caseId })
    .whereIn('source_kind', ['billing_event', 'instalment'])
    .whereNotNull('invoice_id')
    .whereNull('flag')
    .where('created_at', '>=', since)
    .update({ flag });
}

export type InvoiceStatus = 'draft' | 'issued' | 'partly_paid' | 'paid' | 'void';

export interface InvoiceRow {
  id: string;
  number: string | null;
  kind: 'invoice' | 'credit_note';
  creditOf: string | null;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  clientId: string;
  clientName: string;
  status: InvoiceStatus;
  vatRateBp: number;
  issuedOn: string | null;
  dueOn: string | null;
  netFen: number;
  taxFen: number;
  totalFen: number;
  paidFen: number;
  writtenOffFen: number;
  outstandingFen: number;
  issuer: Record<string, unknown> | null;
  payer: Record<string, unknown> | null;
  documentId: string | null;
  voidReason: string | null;
  note: string | null;
  createdAt: string;
}

function invoiceQuery(db: Conn) {
  return db('invoices as i')
    .join('cases as c', 'c.id', 'i.case_id')
    .join('clients as cl', 'cl.id', 'i.client_id')
    .select('i.*', 'c.number as case_number', 'c.title as case_title', 'cl.name as client_name');
}

function toInvoice(r: Record<string, any>): InvoiceRow {
  const total = Number(r.total_fen);
  const paid = Number(r.paid_fen);
  const off = Number(r.written_off_fen);
  const open = r.status === 'issued' || r.status === 'partly_paid';
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    creditOf: r.credit_of,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseTitle: r.case_title,
    clientId: r.client_id,
    clientName: r.client_name,
    status: r.status,
    vatRateBp: r.vat_rate_bp,
    issuedOn: r.issued_on,
    dueOn: r.due_on,
    netFen: Number(r.net_fen),
    taxFen: Number(r.tax_fen),
    totalFen: total,
    paidFen: paid,
    writtenOffFen: off,
    outstandingFen: open ? total - paid - off : 0,
    issuer: r.issuer,
    payer: r.payer,
    documentId: r.document_id,
    voidReason: r.void_reason,
    note: r.note,
    createdAt: (r.created_at as Date).toISOString(),
  };
}

export async function findInvoice(db: Conn, id: string, opts: { lock?: boolean } = {}): Promise<InvoiceRow | null> {
  const q = invoiceQuery(db).where('i.id', id).first();
  if (opts.lock) q.forUpdate('i');
  const r = await q;
  return r ? toInvoice(r) : null;
}

export interface InvoiceFilter {
  caseId?: string;
  clientId?: string;
  status?: string;
  /** Receivables due: still owed (issued or partly paid) and due on or before this day. */
  dueBy?: string;
}

export async function listInvoices(
  db: Db,
  scope: { all: true } | { memberUserId: string },
  f: InvoiceFilter,
  window: { limit: number; offset: number },
): Promise<{ items: InvoiceRow[]; total: number }> {
  const q = invoiceQuery(db);
  if ('memberUserId' in scope) {
    const uid = scope.memberUserId;
    q.where((w) =>
      w.where('c.lead_lawyer_id', uid).orWhereExists(db('case_members as m').whereRaw('m.case_id = i.case_id').andWhere('m.user_id', uid)),
    );
  }
  if (f.caseId) q.where('i.case_id', f.caseId);
  if (f.clientId) q.where('i.client_id', f.clientId);
  if (f.status) q.where('i.status', f.status);
  if (f.dueBy) q.whereIn('i.status', ['issued', 'partly_paid']).where('i.due_on', '<=', f.dueBy);
  const [{ n }] = await db.from(q.clone().clearSelect().select('i.id').as('x')).count({ n: '*' });
  const rows = await q.orderByRaw('i.issued_on desc nulls first, i.created_at desc').limit(window.limit).offset(window.offset);
  return { items: rows.map(toInvoice), total: Number(n) };
}

export async function insertInvoice(
  trx: Knex.Transaction,
  i: {
    caseId: string;
    clientId: string;
    vatRateBp: number;
    note: string | null;
    createdBy: string;
    kind?: 'invoice' | 'credit_note';
    creditOf?: string | null;
  },
): Promise<string> {
  const [r] = await trx('invoices')
    .insert({
      case_id: i.caseId,
      client_id: i.clientId,
      vat_rate_bp: i.vatRateBp,
      note: i.note,
      created_by: i.createdBy,
      kind: i.kind ?? 'invoice',
      credit_of: i.creditOf ?? null,
    })
    .returning('id');
  return r.id;
}

/** Puts lines on an invoice with their VAT split, and the invoice's totals (the sums of its lines). */
export async function attachLines(
  trx: Knex.Transaction,
  invoiceId: string,
  lines: Array<{ id: string; netFen: number; taxFen: number }>,
  totals: { netFen: number; taxFen: number; totalFen: number },
): Promise<void> {
  for (const l of lines) {
    await trx('invoice_lines').where({ id: l.id }).update({ invoice_id: invoiceId, net_fen: l.netFen, tax_fen: l.taxFen });
  }
  await trx('invoices')
    .where({ id: invoiceId })
    .update({ net_fen: totals.netFen, tax_fen: totals.taxFen, total_fen: totals.totalFen, updated_at: trx.fn.now() });
}

export async function insertCreditLines(
  trx: Knex.Transaction,
  invoiceId: string,
  caseId: string,
  lines: Array<{
    sourceKey: string;
    itemName: string;
    description: string | null;
    amountFen: number;
    netFen: number;
    taxFen: number;
    disbursement: boolean;
  }>,
): Promise<void> {
  if (!lines.length) return;
  await trx('invoice_lines').insert(
    lines.map((l) => ({
      case_id: caseId,
      source_kind: 'credit',
      source_key: l.sourceKey,
      invoice_id: invoiceId,
      item_name: l.itemName,
      description: l.description,
      amount_fen: l.amountFen,
      net_fen: l.netFen,
      tax_fen: l.taxFen,
      disbursement: l.disbursement,
    })),
  );
}

/** The next invoice number of the year: 2026-0001 … (a counter row per year, locked by the upsert). */
export async function nextInvoiceNumber(trx: Knex.Transaction, year: number): Promise<string> {
  const [row] = await trx('invoice_counters')
    .insert({ year, last: 1 })
    .onConflict('year')
    .merge({ last: trx.raw('invoice_counters.last + 1') })
    .returning('last');
  return `${year}-${String(row.last).padStart(4, '0')}`;
}

export async function updateInvoice(
  trx: Knex.Transaction,
  id: string,
  patch: Partial<{
    number: string;
    status: InvoiceStatus;
    issuedOn: string;
    dueOn: string;
    issuer: unknown;
    payer: unknown;
    issuedBy: string;
    documentId: string;
    voidReason: string;
    paidFen: number;
    writtenOffFen: number;
  }>,
): Promise<void> {
  await trx('invoices')
    .where({ id })
    .update({
      ...(patch.number !== undefined && { number: patch.number }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.issuedOn !== undefined && { issued_on: patch.issuedOn }),
      ...(patch.dueOn !== undefined && { due_on: patch.dueOn }),
      ...(patch.issuer !== undefined && { issuer: JSON.stringify(patch.issuer) }),
      ...(patch.payer !== undefined && { payer: JSON.stringify(patch.payer) }),
      ...(patch.issuedBy !== undefined && { issued_by: patch.issuedBy }),
      ...(patch.documentId !== undefined && { document_id: patch.documentId }),
      ...(patch.voidReason !== undefined && { void_reason: patch.voidReason }),
      ...(patch.paidFen !== undefined && { paid_fen: patch.paidFen }),
      ...(patch.writtenOffFen !== undefined && { written_off_fen: patch.writtenOffFen }),
      updated_at: trx.fn.now(),
    });
}

/** Lines go back to draft when their invoice is deleted or voided before payment. */
export async function releaseLines(trx: Knex.Transaction, invoiceId: string): Promise<void> {
  await trx('invoice_lines').where({ invoice_id: invoiceId }).update({ invoice_id: null, net_fen: null, tax_fen: null });
}

export async function deleteDraftInvoice(trx: Knex.Transaction, id: string): Promise<void> {
  await releaseLines(trx, id);
  await trx('invoices').where({ id, status: 'draft' }).del();
}

export async function insertPayment(
  trx: Knex.Transaction,
  p: {
    clientId: string;
    amountFen: number;
    method: string;
    receivedOn: string;
    reference: string | null;
    unallocatedFen: number;
    createdBy: string;
  },
  allocations: Array<{ invoiceId: string; amountFen: number }>,
): Promise<string> {
  const [r] = await trx('payments')
    .insert({
      client_id: p.clientId,
      amount_fen: p.amountFen,
      method: p.method,
      received_on: p.receivedOn,
      reference: p.reference,
      unallocated_fen: p.unallocatedFen,
      created_by: p.createdBy,
    })
    .returning('id');
  if (allocations.length) {
    await trx('payment_allocations').insert(
      allocations.map((a) => ({ payment_id: r.id, invoice_id: a.invoiceId, amount_fen: a.amountFen })),
    );
  }
  return r.id;
}

export async function insertWriteOff(
  trx: Knex.Transaction,
  w: { invoiceId: string; amountFen: number; reason: string; createdBy: string },
) {
  await trx('write_offs').insert({ invoice_id: w.invoiceId, amount_fen: w.amountFen, reason: w.reason, created_by: w.createdBy });
}

/** A case's money in one read: agreed fee, billed, received, outstanding, expenses, time value, drafts. */
export async function caseFinanceFigures(db: Conn, caseId: string) {
  const [r] = await db.select(
    db.raw('(select agreed_fee_fen from fee_arrangements where case_id = ? order by version desc limit 1) as agreed', [caseId]),
    db.raw("(select coalesce(sum(total_fen), 0) from invoices where case_id = ? and status <> 'void' and status <> 'draft') as billed", [
      caseId,
    ]),
    db.raw("(select coalesce(sum(paid_fen), 0) from invoices where case_id = ? and status <> 'void') as received", [caseId]),
    db.raw(
      "(select coalesce(sum(total_fen - paid_fen - written_off_fen), 0) from invoices where case_id = ? and status in ('issued', 'partly_paid')) as outstanding",
      [caseId],
    ),
    db.raw(
      "(select coalesce(sum(amount_fen), 0) from expenses where case_id = ? and status = 'approved' and paid_by <> 'client') as expenses",
      [caseId],
    ),
    db.raw("(select coalesce(sum(value_fen), 0) from time_entries where case_id = ? and status = 'approved' and billable) as time_value", [
      caseId,
    ]),
    db.raw('(select coalesce(sum(amount_fen), 0) from invoice_lines where case_id = ? and invoice_id is null) as drafts', [caseId]),
  );
  return {
    agreedFeeFen: r.agreed === null ? null : Number(r.agreed),
    billedFen: Number(r.billed),
    receivedFen: Number(r.received),
    outstandingFen: Number(r.outstanding),
    expensesFen: Number(r.expenses),
    timeValueFen: Number(r.time_value),
    draftLinesFen: Number(r.drafts),
  };
}

/** What open invoices owe, per due date (a few hundred rows however many invoices; the ageing rule buckets them). */
export async function openReceivables(db: Conn): Promise<Array<{ dueOn: string; outstandingFen: number; invoices: number }>> {
  const rows = await db('invoices')
    .whereIn('status', ['issued', 'partly_paid'])
    .groupBy('due_on')
    .select('due_on', db.raw('sum(total_fen - paid_fen - written_off_fen)::bigint as outstanding'), db.raw('count(*)::int as n'));
  return rows.map((r) => ({ dueOn: r.due_on, outstandingFen: Number(r.outstanding), invoices: Number(r.n) }));
}

export interface LawyerMonth {
  userId: string;
  name: string;
  /** 'YYYY-MM' in the firm's time zone (civil dates are already the firm's). */
  month: string;
  billedFen: number;
  collectedFen: number;
  timeValueFen: number;
}

/**
 * Per lawyer and month of [fromMonth, toMonth]: what their cases billed (invoices issued that month,
 * credit notes negative; an invoice counts for the case's lead when it was made), collected (payments
 * received that month on those invoices) and the value of their own approved billable time worked that
 * month — read from `revenue_months`, which triggers keep with every change (migration 0012).
 */
export async function lawyerMonthlyRevenue(db: Db, p: { fromMonth: string; toMonth: string }): Promise<LawyerMonth[]> {
  const rows = await db('revenue_months as r')
    .join('users as u', 'u.id', 'r.user_id')
    .whereBetween('r.month', [`${p.fromMonth}-01`, `${p.toMonth}-01`])
    .andWhere((w) => w.whereNot('r.billed_fen', 0).orWhereNot('r.collected_fen', 0).orWhereNot('r.time_value_fen', 0))
    .orderBy([{ column: 'r.month' }, { column: 'u.name' }])
    .select('r.user_id', 'u.name', db.raw("to_char(r.month, 'YYYY-MM') as month"), 'r.billed_fen', 'r.collected_fen', 'r.time_value_fen');
  return rows.map((r: Record<string, any>) => ({
    userId: r.user_id,
    name: r.name,
    month: r.month,
    billedFen: Number(r.billed_fen),
    collectedFen: Number(r.collected_fen),
    timeValueFen: Number(r.time_value_fen),
  }));
}

/** The same figures summed from the rows themselves: what the rollup saves (bench:billing's baseline) and what it must equal (tests). */
export async function lawyerMonthlyRevenueFromRows(db: Db, p: { fromMonth: string; toMonth: string }): Promise<LawyerMonth[]> {
  const from = `${p.fromMonth}-01`;
  const to = `${p.toMonth}-01`;
  const rows = await db.raw(
    `with billed as (
       select i.lead_lawyer_id as user_id, to_char(i.issued_on, 'YYYY-MM') as month, sum(i.total_fen) as fen
         from invoices i
        where i.status not in ('draft', 'void') and i.issued_on >= ?::date and i.issued_on < (?::date + interval '1 month')
        group by 1, 2),
     collected as (
       select i.lead_lawyer_id as user_id, to_char(p.received_on, 'YYYY-MM') as month, sum(a.amount_fen) as fen
         from payment_allocations a join payments p on p.id = a.payment_id join invoices i on i.id = a.invoice_id
        where p.received_on >= ?::date and p.received_on < (?::date + interval '1 month')
        group by 1, 2),
     timed as (
       select e.user_id, to_char(e.work_date, 'YYYY-MM') as month, sum(coalesce(e.value_fen, 0)) as fen
         from time_entries e
        where e.status = 'approved' and e.billable and e.work_date >= ?::date and e.work_date < (?::date + interval '1 month')
        group by 1, 2),
     keys as (select user_id, month from billed union select user_id, month from collected union select user_id, month from timed)
     select k.user_id, u.name, k.month, coalesce(b.fen, 0)::bigint as billed, coalesce(c.fen, 0)::bigint as collected, coalesce(t.fen, 0)::bigint as timed
       from keys k join users u on u.id = k.user_id
       left join billed b on b.user_id = k.user_id and b.month = k.month
       left join collected c on c.user_id = k.user_id and c.month = k.month
       left join timed t on t.user_id = k.user_id and t.month = k.month
      where coalesce(b.fen, 0) <> 0 or coalesce(c.fen, 0) <> 0 or coalesce(t.fen, 0) <> 0
      order by k.month, u.name`,
    [from, to, from, to, from, to],
  );
  return rows.rows.map((r: Record<string, any>) => ({
    userId: r.user_id,
    name: r.name,
    month: r.month,
    billedFen: Number(r.billed),
    collectedFen: Number(r.collected),
    timeValueFen: Number(r.timed),
  }));
}

/** The file of an issued invoice's filed PDF (the document's current version), for attaching it to a mail. */
export async function invoicePdfFile(db: Conn, invoiceId: string): Promise<{ sha256: string; name: string; mime: string } | null> {
  const r = await db('invoices as i')
    .join('documents as d', 'd.id', 'i.document_id')
    .join('document_versions as v', (j) => j.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version'))
    .where('i.id', invoiceId)
    .first('v.sha256', 'd.name', 'v.mime');
  return r ? { sha256: r.sha256, name: r.name, mime: r.mime } : null;
}

/** A payment as recorded against one invoice: its amount, what went to the invoice, what was left as credit. */
export async function findPaymentOn(
  db: Conn,
  paymentId: string,
  invoiceId: string,
): Promise<{ amountFen: number; appliedFen: number; creditFen: number } | null> {
  const r = await db('payments as p')
    .leftJoin('payment_allocations as a', (j) => j.on('a.payment_id', 'p.id').andOnVal('a.invoice_id', invoiceId))
    .where('p.id', paymentId)
    .first('p.amount_fen', 'p.unallocated_fen', 'a.amount_fen as applied');
  return r ? { amountFen: Number(r.amount_fen), appliedFen: Number(r.applied ?? 0), creditFen: Number(r.unallocated_fen) } : null;
}

/** A client's open invoices (issued, partly paid), locked for a payment spread over them. */
export async function lockOpenInvoicesOfClient(
  trx: Knex.Transaction,
  clientId: string,
): Promise<Array<{ id: string; number: string; issuedOn: string; totalFen: number; paidFen: number; writtenOffFen: number }>> {
  const rows = await trx('invoices')
    .where({ client_id: clientId, kind: 'invoice' })
    .whereIn('status', ['issued', 'partly_paid'])
    .orderBy([{ column: 'issued_on' }, { column: 'number' }])
    .forUpdate()
    .select('id', 'number', 'issued_on', 'total_fen', 'paid_fen', 'written_off_fen');
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issuedOn: r.issued_on,
    totalFen: Number(r.total_fen),
    paidFen: Number(r.paid_fen),
    writtenOffFen: Number(r.written_off_fen),
  }));
}

/** A payment's allocations, with the invoices' numbers. */
export async function paymentAllocations(
  db: Conn,
  paymentId: string,
): Promise<Array<{ invoiceId: string; number: string; amountFen: number }>> {
  const rows = await db('payment_allocations as a')
    .join('invoices as i', 'i.id', 'a.invoice_id')
    .where('a.payment_id', paymentId)
    .orderBy([{ column: 'i.issued_on' }, { column: 'i.number' }])
    .select('a.invoice_id', 'i.number', 'a.amount_fen');
  return rows.map((r) => ({ invoiceId: r.invoice_id, number: r.number, amountFen: Number(r.amount_fen) }));
}

export async function findPayment(
  db: Conn,
  id: string,
): Promise<{ id: string; clientId: string; amountFen: number; creditFen: number } | null> {
  const r = await db('payments').where({ id }).first();
  return r ? { id: r.id, clientId: r.client_id, amountFen: Number(r.amount_fen), creditFen: Number(r.unallocated_fen) } : null;
}

/** Approved minutes worked on a case, per the worker's role (for the cost of time). */
export async function approvedMinutesByRole(db: Conn, caseId: string): Promise<Array<{ role: string; minutes: number }>> {
  const rows = await db('time_entries as e')
    .join('users as u', 'u.id', 'e.user_id')
    .where({ 'e.case_id': caseId, 'e.status': 'approved' })
    .groupBy('u.role')
    .select('u.role', db.raw('sum(e.minutes)::bigint as minutes'));
  return rows.map((r) => ({ role: r.role, minutes: Number(r.minutes) }));
}
