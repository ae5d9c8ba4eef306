import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { createActivities } from '../activities';
import { freePort } from '../cli/runtime/ports';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { migrationWorkflowId } from '../workflows/definitions';
import { createTemporalHandle } from './engine';
import { createGate } from '../test/helpers/gate';

/**
 * Each case of a run is one migrateCaseToVersion activity; this worker's waits at a gate the test
 * opens, so the test stops a worker (or the run) while a case is in flight. A held case gives up
 * when its worker shuts down (the attempt fails and is retried by the next worker) or when the
 * test aborts it (its run was terminated: it must not move the case behind the run's back).
 */
const gate = createGate();

let tdb: TestDatabase;
let app: TestApp;
let worker: TestWorker;
let queue: string;
let partner: HttpClient;
let lawyer: HttpClient;
const xml = (c: HttpClient, p: string, body: string, method = 'POST') =>
  c.request(method, p, { raw: body, contentType: 'application/xml' });

/** The real worker (the run's bundle, the real activities) with the migration step behind the gate. */
async function startGatedWorker(): Promise<TestWorker> {
  const { migrateCaseToVersion } = createActivities({ db: tdb.db });
  return startTestWorker(tdb.db, queue, {
    migrateCaseToVersion: async (input) => (await gate.pass(Context.current().cancelled), migrateCaseToVersion(input)),
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  queue = uniqueTaskQueue('migrate');
  worker = await startGatedWorker();
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(queue) });
  partner = new HttpClient(app.url);
  await partner.login('partner@demo.lexflow');
  lawyer = new HttpClient(app.url);
  await lawyer.login('li.ming@demo.lexflow');
});
afterAll(async () => {
  gate.release();
  await app?.close();
  await worker?.stop();
  await tdb?.drop();
});

async function openCase(templateKey: string, title: string): Promise<string> {
  const client = await tdb.db('clients').first();
  const me = (await lawyer.get('/api/v1/auth/me')).body;
  const opened = await lawyer.post('/api/v1/cases', {
    title,
    clientId: client.id,
    practiceArea: 'non_litigation',
    caseType: 'compliance_review',
    leadLawyerId: me.id,
    templateKey,
  });
  expect(opened.status).toBe(201);
  await eventually(async () => (await lawyer.get(`/api/v1/cases/${opened.body.id}/progress`)).body.openTasks.length);
  return opened.body.id;
}

/** A published copy of due-diligence as `key`; answers its draft. */
async function copyOfDueDiligence(key: string): Promise<string> {
  expect((await partner.post('/api/v1/process-templates', { key, name: '尽调', copyFrom: 'due-diligence' })).status).toBe(201);
  const draft: string = (await partner.get(`/api/v1/process-templates/${key}`)).body.draftXml;
  await xml(partner, `/api/v1/process-templates/${key}/draft`, draft, 'PUT');
  expect((await partner.post(`/api/v1/process-templates/${key}/publish`, { changeNote: 'v1' })).body.version).toBe(1);
  return draft;
}

/** A copy of due-diligence (`key`) with two running cases on v1 and a v2 that renames a task. */
async function twoCasesToMove(key: string) {
  const draft = await copyOfDueDiligence(key);
  const cases = [await openCase(key, `${key} 合规审查一`), await openCase(key, `${key} 合规审查二`)];
  const renamed = draft.replace('name="签署委托协议与保密协议"', 'name="签署委托协议、保密协议与利冲声明"');
  await xml(partner, `/api/v1/process-templates/${key}/draft`, renamed, 'PUT');
  expect((await partner.post(`/api/v1/process-templates/${key}/publish`, { changeNote: 'v2' })).body.version).toBe(2);
  const preview = (await partner.get(`/api/v1/process-templates/${key}/migration?toVersion=2`)).body;
  expect(preview.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([...cases].sort());
  return { cases, toVersionId: preview.toVersionId as string };
}

const versionOf = async (id: string) => (await tdb.db('cases').where({ id }).first()).template_version_id;

/** The migrateTemplate updates a case workflow accepted, with their ids. */
async function acceptedUpdates(caseId: string) {
  const history = await app.temporal.client.workflow.getHandle(`case-${caseId}`).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!)
    .map((u) => [u.input!.name, u.meta!.updateId]);
}

