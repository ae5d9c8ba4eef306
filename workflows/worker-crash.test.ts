import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { testWorkerProcess } from '../test/helpers/api-process';
import type { ChildService } from '../test/helpers/child-service';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { eventually } from '../test/helpers/engine';
import { testTemporalHandle, uniqueTaskQueue } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { walkToEnd } from '../test/helpers/walk';

const taskQueue = uniqueTaskQueue('crash');
let tdb: TestDatabase;
let app: TestApp;
const children: ChildService[] = [];

/** A worker process (test/helpers/crashing-worker.ts), started; `env` may arm its crash. */
async function startWorker(env: Record<string, string> = {}): Promise<ChildService> {
  const worker = testWorkerProcess({ databaseUrl: tdb.url, taskQueue, env });
  children.push(worker);
  await worker.start(30_000);
  return worker;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(taskQueue) });
});
afterAll(async () => {
  for (const c of children) await c.stop();
  await app?.close();
  await tdb?.drop();
});

describe('a worker killed mid-case', () => {
  it('loses nothing and duplicates nothing: the work it died in is redone by the next worker', async () => {
    const first = await startWorker({ CRASH_AFTER: 'openTask', CRASH_ON_CALL: '3' });
    const c = new HttpClient(app.url);
    await c.login('li.ming@demo.lexflow');
    const client = await tdb.db('clients').first();
    const me = (await c.get('/api/v1/auth/me')).body;
    const created = (
      await c.post('/api/v1/cases', {
        title: '宕机测试',
        clientId: client.id,
        practiceArea: 'civil',
        caseType: 'first_instance',
        leadLawyerId: me.id,
      })
    ).body;

    const progress = async () => (await c.get(`/api/v1/cases/${created.id}/progress`)).body;
    const t1 = await eventually(async () => (await progress()).openTasks[0]);
    expect((await c.post(`/api/v1/cases/${created.id}/tasks/${t1.taskId}/complete`, { outputs: { filedAt: '2026-11-25' } })).status).toBe(
      200,
    );
    const t2 = (await progress()).openTasks[0];
    expect(t2.nodeId).toBe('Task_PayCourtFee');

    // Completing the second task opens the third: the worker writes its row, then dies before reporting back.
    const pending = c.post(`/api/v1/cases/${created.id}/tasks/${t2.taskId}/complete`, { outputs: {} });
    expect(await first.ended()).toBe('SIGKILL');
    expect(first.recentOutput()).toContain('crashing after openTask #3');
    expect(await tdb.db('tasks').where({ case_id: created.id, node_id: 'Task_Acceptance' })).toHaveLength(1);

    await startWorker();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body.openTasks.map((t: { nodeId: string }) => t.nodeId)).toEqual(['Task_Acceptance']);

    await walkToEnd(
      {
        progress,
        complete: async (t, outputs) => void (await c.post(`/api/v1/cases/${created.id}/tasks/${t.taskId}/complete`, { outputs })),
        event: async (name, date) => void (await c.post(`/api/v1/cases/${created.id}/events`, { name, date })),
      },
      { settled: true },
    );
    const tasks = await tdb.db('tasks').where({ case_id: created.id }).select('node_id', 'status');
    const perNode = tasks.reduce<Record<string, number>>((m, t) => ({ ...m, [t.node_id]: (m[t.node_id] ?? 0) + 1 }), {});
    expect(Object.values(perNode).every((n) => n === 1)).toBe(true);
    expect(tasks.every((t) => t.status === 'done' || t.status === 'skipped')).toBe(true);
    const assigned = await tdb.db('notifications').where({ case_id: created.id, kind: 'taskAssigned' });
    expect(assigned).toHaveLength(tasks.length);
    expect(await tdb.db('stage_history').where({ case_id: created.id })).toHaveLength(3);
    expect(await tdb.db('billing_events').where({ case_id: created.id })).toHaveLength(2);
    expect(await tdb.db('cases').where({ id: created.id }).first()).toMatchObject({ status: 'closed' });

    // The history shows the lost work: the workflow task the dead worker held timed out and ran again elsewhere.
    const history = await app.temporal.client.workflow.getHandle(created.workflowId).fetchHistory();
    const timedOut = (history.events ?? []).filter((e) => e.workflowTaskTimedOutEventAttributes);
    expect(timedOut.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
