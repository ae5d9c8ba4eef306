import { Connection } from '@temporalio/client';
import { bpmn, chain } from '../../process-templates/model/test-support/bpmn';
import { testEnv } from '../../test/environment';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { compileOrThrow, insertTestCase } from '../../test/helpers/engine';
import { testTemporalHandle, uniqueTaskQueue } from '../../test/helpers/temporal';
import { seedDemo } from '../../test/helpers/users';
import { WORKFLOW_TYPES, caseWorkflowId } from '../../workflows/definitions';
import type { TemporalHandle } from './connection';
import { createEngine, type Engine } from '.';

/**
 * Issue 14, item 4: a recordCaseEvent answered 409 and never recorded while a worker was killed.
 * The cause: the update was sent to a worker with a workflow task, and the workflow task was
 * completed without the update being accepted or rejected — the SDK core drops an update message it
 * has not yet processed when new work for the run arrives ("There are unprocessed protocol messages
 * while receiving new work", sdk-core workflow_machines.rs, a release-build `dbg_panic!` that only
 * logs) — so the Temporal server rejects it on the worker's behalf with the ApplicationFailure type
 * `UnprocessedUpdate`, which the API took for the workflow's own refusal (409). The workflow never saw
 * the update; it must be a retryable 503.
 *
 * The race with a real kill is rare (1 in 16 in the report), so this test produces the server's
 * answer deterministically: the test itself is the worker of a case run, over the raw gRPC API, and
 * completes the workflow task that carries the update without taking it — what the SDK did.
 */

const NAMESPACE = 'default';
const IDENTITY = 'failing-over-worker';

let tdb: TestDatabase;
let handle: TemporalHandle;
let engine: Engine;
let raw: Connection;
const queue = uniqueTaskQueue('failover');

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  handle = testTemporalHandle(queue);
  engine = createEngine(handle);
  raw = await Connection.connect({ address: testEnv('temporalAddress') });
});
afterAll(async () => {
  await engine?.close();
  await raw?.close();
  await tdb?.drop();
});

/** The next workflow task on the queue, as a worker's poll gets it (no SDK worker polls this queue). */
async function pollTask() {
  const task = await raw.withDeadline(Date.now() + 20_000, () =>
    raw.workflowService.pollWorkflowTaskQueue({ namespace: NAMESPACE, taskQueue: { name: queue }, identity: IDENTITY }),
  );
  expect(task.taskToken?.length).toBeGreaterThan(0);
  return task;
}

/** Completes a workflow task with no commands and no messages: an update it carried is neither accepted nor rejected. */
async function completeWithoutTakingAnything(taskToken: Uint8Array) {
  await raw.workflowService.respondWorkflowTaskCompleted({
    namespace: NAMESPACE,
    taskToken,
    identity: IDENTITY,
    commands: [],
    messages: [],
  });
}

test('an update the server rejects as unprocessed (a worker failing over) is a retryable 503, never a 409', async () => {
  const { caseId } = await insertTestCase(tdb.db);
  const model = await compileOrThrow(
    bpmn(`<bpmn:startEvent id="S"/><bpmn:userTask id="A" name="A"/><bpmn:endEvent id="E"/>${chain('S', 'A', 'E')}`),
  );
  await handle.client.workflow.start(WORKFLOW_TYPES.case, {
    taskQueue: queue,
    workflowId: caseWorkflowId(caseId),
    args: [{ caseId, versionId: 'v-test', model, variables: {}, timeZone: 'Asia/Shanghai' }],
  });
  await completeWithoutTakingAnything((await pollTask()).taskToken!);

  const answer = engine.recordCaseEvent(caseId, { name: 'noteTaken', by: null, key: `${caseId}:failover-1` }, 'failover-1');
  answer.catch(() => undefined);
  const carrying = await pollTask();
  // The update request travels as a protocol message with the workflow task (no history event yet).
  expect(carrying.messages?.map((m) => m.body?.type_url)).toEqual(['type.googleapis.com/temporal.api.update.v1.Request']);
  await completeWithoutTakingAnything(carrying.taskToken!);

  await expect(answer).rejects.toMatchObject({
    code: 'service-unavailable',
    status: 503,
    details: { retryAfterSeconds: expect.any(Number) },
    message: expect.stringContaining('retry with the same Idempotency-Key'),
    cause: expect.objectContaining({ type: 'UnprocessedUpdate' }),
  });
  // Not an outage: the breaker stays closed and the next call goes through at once.
  expect(await engine.isHealthy()).toBe(true);
});
