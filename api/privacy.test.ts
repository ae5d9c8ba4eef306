import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually } from '../test/helpers/engine';

/**
 * Privacy (issue 18, item 2): identity numbers are masked in every answer, revealed only on an
 * audited request by those the policy allows; reads of case records are on the record; partners
 * and admins read the audit log by who, record, event and date, and export it as CSV.
 */
let stack: ApiStack;
let as: ApiStack['as'];
let ids: Record<string, string>;
const ID = '110101199003071234';
const MASK = '1101**********1234';
const PARTY_ID = '32010219820315451X';
const PARTY_MASK = '3201**********451X';
const CREDIT = '91310115MA1H2EFG3Y';
let client: { id: string };
let kase: { id: string; number: string };
let party: { id: string };

beforeAll(async () => {
  stack = await startApiStack('privacy', { historical: 0 });
  ({ as, ids } = stack);
  const c = await as['li.ming'].post('/api/v1/clients', { kind: 'person', name: '周慧敏', idNumber: ID, phone: '139 0000 0001' });
  expect(c.status).toBe(201);
  expect(c.body.idNumber).toBe(MASK);
  client = c.body;
  const k = await as['li.ming'].post('/api/v1/cases', {
    title: '周慧敏诉某某民间借贷纠纷',
    clientId: client.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    leadLawyerId: ids['li.ming'],
    parties: [
      { role: 'opposing', kind: 'person', name: '钱多多', idNumber: PARTY_ID },
      { role: 'third_party', kind: 'organisation', name: '上海某某担保有限公司', idNumber: CREDIT },
    ],
  });
  expect(k.status).toBe(201);
  kase = k.body;
  await eventually(() => stack.tdb.db('tasks').where({ case_id: kase.id, status: 'open' }).first('id'));
  party = (await stack.tdb.db('case_parties').where({ case_id: kase.id, name: '钱多多' }).first('id'))!;
}, 120_000);
afterAll(() => stack?.close());

const everywhere = async (needle: string) => {
  const db = stack.tdb.db;
  const audit = await db('audit_log').whereRaw('details::text like ? or action like ? or coalesce(entity_id, ?) like ?', [
    `%${needle}%`,
    `%${needle}%`,
    '',
    `%${needle}%`,
  ]);
  const keys = await db('idempotency_keys').whereRaw('response::text like ?', [`%${needle}%`]);
  return audit.length + keys.length;
};

describe('identity numbers are masked in every answer', () => {
  it('in the client list, the profile, and the answers of changes', async () => {
    const list = await as['li.ming'].get('/api/v1/clients?q=周慧敏');
    expect(list.body.items.map((x: { idNumber: string }) => x.idNumber)).toEqual([MASK]);
    const byNumber = await as.partner.get(`/api/v1/clients?q=${ID}`);
    expect(byNumber.body.items.map((x: { id: string; idNumber: string }) => [x.id, x.idNumber])).toEqual([[client.id, MASK]]);
    const profile = await as.partner.get(`/api/v1/clients/${client.id}`);
    expect(profile.body.client.idNumber).toBe(MASK);
    expect(JSON.stringify(profile.body)).not.toContain(ID);
    const changed = await as['li.ming'].patch(`/api/v1/clients/${client.id}`, { address: '北京市东城区' });
    expect(changed.body.idNumber).toBe(MASK);
  });

  it("in a case's parties (a person's), while an organisation's 统一社会信用代码 stays as registered", async () => {
    const r = await as['li.ming'].get(`/api/v1/cases/${kase.id}/parties`);
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.body.items.map((p: { name: string; idNumber: string | null }) => [p.name, p.idNumber]));
    expect(byName).toEqual({ 周慧敏: MASK, 钱多多: PARTY_MASK, 上海某某担保有限公司: CREDIT });
    const kaseRead = await as['li.ming'].get(`/api/v1/cases/${kase.id}`);
    expect(JSON.stringify(kaseRead.body)).not.toContain(ID);
  });

  it('in a conflict check, which echoes the numbers it was asked about', async () => {
    const r = await as['li.ming'].post('/api/v1/conflict-checks', { subjects: [{ name: '钱多多', idNumber: PARTY_ID, role: 'opposing' }] });
    expect(r.status).toBe(201);
    expect(r.body.subjects[0].idNumber).toBe(PARTY_MASK);
    expect(JSON.stringify(r.body)).not.toContain(PARTY_ID);
  });
});

