import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { migrationWorkflowId } from '../workflows/definitions';

let tdb: TestDatabase;
let app: TestApp;
let worker: TestWorker;
let queue: string;
let partner: HttpClient;
let lawyer: HttpClient;
const xml = (c: HttpClient, p: string, body: string, method = 'POST') =>
  c.request(method, p, { raw: body, contentType: 'application/xml' });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  queue = uniqueTaskQueue('migrate');
  worker = await startTestWorker(tdb.db, queue);
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(queue) });
  partner = new HttpClient(app.url);
  await partner.login('partner@demo.lexflow');
  lawyer = new HttpClient(app.url);
  await lawyer.login('li.ming@demo.lexflow');
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await tdb?.drop();
});

async function openCase(title: string): Promise<string> {
  const client = await tdb.db('clients').first();
  const me = (await lawyer.get('/api/v1/auth/me')).body;
  const opened = await lawyer.post('/api/v1/cases', {
    title,
    clientId: client.id,
    practiceArea: 'non_litigation',
    caseType: 'compliance_review',
    leadLawyerId: me.id,
  });
  expect(opened.status).toBe(201);
  await eventually(async () => (await lawyer.get(`/api/v1/cases/${opened.body.id}/progress`)).body.openTasks.length);
  return opened.body.id;
}

describe('bulk migration as a workflow', () => {
  it('moves two running cases in one run, across a worker restart, each once; progress reaches done', async () => {
    await partner.post('/api/v1/process-templates', { key: 'dd-bulk', name: '尽调', copyFrom: 'due-diligence' });
    const detail = (await partner.get('/api/v1/process-templates/dd-bulk')).body;
    await xml(partner, '/api/v1/process-templates/dd-bulk/draft', detail.draftXml, 'PUT');
    await partner.post('/api/v1/process-templates/dd-bulk/publish', { changeNote: 'v1' });
    await partner.patch('/api/v1/process-templates/dd-bulk', { practiceArea: 'non_litigation', caseTypes: ['compliance_review'] });
    const cases = [await openCase('合规审查一'), await openCase('合规审查二')];
    await xml(
      partner,
      '/api/v1/process-templates/dd-bulk/draft',
      detail.draftXml.replace('name="签署委托协议与保密协议"', 'name="签署委托协议、保密协议与利冲声明"'),
      'PUT',
    );
    expect((await partner.post('/api/v1/process-templates/dd-bulk/publish', { changeNote: 'v2' })).body.version).toBe(2);
    const preview = (await partner.get('/api/v1/process-templates/dd-bulk/migration?toVersion=2')).body;
    expect(preview.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([...cases].sort());

    // No worker while the run is started: it waits in the engine and goes on once a worker polls again.
    await worker.stop();
    const stranger = randomUUID();
    expect((await lawyer.post('/api/v1/process-templates/dd-bulk/migrate', { toVersion: 2, caseIds: cases })).status).toBe(403);
    const started = await partner.post('/api/v1/process-templates/dd-bulk/migrate', { toVersion: 2, caseIds: [...cases, stranger] });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ id: expect.any(String), total: 3 });
    worker = await startTestWorker(tdb.db, queue);

    const progressUrl = `/api/v1/process-templates/dd-bulk/migrations/${started.body.id}`;
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
    for (const id of cases) {
      expect((await tdb.db('cases').where({ id }).first()).template_version_id).toBe(preview.toVersionId);
      const history = await app.temporal.client.workflow.getHandle(`case-${id}`).fetchHistory();
      const updates = (history.events ?? [])
        .filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
        .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!);
      expect(updates.map((u) => [u.input!.name, u.meta!.updateId])).toEqual([
        ['migrateTemplate', `${migrationWorkflowId(started.body.id)}:${id}`],
      ]);
    }
    expect((await partner.get('/api/v1/process-templates/dd-bulk/migration?toVersion=2')).body.items).toEqual([]);
    const audit = await tdb.db('audit_log').where({ entity: 'process-template', entity_id: 'dd-bulk' }).orderBy('id', 'desc').first();
    expect(audit.details).toMatchObject({ toVersion: 2, cases: 3, migration: started.body.id });

    expect((await partner.get(`/api/v1/process-templates/due-diligence/migrations/${started.body.id}`)).status).toBe(404);
    expect((await partner.get(`/api/v1/process-templates/dd-bulk/migrations/${randomUUID()}`)).status).toBe(404);
    expect((await lawyer.get(progressUrl)).status).toBe(403);
  });
});
