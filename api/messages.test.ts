import { grantMembership } from '../db/repositories/portal-memberships';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { HttpClient } from '../test/helpers/app';

/**
 * Secure messages (issue 17, point 5) over HTTP on a real PostgreSQL and Temporal: a thread per case
 * between the client's portal user and the case team, read receipts both ways, a notice and a mail
 * with no content to the other side, every message in the case's communication log; a portal user
 * of another client and a lawyer off the case find no such case (404).
 */
let stack: ApiStack;
let caseId: string;
let clientId: string;
let other: HttpClient;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

beforeAll(async () => {
  stack = await startApiStack('messages', { historical: 0 });
  ({ caseId, clientId } = await openRestingCase(stack, { client: '刘洋', title: '民间借贷纠纷' }));
  const db = stack.tdb.db;
  await grantMembership(db, { userId: stack.ids.client, clientId, grantedBy: stack.ids['li.ming'] });
  // A portal user of another client.
  const otherClient = (await stack.as['li.ming'].post('/api/v1/clients', { kind: 'person', name: '王芳' })).body;
  const hash = (await db('users').where({ id: stack.ids.client }).first('password_hash')).password_hash;
  const [u] = await db('users')
    .insert({ email: 'wang.fang@example.cn', name: '王芳', role: 'client', password_hash: hash })
    .returning('id');
  await grantMembership(db, { userId: u.id, clientId: otherClient.id, grantedBy: stack.ids['li.ming'] });
  other = new HttpClient(stack.app.url);
  expect((await other.login('wang.fang@example.cn')).status).toBe(200);
}, 120_000);
afterAll(async () => stack?.close());

const portal = () => stack.as.client;
const lawyer = () => stack.as['li.ming'];

