import type { Db } from '../connection';
import { addDays } from '../../domain/deadlines/civil-date';
import {
  expenseOffer,
  instalmentOffers,
  splitVat,
  timeEntryOffer,
  timeValueFen,
  VAT_RATES_BP,
  agreedFeeFen,
  type FeeArrangement,
} from '../../domain/fees';
import { caseExpenses, decideExpense, insertExpense } from '../repositories/expenses';
import { addFeeArrangement } from '../repositories/fee-arrangements';
import {
  attachLines,
  caseLines,
  insertInvoice,
  insertPayment,
  nextInvoiceNumber,
  offerLineOnce,
  updateInvoice,
} from '../repositories/invoices';
import { decideTimeEntry, insertTimeEntry } from '../repositories/time-entries';
import { getSetting } from '../repositories/settings';

/** Default hourly rates by role (fen per hour) the demo's approved time is valued at. */
const RATES = { partner: 300_000, lead: 200_000, lawyer: 150_000, assistant: 50_000 } as const;

const NARRATIVES = [
  '研究案情并检索类案',
  '起草起诉状',
  '会见当事人，梳理证据',
  '整理证据目录',
  '电话沟通庭审安排',
  '准备代理词',
  '参加庭前会议',
];

/** A firm's arrangements in the common shapes: a fixed fee in instalments, a fixed fee billed by the template, hourly. */
function arrangementFor(i: number, amountInDisputeFen: number | null, firstStageId: string | null): FeeArrangement {
  switch (i % 3) {
    case 0:
      return {
        components: [
          {
            kind: 'fixed',
            amountFen: 3_000_000 + i * 500_000,
            instalments: [
              { label: '签约', percentBp: 3000, stageId: null },
              { label: firstStageId ? '立案' : '结案', percentBp: 7000, stageId: firstStageId ?? 'closing' },
            ],
          },
        ],
      };
    case 1:
      return amountInDisputeFen
        ? { components: [{ kind: 'percentage', percentBp: 500, minimumFen: 1_000_000 }] }
        : { components: [{ kind: 'fixed', amountFen: 2_000_000, instalments: [] }] };
    default:
      return { components: [{ kind: 'hourly', rates: [{ userId: null, role: 'lead', rateFen: RATES.lead }], capFen: 10_000_000 }] };
  }
}

/** The demo cases with what billing them needs: client, lead, amount, first stage, and whether its client uses the portal. */
function billableCases(db: Db) {
  return db('cases as c')
    .join('clients as cl', 'cl.id', 'c.client_id')
    .leftJoin(
      db.raw('(select distinct on (case_id) case_id, stage_id as first from stage_history order by case_id, entered_at) as s'),
      's.case_id',
      'c.id',
    )
    .select(
      'c.id',
      'c.number',
      'c.client_id',
      'c.lead_lawyer_id',
      'c.practice_area',
      'c.amount_in_dispute_fen',
      'cl.name as client_name',
      'cl.address',
      's.first',
      db.raw('exists (select 1 from portal_memberships m where m.client_id = c.client_id and m.revoked_at is null) as portal'),
    );
}

/**
 * Money on the demo firm's cases, so the 财务 pages look like a real firm's on a first start: per case
 * a fee arrangement, six weeks of its lead lawyer's time (most approved), a court fee on litigation,
 * and invoices of what was billable — issued over the last months, some paid, some partly, one long
 * overdue. Drafts are left for finance on the newest cases. Runs once (not when the firm has invoices).
 */
