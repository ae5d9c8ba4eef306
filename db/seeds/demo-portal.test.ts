import { testStorage } from '../../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { seedDemo } from '../../test/helpers/users';
import { seedDemoBilling } from './demo-billing';
import { seedDemoCases } from './demo-cases';
import { seedDemoDocuments } from './demo-documents';
import { seedDemoPortal } from './demo-portal';

/** The demo client 刘洋's portal: a case with shared documents, a sent invoice, a message thread and an open request. */
let tdb: TestDatabase;
const files = testStorage();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  await seedDemoCases(tdb.db, null, { historical: 12, active: 0, now: new Date('2026-11-29T00:00:00Z') });
  await seedDemoDocuments(tdb.db, files.storage, { cases: 12, today: '2026-12-03' });
  await seedDemoBilling(tdb.db, { today: '2026-12-03', cases: 12 });
}, 120_000);
afterAll(async () => {
  await tdb?.drop();
  files.remove();
});

it('gives 刘洋 one case with shared documents, a sent invoice, a read thread in the log and an open request, once', async () => {
  const { db } = tdb;
  const made = await seedDemoPortal(db, { today: '2026-12-03' });
  expect(made.messages).toBe(3);
  const kase = await db('cases as c').join('clients as cl', 'cl.id', 'c.client_id').where('c.id', made.caseId!).first('cl.name');
  expect(kase.name).toBe('刘洋');
  expect(Number((await db('documents').where({ case_id: made.caseId, client_visible: true }).count({ n: '*' }))[0].n)).toBeGreaterThan(0);
  expect(
    await db('invoices').where({ case_id: made.caseId }).whereIn('status', ['issued', 'partly_paid', 'paid']).first('id'),
  ).toBeTruthy();
  const thread = await db('case_messages').where({ case_id: made.caseId }).orderBy('created_at');
  expect(thread.map((m) => m.from_client)).toEqual([false, true, false]);
  for (const m of thread) expect(Number((await db('case_message_reads').where({ message_id: m.id }).count({ n: '*' }))[0].n)).toBe(2);
  expect(await db('communications').where({ case_id: made.caseId, kind: 'portal' }).count({ n: '*' })).toEqual([{ n: '3' }]);
  const request = await db('client_document_requests').where({ case_id: made.caseId }).first();
  expect(request).toMatchObject({ status: 'open', title: '请提供起诉所需材料' });
  expect(await seedDemoPortal(db, { today: '2026-12-03' })).toEqual({ caseId: made.caseId, messages: 0 });
});
