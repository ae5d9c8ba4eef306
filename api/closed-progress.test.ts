import { createEngine, type Engine } from './engine';
import { progressView } from './contracts/case-runtime';
import { caseWorkflowId } from '../workflows/definitions';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually } from '../test/helpers/engine';
import { testTemporalHandle } from '../test/helpers/temporal';
import { httpWalkPort, walkToEnd } from '../test/helpers/walk';

/**
 * A closed case outlives Temporal's retention (issue 14, item 5): once its run's history is gone
 * (deleted here, as the namespace's retention deletes it), its progress, stages and timeline are
 * still answered — from the database alone, and the same as the workflow last answered them.
 */
let stack: ApiStack;
let engine: Engine;

beforeAll(async () => {
  stack = await startApiStack('closed-progress', { historical: 0 });
  engine = createEngine(testTemporalHandle(stack.app.temporal.taskQueue));
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await stack?.close();
});

/** Deletes the finished run's history from Temporal, as retention does, and waits until it is gone. */
async function forgetHistory(caseId: string) {
  const t = stack.app.temporal;
  const handle = t.client.workflow.getHandle(caseWorkflowId(caseId));
  await eventually(async () => (await handle.describe()).status.name !== 'RUNNING');
  await t.connection.workflowService.deleteWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId: caseWorkflowId(caseId) },
  });
  await eventually(
    async () =>
      handle.describe().then(
        () => false,
        () => true,
      ),
    90_000,
  );
}

/** Opens a case and ends it — walked to its end or closed by hand — and answers what the API and the workflow say of it. */
async function endedCase(status: 'completed' | 'closed') {
  const lawyer = stack.as['li.ming'];
  const { caseId } = await openRestingCase(stack, { client: `留存客户 ${status}`, title: `留存 ${status}` });
  const first = (await lawyer.get(`/api/v1/cases/${caseId}/progress`)).body.openTasks[0];
  await httpWalkPort(lawyer, caseId).complete(first, { filedAt: '2026-11-25' });
  await lawyer.post(`/api/v1/cases/${caseId}/events`, { name: 'judgmentServed', date: '2026-11-28' });
  if (status === 'completed') await walkToEnd(httpWalkPort(lawyer, caseId), { settled: false, appeal: false, needsEnforcement: false });
  else expect((await lawyer.post(`/api/v1/cases/${caseId}/close`, { outcome: '撤诉', reason: '当事人和解' })).status).toBe(200);
  await eventually(async () => (await stack.tdb.db('cases').where({ id: caseId }).first()).status === 'closed');
  // What the workflow itself says of its finished run, while Temporal still keeps it.
  const fromWorkflow = JSON.parse(JSON.stringify(progressView(await engine.progress(caseId))));
  const fromApi = (await lawyer.get(`/api/v1/cases/${caseId}/progress`)).body;
  const timeline = (await lawyer.get(`/api/v1/cases/${caseId}/timeline`)).body;
  return { status, caseId, fromWorkflow, fromApi, timeline };
}

describe('closed cases once Temporal has forgotten their runs', () => {
  it('answer the same progress, stages and timeline from the database as their workflows did', async () => {
    const lawyer = stack.as['li.ming'];
    const ended = [await endedCase('completed'), await endedCase('closed')];
    for (const e of ended) {
      expect(e.fromApi).toEqual(e.fromWorkflow);
      expect(e.fromApi.status).toBe(e.status);
    }
    const t0 = Date.now();
    await Promise.all(ended.map((e) => forgetHistory(e.caseId)));
    console.log(`histories of ${ended.length} closed cases deleted from Temporal in ${Date.now() - t0} ms`);
    for (const e of ended) {
      await expect(engine.progress(e.caseId)).rejects.toMatchObject({ status: 409 });
      const later = await lawyer.get(`/api/v1/cases/${e.caseId}/progress`);
      expect(later.status).toBe(200);
      expect(later.body).toEqual(e.fromWorkflow);
      expect((await lawyer.get(`/api/v1/cases/${e.caseId}/timeline`)).body).toEqual(e.timeline);
      expect((await lawyer.get(`/api/v1/cases/${e.caseId}`)).status).toBe(200);
    }
  }, 180_000);
});