export async function seedDemoBilling(db: Db, opts: { today: string; cases?: number }): Promise<{ invoices: number; entries: number }> {
  if (await db('invoices').first('id')) return { invoices: 0, entries: 0 };
  const partner = await db('users').where({ role: 'partner' }).orderBy('email').first('id');
  const finance = await db('users').where({ role: 'finance' }).orderBy('email').first('id');
  if (!partner || !finance) return { invoices: 0, entries: 0 };
  const firm = await getSetting<{ name?: string }>(db, 'firm');
  const issuer = {
    name: firm?.name ?? '律师事务所',
    taxId: '91110105MA01DEMO0X',
    address: '北京市朝阳区建国路 88 号',
    phone: '010-6500 0000',
    bankName: '招商银行北京分行营业部',
    bankAccount: '1109 0000 0000 0001',
  };
  const cases = await billableCases(db)
    .orderBy([{ column: 'c.status' }, { column: 'c.number' }])
    .limit(opts.cases ?? 12);
  // The demo portal client (刘洋) sees a sent invoice: one of their cases — one with documents, if any — goes
  // first, so it is among the invoiced; the count stays what was asked.
  const portalCase =
    cases.find((c) => c.portal) ??
    (await billableCases(db)
      .whereExists(db('portal_memberships as m').whereRaw('m.client_id = c.client_id').whereNull('m.revoked_at'))
      .orderByRaw('exists (select 1 from documents d where d.case_id = c.id) desc, c.status, c.number')
      .first());
  if (portalCase) {
    const at = cases.indexOf(portalCase);
    if (at >= 0) cases.splice(at, 1);
    else if (cases.length >= (opts.cases ?? 12)) cases.pop();
    cases.unshift(portalCase);
  }
  let invoices = 0;
  let entries = 0;
  for (const [i, c] of cases.entries()) {
    const amount = c.amount_in_dispute_fen === null ? null : Number(c.amount_in_dispute_fen);
    const arrangement = arrangementFor(i, amount, c.first ?? null);
    await db.transaction(async (trx) => {
      await addFeeArrangement(trx, c.id, {
        arrangement: { ...arrangement, collective: false },
        agreedFeeFen: agreedFeeFen(arrangement, { amountInDisputeFen: amount }),
        contingencyDisclosed: false,
        agreementDocumentId: null,
        overrideReason: null,
        overrideBy: null,
        note: null,
        createdBy: c.lead_lawyer_id,
      });
      for (const o of instalmentOffers(c.id, arrangement, (stageId) => stageId === null || stageId === c.first)) {
        await offerLineOnce(trx, { caseId: c.id, ...o });
      }
      // Six weeks of the lead's time, every fourth day; the last week's still waits for a partner.
      for (let d = 42; d > 0; d -= 4 + (i % 3)) {
        const workDate = addDays(opts.today, -d);
        const minutes = 30 + ((i * 7 + d) % 10) * 12;
        const id = await insertTimeEntry(trx, {
          caseId: c.id,
          taskId: null,
          userId: c.lead_lawyer_id,
          workDate,
          minutes,
          secondsRecorded: null,
          billable: d % 3 !== 0,
          narrative: NARRATIVES[(i + d) % NARRATIVES.length],
        });
        entries++;
        if (d <= 7) continue;
        const valueFen = timeValueFen(minutes, RATES.lead);
        await decideTimeEntry(trx, id, { status: 'approved', by: partner.id, note: null, rateFen: RATES.lead, valueFen });
        if (d % 3 !== 0 && i % 3 === 2) {
          await offerLineOnce(trx, {
            caseId: c.id,
            ...timeEntryOffer({ id, workDate, minutes, narrative: NARRATIVES[(i + d) % NARRATIVES.length], userName: '', valueFen }),
          });
        }
      }
      if (c.practice_area !== 'non_litigation') {
        const x = await insertExpense(trx, {
          caseId: c.id,
          category: 'court_fee',
          amountFen: 50_000 + (amount ? Math.min(5_000_000, Math.floor(amount / 100)) : 100_000),
          spentOn: addDays(opts.today, -35),
          paidBy: 'firm',
          description: '案件受理费',
          receiptDocumentId: null,
          reimbursable: false,
          rebillable: true,
          createdBy: c.lead_lawyer_id,
        });
        await decideExpense(trx, x, { status: 'approved', by: finance.id, note: null });
        const [row] = (await caseExpenses(trx, c.id)).filter((e) => e.id === x);
        await offerLineOnce(trx, { caseId: c.id, ...expenseOffer(row) });
      }
    });
    // The older two thirds are invoiced: issued 20–120 days ago, paid in full, in part, or not at all.
    if (i >= Math.ceil(cases.length * 0.66)) continue;
    const lines = await caseLines(db, c.id, { draftOnly: true });
    if (!lines.length) continue;
    const issuedOn = addDays(opts.today, -(20 + ((i * 17) % 100)));
    await db.transaction(async (trx) => {
      const id = await insertInvoice(trx, {
        caseId: c.id,
        clientId: c.client_id,
        vatRateBp: VAT_RATES_BP.general,
        note: null,
        createdBy: finance.id,
      });
      const split = lines.map((l) => ({
        id: l.id,
        ...(l.disbursement ? { netFen: l.amountFen, taxFen: 0 } : splitVat(l.amountFen, VAT_RATES_BP.general)),
      }));
      const net = split.reduce((s, l) => s + l.netFen, 0);
      const tax = split.reduce((s, l) => s + l.taxFen, 0);
      await attachLines(trx, id, split, { netFen: net, taxFen: tax, totalFen: net + tax });
      const number = await nextInvoiceNumber(trx, Number(issuedOn.slice(0, 4)));
      const paid = i % 4 === 0 ? net + tax : i % 4 === 1 ? Math.floor((net + tax) / 2) : 0;
      await updateInvoice(trx, id, {
        number,
        status: paid === 0 ? 'issued' : paid === net + tax ? 'paid' : 'partly_paid',
        issuedOn,
        dueOn: addDays(issuedOn, 30),
        issuer,
        payer: { name: c.client_name, taxId: null, address: c.address ?? null },
        issuedBy: finance.id,
        paidFen: paid,
      });
      if (paid > 0) {
        await insertPayment(
          trx,
          {
            clientId: c.client_id,
            amountFen: paid,
            method: i % 2 ? 'wechat' : 'bank',
            receivedOn: addDays(issuedOn, 12),
            reference: `DEMO-${number}`,
            unallocatedFen: 0,
            createdBy: finance.id,
          },
          [{ invoiceId: id, amountFen: paid }],
        );
      }
    });
    invoices++;
  }
  return { invoices, entries };
}
