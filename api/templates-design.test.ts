import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { shippedTemplatesDir } from '../cli/runtime/paths';

let tdb: TestDatabase;
let app: TestApp;
let worker: TestWorker;
let partner: HttpClient;
let lawyer: HttpClient;
const civilXml = fs.readFileSync(path.join(shippedTemplatesDir(), 'civil-first-instance.bpmn'), 'utf8');
const xml = (c: HttpClient, p: string, body: string, method = 'POST') =>
  c.request(method, p, { raw: body, contentType: 'application/xml' });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('design');
  worker = await startTestWorker(tdb.db, q);
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(q) });
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

describe('case-type matching', () => {
  it('refuses a combination another template serves, and accepts it once that one is archived', async () => {
    await partner.post('/api/v1/process-templates', { key: 'civil-house', name: '本所民事流程', copyFrom: 'civil-first-instance' });
    const taken = await partner.patch('/api/v1/process-templates/civil-house', {
      practiceArea: 'civil',
      caseTypes: ['first_instance', 'small_claims'],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'caseTypes.first_instance', message: 'served by civil-first-instance' }]);
    const free = await partner.patch('/api/v1/process-templates/civil-house', { practiceArea: 'civil', caseTypes: ['small_claims'] });
    expect(free.body).toMatchObject({ practiceArea: 'civil', caseTypes: ['small_claims'] });
    expect((await partner.post('/api/v1/process-templates/civil-first-instance/archive')).status).toBe(204);
    expect(
      (await partner.patch('/api/v1/process-templates/civil-house', { practiceArea: 'civil', caseTypes: ['first_instance'] })).status,
    ).toBe(200);
    expect((await lawyer.patch('/api/v1/process-templates/civil-house', { practiceArea: null, caseTypes: [] })).status).toBe(403);
  });
});

describe('versions', () => {
  it('diffs two versions by element and migrates running cases after a preview', async () => {
    await partner.post('/api/v1/process-templates', { key: 'dd-house', name: '尽调', copyFrom: 'due-diligence' });
    const detail = (await partner.get('/api/v1/process-templates/dd-house')).body;
    await xml(partner, '/api/v1/process-templates/dd-house/draft', detail.draftXml, 'PUT');
    await partner.post('/api/v1/process-templates/dd-house/publish', { changeNote: 'v1' });
    await partner.patch('/api/v1/process-templates/dd-house', { practiceArea: 'non_litigation', caseTypes: ['compliance_review'] });

    const client = await tdb.db('clients').first();
    const me = (await lawyer.get('/api/v1/auth/me')).body;
    const opened = await lawyer.post('/api/v1/cases', {
      title: '合规审查',
      clientId: client.id,
      practiceArea: 'non_litigation',
      caseType: 'compliance_review',
      leadLawyerId: me.id,
    });
    expect(opened.status).toBe(201);
    await eventually(async () => (await lawyer.get(`/api/v1/cases/${opened.body.id}/progress`)).body.openTasks.length);
    const before = (await lawyer.get('/api/v1/process-templates')).body.items.find((t: { key: string }) => t.key === 'dd-house');
    expect(before).toMatchObject({ runningCases: 1, runningByVersion: [{ version: 1, count: 1 }] });

    const v2xml = detail.draftXml.replace('name="签署委托协议与保密协议"', 'name="签署委托协议、保密协议与利冲声明"');
    await xml(partner, '/api/v1/process-templates/dd-house/draft', v2xml, 'PUT');
    expect((await partner.post('/api/v1/process-templates/dd-house/publish', { changeNote: 'v2' })).body.version).toBe(2);
    const diff = await lawyer.get('/api/v1/process-templates/dd-house/diff?from=1&to=2');
    expect(diff.body).toMatchObject({ added: [], removed: [], changed: ['Task_Engagement'] });

    const preview = await partner.get('/api/v1/process-templates/dd-house/migration?toVersion=2');
    expect(preview.body.items).toEqual([
      expect.objectContaining({ caseId: opened.body.id, fromVersion: 1, stageId: 'Stage_Setup', missing: [] }),
    ]);
    expect((await lawyer.get('/api/v1/process-templates/dd-house/migration?toVersion=2')).status).toBe(403);
    const moved = await partner.post('/api/v1/process-templates/dd-house/migrate', { toVersion: 2, caseIds: [opened.body.id] });
    expect(moved.status).toBe(202);
    const run = await eventually(async () => {
      const p = (await partner.get(`/api/v1/process-templates/dd-house/migrations/${moved.body.id}`)).body;
      return p.status === 'completed' && p;
    });
    expect(run).toEqual({ id: moved.body.id, status: 'completed', total: 1, done: 1, migrated: [opened.body.id], failed: [] });
    expect((await tdb.db('cases').where({ id: opened.body.id }).first()).template_version_id).toBe(preview.body.toVersionId);
    expect((await partner.get('/api/v1/process-templates/dd-house/migration?toVersion=2')).body.items).toEqual([]);
    const listed = (await lawyer.get('/api/v1/process-templates')).body.items.find((t: { key: string }) => t.key === 'dd-house');
    expect(listed).toMatchObject({ latestVersion: 2, runningCases: 1, runningByVersion: [{ version: 2, count: 1 }] });
  });
});