describe('saving a form that shows the mask', () => {
  it('keeps the stored number when the mask is sent back, refuses another mask, and takes a typed number', async () => {
    const db = stack.tdb.db;
    const kept = await as['li.ming'].patch(`/api/v1/clients/${client.id}`, { idNumber: MASK, phone: '139 0000 0002' });
    expect(kept.status).toBe(200);
    expect(await db('clients').where({ id: client.id }).first('id_number', 'phone')).toEqual({ id_number: ID, phone: '139 0000 0002' });
    const onlyMask = await as['li.ming'].patch(`/api/v1/clients/${client.id}`, { idNumber: MASK });
    expect(onlyMask.status).toBe(200);
    expect((await db('clients').where({ id: client.id }).first('id_number')).id_number).toBe(ID);
    // The client's party on its cases follows the record: still the whole number.
    expect((await db('case_parties').where({ case_id: kase.id, role: 'client' }).first('id_number')).id_number).toBe(ID);

    const wrong = await as['li.ming'].patch(`/api/v1/clients/${client.id}`, { idNumber: '1101**********9999' });
    expect(wrong.status).toBe(400);
    expect((await db('clients').where({ id: client.id }).first('id_number')).id_number).toBe(ID);

    const partyKept = await as['li.ming'].patch(`/api/v1/cases/${kase.id}/parties/${party.id}`, {
      idNumber: PARTY_MASK,
      relation: '借款人',
    });
    expect(partyKept.status).toBe(200);
    expect(partyKept.body.idNumber).toBe(PARTY_MASK);
    expect(await db('case_parties').where({ id: party.id }).first('id_number', 'relation')).toEqual({
      id_number: PARTY_ID,
      relation: '借款人',
    });
    const partyWrong = await as['li.ming'].patch(`/api/v1/cases/${kase.id}/parties/${party.id}`, { idNumber: '****' });
    expect(partyWrong.status).toBe(400);

    const typed = await as['li.ming'].patch(`/api/v1/clients/${client.id}`, { idNumber: '110101199003075678' });
    expect(typed.body.idNumber).toBe('1101**********5678');
    expect((await db('clients').where({ id: client.id }).first('id_number')).id_number).toBe('110101199003075678');
    await as['li.ming'].patch(`/api/v1/clients/${client.id}`, { idNumber: ID });
  });
});

describe('revealing a number', () => {
  it('answers the whole number to the case team and partners, 404 off the case, 403 to finance', async () => {
    const path = `/api/v1/clients/${client.id}/id-number/reveal`;
    const mine = await as['li.ming'].request('POST', path, { headers: { 'Idempotency-Key': 'reveal-test-key-1' } });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ idNumber: ID });
    expect((await as.partner.post(path)).body).toEqual({ idNumber: ID });
    expect((await as['zhang.ting'].post(path)).status).toBe(404);
    expect((await as.assistant.post(path)).status).toBe(404);
    expect((await as.finance.post(path)).status).toBe(403);
    expect((await as.client.post(path)).status).toBe(403);

    const partyPath = `/api/v1/cases/${kase.id}/parties/${party.id}/id-number/reveal`;
    expect((await as['li.ming'].post(partyPath)).body).toEqual({ idNumber: PARTY_ID });
    expect((await as['zhang.ting'].post(partyPath)).status).toBe(404);
    expect((await as.finance.post(partyPath)).status).toBe(403);
    expect((await as['li.ming'].post(`/api/v1/cases/${kase.id}/parties/${ids['li.ming']}/id-number/reveal`)).status).toBe(404);
  });

  it('writes a row naming whose number was seen — and the number is nowhere in the log or the kept answers', async () => {
    const rows = await stack.tdb.db('audit_log').where({ action: 'POST /api/v1/clients/:id/id-number/reveal', status: 200 }).orderBy('id');
    expect(rows.map((r) => [r.actor_id, r.entity, r.entity_id, r.details.field])).toEqual([
      [ids['li.ming'], 'client', client.id, 'idNumber'],
      [ids.partner, 'client', client.id, 'idNumber'],
    ]);
    const partyRow = await stack.tdb
      .db('audit_log')
      .where({ action: 'POST /api/v1/cases/:id/parties/:partyId/id-number/reveal', status: 200 })
      .first();
    expect([partyRow.entity, partyRow.entity_id, partyRow.details.caseId]).toEqual(['caseParty', party.id, kase.id]);
    // A refused reveal names the record it was after too: "who tried to see this number" has an answer.
    const refused = await stack.tdb
      .db('audit_log')
      .where({ actor_id: ids.finance })
      .whereIn('action', ['POST /api/v1/clients/:id/id-number/reveal', 'POST /api/v1/cases/:id/parties/:partyId/id-number/reveal'])
      .orderBy('id');
    expect(refused.map((r) => [r.status, r.entity_id, r.details?.partyId ?? null])).toEqual([
      [403, client.id, null],
      [403, kase.id, party.id],
    ]);
    expect(await everywhere(ID)).toBe(0);
    expect(await everywhere(PARTY_ID)).toBe(0);
    expect(await everywhere(ID.slice(4, 14))).toBe(0);
  });
});

