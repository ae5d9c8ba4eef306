import { createActivities } from '.';
import { addFeeArrangement } from '../db/repositories/fee-arrangements';
import { caseLines, insertInvoice, attachLines } from '../db/repositories/invoices';
import { testStorage } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { insertTestCase } from '../test/helpers/engine';
import { seedDemo } from '../test/helpers/users';

/**
 * The engine's billing activities on a real PostgreSQL: a stage that makes an instalment due offers
 * it once however often the activity runs; a case that goes back to a stage it entered before (an
 * advance undone, a migration) leaves what was billed since as it is and flags it, and drafts alone.
 */
let tdb: TestDatabase;
const files = testStorage();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
}, 60_000);
afterAll(async () => {
  await tdb?.drop();
  files.remove();
});

it('offers a stage’s instalment once, and flags the billed lines when the case goes back to an earlier stage', async () => {
  const acts = createActivities({ db: tdb.db, storage: files.storage });
  const { caseId, leadId } = await insertTestCase(tdb.db);
  await tdb.db.transaction((trx) =>
    addFeeArrangement(trx, caseId, {
      arrangement: {
        collective: false,
        components: [
          {
            kind: 'fixed',
            amountFen: 1_000_000,
            instalments: [
              { label: '立案', percentBp: 5000, stageId: 'Filing' },
              { label: '庭审', percentBp: 5000, stageId: 'Trial' },
            ],
          },
        ],
      },
      agreedFeeFen: 1_000_000,
      contingencyDisclosed: false,
      agreementDocumentId: null,
      overrideReason: null,
      overrideBy: null,
      note: null,
      createdBy: leadId,
    }),
  );
  const enter = (stageId: string, instance: string, at: string) =>
    acts.recordStageEntry({
      caseId,
      stageInstanceId: instance,
      stageId,
      stageName: stageId === 'Filing' ? '立案' : '庭审',
      at: Date.parse(at),
    });
  await enter('Filing', 'Filing#1', '2026-11-01T02:00:00Z');
  await enter('Filing', 'Filing#1', '2026-11-01T02:00:00Z'); // the activity retried
  await enter('Trial', 'Trial#1', '2026-11-20T02:00:00Z');
  const offered = await caseLines(tdb.db, caseId);
  expect(offered.map((l) => [l.source, l.amountFen, l.flag])).toEqual([
    ['instalment', 500_000, null],
    ['instalment', 500_000, null],
  ]);
  // The trial instalment is invoiced; then the case is taken back to 立案.
  await tdb.db.transaction(async (trx) => {
    const id = await insertInvoice(trx, {
      caseId,
      clientId: (await tdb.db('cases').where({ id: caseId }).first()).client_id,
      vatRateBp: 600,
      note: null,
      createdBy: leadId,
    });
    await attachLines(trx, id, [{ id: offered[1].id, netFen: 471_698, taxFen: 28_302 }], {
      netFen: 471_698,
      taxFen: 28_302,
      totalFen: 500_000,
    });
  });
  await tdb
    .db('invoice_lines')
    .where({ id: offered[0].id })
    .update({ created_at: new Date('2026-11-01T02:00:01Z') });
  await tdb
    .db('invoice_lines')
    .where({ id: offered[1].id })
    .update({ created_at: new Date('2026-11-20T02:00:01Z') });
  await enter('Filing', 'Filing#2', '2026-11-25T02:00:00Z');
  const after = await caseLines(tdb.db, caseId);
  expect(after.map((l) => [l.amountFen, Boolean(l.invoiceId), l.flag])).toEqual([
    [500_000, false, null],
    [500_000, true, 'stage-reversed: the case went back to 立案'],
  ]);
  // Entering 立案 again offers nothing new: the instalment is already on the record.
  expect(after).toHaveLength(2);
});
