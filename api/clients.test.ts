import { randomUUID } from 'node:crypto';
import { HttpClient, type TestApp } from '../test/helpers/app';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { TestDatabase } from '../test/helpers/db';
import { eventually } from '../test/helpers/engine';

let stack: ApiStack;
let tdb: TestDatabase;
let app: TestApp;
let as: ApiStack['as'];
let ids: Record<string, string>;

beforeAll(async () => {
  // The closed historical cases of the demo firm: one has 深圳市鹏程贸易有限公司 on the other side.
  stack = await startApiStack('clients', { historical: 12 });
  ({ tdb, app, as, ids } = stack);
}, 60_000);
afterAll(() => stack?.close());

const person = (name: string, idNumber?: string) => ({ kind: 'person', name, idNumber, phone: '138 0000 0000', source: 'referral' });

describe('clients', () => {
  it('creates, finds by name or identity number, updates, and refuses a second client with the same number', async () => {
    const r = await as['li.ming'].post('/api/v1/clients', {
      ...person('欧阳娜娜', '11010519900101002X'),
      email: 'ouyang@example.com',
      tags: ['VIP'],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '欧阳娜娜', idNumber: '1101**********002X', tags: ['VIP'] });

    const dup = await as.partner.post('/api/v1/clients', person('欧阳 娜娜', '110105 19900101 002x'));
    expect(dup.status).toBe(409);
    expect(dup.contentType).toContain('application/problem+json');
    expect(dup.body.errors[0].path).toBe('body.idNumber');

    expect((await as.partner.get('/api/v1/clients?q=' + encodeURIComponent('欧阳'))).body.items.map((c: any) => c.name)).toContain(
      '欧阳娜娜',
    );
    expect((await as.partner.get('/api/v1/clients?q=11010519900101002x')).body.total).toBe(1);
    expect((await as.partner.get('/api/v1/clients?tag=VIP')).body.items).toHaveLength(1);

    const patched = await as['li.ming'].patch(`/api/v1/clients/${r.body.id}`, { address: '北京市东城区东长安街 1 号' });
    expect(patched.status).toBe(200);
    expect(patched.body.address).toBe('北京市东城区东长安街 1 号');
    // The audit entry is written when the response finishes.
    const audit = await eventually(async () => {
      const rows = await tdb.db('audit_log').where({ entity_id: r.body.id }).orderBy('id');
      return rows.length === 2 && rows;
    });
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['POST /api/v1/clients', ids['li.ming']],
      ['PATCH /api/v1/clients/:id', ids['li.ming']],
    ]);
  });

  it('rejects bad input with problem details naming the field', async () => {
    const r = await as.partner.post('/api/v1/clients', { kind: 'robot', name: '', email: 'not-an-email' });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: any) => e.path).sort()).toEqual(['body.email', 'body.kind', 'body.name']);
  });

  it('lets lawyers see only the clients of their cases and those they entered; finance reads, but does not write', async () => {
    const mine = (await as['zhang.ting'].post('/api/v1/clients', person('上官婉儿'))).body;
    expect((await as['li.ming'].get(`/api/v1/clients/${mine.id}`)).status).toBe(404);
    expect((await as['li.ming'].patch(`/api/v1/clients/${mine.id}`, { notes: 'x' })).status).toBe(404);
    const lmList = (await as['li.ming'].get('/api/v1/clients?pageSize=200')).body.items.map((c: any) => c.name);
    expect(lmList).not.toContain('上官婉儿');
    expect((await as['zhang.ting'].get(`/api/v1/clients/${mine.id}`)).status).toBe(200);
    expect((await as.partner.get(`/api/v1/clients/${mine.id}`)).status).toBe(200);
    expect((await as.finance.get(`/api/v1/clients/${mine.id}`)).status).toBe(200);
    expect((await as.finance.post('/api/v1/clients', person('财务新增'))).status).toBe(403);
    expect((await as.finance.get(`/api/v1/clients/${mine.id}/communications`)).status).toBe(403);
    expect((await as.client.get('/api/v1/clients')).status).toBe(403);
    expect((await new HttpClient(app.url).get('/api/v1/clients')).status).toBe(401);
  });

  it('keeps contacts with one primary, and deletes only clients without cases (partners)', async () => {
    const c = (await as.assistant.post('/api/v1/clients', { kind: 'organisation', name: '青岛海韵食品有限公司' })).body;
    const a = (await as.assistant.post(`/api/v1/clients/${c.id}/contacts`, { name: '刘经理', title: '法务经理', isPrimary: true })).body;
    const b = (await as.assistant.post(`/api/v1/clients/${c.id}/contacts`, { name: '王会计', phone: '0532-8000 0000', isPrimary: true }))
      .body;
    const list = (await as.assistant.get(`/api/v1/clients/${c.id}/contacts`)).body.items;
    expect(list.map((x: any) => [x.name, x.isPrimary])).toEqual([
      ['王会计', true],
      ['刘经理', false],
    ]);
    expect((await as.assistant.patch(`/api/v1/clients/${c.id}/contacts/${a.id}`, { phone: '139 0000 0001' })).body.phone).toBe(
      '139 0000 0001',
    );
    expect((await as.assistant.del(`/api/v1/clients/${c.id}/contacts/${b.id}`)).status).toBe(204);
    expect((await as.assistant.del(`/api/v1/clients/${c.id}/contacts/${b.id}`)).status).toBe(404);

    expect((await as.assistant.del(`/api/v1/clients/${c.id}`)).status).toBe(403);
    const withCases = await tdb.db('cases').first('client_id');
    expect((await as.partner.del(`/api/v1/clients/${withCases.client_id}`)).status).toBe(409);
    expect((await as.partner.del(`/api/v1/clients/${c.id}`)).status).toBe(204);
    expect((await as.partner.get(`/api/v1/clients/${c.id}`)).status).toBe(404);
  });
});

