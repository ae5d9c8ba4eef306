import mammoth from 'mammoth';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';

/**
 * Firm settings, staff profiles and optional capabilities (issue 18, item 1): an admin sets the
 * firm's name, 统一社会信用代码, time zone, hours and case-number patterns (validated: 422 names the
 * field); the pattern numbers the next case; a lawyer keeps their own 执业证号, which the firm letter
 * prints; only admins set practice areas and supervisors (no cycles); a granted capability widens
 * what assistants may do and a revoke takes it back on the next request.
 */
let stack: ApiStack;
const year = new Date().getFullYear();

beforeAll(async () => {
  stack = await startApiStack('firm-settings', { historical: 0 });
}, 120_000);
afterAll(async () => stack?.close());

describe('firm settings', () => {
  it('are the defaults until an admin sets them; others are refused', async () => {
    const r = await stack.as.admin.get('/api/v1/firm/settings');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      uscc: null,
      timezone: 'Asia/Shanghai',
      caseNumbers: { civil: { prefix: '民', digits: 4 }, criminal: { prefix: '刑', digits: 4 } },
      workingHours: { mon: { start: '09:00', end: '18:00' }, sat: null },
      capabilities: expect.arrayContaining([{ name: 'assistant.draftTemplates', role: 'assistant', granted: false }]),
    });
    expect(r.body.caseNumberPreview.criminal).toMatch(new RegExp(`^${year}刑\\d{4}$`));
    for (const who of ['partner', 'li.ming', 'finance'] as const) {
      expect((await stack.as[who].get('/api/v1/firm/settings')).status).toBe(403);
      expect((await stack.as[who].patch('/api/v1/firm/settings', { name: '改名' })).status).toBe(403);
    }
  });

  it('refuse a bad 统一社会信用代码, time zone or case-number pattern with 422 naming the field', async () => {
    const bad = async (body: object, path: string) => {
      const r = await stack.as.admin.patch('/api/v1/firm/settings', body);
      expect({ status: r.status, code: r.body.code, paths: r.body.errors?.map((e: { path: string }) => e.path) }).toEqual({
        status: 422,
        code: 'unprocessable-entity',
        paths: [path],
      });
    };
    await bad({ uscc: '91110108551385082R' }, 'body.uscc');
    await bad({ uscc: '9111010855138508' }, 'body.uscc');
    await bad({ timezone: 'Beijing' }, 'body.timezone');
    await bad({ timezone: 'Mars/Olympus' }, 'body.timezone');
    await bad({ caseNumbers: { civil: { prefix: '民1', digits: 4 } } }, 'body.caseNumbers.civil');
    await bad({ caseNumbers: { civil: { prefix: '民', digits: 9 } } }, 'body.caseNumbers.civil');
    // Nothing was stored by the refusals.
    expect((await stack.as.admin.get('/api/v1/firm/settings')).body).toMatchObject({ uscc: null, timezone: 'Asia/Shanghai' });
  });

  it('saved, show in /firm and the preview, and number the next case by the pattern', async () => {
    const r = await stack.as.admin.patch('/api/v1/firm/settings', {
      name: '北京律程律师事务所',
      nameEn: 'LexFlow Law Firm',
      address: '北京市朝阳区建国路 1 号',
      uscc: '91110108551385082q',
      timezone: 'Asia/Shanghai',
      caseNumbers: { civil: { prefix: '京民', digits: 3 } },
      workingHours: {
        mon: { start: '08:30', end: '17:30' },
        tue: { start: '08:30', end: '17:30' },
        wed: { start: '08:30', end: '17:30' },
        thu: { start: '08:30', end: '17:30' },
        fri: { start: '08:30', end: '16:00' },
        sat: null,
        sun: null,
      },
      quietHours: { start: '21:00', end: '08:00' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: '北京律程律师事务所',
      uscc: '91110108551385082Q',
      caseNumbers: { civil: { prefix: '京民', digits: 3 }, criminal: { prefix: '刑', digits: 4 } },
      caseNumberPreview: { civil: `${year}京民001` },
      quietStart: '21:00',
      quietEnd: '08:00',
    });
    expect((await stack.as.assistant.get('/api/v1/firm')).body).toEqual({
      name: '北京律程律师事务所',
      nameEn: 'LexFlow Law Firm',
      timezone: 'Asia/Shanghai',
      logo: null,
    });
    const { caseId } = await openRestingCase(stack, { client: '编号测试有限公司', title: '编号测试' });
    expect((await stack.as['li.ming'].get(`/api/v1/cases/${caseId}`)).body.number).toBe(`${year}京民001`);
    expect((await stack.as.admin.get('/api/v1/firm/settings')).body.caseNumberPreview.civil).toBe(`${year}京民002`);
    // Quiet hours are the default of whoever saved no preferences of their own.
    expect((await stack.as['zhang.ting'].get('/api/v1/me/preferences')).body).toMatchObject({ quietStart: '21:00', quietEnd: '08:00' });
    // The change is audited with the fields it named.
    const audit = await stack.tdb.db('audit_log').where({ entity: 'firm', status: 200 }).orderBy('id', 'desc').first();
    expect(audit.details.fields).toEqual(expect.arrayContaining(['uscc', 'caseNumbers']));
  });
});

