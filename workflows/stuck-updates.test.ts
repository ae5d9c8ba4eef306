import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../activities';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { CASE_UPDATES, caseWorkflowId } from './definitions';

/**
 * Issue 13, finding 2 (the engine half): a payload the database cannot store must fail the update
 * that carried it — at once, not by retrying for ever — and leave the case able to take the next
 * valid command. The API refuses such text at its edge, so this test sends each update straight
 * to the workflow through the Temporal client, as any other caller (a script, a future API) could.
 */

let stack: ApiStack;
let caseId: string;
const NUL = 'a\u0000b';

beforeAll(async () => {
  stack = await startApiStack('stuck-updates', { historical: 0 });
  ({ caseId } = await openRestingCase(stack, { client: '卡住测试有限公司', title: '卡住的案件' }));
}, 60_000);
afterAll(() => stack?.close());

/** Sends one update to the case's workflow; resolves with how it ended, or 'no answer' after 15 s. */
async function sendRaw(name: string, input: Record<string, unknown>): Promise<string> {
  const handle = stack.app.temporal.client.workflow.getHandle(caseWorkflowId(caseId));
  const answer = handle.executeUpdate(name, { args: [{ by: null, ...input }] }).then(
    () => 'accepted',
    (err: Error & { cause?: { type?: string } }) => `failed: ${err.cause?.type ?? err.name}`,
  );
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), 15_000).unref());
  return Promise.race([answer, timeout]);
}

async function firstOpenTask() {
  const tasks = (await stack.as['li.ming'].get(`/api/v1/cases/${caseId}/tasks`)).body.items as Array<{
    id: string;
    workflowTaskId: string;
    status: string;
  }>;
  return tasks.find((t) => t.status === 'open')!;
}

test('each case update with unstorable data fails at once and the case takes the next valid command', async () => {
  const lawyer = stack.as['li.ming'];
  const task = await firstOpenTask();
  const outcomes: Record<string, string> = {};
  outcomes.closeCase = await sendRaw(CASE_UPDATES.closeCase, { outcome: NUL });
  outcomes.recordCaseEvent = await sendRaw(CASE_UPDATES.recordCaseEvent, {
    name: 'judgmentServed',
    variables: { note: NUL },
    key: 'bad-1',
  });
  outcomes.advanceStage = await sendRaw(CASE_UPDATES.advanceStage, { reason: NUL });
  outcomes.completeTask = await sendRaw(CASE_UPDATES.completeTask, { instanceId: task.workflowTaskId, outputs: { filedAt: NUL } });
  // A date PostgreSQL refuses (year 0) fails the update too (the validators refuse it before any write).
  outcomes.recordCaseEventWrite = await sendRaw(CASE_UPDATES.recordCaseEvent, { name: 'judgmentServed', date: '0000-01-01', key: 'bad-2' });
  expect(outcomes).toEqual({
    closeCase: 'failed: Invalid',
    recordCaseEvent: 'failed: Invalid',
    advanceStage: 'failed: Invalid',
    completeTask: 'failed: Invalid',
    recordCaseEventWrite: 'failed: Invalid',
  });

  // The case is as it was and takes each valid command.
  const done = await lawyer.post(`/api/v1/cases/${caseId}/tasks/${task.id}/complete`, { outputs: { filedAt: '2026-11-25' } });
  expect([done.status, done.body]).toEqual([200, expect.anything()]);
  expect((await lawyer.post(`/api/v1/cases/${caseId}/events`, { name: 'judgmentServed', date: '2026-11-26' })).status).toBe(200);
  expect((await lawyer.post(`/api/v1/cases/${caseId}/advance`, { reason: '当事人要求' })).status).toBe(200);
  expect((await lawyer.post(`/api/v1/cases/${caseId}/close`, { outcome: '调解结案' })).status).toBe(200);
  const row = await stack.tdb.db('cases').where({ id: caseId }).first('status', 'outcome');
  expect(row).toEqual({ status: 'closed', outcome: '调解结案' });
}, 120_000);

test('a data error in an activity is non-retryable, told by its SQLSTATE', async () => {
  const acts = createActivities({ db: stack.tdb.db });
  const failure = await acts.finishCase({ caseId, at: Date.now(), outcome: NUL, reason: null }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: 'DataError', nonRetryable: true, message: expect.stringContaining('22021') });
  // Nothing was written: the case keeps the outcome it was closed with.
  expect((await stack.tdb.db('cases').where({ id: caseId }).first('outcome')).outcome).toBe('调解结案');
});