describe('conflict checks (利益冲突检索)', () => {
  it('finds the planted conflict: a new client who was the other side of a case, by normalised name and by 法定代表人', async () => {
    const r = await as['li.ming'].post('/api/v1/conflict-checks', {
      subjects: [
        { name: '深圳鹏程贸易有限公司', role: 'client' },
        { name: '林国栋', role: 'related' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.result).toBe('conflict');
    const hit = r.body.hits.find((h: any) => h.subject === '深圳鹏程贸易有限公司' && h.severity === 'conflict');
    expect(hit).toMatchObject({ matchedName: '深圳市鹏程贸易有限公司', recordRole: 'opposing', match: 'exact', caseStatus: 'closed' });
    expect(hit.caseNumber).toMatch(/^20\d\d民\d{4}$/);
    expect(hit.leadLawyerName).toBeTruthy();
    expect(r.body.hits.some((h: any) => h.subject === '林国栋' && h.viaRepresentative)).toBe(true);
    expect(r.body.runByName).toBe('李明');
  });

  it('matches identity numbers exactly, Latin names without legal forms, and similar names for review', async () => {
    await as.partner.post('/api/v1/clients', { kind: 'organisation', name: 'Northwind Traders Co., Ltd.', idNumber: '91310000MA1NW00001' });
    const r = (
      await as.partner.post('/api/v1/conflict-checks', {
        subjects: [
          { name: '某公司', idNumber: '91310000ma1nw00001', role: 'opposing' },
          { name: 'NORTHWIND TRADERS LIMITED', role: 'opposing' },
        ],
      })
    ).body;
    expect(r.hits.find((h: any) => h.subject === '某公司')).toMatchObject({ match: 'id', severity: 'conflict', recordRole: 'client' });
    expect(r.hits.find((h: any) => h.subject === 'NORTHWIND TRADERS LIMITED')).toMatchObject({ match: 'exact', severity: 'conflict' });

    const similar = (await as.partner.post('/api/v1/conflict-checks', { subjects: [{ name: '深圳鹏城贸易有限公司', role: 'client' }] }))
      .body;
    expect(similar.result).toBe('review');
    expect(similar.hits[0]).toMatchObject({ match: 'similar', severity: 'review' });

    const clear = (await as.partner.post('/api/v1/conflict-checks', { subjects: [{ name: '完全无关的名字有限公司', role: 'client' }] }))
      .body;
    expect(clear).toMatchObject({ result: 'clear', hitCount: 0 });
  });

  it('stops the intake on a conflict until a partner records a waiver, and records the check on the case', async () => {
    const client = (await as['li.ming'].post('/api/v1/clients', { kind: 'organisation', name: '深圳鹏程贸易有限公司' })).body;
    const body = {
      title: '鹏程贸易买卖合同纠纷',
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: ids['li.ming'],
      parties: [{ role: 'opposing', kind: 'organisation', name: '东莞宏达电子有限公司' }],
    };

    const blocked = await as['li.ming'].post('/api/v1/cases', body);
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('conflict-of-interest');

    const check = (
      await as['li.ming'].post('/api/v1/conflict-checks', {
        subjects: [
          { name: client.name, role: 'client' },
          { name: '东莞宏达电子有限公司', role: 'opposing' },
        ],
      })
    ).body;
    expect(check.result).toBe('conflict');
    expect((await as['li.ming'].post('/api/v1/cases', { ...body, conflictCheckId: check.id })).body.code).toBe('conflict-of-interest');
    expect((await as['li.ming'].post(`/api/v1/conflict-checks/${check.id}/decision`, { decision: 'waived', note: 'x' })).status).toBe(403);
    expect((await as.partner.post(`/api/v1/conflict-checks/${check.id}/decision`, { decision: 'waived' })).status).toBe(400);
    expect((await as.partner.post(`/api/v1/conflict-checks/${check.id}/decision`, { decision: 'proceed' })).status).toBe(400);
    const waived = await as.partner.post(`/api/v1/conflict-checks/${check.id}/decision`, {
      decision: 'waived',
      note: '原案已结案五年，双方书面知情同意',
    });
    expect(waived.body).toMatchObject({ decision: 'waived', decidedByName: '王建国' });

    const partial = await as['li.ming'].post('/api/v1/cases', {
      ...body,
      conflictCheckId: check.id,
      parties: [...body.parties, { role: 'third_party', kind: 'person', name: '未检索的人' }],
    });
    expect(partial.status).toBe(422);

    const opened = await as['li.ming'].post('/api/v1/cases', { ...body, conflictCheckId: check.id });
    expect(opened.status).toBe(201);
    expect(opened.body.conflictCheckId).toBe(check.id);
    expect((await as['li.ming'].get(`/api/v1/conflict-checks/${check.id}`)).body.caseId).toBe(opened.body.id);
    expect((await as['li.ming'].post('/api/v1/cases', { ...body, conflictCheckId: check.id })).status).toBe(409);
    expect((await as.partner.post(`/api/v1/conflict-checks/${check.id}/decision`, { decision: 'declined' })).status).toBe(409);
    const listed = (await as['li.ming'].get(`/api/v1/conflict-checks?caseId=${opened.body.id}`)).body;
    expect(listed.items.map((k: any) => k.id)).toEqual([check.id]);
    // Someone else's check is not theirs to read.
    expect((await as['zhang.ting'].get(`/api/v1/conflict-checks/${check.id}`)).status).toBe(404);
    expect((await as.finance.post('/api/v1/conflict-checks', { subjects: [{ name: 'x', role: 'client' }] })).status).toBe(403);
  });
});

describe('client profile, communications and timeline', () => {
  it('shows open and closed cases, money in fen, communications and one timeline', async () => {
    const client = (await as['li.ming'].post('/api/v1/clients', person('诸葛明', '510104198001010011'))).body;
    const c = (
      await as['li.ming'].post('/api/v1/cases', {
        title: '诸葛明民间借贷纠纷',
        clientId: client.id,
        practiceArea: 'civil',
        caseType: 'first_instance',
        leadLawyerId: ids['li.ming'],
        parties: [{ role: 'opposing', kind: 'person', name: '司马懿' }],
      })
    ).body;
    // A paid invoice, an issued one, a void one (counts for nothing) and a line still to bill (bulk rows).
    const invoice = (total: number, paid: number, status: string, number: string) => ({
      case_id: c.id,
      client_id: client.id,
      number,
      status,
      vat_rate_bp: 600,
      total_fen: total,
      paid_fen: paid,
      created_by: ids['li.ming'],
    });
    await tdb
      .db('invoices')
      .insert([
        invoice(3_000_000, 3_000_000, 'paid', `${c.number}-1`),
        invoice(2_000_050, 0, 'issued', `${c.number}-2`),
        invoice(9_999_999, 0, 'void', `${c.number}-3`),
      ]);
    await tdb.db('invoice_lines').insert({
      case_id: c.id,
      source_kind: 'billing_event',
      source_key: `billing_event:${c.id}:c`,
      item_name: '*鉴证咨询服务*法律服务费',
      amount_fen: 0,
    });

    const m = await as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, {
      kind: 'wechat',
      occurredAt: '2026-11-28T02:00:00Z',
      participants: '李明、诸葛明',
      summary: '确认借条原件在客户处',
      caseId: c.id,
    });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({ caseNumber: c.number, createdByName: '李明' });
    const general = await as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, {
      kind: 'phone',
      occurredAt: '2026-11-27T02:00:00Z',
      summary: '客户咨询其他事项',
    });
    expect(general.status).toBe(201);
    expect(
      (
        await as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, {
          kind: 'phone',
          occurredAt: '2099-01-01T00:00:00Z',
          summary: '未来',
        })
      ).status,
    ).toBe(400);
    const other = await tdb.db('cases').whereNot('client_id', client.id).first('id');
    expect(
      (
        await as.partner.post(`/api/v1/clients/${client.id}/communications`, {
          kind: 'phone',
          occurredAt: '2026-11-27T02:00:00Z',
          summary: 'x',
          caseId: other.id,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await as['zhang.ting'].post(`/api/v1/clients/${client.id}/communications`, {
          kind: 'phone',
          occurredAt: '2026-11-27T02:00:00Z',
          summary: 'x',
        })
      ).status,
    ).toBe(404);

    const profile = (await as['li.ming'].get(`/api/v1/clients/${client.id}`)).body;
    expect(profile.openCases.map((x: any) => x.number)).toEqual([c.number]);
    expect(profile.closedCases).toEqual([]);
    expect(profile.fees).toEqual({ billedFen: 5_000_050, paidFen: 3_000_000, outstandingFen: 2_000_050, pendingBillingEvents: 1 });

    const comms = (await as['li.ming'].get(`/api/v1/clients/${client.id}/communications`)).body;
    expect(comms.items.map((x: any) => x.summary)).toEqual(['确认借条原件在客户处', '客户咨询其他事项']);
    const timeline = (await as['li.ming'].get(`/api/v1/clients/${client.id}/timeline?pageSize=100`)).body;
    const kinds = timeline.items.map((x: any) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(['caseOpened', 'communication', 'conflictCheck']));
    expect(timeline.items.filter((x: any) => x.kind === 'communication')).toHaveLength(2);
    const times = timeline.items.map((x: any) => Date.parse(x.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    expect((await as['zhang.ting'].del(`/api/v1/clients/${client.id}/communications/${m.body.id}`)).status).toBe(404);
    expect((await as.assistant.get(`/api/v1/clients/${client.id}/timeline`)).status).toBe(404);
    expect((await as['li.ming'].del(`/api/v1/clients/${client.id}/communications/${m.body.id}`)).status).toBe(204);
  });
});

describe('the communication log (issue 17)', () => {
  it('records duration, documents, a follow-up task and a time entry in one go; filters and finds by Chinese words', async () => {
    const client = (await as['li.ming'].post('/api/v1/clients', person('欧阳修'))).body;
    const c = (
      await as['li.ming'].post('/api/v1/cases', {
        title: '欧阳修房屋租赁合同纠纷',
        clientId: client.id,
        practiceArea: 'civil',
        caseType: 'first_instance',
        leadLawyerId: ids['li.ming'],
        parties: [{ role: 'opposing', kind: 'person', name: '范仲淹' }],
      })
    ).body;
    const doc = (
      await as['li.ming'].upload(`/api/v1/cases/${c.id}/documents`, [
        { name: '通话记录.pdf', data: Buffer.from('%PDF-1.4\n% call\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') },
      ])
    ).body.items[0];
    const call = await as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, {
      caseId: c.id,
      kind: 'phone',
      occurredAt: '2026-12-01T02:30:00Z',
      participants: '李明、欧阳修',
      summary: '客户说明房东拒绝退还押金，约定下周提交租赁合同原件和转账凭证',
      durationMinutes: 25,
      documentIds: [doc.id],
      followUp: { title: '催收租赁合同原件', dueOn: '2026-12-10' },
      toTimeEntry: true,
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ kind: 'phone', durationMinutes: 25, documents: [{ id: doc.id, name: '通话记录.pdf' }] });
    expect(call.body.followUpTaskId).toEqual(expect.any(String));
    expect(call.body.timeEntryId).toEqual(expect.any(String));
    const task = await tdb.db('tasks').where({ id: call.body.followUpTaskId }).first();
    expect(task).toMatchObject({ case_id: c.id, title: '催收租赁合同原件', assignee_id: ids['li.ming'] });
    const entry = await tdb.db('time_entries').where({ id: call.body.timeEntryId }).first();
    expect(entry).toMatchObject({ case_id: c.id, user_id: ids['li.ming'], status: 'submitted' });
    expect(entry.minutes).toBeGreaterThanOrEqual(25);

    await as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, {
      caseId: c.id,
      kind: 'meeting',
      occurredAt: '2026-11-20T06:00:00Z',
      summary: '首次面谈，了解租赁关系',
    });
    await as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, {
      kind: 'email',
      occurredAt: '2026-11-25T06:00:00Z',
      summary: '发送委托合同',
    });

    const q = (s: string) => encodeURIComponent(s);
    const byWord = await as['li.ming'].get(`/api/v1/clients/${client.id}/communications?q=${q('押金')}`);
    expect(byWord.body.items.map((x: any) => x.kind)).toEqual(['phone']);
    const byPhrase = await as['li.ming'].get(`/api/v1/cases/${c.id}/communications?q=${q('租赁合同原件')}`);
    expect(byPhrase.body.items.map((x: any) => x.kind)).toEqual(['phone']);
    expect((await as['li.ming'].get(`/api/v1/clients/${client.id}/communications?q=${q('离婚')}`)).body.total).toBe(0);
    const meetings = await as['li.ming'].get(`/api/v1/clients/${client.id}/communications?kind=meeting`);
    expect(meetings.body.items.map((x: any) => x.summary)).toEqual(['首次面谈，了解租赁关系']);
    const range = await as['li.ming'].get(`/api/v1/clients/${client.id}/communications?from=2026-11-21&to=2026-11-30`);
    expect(range.body.items.map((x: any) => x.kind)).toEqual(['email']);
    const ofCase = await as['li.ming'].get(`/api/v1/clients/${client.id}/communications?caseId=${c.id}`);
    expect(ofCase.body.total).toBe(2);
    expect((await as['li.ming'].get(`/api/v1/cases/${c.id}/communications`)).body.total).toBe(2);
    expect((await as['zhang.ting'].get(`/api/v1/cases/${c.id}/communications`)).status).toBe(404);
  });

  it('refuses a follow-up or a time entry without a case, a time entry without a duration, a portal kind and foreign documents', async () => {
    const client = (await as['li.ming'].post('/api/v1/clients', person('司马光'))).body;
    const base = { kind: 'phone', occurredAt: '2026-12-01T02:30:00Z', summary: '电话' };
    const post = (body: object) => as['li.ming'].post(`/api/v1/clients/${client.id}/communications`, { ...base, ...body });
    expect((await post({ followUp: { title: '跟进' } })).status).toBe(400);
    expect((await post({ toTimeEntry: true, durationMinutes: 10 })).status).toBe(400);
    expect((await post({ kind: 'portal' })).status).toBe(400);
    expect((await post({ durationMinutes: 0 })).status).toBe(400);
    expect((await post({ documentIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(400);
    expect(await tdb.db('communications').where({ client_id: client.id }).count({ n: '*' })).toEqual([{ n: '0' }]);
  });
});

describe('intake with a new client (issue 18, item 8)', () => {
  const opposing = { role: 'opposing', kind: 'organisation', name: '东莞宏达电子有限公司' };
  const intake = (newClient: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    title: `${String(newClient.name)}买卖合同纠纷`,
    newClient,
    practiceArea: 'civil',
    caseType: 'first_instance',
    leadLawyerId: ids['li.ming'],
    parties: [opposing],
    ...extra,
  });
  const clientsNamed = async (name: string) => tdb.db('clients').where({ name }).pluck('id');

  it('checks a new client before any client row exists, so a declined intake leaves no client behind', async () => {
    // 深圳市鹏程贸易有限公司 was the other side of a closed case: checked as a client, that is a conflict.
    const newClient = { kind: 'organisation', name: '深圳市鹏程贸易有限公司' };
    const check = (
      await as['li.ming'].post('/api/v1/conflict-checks', {
        subjects: [
          { name: newClient.name, role: 'client' },
          { name: opposing.name, role: 'opposing' },
        ],
      })
    ).body;
    expect(check.result).toBe('conflict');
    expect((await as.partner.post(`/api/v1/conflict-checks/${check.id}/decision`, { decision: 'declined' })).status).toBe(200);
    const refused = await as['li.ming'].post('/api/v1/cases', intake(newClient, { conflictCheckId: check.id }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict-of-interest');
    expect(await clientsNamed(newClient.name)).toEqual([]);
  });

  it('opens the case and creates its client in one step; the check finds no record of the new client itself', async () => {
    const newClient = { kind: 'person', name: '欧阳明远', idNumber: '110101199003074514', phone: '139 0000 1111' };
    const check = (
      await as['li.ming'].post('/api/v1/conflict-checks', {
        subjects: [
          { name: newClient.name, idNumber: newClient.idNumber, role: 'client' },
          { name: opposing.name, role: 'opposing' },
        ],
      })
    ).body;
    expect(check.hits.filter((h: any) => h.subject === newClient.name)).toEqual([]);
    const key = randomUUID();
    const body = intake(newClient, { conflictCheckId: check.id });
    const opened = await as['li.ming'].request('POST', '/api/v1/cases', { json: body, headers: { 'idempotency-key': key } });
    expect(opened.status).toBe(201);
    expect(opened.body.clientName).toBe('欧阳明远');
    expect(await clientsNamed('欧阳明远')).toEqual([opened.body.clientId]);
    const client = await as['li.ming'].get(`/api/v1/clients/${opened.body.clientId}`);
    expect(client.body.client).toMatchObject({ kind: 'person', name: '欧阳明远', phone: '139 0000 1111' });
    // The retry after a lost answer is the same request: the same case, still one client.
    const again = await as['li.ming'].request('POST', '/api/v1/cases', { json: body, headers: { 'idempotency-key': key } });
    expect(again.body.id).toBe(opened.body.id);
    expect(await clientsNamed('欧阳明远')).toHaveLength(1);
    // A second new client with the same identity number is refused, and nothing is created.
    const twin = await as['li.ming'].post('/api/v1/cases', intake({ ...newClient, name: '欧阳明远远' }, { title: '另一个案件' }));
    expect(twin.status).toBe(409);
    expect(await clientsNamed('欧阳明远远')).toEqual([]);
    expect(await tdb.db('cases').where({ title: '另一个案件' }).count('* as n')).toEqual([{ n: '0' }]);
  });

  it('takes either an existing client or a new one, not both and not neither', async () => {
    const existing = (await as['li.ming'].post('/api/v1/clients', person('韩梅梅'))).body;
    const both = await as['li.ming'].post('/api/v1/cases', intake(person('韩雷'), { clientId: existing.id }));
    expect(both.status).toBe(400);
    const neither = await as['li.ming'].post('/api/v1/cases', { ...intake(person('韩雷')), newClient: undefined });
    expect(neither.status).toBe(400);
    expect(await clientsNamed('韩雷')).toEqual([]);
  });
});
