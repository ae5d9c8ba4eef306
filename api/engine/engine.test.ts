import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { bpmn, chain } from '../../process-templates/model/test-support/bpmn';
import { freePort } from '../../cli/runtime/ports';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { compileOrThrow, eventually, insertTestCase } from '../../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../../test/helpers/temporal';
import { seedDemo } from '../../test/helpers/users';
import { createTemporalHandle, type TemporalHandle } from './connection';
import { ENGINE_VERSION, caseWorkflowId } from '../../workflows/definitions';
import type { TemplateModel } from '../../process-templates/model/schema';
import { createEngine, type Engine } from '.';

let tdb: TestDatabase;
let worker: TestWorker;
let handle: TemporalHandle;
let engine: Engine;
let model: TemplateModel;

const task = (id: string) => `<bpmn:userTask id="${id}" name="${id}"/>`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('engine');
  worker = await startTestWorker(tdb.db, q);
  handle = testTemporalHandle(q);
  engine = createEngine(handle);
  model = await compileOrThrow(
    bpmn(`<bpmn:startEvent id="S"/><bpmn:parallelGateway id="F"/>${task('A')}${task('B')}${task('C')}<bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/><bpmn:endEvent id="E3"/>
      ${chain('S', 'F')}${chain('F', 'A', 'E1')}${chain('F', 'B', 'E2')}${chain('F', 'C', 'E3')}`),
  );
});
afterAll(async () => {
  await engine?.close();
  await worker?.stop();
  await tdb?.drop();
});

async function startCase(opts: { continueAsNewAfterEvents?: number } = {}) {
  const { caseId } = await insertTestCase(tdb.db);
  const openingId = randomUUID();
  expect(
    await engine.startCaseRun({ caseId, versionId: 'v-test', model, variables: {}, timeZone: 'Asia/Shanghai', ...opts }, openingId),
  ).toBe('started');
  const open = async () => (await engine.progress(caseId)).openTasks;
  await eventually(async () => (await open()).length === 3);
  return { caseId, open, openingId };
}

describe('the engine client', () => {
  it('starts each case with the engineVersion memo, and the memo survives continue-as-new', async () => {
    const c = await startCase({ continueAsNewAfterEvents: 8 });
    const wf = handle.client.workflow.getHandle(caseWorkflowId(c.caseId));
    const first = await wf.describe();
    expect(first.memo).toEqual({ engineVersion: ENGINE_VERSION, openingId: c.openingId });
    for (const t of (await c.open()).slice(0, 2)) await engine.completeTask(c.caseId, { instanceId: t.instanceId, outputs: {}, by: null });
    const next = await eventually(async () => {
      const d = await wf.describe();
      return d.runId !== first.runId && d;
    });
    expect(next.memo).toEqual({ engineVersion: ENGINE_VERSION, openingId: c.openingId });
  });

  it('maps refusals by their failure type and a finished case by the SDK error type', async () => {
    const c = await startCase();
    await expect(engine.completeTask(c.caseId, { instanceId: 'nope', outputs: {}, by: null })).rejects.toMatchObject({ code: 'not-found' });
    await expect(engine.advanceStage(c.caseId, { reason: ' ', by: null })).rejects.toMatchObject({
      code: 'unprocessable-entity',
      status: 422,
    });
    await expect(engine.advanceStage(c.caseId, { reason: 'x', by: null })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('name the stage'),
    });
    expect(await engine.closeCase(c.caseId, { outcome: '撤诉', by: null })).toEqual({ status: 'closed', openTasks: [] });
    const wf = handle.client.workflow.getHandle(caseWorkflowId(c.caseId));
    await eventually(async () => (await wf.describe()).status.name === 'COMPLETED');
    // What SDK 1.24 throws for an update on a completed workflow (the server answers gRPC NOT_FOUND).
    await expect(wf.executeUpdate('closeCase', { args: [{ outcome: 'x', by: null }] })).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(
      engine.recordCaseEvent(c.caseId, { name: 'judgmentServed', date: '2026-11-30', by: null, key: 'k' }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
    await expect(engine.progress('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('starting the same opening again never starts a second run, running or ended; a reopening starts the next run', async () => {
    const c = await startCase();
    const wf = handle.client.workflow.getHandle(caseWorkflowId(c.caseId));
    const first = await wf.describe();
    const input = { caseId: c.caseId, versionId: 'v-test', model, variables: {}, timeZone: 'Asia/Shanghai' };
    expect(await engine.startCaseRun(input, c.openingId)).toBe('was-started');
    await engine.terminate(c.caseId, 'test done');
    await expect(engine.terminate(c.caseId, 'again')).rejects.toMatchObject({ code: 'conflict' });
    expect(await engine.startCaseRun(input, c.openingId)).toBe('was-started');
    expect((await wf.describe()).runId).toBe(first.runId);
    // A reopening is another opening: it starts the next run of case-<id> (from a stage).
    const reopening = randomUUID();
    expect(await engine.startCaseRun({ ...input, startAt: 'A', seqStart: 1000 }, reopening)).toBe('started');
    const next = await wf.describe();
    expect(next.runId).not.toBe(first.runId);
    expect(next.memo).toMatchObject({ openingId: reopening });
    expect(await engine.startCaseRun({ ...input, startAt: 'A', seqStart: 1000 }, reopening)).toBe('was-started');
    await engine.terminate(c.caseId, 'test done');
  });

  it('an unreachable engine: the start is answered 503; health says so', async () => {
    const nobody = createEngine(createTemporalHandle({ address: `127.0.0.1:${await freePort()}`, namespace: 'default', taskQueue: 'x' }));
    const start = nobody.startCaseRun({ caseId: 'x', versionId: 'v', model, variables: {}, timeZone: 'Asia/Shanghai' }, randomUUID());
    await expect(start).rejects.toMatchObject({ code: 'service-unavailable', message: 'the process engine did not start the case' });
    expect(await nobody.isHealthy(500)).toBe(false);
    expect(await engine.isHealthy()).toBe(true);
    await nobody.close();
  });
});