describe('staff profiles', () => {
  const profile = (id: string) => `/api/v1/people/${id}/profile`;

  it('a lawyer keeps their own licence number (17 digits) and hours; the firm letter prints it', async () => {
    const me = stack.ids['li.ming'];
    const lawyer = stack.as['li.ming'];
    const empty = await lawyer.get(profile(me));
    expect(empty.body).toMatchObject({
      licenceNo: null,
      practiceAreas: [],
      supervisor: null,
      workingHours: null,
      may: { editOwn: true, assign: false },
    });
    const bad = await lawyer.patch(profile(me), { licenceNo: '1110120181012345' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'body.licenceNo', message: expect.stringContaining('17 digits') }]);
    const ok = await lawyer.patch(profile(me), { licenceNo: '11101201810123456' });
    expect(ok.status).toBe(200);
    expect(ok.body.licenceNo).toBe('11101201810123456');
    // Practice areas and the supervisor are an admin's to set; another lawyer changes nothing of it.
    expect((await lawyer.patch(profile(me), { practiceAreas: ['civil'] })).status).toBe(403);
    expect((await stack.as['zhang.ting'].patch(profile(me), { licenceNo: null })).status).toBe(403);
    expect((await stack.as.partner.get(profile(me))).body.may).toEqual({ editOwn: false, assign: false });

    const { caseId } = await openRestingCase(stack, { client: '函件测试有限公司', title: '函件测试' });
    const letter = await lawyer.post(`/api/v1/cases/${caseId}/documents/generate`, {
      templateKey: 'firm-letter',
      form: { agentRole: 'agent', recipient: '北京市朝阳区人民法院' },
    });
    expect(letter.status).toBe(201);
    const text = (await mammoth.extractRawText({ buffer: (await lawyer.download(`/api/v1/documents/${letter.body.id}/content`)).bytes }))
      .value;
    expect(text).toContain('执业证号：11101201810123456');
  });

  it('an admin sets practice areas and a supervisor, never making a cycle', async () => {
    const { admin } = stack.as;
    const li = stack.ids['li.ming'];
    const zhang = stack.ids['zhang.ting'];
    const partner = stack.ids.partner;
    const set = await admin.patch(profile(li), { practiceAreas: ['civil', 'arbitration'], supervisorId: zhang });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ practiceAreas: ['civil', 'arbitration'], supervisor: { id: zhang, name: '张婷' } });
    expect((await admin.patch(profile(zhang), { supervisorId: partner })).status).toBe(200);
    // 王建国 above 张婷 above 李明: neither 李明 nor 张婷 can be put above 王建国, nor anyone above themselves.
    for (const [who, sup] of [
      [partner, li],
      [partner, zhang],
      [zhang, li],
      [li, li],
    ]) {
      const r = await admin.patch(profile(who), { supervisorId: sup });
      expect({ who, sup, status: r.status, path: r.body.errors?.[0]?.path }).toEqual({ who, sup, status: 422, path: 'body.supervisorId' });
    }
    expect((await admin.patch(profile(li), { supervisorId: stack.ids.client })).status).toBe(422);
    expect((await admin.get(profile(stack.ids.client))).status).toBe(404);
    expect((await admin.patch(profile(li), { supervisorId: null })).body.supervisor).toBeNull();
  });
});

