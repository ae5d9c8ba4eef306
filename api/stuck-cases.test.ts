import { randomUUID } from 'node:crypto';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually, insertTestCase } from '../test/helpers/engine';
import { insertCaseOpening, noteOpeningFailure } from '../db/repositories/case-openings';
import { WORKFLOW_TYPES, caseWorkflowId } from '../workflows/definitions';

/**
 * Issue 13, finding 2: operators see a case whose workflow keeps failing, read from Temporal. A
 * real failing run: a case workflow started with an input its interpreter cannot read, so every
 * workflow task throws and Temporal retries it.
 */
let stack: ApiStack;
const caseId = randomUUID();

beforeAll(async () => {
  stack = await startApiStack('stuck-cases', { historical: 0 });
  await stack.app.temporal.client.workflow.start(WORKFLOW_TYPES.case, {
    taskQueue: stack.app.temporal.taskQueue,
    workflowId: caseWorkflowId(caseId),
    args: [{ caseId }],
  });
}, 60_000);
afterAll(async () => {
  await stack?.app.temporal.client.workflow
    .getHandle(caseWorkflowId(caseId))
    .terminate('test over')
    .catch(() => undefined);
  await stack?.close();
});

test('the admin sees the failing case workflow; others may not look', async () => {
  const listed = await eventually(async () => {
    const r = await stack.as.admin.get('/api/v1/admin/stuck-cases');
    expect(r.status).toBe(200);
    return r.body.items.find((i: { caseId: string }) => i.caseId === caseId);
  }, 30_000);
  expect(listed).toMatchObject({ workflowId: caseWorkflowId(caseId), failing: 'workflow task', attempts: expect.any(Number) });
  expect(listed.attempts).toBeGreaterThan(1);
  expect((await stack.as['li.ming'].get('/api/v1/admin/stuck-cases')).status).toBe(403);
  expect((await stack.as.partner.get('/api/v1/admin/stuck-cases')).status).toBe(403);
}, 60_000);

test('the admin sees saved cases whose workflow has not started yet, read from the database alone', async () => {
  const { caseId: waiting } = await insertTestCase(stack.tdb.db);
  const id = await insertCaseOpening(stack.tdb.db, { caseId: waiting, kind: 'open', input: { caseId: waiting } });
  await noteOpeningFailure(stack.tdb.db, waiting, id, 'the process engine did not start the case');
  const number = (await stack.tdb.db('cases').where({ id: waiting }).first()).number;
  const r = await stack.as.admin.get('/api/v1/admin/pending-openings');
  expect(r.status).toBe(200);
  expect(r.body.items).toEqual([
    {
      caseId: waiting,
      number,
      kind: 'open',
      since: expect.any(String),
      attempts: 1,
      lastError: 'the process engine did not start the case',
    },
  ]);
  expect((await stack.as.partner.get('/api/v1/admin/pending-openings')).status).toBe(403);
});