describe('bulk migration as a workflow', () => {
  it('moves two running cases in one run, across a worker restart after the first, each once; progress reaches done', async () => {
    const { cases, toVersionId } = await twoCasesToMove('dd-bulk');
    expect((await lawyer.post('/api/v1/process-templates/dd-bulk/migrate', { toVersion: 2, caseIds: cases })).status).toBe(403);
    const stranger = randomUUID();
    gate.holdAfter(1);
    const started = await partner.post('/api/v1/process-templates/dd-bulk/migrate', { toVersion: 2, caseIds: [...cases, stranger] });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ id: expect.any(String), total: 3 });
    const progressUrl = `/api/v1/process-templates/dd-bulk/migrations/${started.body.id}`;

    // The first case has moved, the second is in flight at the gate: now the worker goes away.
    const half = await eventually(async () => {
      const p = (await partner.get(progressUrl)).body;
      return p.migrated?.length === 1 && gate.held.length === 1 && p;
    }, 30_000);
    expect(half).toMatchObject({ status: 'running', done: 2, migrated: [cases[0]] });
    expect(await versionOf(cases[0])).toBe(toVersionId);
    expect(await versionOf(cases[1])).not.toBe(toVersionId);
    await worker.stop();
    expect(gate.held).toEqual([]);
    gate.release();
    worker = await startGatedWorker();

    const done = await eventually(async () => {
      const p = (await partner.get(progressUrl)).body;
      return p.status === 'completed' && p;
    }, 30_000);
    expect(done).toEqual({
      id: started.body.id,
      status: 'completed',
      total: 3,
      done: 3,
      migrated: cases,
      failed: [{ caseId: stranger, error: 'not a running case of another version of this template' }],
    });
    // The new worker took the run on from its history: the second case was tried a second time, by it.
    const run = await app.temporal.client.workflow.getHandle(migrationWorkflowId(started.body.id)).fetchHistory();
    const attempts = (run.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => e.activityTaskStartedEventAttributes!.attempt);
    expect(attempts).toEqual([1, 2]);
    for (const id of cases) {
      expect(await versionOf(id)).toBe(toVersionId);
      expect(await acceptedUpdates(id)).toEqual([['migrateTemplate', `${migrationWorkflowId(started.body.id)}:${id}`]]);
    }
    expect((await partner.get('/api/v1/process-templates/dd-bulk/migration?toVersion=2')).body.items).toEqual([]);
    const audit = await tdb.db('audit_log').where({ entity: 'process-template', entity_id: 'dd-bulk' }).orderBy('id', 'desc').first();
    expect(audit.details).toMatchObject({ toVersion: 2, cases: 3, migration: started.body.id });

    expect((await partner.get(`/api/v1/process-templates/due-diligence/migrations/${started.body.id}`)).status).toBe(404);
    expect((await partner.get(`/api/v1/process-templates/dd-bulk/migrations/${randomUUID()}`)).status).toBe(404);
    expect((await lawyer.get(progressUrl)).status).toBe(403);
  });

  it('a run terminated mid-way is reported finished, as failed with why, with what it had done', async () => {
    const { cases, toVersionId } = await twoCasesToMove('dd-stop');
    gate.holdAfter(1);
    const started = await partner.post('/api/v1/process-templates/dd-stop/migrate', { toVersion: 2, caseIds: cases });
    expect(started.status).toBe(202);
    const progressUrl = `/api/v1/process-templates/dd-stop/migrations/${started.body.id}`;
    await eventually(async () => (await partner.get(progressUrl)).body.migrated?.length === 1 && gate.held.length === 1, 30_000);

    await app.temporal.client.workflow.getHandle(migrationWorkflowId(started.body.id)).terminate('stopped by an operator');
    gate.abort('the run was terminated');
    const p = await partner.get(progressUrl);
    expect(p.status).toBe(200);
    expect(p.body).toEqual({
      id: started.body.id,
      status: 'failed',
      error: 'the run was terminated: stopped by an operator',
      total: 2,
      done: 1,
      migrated: [cases[0]],
      failed: [],
    });
    expect(await versionOf(cases[1])).not.toBe(toVersionId);
    // What the run did not reach is offered again.
    const preview = (await partner.get('/api/v1/process-templates/dd-stop/migration?toVersion=2')).body;
    expect(preview.items.map((i: { caseId: string }) => i.caseId)).toEqual([cases[1]]);
  });

  it('a start the engine refuses (503) is audited with the template and what was asked', async () => {
    await copyOfDueDiligence('dd-down');
    const nobody = createTemporalHandle({ address: `127.0.0.1:${await freePort()}`, namespace: 'default', taskQueue: queue });
    const down = await startTestApp(tdb.db, { temporal: nobody });
    try {
      const asker = new HttpClient(down.url);
      await asker.login('partner@demo.lexflow');
      const r = await asker.post('/api/v1/process-templates/dd-down/migrate', { toVersion: 1, caseIds: [randomUUID(), randomUUID()] });
      expect(r.status).toBe(503);
      const row = await eventually(() =>
        tdb.db('audit_log').where({ action: 'POST /api/v1/process-templates/:key/migrate', status: 503 }).orderBy('id', 'desc').first(),
      );
      expect(row).toMatchObject({ entity: 'process-template', entity_id: 'dd-down', details: { toVersion: 1, cases: 2 } });
    } finally {
      await down.close();
    }
  });
});
