import { grantMembership } from '../db/repositories/portal-memberships';
import { housekeepOnce } from './housekeeping';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { HttpClient } from '../test/helpers/app';

/**
 * Document requests and client uploads (issue 17, point 3) over HTTP on a real PostgreSQL and
 * Temporal: the lawyer asks for documents by a due date, the client uploads files for it through
 * the portal (streamed by the documents domain), they wait in 证据材料 pending the lawyer's
 * acceptance; reminders go out 3 days before and once overdue, each once.
 */
let stack: ApiStack;
let caseId: string;
let clientId: string;
let other: HttpClient;

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startApiStack('docrequests', { historical: 0 });
  ({ caseId, clientId } = await openRestingCase(stack, { client: '刘洋', title: '民间借贷纠纷' }));
  const db = stack.tdb.db;
  await grantMembership(db, { userId: stack.ids.client, clientId, grantedBy: stack.ids['li.ming'] });
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
const ask = (dueOn: string, title = '借款凭证') =>
  lawyer().post(`/api/v1/cases/${caseId}/document-requests`, {
    title,
    items: ['身份证复印件', '借条原件照片'],
    note: '拍照清晰即可',
    dueOn,
  });

describe('asking and uploading', () => {
  let requestId: string;

  it('asks the client for documents: the client sees the request and gets a mail with no content beyond 请提供材料', async () => {
    const r = await ask(dayOffset(10));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'open', items: ['身份证复印件', '借条原件照片'], uploads: [] });
    requestId = r.body.id;
    const mine = await portal().get(`/api/v1/portal/cases/${caseId}/document-requests`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: any) => x.id)).toEqual([requestId]);
    const mail = await stack.tdb
      .db('email_outbox')
      .where({ key: `doc-request:${requestId}:new:${stack.ids.client}` })
      .first();
    expect(mail.subject).toBe('请提供材料');
    expect(mail.text_body).toContain(dayOffset(10));
    expect(mail.text_body).not.toMatch(/身份证|借条|借款凭证/);
  });

  it('refuses a due date in the past, no items, a bad date — 400, never 5xx', async () => {
    expect((await ask(dayOffset(-3))).status).toBe(400);
    expect((await lawyer().post(`/api/v1/cases/${caseId}/document-requests`, { title: 'x', items: [], dueOn: dayOffset(3) })).status).toBe(
      400,
    );
    expect(
      (await lawyer().post(`/api/v1/cases/${caseId}/document-requests`, { title: 'x', items: ['a'], dueOn: '2026-02-30' })).status,
    ).toBe(400);
  });

  it('takes the client\u2019s upload: pending, in 证据材料, not shared; the lawyer accepts it and the request is fulfilled', async () => {
    const up = await portal().upload(`/api/v1/portal/document-requests/${requestId}/files`, [
      { name: '身份证.png', data: png },
      { name: '借条.pdf', data: pdf('借条') },
    ]);
    expect(up.status).toBe(201);
    expect(up.body.request.uploads.map((u: any) => [u.name, u.reviewStatus])).toEqual([
      ['身份证.png', 'pending'],
      ['借条.pdf', 'pending'],
    ]);
    const [idCard, iou] = up.body.request.uploads.map((u: any) => u.id);
    const doc = (await lawyer().get(`/api/v1/documents/${iou}`)).body;
    expect(doc).toMatchObject({ category: 'evidence', source: 'portal', clientVisible: false });
    const list = await lawyer().get(`/api/v1/cases/${caseId}/document-requests`);
    expect(list.body.pending.map((p: any) => p.id)).toEqual([idCard, iou]);
    // The team was told, without content.
    const told = await stack.tdb
      .db('email_outbox')
      .where({ to_user_id: stack.ids['li.ming'] })
      .where('key', 'like', `doc-request:${requestId}:upload:%`);
    expect(told).toHaveLength(1);
    expect(told[0].text_body).not.toMatch(/身份证|借条/);

    const rejected = await lawyer().post(`/api/v1/documents/${idCard}/reject`, { note: '照片模糊，请重新拍摄' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toEqual({ id: idCard, reviewStatus: 'rejected', requestStatus: 'open' });
    expect((await lawyer().post(`/api/v1/documents/${idCard}/reject`, {})).status).toBe(400);
    const accepted = await lawyer().post(`/api/v1/documents/${iou}/accept`, {});
    expect(accepted.body).toEqual({ id: iou, reviewStatus: 'accepted', requestStatus: 'fulfilled' });
    expect((await lawyer().post(`/api/v1/documents/${iou}/accept`, {})).status).toBe(409);
    const after = (await lawyer().get(`/api/v1/documents/${iou}`)).body;
    expect(after.category).toBe('evidence');
    const mine = (await portal().get(`/api/v1/portal/cases/${caseId}/document-requests`)).body.items[0];
    expect(mine.status).toBe('fulfilled');
    expect(mine.uploads.map((u: any) => [u.reviewStatus, u.reviewNote])).toEqual([
      ['rejected', '照片模糊，请重新拍摄'],
      ['accepted', null],
    ]);
    expect((await lawyer().get(`/api/v1/cases/${caseId}/document-requests`)).body.pending).toEqual([]);
    // Nothing more is taken for a fulfilled request.
    expect((await portal().upload(`/api/v1/portal/document-requests/${requestId}/files`, [{ name: 'x.pdf', data: pdf('x') }])).status).toBe(
      409,
    );
  });

  it('refuses a program, an empty file, a body that is no multipart — 4xx, storing nothing', async () => {
    const r = (await ask(dayOffset(5), '补充材料')).body;
    const exe = await portal().upload(`/api/v1/portal/document-requests/${r.id}/files`, [
      { name: 'a.pdf', data: Buffer.from('MZ\x90\x00\x03\x00') },
    ]);
    expect(exe.status).toBeGreaterThanOrEqual(400);
    expect(exe.status).toBeLessThan(500);
    const empty = await portal().upload(`/api/v1/portal/document-requests/${r.id}/files`, [{ name: 'e.pdf', data: Buffer.alloc(0) }]);
    expect(empty.status).toBe(422);
    expect((await portal().post(`/api/v1/portal/document-requests/${r.id}/files`, { file: 'x' })).status).toBe(415);
    expect(await stack.tdb.db('documents').where({ request_id: r.id }).count({ n: '*' })).toEqual([{ n: '0' }]);
    // Cancelled: gone from the client's list, no more uploads.
    expect((await lawyer().post(`/api/v1/document-requests/${r.id}/cancel`)).body.status).toBe('cancelled');
    expect((await lawyer().post(`/api/v1/document-requests/${r.id}/cancel`)).status).toBe(409);
    const mine = (await portal().get(`/api/v1/portal/cases/${caseId}/document-requests`)).body.items.map((x: any) => x.id);
    expect(mine).not.toContain(r.id);
  });

  it('gives another client\u2019s portal user and a lawyer off the case 404', async () => {
    for (const r of [
      await other.get(`/api/v1/portal/cases/${caseId}/document-requests`),
      await other.upload(`/api/v1/portal/document-requests/${requestId}/files`, [{ name: 'x.pdf', data: pdf('x') }]),
      await stack.as['zhang.ting'].get(`/api/v1/cases/${caseId}/document-requests`),
      await stack.as['zhang.ting'].post(`/api/v1/document-requests/${requestId}/cancel`),
    ])
      expect(r.status).toBe(404);
    expect(await stack.tdb.db('documents').where({ request_id: requestId }).count({ n: '*' })).toEqual([{ n: '2' }]);
  });
});

