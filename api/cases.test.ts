import { civilDateAt } from '../domain/deadlines/civil-date';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, TEST_POLICY, type TestApp } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { httpWalkPort, walkToEnd } from '../test/helpers/walk';
import { activitiesRun } from '../test/helpers/history';

let tdb: TestDatabase;
let app: TestApp;
let worker: TestWorker;
let lawyer: HttpClient;
let ids: Record<string, string>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('cases');
  worker = await startTestWorker(tdb.db, q);
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(q) });
  lawyer = new HttpClient(app.url);
  await lawyer.login('li.ming@demo.lexflow');
  const users = await tdb.db('users').select('id', 'email');
  ids = Object.fromEntries(users.map((u) => [u.email.split('@')[0], u.id]));
  ids.client = (await tdb.db('clients').where({ name: '上海星河科技有限公司' }).first()).id;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await tdb?.drop();
});

const firmYearNow = () => civilDateAt(Date.now(), TEST_POLICY.firmTimezone).slice(0, 4);

async function openCase(c: HttpClient, practiceArea: string, caseType: string, extra: Record<string, unknown> = {}) {
  const r = await c.post('/api/v1/cases', {
    title: '测试案件',
    clientId: ids.client,
    practiceArea,
    caseType,
    leadLawyerId: ids['li.ming'],
    team: [
      { userId: ids.partner, role: 'partner' },
      { userId: ids.assistant, role: 'assistant' },
    ],
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body;
}

const SHIPPED: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
  ['civil', 'first_instance', {}, { settled: false, appeal: false, needsEnforcement: true }],
  ['civil', 'second_instance', { variables: { clientIsAppellant: true, firstJudgmentServedAt: '2026-11-20' } }, {}],
  ['criminal', 'defence', { variables: { arrestedAt: '2026-11-01' } }, { appeal: true }],
  ['administrative', 'first_instance', { variables: { actKnownAt: '2026-10-15' } }, { appeal: false }],
  ['arbitration', 'commercial', {}, { setAside: false, needsEnforcement: true }],
  ['non_litigation', 'due_diligence', {}, { approved: true }],
];

describe('walking every shipped template through the API alone', () => {
  it.each(SHIPPED)(
    '%s / %s: first stage to closure, everything visible in the database and in the history',
    async (area, type, extra, decisions) => {
      // The number carries the year the case opened in the firm's time zone (read on both sides of the
      // request, so a run across New Year's midnight in Beijing still knows which years are right).
      const yearBefore = firmYearNow();
      const c = await openCase(lawyer, area, type, extra);
      const years = `(${yearBefore}|${firmYearNow()})`;
      expect(c.number).toMatch(
        new RegExp(
          `^${years}${{ civil: '民', criminal: '刑', administrative: '行', arbitration: '仲', non_litigation: '非' }[area]}\\d{4}$`,
        ),
      );
      const done = await walkToEnd(httpWalkPort(lawyer, c.id), decisions);
      const progress = (await lawyer.get(`/api/v1/cases/${c.id}/progress`)).body;
      expect(progress).toMatchObject({ status: 'completed', percentComplete: 100, openTasks: [] });

      const row = await eventually(async () => {
        const r = await tdb.db('cases').where({ id: c.id }).first();
        return r.status === 'closed' && r;
      });
      expect(row.closed_at).not.toBeNull();
      const tasks = await tdb.db('tasks').where({ case_id: c.id });
      expect(
        tasks
          .filter((t) => t.status === 'done')
          .map((t) => t.node_id)
          .sort(),
      ).toEqual([...done].sort());
      expect(tasks.every((t) => t.status !== 'open')).toBe(true);
      const stages = await tdb.db('stage_history').where({ case_id: c.id }).orderBy('id');
      expect(stages.length).toBeGreaterThanOrEqual(3);
      expect(stages.every((s) => s.exited_at !== null)).toBe(true);
      expect((await tdb.db('billing_events').where({ case_id: c.id })).length).toBeGreaterThan(0);
      expect((await tdb.db('notifications').where({ case_id: c.id, kind: 'taskAssigned' })).length).toBe(tasks.length);

      // The history on the Temporal server tells the same story: one openTask per task row, one update per completion.
      const history = await app.temporal.client.workflow.getHandle(c.workflowId).fetchHistory();
      const events = history.events ?? [];
      const activities = activitiesRun(history);
      expect(activities.filter((a) => a === 'openTask')).toHaveLength(tasks.length);
      expect(activities.filter((a) => a === 'completeTaskRow')).toHaveLength(done.length);
      expect(activities.filter((a) => a === 'recordStageEntry')).toHaveLength(stages.length);
      const updates = events
        .filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
        .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.name);
      expect(updates.filter((u) => u === 'completeTask')).toHaveLength(done.length);
      expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    },
  );
});

