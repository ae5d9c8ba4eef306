import { flakyEffect } from '../test/helpers/flaky-steps';
import { createActivities } from '../activities';
import { insertClient } from '../db/repositories/clients';
import { grantMembership } from '../db/repositories/portal-memberships';
import { insertUser } from '../db/repositories/users';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { eventually, insertTestCase, storeTemplate } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import type { TemporalHandle } from '../api/engine';
import type { CaseProgress } from '../domain/case-runtime';
import type { StageEntryInput } from '../activities/case-types';
import type { CaseWorkflowInput } from './case/state';
import { CASE_QUERIES, CASE_UPDATES, caseWorkflowId } from './definitions';

/**
 * Issue 17, point 2 on the dev server: completing the last task of a stage moves the case into a stage
 * the template marks notifyClient; the client's portal user gets one mail and one portal notice —
 * although the first attempt of recordStageEntry fails after its work was done and Temporal retries
 * it, and although the activity is called again with the same input — and the case row and the
 * progress query both say the case is in the new stage. A stage without the mark, and a client
 * without a portal account, send nothing (and the case moves on all the same).
 */
let tdb: TestDatabase;
let worker: TestWorker;
let temporal: TemporalHandle;
let versionId: string;
let real: ReturnType<typeof createActivities>;
const flaky = { failNext: 0, calls: [] as StageEntryInput[] };

const stage = (id: string, attrs: string) =>
  `<bpmn:subProcess id="${id}" name="${id}" ${attrs}><bpmn:startEvent id="${id}_s"/><bpmn:userTask id="${id}_T" name="${id}任务"/><bpmn:endEvent id="${id}_e"/>${chain(`${id}_s`, `${id}_T`, `${id}_e`)}</bpmn:subProcess>`;
const TEMPLATE = bpmn(
  `<bpmn:startEvent id="S"/>
   ${stage('Filing', 'lexflow:clientLabel="法院立案" lexflow:clientLabelEn="Filed with the court"')}
   ${stage('Trial', 'lexflow:clientLabel="开庭审理" lexflow:clientLabelEn="Court hearing" lexflow:notifyClient="true"')}
   ${stage('Wrapup', 'lexflow:clientLabel="结案" lexflow:clientLabelEn="Closing"')}
   <bpmn:endEvent id="E"/>${chain('S', 'Filing', 'Trial', 'Wrapup', 'E')}`,
);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  [{ id: versionId }] = await storeTemplate(tdb.db, 'portal-notify', TEMPLATE);
  const q = uniqueTaskQueue('portal-notify');
  real = createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test' });
  worker = await startTestWorker(tdb.db, q, {
    ...flakyEffect<StageEntryInput>(
      real,
      'recordStageEntry',
      (input) => input.stageId === 'Trial' && flaky.failNext-- > 0,
      (input) => flaky.calls.push(input),
    ),
  });
  temporal = testTemporalHandle(q);
}, 60_000);
afterAll(async () => {
  await temporal?.connection.close();
  await worker?.stop();
  await tdb?.drop();
});

/** A case of the template on a client with `portalUsers` portal accounts (and no others), its run started. */
async function runningCase(portalUsers: number) {
  const { caseId } = await insertTestCase(tdb.db, versionId);
  const client = await insertClient(tdb.db, { kind: 'person', name: `客户${caseId.slice(0, 6)}` });
  await tdb.db('cases').where({ id: caseId }).update({ client_id: client.id });
  const users = [];
  for (let i = 0; i < portalUsers; i++) {
    const u = await insertUser(tdb.db, {
      email: `c${i}.${caseId.slice(0, 8)}@client.test`,
      name: '客户',
      role: 'client',
      passwordHash: 'x',
    });
    await grantMembership(tdb.db, { userId: u.id, clientId: client.id, grantedBy: null });
    users.push(u);
  }
  const model = (await tdb.db('process_template_versions').where({ id: versionId }).first()).model;
  const input: CaseWorkflowInput = { caseId, versionId, model, variables: {}, timeZone: 'Asia/Shanghai' };
  const handle = await temporal.client.workflow.start('caseWorkflow', {
    taskQueue: temporal.taskQueue,
    workflowId: caseWorkflowId(caseId),
    args: [input],
  });
  const openTask = (nodeId: string) =>
    eventually(() => tdb.db('tasks').where({ case_id: caseId, node_id: nodeId, status: 'open' }).first(), 30_000);
  const complete = async (nodeId: string) => {
    const t = await openTask(nodeId);
    await handle.executeUpdate(CASE_UPDATES.completeTask, { args: [{ instanceId: t.workflow_task_id, outputs: {}, by: null }] });
  };
  const progress = () => handle.query<CaseProgress>(CASE_QUERIES.progress);
  const mails = () => tdb.db('email_outbox').where('key', 'like', `stageClient:${caseId}:%`).select('to_address', 'subject', 'text_body');
  const notices = () => tdb.db('notifications').where({ case_id: caseId, kind: 'stageClient' }).select('user_id', 'title', 'link');
  const caseRow = () => tdb.db('cases').where({ id: caseId }).first();
  return { caseId, users, handle, openTask, complete, progress, mails, notices, caseRow };
}

it('completing the last task of the stage before a notifyClient stage sends one mail and one notice, a retried activity included', async () => {
  const c = await runningCase(1);
  await c.openTask('Filing_T');
  // Entering the first stage (shown, not marked) told nobody.
  expect(await c.mails()).toEqual([]);
  flaky.failNext = 1;
  const before = flaky.calls.length;
  await c.complete('Filing_T');
  await c.openTask('Trial_T');
  // Temporal ran the entry twice (the first attempt's reply was lost) …
  const trialCalls = flaky.calls.slice(before).filter((s) => s.caseId === c.caseId && s.stageId === 'Trial');
  expect(trialCalls).toHaveLength(2);
  // … and once more by hand, the same input: still one mail and one notice.
  await real.recordStageEntry(trialCalls[0]);
  const link = `http://lexflow.test/portal/cases/${c.caseId}`;
  const mails = await c.mails();
  expect(mails.map((m) => [m.to_address, m.subject])).toEqual([[c.users[0].email, '您的案件有新进展：开庭审理']]);
  expect(mails[0].text_body).toContain(link);
  expect(await c.notices()).toEqual([{ user_id: c.users[0].id, title: '您的案件有新进展：开庭审理', link }]);
  // The portal's current stage comes from the workflow: the case row and the progress query agree.
  expect(await c.caseRow()).toMatchObject({ current_stage_id: 'Trial', current_stage_name: 'Trial' });
  const p = await c.progress();
  expect(p.stages.filter((s) => s.status === 'active').map((s) => s.id)).toEqual(['Trial']);
  expect(p.stages.find((s) => s.id === 'Filing')?.status).toBe('done');
  // The next stage is shown but not marked: nothing more is sent.
  await c.complete('Trial_T');
  await c.openTask('Wrapup_T');
  expect(await c.mails()).toHaveLength(1);
  expect(await c.notices()).toHaveLength(1);
  expect((await c.caseRow()).current_stage_id).toBe('Wrapup');
});

it('a client without a portal account is sent nothing, and the case moves on', async () => {
  const c = await runningCase(0);
  await c.complete('Filing_T');
  await c.openTask('Trial_T');
  expect(await c.mails()).toEqual([]);
  expect(await c.notices()).toEqual([]);
  expect((await c.caseRow()).current_stage_id).toBe('Trial');
  expect((await c.progress()).stages.find((s) => s.id === 'Trial')?.status).toBe('active');
});
