import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../cli/runtime/paths';
import { testEnv } from '../test/environment';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { eventually } from '../test/helpers/engine';
import { testTemporalHandle, uniqueTaskQueue } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { walkToEnd } from '../test/helpers/walk';

const script = path.join(projectRoot(), 'test', 'helpers', 'crashing-worker.ts');
const taskQueue = uniqueTaskQueue('crash');
let tdb: TestDatabase;
let app: TestApp;
const children: ChildProcess[] = [];

function startWorker(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  // node itself (tsx as a loader, not a wrapper process), so a kill reaches the worker and nothing is orphaned.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: testEnv('temporalAddress'),
      TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE: testEnv('workflowBundle'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return eventually(async () => out.includes('worker ready'), 30_000).then(() => ({ child, output: () => out, exited }));
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(taskQueue) });
});
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
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
    expect(await first.exited).toBe(null); // killed by SIGKILL: no exit code
    expect(first.output()).toContain('crashing after openTask #3');
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
