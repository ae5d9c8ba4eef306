import type { Db } from '../../db/connection';
import { findVisibleDocument } from '../../db/repositories/documents';
import { caseExpenses, decideExpense, findExpense, insertExpense } from '../../db/repositories/expenses';
import { offerLineOnce } from '../../db/repositories/invoices';
import { expenseOffer } from '../../domain/fees';
import { documentScope, viewerOf } from '../../domain/policy';
import { AppError } from '../app-error';
import type { IdempotentRequest } from '../middleware/idempotency';
import { assertCaseAccess, type Actor } from '../cases';

/** Expenses (费用支出) of a case: recorded by its team with the receipt, approved by a partner or finance. */

export async function listCaseExpenses(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId, 'expense.read');
  return { items: await caseExpenses(db, caseId) };
}

export async function addExpense(
  db: Db,
  actor: Actor,
  caseId: string,
  body: {
    category: string;
    amountFen: number;
    spentOn: string;
    paidBy: 'firm' | 'lawyer' | 'client';
    description: string | null;
    receiptDocumentId: string | null;
    reimbursable: boolean;
    rebillable: boolean;
  },
  idem?: IdempotentRequest,
) {
  await assertCaseAccess(db, actor, caseId, 'expense.record');
  if (idem?.resumedEntityId) return (await findExpense(db, idem.resumedEntityId))!;
  if (body.receiptDocumentId) {
    const doc = await findVisibleDocument(db, body.receiptDocumentId, documentScope(viewerOf(actor)));
    if (!doc || doc.caseId !== caseId) {
      throw new AppError('validation-error', 'the receipt must be a document of this case', {
        errors: [{ path: 'body.receiptDocumentId', message: 'not a document of this case' }],
      });
    }
  }
  if (body.reimbursable && body.paidBy !== 'lawyer') {
    throw new AppError('validation-error', 'only what a lawyer paid in advance is reimbursed to them', {
      errors: [{ path: 'body.reimbursable', message: 'paidBy must be lawyer' }],
    });
  }
  if (body.rebillable && body.paidBy === 'client') {
    throw new AppError('validation-error', 'what the client paid directly is not billed to them again', {
      errors: [{ path: 'body.rebillable', message: 'paidBy is client' }],
    });
  }
  const id = await db.transaction(async (trx) => {
    const expenseId = await insertExpense(trx, { caseId, ...body, createdBy: actor.id });
    await idem?.bind(trx, expenseId);
    return expenseId;
  });
  return (await findExpense(db, id))!;
}

/** Approving a rebillable expense offers it as a draft line of the case, once. */
export async function decideCaseExpense(db: Db, actor: Actor, id: string, decision: 'approved' | 'rejected', note: string | null) {
  await db.transaction(async (trx) => {
    const x = await findExpense(trx, id, { lock: true });
    if (!x) throw new AppError('not-found', 'no such expense');
    if (x.status === decision) return;
    if (x.status !== 'pending') throw new AppError('conflict', `the expense is ${x.status} already`);
    await decideExpense(trx, id, { status: decision, by: actor.id, note });
    if (decision === 'approved' && x.rebillable) await offerLineOnce(trx, { caseId: x.caseId, ...expenseOffer(x) });
  });
  return (await findExpense(db, id))!;
}
