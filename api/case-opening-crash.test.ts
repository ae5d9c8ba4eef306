import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { reconcileOpenings } from './cases';
import { createEngine, type Engine } from './engine';
import { caseWorkflowId } from '../workflows/definitions';
import { freePort } from '../cli/runtime/ports';
import { lexflowApi } from '../test/helpers/api-process';
import type { ChildService } from '../test/helpers/child-service';
import { HttpClient } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { eventually } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import type { CrashPoint } from './crash-points';

/**
 * Opening a case is one durable step: the API is killed (SIGKILL, a process of its own) at each
 * point between saving the case and answering, and the case must neither be lost, nor doubled,
 * nor left without its workflow — whether the client retries with the same Idempotency-Key or
 * never comes back (then the reconciler starts it).
 */
const POINTS: CrashPoint[] = ['case-opening-saved', 'case-run-started', 'case-opening-cleared', 'answer-kept'];

let tdb: TestDatabase;
let worker: TestWorker;
let healthy: ChildService;
let healthyUrl: string;
let engine: Engine;
let taskQueue: string;
let body: (title: string) => Record<string, unknown>;
const crashed: ChildService[] = [];

/** `lexflow api` on a free port, started; answers the process and its URL. */
async function startApi(env: Record<string, string> = {}) {
  const port = await freePort();
  const api = lexflowApi({ databaseUrl: tdb.url, taskQueue, port, env });
  await api.start();
  return { api, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  taskQueue = uniqueTaskQueue('opening-crash');
  worker = await startTestWorker(tdb.db, taskQueue);
  engine = createEngine(testTemporalHandle(taskQueue));
  ({ api: healthy, url: healthyUrl } = await startApi());
  const client = await tdb.db('clients').first('id');
  const lead = await tdb.db('users').where({ email: 'li.ming@demo.lexflow' }).first('id');
  body = (title) => ({ title, clientId: client.id, practiceArea: 'civil', caseType: 'first_instance', leadLawyerId: lead.id });
}, 120_000);
afterAll(async () => {
  for (const p of [...crashed, healthy]) await p?.stop();
  await engine?.close();
  await worker?.stop();
  await tdb?.drop();
});

/** Sends POST /cases to an API armed to die at `point`; answers the title, key and the session to retry with. */
async function openAndCrash(point: CrashPoint) {
  const { api, url } = await startApi({ LEXFLOW_CRASH_POINT: point });
  crashed.push(api);
  const c = new HttpClient(url);
  expect((await c.login('li.ming@demo.lexflow')).status).toBe(200);
  const title = `崩溃于 ${point} ${randomUUID().slice(0, 8)}`;
  const key = randomUUID();
  await expect(c.request('POST', '/api/v1/cases', { json: body(title), headers: { 'idempotency-key': key } })).rejects.toThrow();
  expect(await api.ended()).toBe('SIGKILL');
  expect(api.recentOutput()).toContain(`crash point ${point}`);
  // Whatever the point, the case was saved exactly once before the process died.
  const rows = await tdb.db('cases').where({ title }).select('id');
  expect(rows).toHaveLength(1);
  return { title, key, caseId: rows[0].id as string, cookie: c.cookie };
}

async function expectMovable(c: HttpClient, caseId: string) {
  const progress = await eventually(async () => {
    const r = await c.get(`/api/v1/cases/${caseId}/progress`);
    return r.status === 200 && r.body.openTasks.length > 0 && r.body;
  });
  expect(progress.status).toBe('running');
  const run = await testTemporalHandle(taskQueue).client.workflow.getHandle(caseWorkflowId(caseId)).describe();
  expect(run.status.name).toBe('RUNNING');
  expect(await tdb.db('case_openings').where({ case_id: caseId })).toHaveLength(0);
}

describe.each(POINTS)('the API killed at %s while opening a case', (point) => {
  it('the retry with the same Idempotency-Key answers the same case (201), once, and the case moves', async () => {
    const crash = await openAndCrash(point);
    const c = new HttpClient(healthyUrl);
    c.cookie = crash.cookie;
    const retry = await c.request('POST', '/api/v1/cases', { json: body(crash.title), headers: { 'idempotency-key': crash.key } });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(crash.caseId);
    expect(retry.headers.get('idempotent-replayed')).toBe(point === 'answer-kept' ? 'true' : null);
    expect(await tdb.db('cases').where({ title: crash.title })).toHaveLength(1);
    await expectMovable(c, crash.caseId);
  });

  it('with no retry at all, the reconciler starts what is missing and the case moves', async () => {
    const crash = await openAndCrash(point);
    const pending = await tdb.db('case_openings').where({ case_id: crash.caseId }).first();
    // The run was started (and the opening cleared) only from 'case-opening-cleared' on.
    expect(Boolean(pending)).toBe(point === 'case-opening-saved' || point === 'case-run-started');
    const r = await reconcileOpenings(tdb.db, engine, pino({ level: 'silent' }), { graceMs: 0 });
    expect(r).toEqual({ started: pending ? 1 : 0, failed: 0 });
    const c = new HttpClient(healthyUrl);
    c.cookie = crash.cookie;
    await expectMovable(c, crash.caseId);
  });
});