describe('the thread', () => {
  it('carries messages both ways, oldest first, with read receipts on each side', async () => {
    const sent = await portal().post(`/api/v1/portal/cases/${caseId}/messages`, {
      body: '律师您好，对方昨天又打电话催我还款，我该怎么回复？',
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ fromClient: true, readByTeamAt: null, author: { id: stack.ids.client } });

    const seen = await lawyer().get(`/api/v1/cases/${caseId}/messages`);
    expect(seen.status).toBe(200);
    expect(seen.body.unread).toBe(1);
    expect(seen.body.items.map((m: any) => m.body)).toEqual(['律师您好，对方昨天又打电话催我还款，我该怎么回复？']);
    expect((await lawyer().post(`/api/v1/cases/${caseId}/messages/read`)).body).toEqual({ marked: 1 });
    expect((await lawyer().post(`/api/v1/cases/${caseId}/messages/read`)).body).toEqual({ marked: 0 });

    // The client sees that the team read it.
    const mine = await portal().get(`/api/v1/portal/cases/${caseId}/messages`);
    expect(mine.body.items[0].readByTeamAt).not.toBeNull();

    const reply = await lawyer().post(`/api/v1/cases/${caseId}/messages`, { body: '请不要口头承认任何金额，所有沟通保留录音。' });
    expect(reply.status).toBe(201);
    expect(reply.body.readByClientAt).toBeNull();
    const thread = await portal().get(`/api/v1/portal/cases/${caseId}/messages`);
    expect(thread.body.items.map((m: any) => m.fromClient)).toEqual([true, false]);
    expect(thread.body.unread).toBe(1);
    expect((await portal().post(`/api/v1/portal/cases/${caseId}/messages/read`)).body).toEqual({ marked: 1 });
    const after = await lawyer().get(`/api/v1/cases/${caseId}/messages`);
    expect(after.body.items[1].readByClientAt).not.toBeNull();
  });

  it('tells the other side by a notice and a mail that carries no content', async () => {
    const db = stack.tdb.db;
    await lawyer().post(`/api/v1/cases/${caseId}/messages`, { body: '开庭时间定在十二月十五日上午九点。' });
    const toClient = await db('email_outbox').where({ to_user_id: stack.ids.client }).orderBy('created_at');
    expect(toClient.length).toBeGreaterThanOrEqual(2);
    for (const m of toClient) {
      expect(m.subject).toBe('您有一条新消息');
      expect(m.text_body).toContain(`/portal/cases/${caseId}`);
      expect(m.text_body).not.toMatch(/开庭|录音|民间借贷|十二月/);
    }
    const toTeam = await db('email_outbox').where({ to_user_id: stack.ids['li.ming'] }).where('key', 'like', 'message:%');
    expect(toTeam).toHaveLength(1);
    expect(toTeam[0].text_body).not.toContain('催我还款');
    const notices = await db('notifications').where({ user_id: stack.ids.client, kind: 'newMessage' });
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(notices.every((n) => !n.body.includes('开庭'))).toBe(true);
  });

  it('keeps every message in the case\u2019s communication log (kind portal), found by its words', async () => {
    const log = await lawyer().get(`/api/v1/cases/${caseId}/communications?kind=portal`);
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(3);
    expect(log.body.items.every((c: any) => c.kind === 'portal' && c.caseMessageId)).toBe(true);
    const found = await lawyer().get(`/api/v1/cases/${caseId}/communications?q=${encodeURIComponent('录音')}`);
    expect(found.body.items.map((c: any) => c.summary)).toEqual(['请不要口头承认任何金额，所有沟通保留录音。']);
    // A message's record stays on the record.
    const id = log.body.items[0].id;
    expect((await lawyer().del(`/api/v1/clients/${clientId}/communications/${id}`)).status).toBe(409);
  });

  it('shares a document the lawyer attaches; the client attaches only files they uploaded or may see', async () => {
    const up = await lawyer().upload(`/api/v1/cases/${caseId}/documents`, [{ name: '起诉状.pdf', data: pdf('起诉状') }], {
      category: 'pleadings',
    });
    const docId = up.body.items[0].id;
    expect(up.body.items[0].clientVisible).toBe(false);
    const internal = await lawyer().upload(`/api/v1/cases/${caseId}/documents`, [{ name: '内部备忘.pdf', data: pdf('备忘') }]);
    const internalId = internal.body.items[0].id;
    // The client cannot attach the team's file it does not see.
    const refused = await portal().post(`/api/v1/portal/cases/${caseId}/messages`, { body: '附件', documentIds: [internalId] });
    expect(refused.status).toBe(400);
    // Nor one that is shared but confidential (the lead's flag wins).
    expect((await lawyer().patch(`/api/v1/documents/${internalId}`, { clientVisible: true, confidential: true })).status).toBe(200);
    expect((await portal().post(`/api/v1/portal/cases/${caseId}/messages`, { body: '附件', documentIds: [internalId] })).status).toBe(400);
    const m = await lawyer().post(`/api/v1/cases/${caseId}/messages`, { body: '起诉状请您过目。', documentIds: [docId] });
    expect(m.status).toBe(201);
    expect(m.body.attachments).toEqual([expect.objectContaining({ id: docId, name: '起诉状.pdf', mime: 'application/pdf' })]);
    expect((await lawyer().get(`/api/v1/documents/${docId}`)).body.clientVisible).toBe(true);
    // A document of another case is not an attachment.
    const { caseId: otherCase } = await openRestingCase(stack, { client: '别的客户', title: '合同纠纷' });
    const foreign = await lawyer().upload(`/api/v1/cases/${otherCase}/documents`, [{ name: '别的.pdf', data: pdf('别的') }]);
    expect((await lawyer().post(`/api/v1/cases/${caseId}/messages`, { body: 'x', documentIds: [foreign.body.items[0].id] })).status).toBe(
      400,
    );
  });

  it('lets the client attach a file they send: it awaits the lawyer\u2019s review in 证据材料', async () => {
    const up = await portal().upload(`/api/v1/portal/cases/${caseId}/message-files`, [{ name: '转账记录.pdf', data: pdf('转账') }]);
    expect(up.status).toBe(201);
    const [fileId] = up.body.documentIds;
    const m = await portal().post(`/api/v1/portal/cases/${caseId}/messages`, { body: '转账记录见附件。', documentIds: [fileId] });
    expect(m.status).toBe(201);
    expect(m.body.attachments.map((a: any) => a.name)).toEqual(['转账记录.pdf']);
    const doc = (await lawyer().get(`/api/v1/documents/${fileId}`)).body;
    expect(doc).toMatchObject({ category: 'evidence', source: 'portal', clientVisible: false });
    const pending = (await lawyer().get(`/api/v1/cases/${caseId}/document-requests`)).body.pending;
    expect(pending.map((p: any) => [p.id, p.requestId])).toEqual([[fileId, null]]);
    expect((await other.upload(`/api/v1/portal/cases/${caseId}/message-files`, [{ name: 'x.pdf', data: pdf('x') }])).status).toBe(404);
  });

  it('refuses an empty or oversized message as a 400, and an idempotent retry sends once', async () => {
    expect((await lawyer().post(`/api/v1/cases/${caseId}/messages`, { body: '   ' })).status).toBe(400);
    expect((await lawyer().post(`/api/v1/cases/${caseId}/messages`, { body: '字'.repeat(10_001) })).status).toBe(400);
    expect((await portal().post(`/api/v1/portal/cases/${caseId}/messages`, { body: 'a\u0000b' })).status).toBe(400);
    const key = { headers: { 'idempotency-key': 'msg-retry-1' } };
    const a = await portal().request('POST', `/api/v1/portal/cases/${caseId}/messages`, { json: { body: '收到，谢谢。' }, ...key });
    const b = await portal().request('POST', `/api/v1/portal/cases/${caseId}/messages`, { json: { body: '收到，谢谢。' }, ...key });
    expect(a.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(await stack.tdb.db('case_messages').where({ body: '收到，谢谢。' }).count({ n: '*' })).toEqual([{ n: '1' }]);
  });
});

describe('who may', () => {
  it('gives a portal user of another client, and a lawyer off the case, 404 — and staff no portal route', async () => {
    for (const r of [
      await other.get(`/api/v1/portal/cases/${caseId}/messages`),
      await other.post(`/api/v1/portal/cases/${caseId}/messages`, { body: '你好' }),
      await other.post(`/api/v1/portal/cases/${caseId}/messages/read`),
      await stack.as['zhang.ting'].get(`/api/v1/cases/${caseId}/messages`),
      await stack.as['zhang.ting'].post(`/api/v1/cases/${caseId}/messages`, { body: '你好' }),
    ])
      expect(r.status).toBe(404);
    expect((await portal().get(`/api/v1/cases/${caseId}/messages`)).status).toBe(403);
    expect((await lawyer().get(`/api/v1/portal/cases/${caseId}/messages`)).status).toBe(403);
    expect((await stack.as.partner.get(`/api/v1/cases/${caseId}/messages`)).status).toBe(200);
  });
});