describe('reads of case records are audited', () => {
  it('one row per viewer, route and record per viewing: the case, its parties, its documents, a client', async () => {
    const db = stack.tdb.db;
    const rowsOf = (actor: string, action: string, entityId: string) =>
      db('audit_log').where({ actor_id: actor, action, entity_id: entityId }).select('entity', 'status');
    for (let i = 0; i < 3; i++) expect((await as.partner.get(`/api/v1/cases/${kase.id}`)).status).toBe(200);
    expect(await rowsOf(ids.partner, 'GET /api/v1/cases/:id', kase.id)).toEqual([{ entity: 'case', status: 200 }]);
    await as.partner.get(`/api/v1/cases/${kase.id}/documents`);
    expect(await rowsOf(ids.partner, 'GET /api/v1/cases/:id/documents', kase.id)).toHaveLength(1);
    await as.assistant.get(`/api/v1/cases/${kase.id}`); // not on the case: 404, no viewing
    expect(await rowsOf(ids.assistant, 'GET /api/v1/cases/:id', kase.id)).toHaveLength(0);
    expect(await rowsOf(ids['li.ming'], 'GET /api/v1/cases/:id/parties', kase.id)).toHaveLength(1);
    expect(await rowsOf(ids.partner, 'GET /api/v1/clients/:id', client.id)).toHaveLength(1);
    // A viewing ends: the next read after the window is a new row.
    await db('audit_log')
      .where({ actor_id: ids.partner, action: 'GET /api/v1/cases/:id' })
      .update({ at: db.raw("now() - interval '11 minutes'") });
    await as.partner.get(`/api/v1/cases/${kase.id}`);
    expect(await rowsOf(ids.partner, 'GET /api/v1/cases/:id', kase.id)).toHaveLength(2);
  });

  it('answer "who looked at this file" on the case: each person, their viewings and the last one, for partners and admins', async () => {
    const viewers = await as.partner.get(`/api/v1/cases/${kase.id}/viewers`);
    expect(viewers.status).toBe(200);
    const byName = Object.fromEntries(viewers.body.items.map((v: { name: string; views: number }) => [v.name, v.views]));
    // The partner: the case twice (two viewings) and its document list; 李明: the parties (and more).
    expect(byName['王建国']).toBeGreaterThanOrEqual(3);
    expect(byName['李明']).toBeGreaterThanOrEqual(1);
    // The assistant was refused (404): not a viewer.
    expect(byName['陈晓']).toBeUndefined();
    const at = viewers.body.items.map((v: { lastViewedAt: string }) => Date.parse(v.lastViewedAt));
    expect(at).toEqual([...at].sort((a, b) => b - a));
    expect((await as.admin.get(`/api/v1/cases/${kase.id}/viewers`)).status).toBe(200);
    for (const who of ['li.ming', 'finance', 'assistant', 'client'] as const)
      expect((await as[who].get(`/api/v1/cases/${kase.id}/viewers`)).status).toBe(403);
  });
});

