import { randomUUID } from 'node:crypto';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { HttpClient } from '../test/helpers/app';

/**
 * Idempotency-Key (issue 14, items 2 and 3): a retried request is the same request. The answer of
 * the first is answered again and nothing is done twice; another request under the same key is
 * refused; a key that only met an error is not used up.
 */
let stack: ApiStack;
let clientId: string;

beforeAll(async () => {
  stack = await startApiStack('idempotency', { historical: 0 });
  clientId = (await stack.as['li.ming'].post('/api/v1/clients', { kind: 'organisation', name: '幂等测试有限公司' })).body.id;
}, 120_000);
afterAll(async () => stack?.close());

const keyed = (c: HttpClient, path: string, json: unknown, key: string) =>
  c.request('POST', path, { json, headers: { 'idempotency-key': key } });
const newCase = (title: string) => ({
  title,
  clientId,
  practiceArea: 'civil',
  caseType: 'first_instance',
  leadLawyerId: stack.ids['li.ming'],
});
const casesTitled = (title: string) => stack.tdb.db('cases').where({ title }).select('id');

describe('POST /cases with an Idempotency-Key', () => {
  it('a retry answers the first answer — the same case — and opens nothing more', async () => {
    const lawyer = stack.as['li.ming'];
    const key = randomUUID();
    const first = await keyed(lawyer, '/api/v1/cases', newCase('重试一次'), key);
    expect(first.status).toBe(201);
    const again = await keyed(lawyer, '/api/v1/cases', newCase('重试一次'), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await casesTitled('重试一次')).toHaveLength(1);
  });

  it('a burst of the same request (a client retrying on timeouts) opens one case, and every answer names it', async () => {
    const lawyer = stack.as['li.ming'];
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => keyed(lawyer, '/api/v1/cases', newCase('并发重试'), key)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await casesTitled('并发重试')).toHaveLength(1);
  });

  it('the same key with a different body is 422 and changes nothing', async () => {
    const lawyer = stack.as['li.ming'];
    const key = randomUUID();
    expect((await keyed(lawyer, '/api/v1/cases', newCase('原请求'), key)).status).toBe(201);
    const other = await keyed(lawyer, '/api/v1/cases', newCase('另一个请求'), key);
    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');
    expect(other.body.code).toBe('idempotency-key-reused');
    expect(await casesTitled('另一个请求')).toHaveLength(0);
    // …and on another path too.
    expect((await keyed(lawyer, '/api/v1/clients', { kind: 'person', name: '某人' }, key)).status).toBe(422);
  });

  it('keys are per user: another user’s same key is another request', async () => {
    const key = randomUUID();
    const a = await keyed(stack.as['li.ming'], '/api/v1/cases', newCase('各自的钥匙'), key);
    const b = await keyed(stack.as.partner, '/api/v1/cases', newCase('各自的钥匙'), key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('a request that failed does not use its key up; a malformed key is refused', async () => {
    const lawyer = stack.as['li.ming'];
    const key = randomUUID();
    const bad = await keyed(lawyer, '/api/v1/cases', { ...newCase('先失败'), clientId: randomUUID() }, key);
    expect(bad.status).toBe(400);
    expect((await keyed(lawyer, '/api/v1/cases', newCase('先失败'), key)).status).toBe(201);
    const malformed = await keyed(lawyer, '/api/v1/cases', newCase('坏钥匙'), 'short');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'header.Idempotency-Key' })]);
    expect(await casesTitled('坏钥匙')).toHaveLength(0);
  });
});

describe('every creating POST honours the key', () => {
  it.each([
    ['a client', 'li.ming', '/api/v1/clients', () => ({ kind: 'person', name: '幂等客户' }), 'clients', { name: '幂等客户' }],
    ['a tag', 'admin', '/api/v1/tags', () => ({ vocabulary: 'tag', name: '幂等标签' }), 'tags', { name: '幂等标签' }],
    ['a manual task', 'li.ming', '/api/v1/tasks', () => ({ caseId: caseForTasks, title: '幂等任务' }), 'tasks', { title: '幂等任务' }],
  ] as const)('%s: retried, created once, answered the same', async (_what, who, path, body, table, where) => {
    const lawyer = stack.as[who];
    const key = randomUUID();
    const first = await keyed(lawyer, path, body(), key);
    expect(first.status).toBeLessThan(300);
    const again = await keyed(lawyer, path, body(), key);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(await stack.tdb.db(table).where(where)).toHaveLength(1);
  });
});

let caseForTasks: string;
beforeAll(async () => {
  caseForTasks = (await openRestingCase(stack, { client: '任务客户', title: '任务案件' })).caseId;
});

describe('a retried task completion (item 3)', () => {
  async function openTask(caseId: string) {
    const p = (await stack.as['li.ming'].get(`/api/v1/cases/${caseId}/progress`)).body;
    return p.openTasks[0] as { taskId: string; outputs: Array<{ name: string }> };
  }

  it.each([
    ['/cases/:id/tasks/:taskId/complete', (caseId: string, taskId: string) => `/api/v1/cases/${caseId}/tasks/${taskId}/complete`],
    ['/tasks/:id/complete', (_caseId: string, taskId: string) => `/api/v1/tasks/${taskId}/complete`],
  ])('%s answers the first result again — also when the API lost that answer', async (_route, url) => {
    const lawyer = stack.as['li.ming'];
    const { caseId } = await openRestingCase(stack, { client: `完成客户 ${randomUUID().slice(0, 6)}`, title: '重试完成' });
    const task = await openTask(caseId);
    const body = { outputs: { filedAt: '2026-11-25' } };
    const key = randomUUID();
    const first = await keyed(lawyer, url(caseId, task.taskId), body, key);
    expect(first.status).toBe(200);
    const again = await keyed(lawyer, url(caseId, task.taskId), body, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // The API died after the workflow applied the completion, before it kept the answer: the key's
    // row never got its answer. The retry reaches the workflow, which answers the same update again.
    await stack.tdb.db('idempotency_keys').where({ key }).delete();
    const afterLoss = await keyed(lawyer, url(caseId, task.taskId), body, key);
    expect(afterLoss.status).toBe(200);
    if (url(caseId, task.taskId).startsWith('/api/v1/cases')) expect(afterLoss.body).toEqual(first.body);
    else expect(afterLoss.body).toMatchObject({ id: task.taskId, status: 'done' });
    expect(await stack.tdb.db('tasks').where({ case_id: caseId, status: 'done' })).toHaveLength(1);
    // A new request to complete the done task is still refused.
    const fresh = await keyed(lawyer, url(caseId, task.taskId), body, randomUUID());
    expect(fresh.status).toBe(409);
    expect((await lawyer.post(url(caseId, task.taskId), body)).status).toBe(409);
  });
});
