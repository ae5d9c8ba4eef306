import pino from 'pino';
import { reconcileOpenings } from './cases';
import { createEngine } from './engine';
import { openRestingCase, startRelayedApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { HttpResult } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';
import type { TcpRelay } from '../test/helpers/tcp-relay';

/**
 * Issue 14, item 6: while Temporal is down the API says so quickly — every engine call answers
 * 503 problem+json with Retry-After within 3 s (not after the SDK's ~18 s of retries), /health
 * says 503, and the API is back by itself when Temporal returns. The outage is real: the app
 * reaches the test's Temporal server through a TCP relay that the test cuts (open connections
 * reset, new ones closed) and restores; the worker keeps its own direct connection.
 */

let stack: ApiStack;
let link: TcpRelay;
let caseId: string;

beforeAll(async () => {
  ({ stack, link } = await startRelayedApiStack('outage', { historical: 0 }));
  ({ caseId } = await openRestingCase(stack, { client: '停机测试有限公司', title: '引擎停机' }));
}, 60_000);
afterAll(async () => {
  link?.restore();
  await stack?.close();
  await link?.close();
});

async function timed(call: () => Promise<HttpResult>) {
  const started = Date.now();
  const r = await call();
  const ms = Date.now() - started;
  return { status: r.status, type: r.contentType, retryAfter: r.headers.get('retry-after'), body: r.body, ms, within3s: ms < 3_000 };
}

test('503 with Retry-After within 3 s while Temporal is down; the same request works once it is back', async () => {
  const lawyer = stack.as['li.ming'];
  const progress = () => lawyer.get(`/api/v1/cases/${caseId}/progress`);
  const task = (await progress()).body.openTasks[0];
  expect(task).toBeDefined();
  const complete = () =>
    lawyer.request('POST', `/api/v1/cases/${caseId}/tasks/${task.taskId}/complete`, {
      json: { outputs: { filedAt: '2026-11-25' } },
      headers: { 'idempotency-key': 'outage-complete-1' },
    });

  link.cut();
  const during = [await timed(progress), await timed(complete), await timed(progress), await timed(complete)];
  // One expectation over all four, so a failure shows every status, header and time together.
  expect(during).toEqual(
    during.map(() =>
      expect.objectContaining({
        status: 503,
        type: expect.stringContaining('problem+json'),
        retryAfter: expect.stringMatching(/^[1-9]\d*$/),
        body: expect.objectContaining({ code: 'service-unavailable' }),
        within3s: true,
      }),
    ),
  );
  const health = await timed(() => lawyer.get('/api/v1/health'));
  expect(health).toMatchObject({ status: 503, body: { temporal: 'error', db: 'ok' }, within3s: true });

  link.restore();
  await eventually(async () => (await progress()).status === 200, 20_000);
  const done = await complete();
  expect(done.status).toBe(200);
  // The completion refused during the outage was never applied: the retry with its key completes the task once.
  const rows = await stack.tdb.db('tasks').where({ id: task.taskId }).select('status');
  expect(rows).toEqual([{ status: 'done' }]);
  expect((await lawyer.get('/api/v1/health')).status).toBe(200);
}, 120_000);

test('a case opened while Temporal is down is saved (503 case-start-pending) and starts when it is back — by the retry, once', async () => {
  const lawyer = stack.as['li.ming'];
  const client = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: '停机立案有限公司' })).body;
  const body = {
    title: '停机时立案',
    clientId: client.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    leadLawyerId: stack.ids['li.ming'],
  };
  const open = () => lawyer.request('POST', '/api/v1/cases', { json: body, headers: { 'idempotency-key': 'outage-open-1' } });

  link.cut();
  const during = await timed(open);
  expect(during).toMatchObject({ status: 503, body: { code: 'case-start-pending' }, within3s: true });
  expect(during.retryAfter).toMatch(/^[1-9]\d*$/);
  const saved = await stack.tdb.db('cases').where({ title: '停机时立案' }).select('id');
  expect(saved).toHaveLength(1);
  expect(await stack.tdb.db('case_openings').where({ case_id: saved[0].id })).toHaveLength(1);
  // Its progress says the same while the engine is away.
  expect((await lawyer.get(`/api/v1/cases/${saved[0].id}/progress`)).body.code).toBe('case-start-pending');

  link.restore();
  const after = await eventually(async () => {
    const r = await open();
    return r.status === 201 && r;
  }, 20_000);
  expect(after.body.id).toBe(saved[0].id);
  expect(await stack.tdb.db('cases').where({ title: '停机时立案' })).toHaveLength(1);
  expect(await stack.tdb.db('case_openings').where({ case_id: saved[0].id })).toHaveLength(0);
  await eventually(async () => (await lawyer.get(`/api/v1/cases/${saved[0].id}/progress`)).body.openTasks?.length > 0);
}, 120_000);

test('a case reopened while Temporal is down is reopened (503 case-start-pending) and the reconciler resumes it once Temporal is back', async () => {
  const partner = stack.as.partner;
  const { caseId: closed } = await openRestingCase(stack, { client: '停机重开有限公司', title: '停机时重开' });
  expect((await stack.as['li.ming'].post(`/api/v1/cases/${closed}/close`, { outcome: '调解结案' })).status).toBe(200);
  await eventually(async () => (await stack.tdb.db('cases').where({ id: closed }).first()).status === 'closed');

  link.cut();
  const during = await timed(() => partner.post(`/api/v1/cases/${closed}/reopen`, { reason: '对方申请再审', stageId: 'Stage_Trial' }));
  expect(during).toMatchObject({ status: 503, body: { code: 'case-start-pending' }, within3s: true });
  expect((await stack.tdb.db('cases').where({ id: closed }).first()).status).toBe('active');
  expect(await stack.tdb.db('case_openings').where({ case_id: closed, kind: 'reopen' })).toHaveLength(1);

  link.restore();
  await eventually(async () => (await stack.as.admin.get('/api/v1/health')).status === 200, 20_000);
  const r = await reconcileOpenings(stack.tdb.db, createEngine(stack.app.temporal), pino({ level: 'silent' }), { graceMs: 0 });
  expect(r).toEqual({ started: 1, failed: 0 });
  const progress = await eventually(async () => {
    const p = (await partner.get(`/api/v1/cases/${closed}/progress`)).body;
    return p.status === 'running' && p.openTasks.length > 0 && p;
  });
  expect(progress.stages.find((s: { id: string }) => s.id === 'Stage_Trial').status).toBe('active');
}, 120_000);