describe('the audit log', () => {
  const log = (who: keyof ApiStack['as'], q: string) => as[who].get(`/api/v1/admin/audit-log?${q}`);

  it('is for partners and admins', async () => {
    expect((await log('partner', '')).status).toBe(200);
    expect((await log('admin', '')).status).toBe(200);
    expect((await log('li.ming', '')).status).toBe(403);
    expect((await log('finance', '')).status).toBe(403);
  });

  it('filters by record (its own rows and those naming it as their case), who, event and date, with names to say it', async () => {
    const byCase = await log('partner', `subjectId=${kase.id}&pageSize=200`);
    const events = new Set(byCase.body.items.map((i: { event: string }) => i.event));
    expect(events).toEqual(
      new Set([
        'post_cases',
        'get_cases_id',
        'get_cases_id_parties',
        'get_cases_id_documents',
        'patch_cases_id_parties_partyid',
        'post_cases_id_parties_partyid_id_number_reveal',
      ]),
    );
    const reveal = byCase.body.items.find(
      (i: { event: string; status: number }) => i.event === 'post_cases_id_parties_partyid_id_number_reveal' && i.status === 200,
    );
    expect(reveal).toMatchObject({ actorName: '李明', subjectLabel: '钱多多', caseId: kase.id, caseLabel: kase.number });

    const byClient = await log('partner', `subjectId=${client.id}&event=post_clients_id_id_number_reveal`);
    // Refused at the route (finance, the portal client: 403) or off the case (404): every try names the record.
    expect(byClient.body.items.map((i: any) => [i.actorName, i.subjectLabel, i.status])).toEqual([
      ['刘洋', '周慧敏', 403],
      ['赵敏', '周慧敏', 403],
      ['陈晓', '周慧敏', 404],
      ['张婷', '周慧敏', 404],
      ['王建国', '周慧敏', 200],
      ['李明', '周慧敏', 200],
    ]);
    const byWho = await log('partner', `subjectId=${client.id}&event=post_clients_id_id_number_reveal&actorId=${ids['li.ming']}`);
    expect(byWho.body.total).toBe(1);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const dayAfter = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect((await log('partner', `subjectId=${client.id}&from=${today}&to=${today}`)).body.total).toBeGreaterThan(5);
    expect((await log('partner', `subjectId=${client.id}&from=${dayAfter}`)).body.total).toBe(0);
    const actors = await as.partner.get('/api/v1/admin/audit-log/actors');
    expect(actors.body.items.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['李明', '王建国', '赵敏', '陈晓']));
  });

  it('exports the filtered rows as CSV with a BOM, sentences in the language asked, and audits the export', async () => {
    const r = await as.partner.get(`/api/v1/admin/audit-log/export?subjectId=${client.id}&event=post_clients_id_id_number_reveal`);
    expect(r.status).toBe(200);
    expect(r.contentType).toContain('text/csv');
    const raw = await fetch(
      `${stack.app.url}/api/v1/admin/audit-log/export?subjectId=${client.id}&event=post_clients_id_id_number_reveal`,
      {
        headers: { cookie: as.partner.cookie },
      },
    );
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人,事件,对象,结果');
    expect(lines).toHaveLength(7);
    expect(lines[lines.length - 1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},李明,李明 查看了客户 周慧敏 的完整证件号码,周慧敏,成功$/);
    expect(lines[1]).toContain(',刘洋,刘洋 查看了客户 周慧敏 的完整证件号码,周慧敏,被拒绝（403）');
    expect(lines[3]).toContain(',陈晓,陈晓 查看了客户 周慧敏 的完整证件号码,周慧敏,被拒绝（404）');
    expect(bytes.toString('utf8')).not.toContain(ID);
    const en = await as.partner.get(
      `/api/v1/admin/audit-log/export?lang=en&subjectId=${client.id}&event=post_clients_id_id_number_reveal&actorId=${ids['li.ming']}`,
    );
    expect(en.body.split('\r\n')[1]).toMatch(/,李明,李明 revealed the full ID number of the client 周慧敏,周慧敏,done$/);
    const exported = await stack.tdb
      .db('audit_log')
      .where({ action: 'GET /api/v1/admin/audit-log/export', actor_id: ids.partner })
      .orderBy('id');
    expect(exported.length).toBe(3);
    expect(exported[0].details).toMatchObject({ rows: 6, filter: { subjectId: client.id } });
    expect((await as['li.ming'].get('/api/v1/admin/audit-log/export')).status).toBe(403);
  });
});
