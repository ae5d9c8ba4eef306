import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { seedDemo } from '../../test/helpers/users';
import { lawyerMonthlyRevenue, lawyerMonthlyRevenueFromRows } from '../repositories/invoices';
import { seedDemoBilling } from './demo-billing';
import { seedDemoCases } from './demo-cases';

/** The demo firm's money: arrangements, time, expenses and invoices in every state, consistent to the fen. */
let tdb: TestDatabase;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  await seedDemoCases(tdb.db, null, { historical: 9, active: 0, now: new Date('2026-11-29T00:00:00Z') });
}, 60_000);
afterAll(() => tdb?.drop());

it('bills the demo cases once: issued, partly paid and paid invoices whose totals are the sums of their lines', async () => {
  const made = await seedDemoBilling(tdb.db, { today: '2026-12-03', cases: 9 });
  expect(made.invoices).toBeGreaterThanOrEqual(4);
  expect(made.entries).toBeGreaterThan(30);
  expect(await seedDemoBilling(tdb.db, { today: '2026-12-03', cases: 9 })).toEqual({ invoices: 0, entries: 0 });
  const { db } = tdb;
  const statuses = await db('invoices').distinct('status').pluck('status');
  expect(statuses.sort()).toEqual(expect.arrayContaining(['issued', 'paid', 'partly_paid']));
  for (const inv of await db('invoices')) {
    const [sums] = await db('invoice_lines')
      .where({ invoice_id: inv.id })
      .select(db.raw('sum(net_fen)::bigint as net'), db.raw('sum(tax_fen)::bigint as tax'), db.raw('sum(amount_fen)::bigint as amount'));
    expect([inv.net_fen, inv.tax_fen, inv.total_fen]).toEqual([sums.net, sums.tax, sums.amount]);
    expect(inv.number).toMatch(/^\d{4}-\d{4}$/);
    const [{ paid }] = await db('payment_allocations')
      .where({ invoice_id: inv.id })
      .select(db.raw('coalesce(sum(amount_fen), 0)::bigint as paid'));
    expect(paid).toBe(inv.paid_fen);
  }
  expect(Number((await db('fee_arrangements').count({ n: '*' }))[0].n)).toBe(9);
  expect(await db('time_entries').where({ status: 'submitted' }).first()).toBeTruthy();
  // The revenue rollup the triggers keep equals the sums of the rows, and is not empty.
  const range = { fromMonth: '2026-01', toMonth: '2026-12' };
  const rollup = await lawyerMonthlyRevenue(db, range);
  expect(rollup.length).toBeGreaterThan(0);
  expect(rollup).toEqual(await lawyerMonthlyRevenueFromRows(db, range));
  // Drafts are left on the newest cases for finance to bill.
  expect(await db('invoice_lines').whereNull('invoice_id').first()).toBeTruthy();
});
