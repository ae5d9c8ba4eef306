import { flakyEffect } from '../test/helpers/flaky-steps';
import mammoth from 'mammoth';
import { createActivities } from '../activities';
import { insertParties } from '../db/repositories/case-parties';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import { testStorage } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { compileOrThrow, eventually, insertTestCase } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import type { TemporalHandle } from '../api/engine';
import type { CaseWorkflowInput } from './case/state';
import { caseWorkflowId } from './definitions';

/**
 * The engine's generateDocument step on the dev server (issue 15): a template's service task makes a
 * real .docx from the case (parties, court, 案由) in its 法律文书 category and a review task for the
 * lead lawyer — once, although the step's first attempt fails after its work was done (a lost reply).
 */
let tdb: TestDatabase;
let worker: TestWorker;
let temporal: TemporalHandle;
const files = testStorage();
const flaky = { failNext: 1, calls: 0 };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('generate');
  const real = createActivities({ db: tdb.db, storage: files.storage });
  worker = await startTestWorker(tdb.db, q, {
    ...flakyEffect(
      real,
      'requestDocument',
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

it('makes the document and the lead lawyer’s review task once, from a BPMN generateDocument node', async () => {
  const model = await compileOrThrow(
    bpmn(
      `<bpmn:startEvent id="S"/><bpmn:serviceTask id="Gen" name="生成授权委托书" lexflow:action="generateDocument" lexflow:documentTemplate="complaint-narrative" lexflow:reviewTask="true"/><bpmn:userTask id="T" name="提交法院"/><bpmn:endEvent id="E"/>${chain('S', 'Gen', 'T', 'E')}`,
    ),
  );
  const { caseId, leadId } = await insertTestCase(tdb.db);
  await tdb.db('cases').where({ id: caseId }).update({ court: '上海市浦东新区人民法院', cause_of_action: '民间借贷纠纷' });
  await insertParties(tdb.db, caseId, [{ role: 'opposing', kind: 'person', name: '赵借款' }]);
  const input: CaseWorkflowInput = { caseId, versionId: 'v-test', model, variables: {}, timeZone: 'Asia/Shanghai' };
  await temporal.client.workflow.start('caseWorkflow', {
    taskQueue: temporal.taskQueue,
    workflowId: caseWorkflowId(caseId),
    args: [input],
  });
  // The step that makes the document also opens T (one transaction): wait for its retry, not only for T.
  await eventually(
    async () => flaky.calls >= 2 && (await tdb.db('tasks').where({ case_id: caseId, node_id: 'T', status: 'open' }).first()),
    30_000,
  );
  expect(flaky.calls).toBe(2);
  const docs = await tdb.db('documents').where({ case_id: caseId });
  expect(docs.map((d) => [d.category_key, d.source, d.created_by])).toEqual([['pleadings', 'generated', leadId]]);
  const version = await tdb.db('document_versions').where({ document_id: docs[0].id }).first();
  const parts: Buffer[] = [];
  for await (const p of await files.storage.get(version.sha256)) parts.push(p as Buffer);
  const text = (await mammoth.extractRawText({ buffer: Buffer.concat(parts) })).value;
  const client = await tdb.db('clients as c').join('cases as k', 'k.client_id', 'c.id').where('k.id', caseId).first('c.name');
  for (const expected of ['民事起诉状', client.name, '赵借款', '上海市浦东新区人民法院', '民间借贷纠纷']) expect(text).toContain(expected);
  const review = await tdb.db('tasks').where({ case_id: caseId, manual: true });
  expect(review.map((t) => [t.assignee_id, t.title])).toEqual([[leadId, `审阅：${docs[0].name}`]]);
});
