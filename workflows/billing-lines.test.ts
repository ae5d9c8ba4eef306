import { flakyEffect } from '../test/helpers/flaky-steps';
import { createActivities } from '../activities';
import { addFeeArrangement } from '../db/repositories/fee-arrangements';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import { testStorage } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { compileOrThrow, eventually, insertTestCase } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import type { TemporalHandle } from '../api/engine';
import type { FeeArrangement } from '../domain/fees';
import type { CaseWorkflowInput } from './case/state';
import { CASE_UPDATES, caseWorkflowId } from './definitions';

/**
 * Billing from the workflow on the dev server (issue 16, item 4): a case walked through its template
 * raises its billing events at the stages that hold them, each becomes one draft invoice line (its
 * percentage of the agreed fee), although the first attempt of the step fails after its work was
 * done; a fixed fee with its own instalments is billed by them, as the stages that make them due are
 * entered, and the template's percentages offer nothing beside them.
 */
let tdb: TestDatabase;
let worker: TestWorker;
let temporal: TemporalHandle;
const files = testStorage();
const flaky = { failNext: 1, calls: 0 };

const task = (id: string) => `<bpmn:userTask id="${id}" name="${id}" lexflow:assigneeRole="lead"/>`;
const bill = (id: string, percent: number) =>
  `<bpmn:serviceTask id="${id}" name="律师费${percent}%" lexflow:action="billingEvent" lexflow:percent="${percent}" lexflow:billingLabel="律师费${percent}%"/>`;
const TEMPLATE = bpmn(
  `<bpmn:startEvent id="S"/>
   <bpmn:subProcess id="Filing" name="立案"><bpmn:startEvent id="Fs"/>${task('T1')}${bill('Bill_Filing', 30)}<bpmn:endEvent id="Fe"/>${chain('Fs', 'T1', 'Bill_Filing', 'Fe')}</bpmn:subProcess>
   <bpmn:subProcess id="Trial" name="庭审"><bpmn:startEvent id="Ts"/>${task('T2')}${bill('Bill_Final', 70)}<bpmn:endEvent id="Te"/>${chain('Ts', 'T2', 'Bill_Final', 'Te')}</bpmn:subProcess>
   <bpmn:endEvent id="E"/>${chain('S', 'Filing', 'Trial', 'E')}`,
);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('billing');
  const real = createActivities({ db: tdb.db, storage: files.storage });
  worker = await startTestWorker(tdb.db, q, {
    ...flakyEffect(
      real,
      'raiseBillingEvent',
      () => flaky.failNext-- > 0,
      () => flaky.calls++,
    ),
  });
  temporal = testTemporalHandle(q);
}, 60_000);
afterAll(async () => {
  await temporal?.connection.close();
  await worker?.stop();
  await tdb?.drop();
  files.remove();
});

async function walkable(arrangement: FeeArrangement) {
  const model = await compileOrThrow(TEMPLATE);
  const { caseId, leadId } = await insertTestCase(tdb.db);
  await tdb.db.transaction((trx) =>
    addFeeArrangement(trx, caseId, {
      arrangement: { ...arrangement, collective: false },
      agreedFeeFen: 3_000_000,
      contingencyDisclosed: false,
      agreementDocumentId: null,
      overrideReason: null,
      overrideBy: null,
      note: null,
      createdBy: leadId,
    }),
  );
  const input: CaseWorkflowInput = { caseId, versionId: 'v-test', model, variables: {}, timeZone: 'Asia/Shanghai' };
  const handle = await temporal.client.workflow.start('caseWorkflow', {
    taskQueue: temporal.taskQueue,
    workflowId: caseWorkflowId(caseId),
    args: [input],
  });
  const complete = async (nodeId: string) => {
    const t = await eventually(() => tdb.db('tasks').where({ case_id: caseId, node_id: nodeId, status: 'open' }).first(), 30_000);
    await handle.executeUpdate(CASE_UPDATES.completeTask, { args: [{ instanceId: t.workflow_task_id, outputs: {}, by: null }] });
  };
  const lines = () =>
    tdb.db('invoice_lines').where({ case_id: caseId }).orderBy('created_at').select('source_kind', 'amount_fen', 'description', 'flag');
  return { caseId, complete, lines };
}

it('offers each billing event as one draft line at its stage, a retried step included', async () => {
  const c = await walkable({ components: [{ kind: 'fixed', amountFen: 3_000_000, instalments: [] }] });
  await eventually(() => tdb.db('tasks').where({ case_id: c.caseId, node_id: 'T1', status: 'open' }).first(), 30_000);
  expect(await c.lines()).toEqual([]);
  await c.complete('T1');
  // The filing stage's event: 30 % of ¥30,000 — once, though its first attempt failed after raising it.
  await eventually(() => tdb.db('tasks').where({ case_id: c.caseId, node_id: 'T2', status: 'open' }).first(), 30_000);
  expect(flaky.calls).toBe(2);
  expect(await c.lines()).toEqual([{ source_kind: 'billing_event', amount_fen: '900000', description: '律师费30%（30%）', flag: null }]);
  await c.complete('T2');
  await eventually(async () => (await tdb.db('cases').where({ id: c.caseId }).first()).status !== 'active', 30_000);
  expect((await c.lines()).map((l) => [l.source_kind, l.amount_fen])).toEqual([
    ['billing_event', '900000'],
    ['billing_event', '2100000'],
  ]);
  expect(await tdb.db('billing_events').where({ case_id: c.caseId }).count({ n: '*' })).toEqual([{ n: '2' }]);
});

it('bills a fixed fee with instalments by them, as their stages are entered, and the percentages not again', async () => {
  const c = await walkable({
    components: [
      {
        kind: 'fixed',
        amountFen: 3_000_000,
        instalments: [
          { label: '立案', percentBp: 4000, stageId: 'Filing' },
          { label: '庭审', percentBp: 6000, stageId: 'Trial' },
        ],
      },
    ],
  });
  await eventually(async () => (await c.lines()).length === 1 || undefined, 30_000);
  expect(await c.lines()).toEqual([{ source_kind: 'instalment', amount_fen: '1200000', description: '立案（40%）', flag: null }]);
  await c.complete('T1');
  await eventually(async () => (await c.lines()).length === 2 || undefined, 30_000);
  await c.complete('T2');
  await eventually(async () => (await tdb.db('cases').where({ id: c.caseId }).first()).status !== 'active', 30_000);
  expect((await c.lines()).map((l) => [l.source_kind, l.amount_fen])).toEqual([
    ['instalment', '1200000'],
    ['instalment', '1800000'],
  ]);
  // The events are on the record; they offered no line.
  expect(await tdb.db('billing_events').where({ case_id: c.caseId }).count({ n: '*' })).toEqual([{ n: '2' }]);
});