describe('case commands', () => {
  it('refuses a task without its required outputs with 422, names the output, and changes nothing', async () => {
    const c = await openCase(lawyer, 'civil', 'first_instance');
    const first = await eventually(async () => (await lawyer.get(`/api/v1/cases/${c.id}/progress`)).body.openTasks[0]);
    expect(first.nodeId).toBe('Task_DraftComplaint');
    const r = await lawyer.post(`/api/v1/cases/${c.id}/tasks/${first.taskId}/complete`, { outputs: {} });
    expect(r.status).toBe(422);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.errors).toEqual([{ path: 'outputs.filedAt', message: 'required' }]);
    const bad = await lawyer.post(`/api/v1/cases/${c.id}/tasks/${first.taskId}/complete`, { outputs: { filedAt: '2026-13-01' } });
    expect(bad.status).toBe(422);
    expect((await tdb.db('tasks').where({ id: first.taskId }).first()).status).toBe('open');

    const ok = await lawyer.post(`/api/v1/cases/${c.id}/tasks/${first.taskId}/complete`, { outputs: { filedAt: '2026-11-25' } });
    expect(ok.status).toBe(200);
    expect(ok.body.openTasks.map((t: { nodeId: string }) => t.nodeId)).toEqual(['Task_PayCourtFee']);
    const again = await lawyer.post(`/api/v1/cases/${c.id}/tasks/${first.taskId}/complete`, { outputs: { filedAt: '2026-11-25' } });
    expect(again.status).toBe(409);
  });

  it('the same Idempotency-Key applies a completion once', async () => {
    const c = await openCase(lawyer, 'non_litigation', 'due_diligence');
    const first = await eventually(async () => (await lawyer.get(`/api/v1/cases/${c.id}/progress`)).body.openTasks[0]);
    const send = () =>
      lawyer.request('POST', `/api/v1/cases/${c.id}/tasks/${first.taskId}/complete`, {
        json: { outputs: {} },
        headers: { 'idempotency-key': 'complete-once-1234' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const history = await app.temporal.client.workflow.getHandle(c.workflowId).fetchHistory();
    expect(activitiesRun(history).filter((a) => a === 'completeTaskRow')).toHaveLength(1);
  });

  it('advance with a reason skips the stage; close cancels what is left; a closed case refuses updates with 409', async () => {
    const c = await openCase(lawyer, 'civil', 'first_instance');
    await eventually(async () => (await lawyer.get(`/api/v1/cases/${c.id}/progress`)).body.openTasks.length);
    expect((await lawyer.post(`/api/v1/cases/${c.id}/advance`, { reason: '' })).status).toBe(400);
    const adv = await lawyer.post(`/api/v1/cases/${c.id}/advance`, { reason: '法院已当场立案' });
    expect(adv.status).toBe(200);
    expect(adv.body.openTasks.map((t: { nodeId: string }) => t.nodeId)).toEqual(['Task_EvidenceNotice']);
    const jump = await lawyer.post(`/api/v1/cases/${c.id}/advance`, { reason: 'x', toStageId: 'Nope' });
    expect(jump.status).toBe(422);
    const close = await lawyer.post(`/api/v1/cases/${c.id}/close`, { outcome: '撤诉', reason: '双方庭外和解' });
    expect(close.body).toEqual({ status: 'closed', openTasks: [] });
    expect(await tdb.db('tasks').where({ case_id: c.id, status: 'open' })).toEqual([]);
    expect(await tdb.db('cases').where({ id: c.id }).first()).toMatchObject({
      status: 'closed',
      outcome: '撤诉',
      close_reason: '双方庭外和解',
    });
    const late = await lawyer.post(`/api/v1/cases/${c.id}/events`, { name: 'judgmentServed', date: '2026-11-30' });
    expect(late.status).toBe(409);
    expect(late.contentType).toContain('application/problem+json');
  });

  it('records a case event that re-arms the deadline depending on it', async () => {
    const c = await openCase(lawyer, 'civil', 'first_instance');
    await walkToEnd(
      {
        ...httpWalkPort(lawyer, c.id),
        progress: async () => {
          const p = (await lawyer.get(`/api/v1/cases/${c.id}/progress`)).body;
          // Stop once the case waits for the judgment to be served.
          return p.waiting.some((w: { message?: string }) => w.message === 'judgmentServed') ? { ...p, status: 'waiting' } : p;
        },
      },
      { settled: false },
    );
    const r = await lawyer.post(`/api/v1/cases/${c.id}/events`, { name: 'judgmentServed', date: '2026-09-22' });
    expect(r.status).toBe(200);
    const report = r.body.openTasks.find((t: { nodeId: string }) => t.nodeId === 'Task_JudgmentReport');
    // Three days from 2026-09-22 is 2026-09-25, the Mid-Autumn Festival (9/25–9/27 off): due Monday 2026-09-28.
    expect(report).toMatchObject({ dueDate: '2026-09-28' });
    expect(await tdb.db('case_events').where({ case_id: c.id }).first()).toMatchObject({
      name: 'judgmentServed',
      occurred_on: '2026-09-22',
    });
  });

  it('opens cases only where a template matches, with a clear 422 otherwise', async () => {
    const r = await lawyer.post('/api/v1/cases', {
      title: 'x',
      clientId: ids.client,
      practiceArea: 'civil',
      caseType: 'retrial',
      leadLawyerId: ids['li.ming'],
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('no-template');
    const bad = await lawyer.post('/api/v1/cases', {
      title: 'x',
      clientId: ids.client,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: ids['li.ming'],
      variables: { undeclared: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'variables.undeclared', message: 'the template does not use this variable' }]);
    const notLawyer = await lawyer.post('/api/v1/cases', {
      title: 'x',
      clientId: ids.client,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: ids.finance,
    });
    expect(notLawyer.status).toBe(400);
  });

  it('keeps cases to their team: another lawyer gets 404, the partner sees all, finance cannot act', async () => {
    const c = await openCase(lawyer, 'civil', 'first_instance');
    const other = new HttpClient(app.url);
    await other.login('zhang.ting@demo.lexflow');
    expect((await other.get(`/api/v1/cases/${c.id}/progress`)).status).toBe(404);
    expect((await other.post(`/api/v1/cases/${c.id}/close`, { outcome: 'x' })).status).toBe(404);
    const partner = new HttpClient(app.url);
    await partner.login('partner@demo.lexflow');
    expect((await partner.get(`/api/v1/cases/${c.id}`)).status).toBe(200);
    const finance = new HttpClient(app.url);
    await finance.login('finance@demo.lexflow');
    expect((await finance.post(`/api/v1/cases/${c.id}/advance`, { reason: 'x' })).status).toBe(403);
    expect((await finance.post('/api/v1/cases', {})).status).toBe(403);
    expect((await lawyer.post(`/api/v1/cases/${c.id}/migrate`, {})).status).toBe(403);
  });
});
