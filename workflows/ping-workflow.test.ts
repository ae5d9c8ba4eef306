import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { testEnv } from '../test/environment';
import { createActivities } from '../activities';
import { countPings } from '../db/repositories/ping';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
});
afterAll(() => tdb.drop());

describe('the ping round trip on the real dev server', () => {
  let app: TestApp;
  let worker: TestWorker;
  beforeAll(async () => {
    const taskQueue = uniqueTaskQueue('ping');
    worker = await startTestWorker(tdb.db, taskQueue);
    app = await startTestApp(tdb.db, { temporal: testTemporalHandle(taskQueue) });
  });
  afterAll(async () => {
    await app.close();
    await worker.stop();
  });

  it('API → Temporal → worker → activity → PostgreSQL, and back', async () => {
    const c = new HttpClient(app.url);
    await c.login('admin@demo.lexflow');
    const r = await c.post('/api/v1/system/ping', { message: '你好，律程' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ message: '你好，律程', workflowId: `ping-${r.body.key}` });
    const row = await tdb.db('ping_log').where({ key: r.body.key }).first();
    expect(row).toMatchObject({ message: '你好，律程', workflow_id: r.body.workflowId });
    // The history on the server shows the activity ran in the worker.
    const history = await app.temporal.client.workflow.getHandle(r.body.workflowId).fetchHistory();
    const types = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
    expect(types).toEqual(['recordPing']);
  });

  it('is for administrators only', async () => {
    const c = new HttpClient(app.url);
    await c.login('partner@demo.lexflow');
    const r = await c.post('/api/v1/system/ping', {});
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('forbidden');
  });
});

describe('recordPing activity', () => {
  it('is idempotent: a retry with the same key writes no second row', async () => {
    const { recordPing } = createActivities({ db: tdb.db });
    const input = { key: 'retry-key', message: 'once', workflowId: 'wf-1' };
    const first = await recordPing(input);
    const second = await recordPing({ ...input, message: 'twice' });
    expect(first.written).toBe(true);
    expect(second.written).toBe(false);
    expect(second.message).toBe('once');
    expect(await countPings(tdb.db, 'retry-key')).toBe(1);
  });
});

describe('on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnv('testServer') } },
    });
  });
  afterAll(() => env?.teardown());

  it('a durable one-week sleep completes in moments of wall time', async () => {
    const taskQueue = uniqueTaskQueue('skip');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: testEnv('workflowBundle') },
      activities: createActivities({ db: tdb.db }),
    });
    const wall = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute('pingWorkflow', {
        taskQueue,
        workflowId: 'ping-skip',
        args: [{ key: 'skip-key', message: 'after a week', delayMs: 7 * 24 * 3600_000 }],
      }),
    );
    expect(result).toMatchObject({ key: 'skip-key', written: true });
    expect(Date.now() - wall).toBeLessThan(20_000);
    expect(await countPings(tdb.db, 'skip-key')).toBe(1);
  });
});