describe('reminders', () => {
  it('mail the client 3 days before the due date and once overdue, each once however often housekeeping runs', async () => {
    const db = stack.tdb.db;
    const cfg = { publicUrl: 'https://lexflow.example.cn', firmTimezone: 'Asia/Shanghai' };
    const soon = (await ask(dayOffset(2), '即将到期')).body;
    const later = (await ask(dayOffset(20), '远期')).body;
    const keysOf = async (id: string) =>
      (await db('email_outbox').where('key', 'like', `doc-request:${id}:%`).orderBy('key')).map((m) => m.key);

    const first = await housekeepOnce(db, cfg);
    expect(first.documentReminders).toBeGreaterThanOrEqual(1);
    await housekeepOnce(db, cfg);
    expect(await keysOf(soon.id)).toEqual([
      `doc-request:${soon.id}:new:${stack.ids.client}`,
      `doc-request:${soon.id}:soon:${stack.ids.client}`,
    ]);
    expect(await keysOf(later.id)).toEqual([`doc-request:${later.id}:new:${stack.ids.client}`]);
    const mail = await db('email_outbox')
      .where({ key: `doc-request:${soon.id}:soon:${stack.ids.client}` })
      .first();
    expect(mail.text_body).toContain('请提供材料');
    expect(mail.text_body).toContain(`https://lexflow.example.cn/portal/cases/${caseId}`);
    expect(mail.text_body).not.toContain('即将到期');

    // Days later it is overdue: one more mail, once.
    await db('client_document_requests')
      .where({ id: soon.id })
      .update({ due_on: dayOffset(-1) });
    await housekeepOnce(db, cfg);
    await housekeepOnce(db, cfg);
    expect(await keysOf(soon.id)).toEqual([
      `doc-request:${soon.id}:new:${stack.ids.client}`,
      `doc-request:${soon.id}:overdue:${stack.ids.client}`,
      `doc-request:${soon.id}:soon:${stack.ids.client}`,
    ]);
    expect((await db('client_document_requests').where({ id: soon.id }).first()).last_reminded_on).not.toBeNull();
    // A fulfilled or cancelled request is not reminded.
    await lawyer().post(`/api/v1/document-requests/${later.id}/cancel`);
    await db('client_document_requests')
      .where({ id: later.id })
      .update({ due_on: dayOffset(-5) });
    await housekeepOnce(db, cfg);
    expect(await keysOf(later.id)).toEqual([`doc-request:${later.id}:new:${stack.ids.client}`]);
  });
});
