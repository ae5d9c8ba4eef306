import type { Knex } from 'knex';
import type { Db } from '../connection';

/** Expenses of a case (费用支出), each with its receipt as a document of the case. */

type Conn = Db | Knex.Transaction;

export interface ExpenseRow {
  id: string;
  caseId: string;
  category: string;
  amountFen: number;
  spentOn: string;
  paidBy: 'firm' | 'lawyer' | 'client';
  description: string | null;
  receiptDocumentId: string | null;
  reimbursable: boolean;
  rebillable: boolean;
  status: 'pending' | 'approved' | 'rejected';
  createdBy: { id: string; name: string };
  decidedBy: { id: string; name: string } | null;
  decisionNote: string | null;
  billed: boolean;
}

function expenseQuery(db: Conn) {
  return db('expenses as x')
    .join('users as u', 'u.id', 'x.created_by')
    .leftJoin('users as d', 'd.id', 'x.decided_by')
    .select(
      'x.*',
      'u.name as creator_name',
      'd.name as decider_name',
      db.raw("exists (select 1 from invoice_lines l where l.source_key = 'expense:' || x.id and l.invoice_id is not null) as billed"),
    );
}

function toExpense(r: Record<string, any>): ExpenseRow {
  return {
    id: r.id,
    caseId: r.case_id,
    category: r.category,
    amountFen: Number(r.amount_fen),
    spentOn: r.spent_on,
    paidBy: r.paid_by,
    description: r.description,
    receiptDocumentId: r.receipt_document_id,
    reimbursable: r.reimbursable,
    rebillable: r.rebillable,
    status: r.status,
    createdBy: { id: r.created_by, name: r.creator_name },
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decider_name } : null,
    decisionNote: r.decision_note,
    billed: Boolean(r.billed),
  };
}

export async function caseExpenses(db: Conn, caseId: string): Promise<ExpenseRow[]> {
  const rows = await expenseQuery(db)
    .where('x.case_id', caseId)
    .orderBy([
      { column: 'x.spent_on', order: 'desc' },
      { column: 'x.created_at', order: 'desc' },
    ]);
  return rows.map(toExpense);
}

export async function findExpense(db: Conn, id: string, opts: { lock?: boolean } = {}): Promise<ExpenseRow | null> {
  const q = expenseQuery(db).where('x.id', id).first();
  if (opts.lock) q.forUpdate('x');
  const r = await q;
  return r ? toExpense(r) : null;
}

export async function insertExpense(
  trx: Knex.Transaction,
  e: Omit<ExpenseRow, 'id' | 'status' | 'createdBy' | 'decidedBy' | 'decisionNote' | 'billed'> & { createdBy: string },
): Promise<string> {
  const [r] = await trx('expenses')
    .insert({
      case_id: e.caseId,
      category: e.category,
      amount_fen: e.amountFen,
      spent_on: e.spentOn,
      paid_by: e.paidBy,
      description: e.description,
      receipt_document_id: e.receiptDocumentId,
      reimbursable: e.reimbursable,
      rebillable: e.rebillable,
      created_by: e.createdBy,
    })
    .returning('id');
  return r.id;
}

export async function decideExpense(
  trx: Knex.Transaction,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; note: string | null },
): Promise<void> {
  await trx('expenses')
    .where({ id })
    .update({ status: d.status, decided_by: d.by, decided_at: trx.fn.now(), decision_note: d.note, updated_at: trx.fn.now() });
}