describe('optional capabilities', () => {
  it('assistant.draftTemplates: a granted assistant saves a template draft, revoked → 403 on the next request', async () => {
    const { admin, assistant, partner } = stack.as;
    await partner.post('/api/v1/process-templates', { key: 'cap-house', name: '能力测试', copyFrom: 'due-diligence' });
    const xml = (await partner.get('/api/v1/process-templates/cap-house')).body.draftXml as string;
    const save = () => assistant.request('PUT', '/api/v1/process-templates/cap-house/draft', { raw: xml, contentType: 'application/xml' });
    expect((await save()).status).toBe(403);

    const granted = await admin.patch('/api/v1/firm/settings', { capabilities: ['assistant.draftTemplates'] });
    expect(granted.body.capabilities).toEqual(
      expect.arrayContaining([{ name: 'assistant.draftTemplates', role: 'assistant', granted: true }]),
    );
    expect((await save()).status).toBe(200);
    // Drafting is not publishing, and the grant is the assistants' only.
    expect((await assistant.post('/api/v1/process-templates/cap-house/publish', { changeNote: 'x' })).status).toBe(403);
    expect(
      (await stack.as.finance.request('PUT', '/api/v1/process-templates/cap-house/draft', { raw: xml, contentType: 'application/xml' }))
        .status,
    ).toBe(403);

    expect((await admin.patch('/api/v1/firm/settings', { capabilities: [] })).status).toBe(200);
    expect((await save()).status).toBe(403);
  });

  it('finance.seeCaseDescriptions: finance reads a case without its description (nor a snippet of it) unless granted', async () => {
    const { admin, finance } = stack.as;
    const { caseId } = await openRestingCase(stack, { client: '描述测试有限公司', title: '描述测试' });
    expect(
      (await stack.as['li.ming'].patch(`/api/v1/cases/${caseId}`, { description: '客户透露对方资金链紧张，拟申请财产保全' })).status,
    ).toBe(200);
    const read = async () => (await finance.get(`/api/v1/cases/${caseId}`)).body.description;
    const snippet = async () =>
      (await finance.get(`/api/v1/cases?q=${encodeURIComponent('财产保全')}`)).body.items.find((i: { id: string }) => i.id === caseId)
        ?.highlight?.snippet?.text;
    expect(await read()).toBeNull();
    expect(await snippet()).toBeFalsy();
    // The team still reads it.
    expect((await stack.as['li.ming'].get(`/api/v1/cases/${caseId}`)).body.description).toContain('财产保全');
    await admin.patch('/api/v1/firm/settings', { capabilities: ['finance.seeCaseDescriptions'] });
    expect(await read()).toContain('财产保全');
    expect(await snippet()).toContain('财产保全');
    await admin.patch('/api/v1/firm/settings', { capabilities: [] });
    expect(await read()).toBeNull();
  });

  it('finance.readCommunications: finance reads a client’s communication log only while granted', async () => {
    const { admin, finance } = stack.as;
    const { clientId } = await openRestingCase(stack, { client: '沟通测试有限公司', title: '沟通测试' });
    const log = () => finance.get(`/api/v1/clients/${clientId}/communications`);
    expect((await log()).status).toBe(403);
    await admin.patch('/api/v1/firm/settings', { capabilities: ['finance.readCommunications'] });
    expect((await log()).status).toBe(200);
    // Reading is all it widens.
    const add = await finance.post(`/api/v1/clients/${clientId}/communications`, {
      kind: 'phone',
      occurredAt: new Date().toISOString(),
      summary: '电话',
    });
    expect(add.status).toBe(403);
    await admin.patch('/api/v1/firm/settings', { capabilities: [] });
    expect((await log()).status).toBe(403);
  });
});