describe('simulation', () => {
  it('runs the civil template from a start date: holiday-aware due dates, reminders, decisions', async () => {
    const r = await lawyer.post('/api/v1/process-templates/simulate', {
      xml: civilXml,
      startDate: '2026-09-14',
      answers: { settled: false, appeal: true, needsEnforcement: false },
      eventDays: { judgmentServed: 10 },
    });
    expect(r.status).toBe(200);
    expect(r.body.finished).toBe(true);
    expect(r.body.questions.map((q: { name: string }) => q.name)).toEqual(['appeal', 'needsEnforcement', 'settled']);
    const kinds = new Set(r.body.timeline.map((e: { kind: string }) => e.kind));
    for (const k of ['stageEntered', 'stageLeft', 'taskOpened', 'taskDone', 'reminder', 'caseEvent', 'billing', 'end'])
      expect(kinds).toContain(k);
    // A percentage is shown as such; a fixed amount travels as integer fen for the UI to format.
    expect(r.body.timeline.find((e: { node: string }) => e.node === 'Bill_Filing')).toMatchObject({ kind: 'billing', detail: '30%' });
    const fixed = await lawyer.post('/api/v1/process-templates/simulate', {
      xml: civilXml.replace('lexflow:percent="30"', 'lexflow:amountFen="500000"'),
      startDate: '2026-09-14',
      answers: { settled: false, appeal: true, needsEnforcement: false },
      eventDays: { judgmentServed: 10 },
    });
    const fee = fixed.body.timeline.find((e: { node: string }) => e.node === 'Bill_Filing');
    expect(fee).toMatchObject({ kind: 'billing', amountFen: 500000 });
    expect(fee.detail).toBeUndefined();
    const opened = r.body.timeline.filter((e: { kind: string }) => e.kind === 'taskOpened');
    // 起草并提交起诉状 opened Monday 2026-09-14: P7D → 2026-09-21.
    expect(opened[0]).toMatchObject({ node: 'Task_DraftComplaint', due: { date: '2026-09-21', rolledOver: false } });
    // Escalated a day (P1D) after the deadline, the end of 2026-09-21 in Shanghai, if still open.
    expect(opened[0].due.escalatesAt).toBe('2026-09-22T16:00:00.000Z');
    const appeal = opened.find((e: { node: string }) => e.node === 'Task_FileAppeal');
    expect(appeal.due.basis).toContain('第171条');
    const stages = r.body.timeline.filter((e: { kind: string }) => e.kind === 'stageEntered').map((e: { node: string }) => e.node);
    expect(stages).toEqual(['Stage_Filing', 'Stage_Evidence', 'Stage_Trial', 'Stage_Judgment', 'Stage_Appeal']);
    const times = r.body.timeline.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('answers an invalid template with its errors', async () => {
    const r = await lawyer.post('/api/v1/process-templates/simulate', { xml: '<nope/>', startDate: '2026-09-14' });
    expect(r.body).toMatchObject({ valid: false, finished: false });
    expect(r.body.errors.length).toBeGreaterThan(0);
  });
});
