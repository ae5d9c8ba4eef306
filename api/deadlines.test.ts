import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { seedDemo } from '../test/helpers/users';

let tdb: TestDatabase;
let app: TestApp;
let lawyer: HttpClient;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  app = await startTestApp(tdb.db);
  lawyer = new HttpClient(app.url);
  await lawyer.login('li.ming@demo.lexflow');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const compute = async (c: HttpClient, q: string) => c.get(`/api/v1/deadlines/compute?${q}`);

describe('GET /api/v1/deadlines/compute', () => {
  it.each([
    // [query, due, unadjusted, rolledOver, provisional, skipped days]
    ['from=2026-09-22&period=civil.appeal_judgment', '2026-10-08', '2026-10-07', true, false, ['2026-10-07']],
    ['from=2026-02-05&period=P15D', '2026-02-24', '2026-02-20', true, false, ['2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']],
    ['from=2026-08-01&period=criminal.investigation_custody', '2026-10-01', '2026-10-01', false, false, []],
    ['from=2026-09-28&period=P10D&calendar=workdays', '2026-10-16', '2026-10-16', false, false, []],
    ['from=2026-12-20&period=civil.answer', '2027-01-04', '2027-01-04', false, true, []],
    ['from=2026-03-31&period=P3M', '2026-06-30', '2026-06-30', false, false, []],
    ['from=2026-03-10&period=arbitration.set_aside', '2026-06-10', '2026-06-10', false, false, []],
  ])('%s → %s', async (q, due, unadjusted, rolledOver, provisional, skipped) => {
    const r = await compute(lawyer, q as string);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ due, unadjusted, rolledOver, provisional });
    expect(r.body.skipped.map((s: { date: string }) => s.date)).toEqual(skipped);
    expect(typeof r.body.basis).toBe('string');
  });

  it('names the holiday passed over and gives the basis in the user’s language', async () => {
    const zh = (await compute(lawyer, 'from=2026-09-22&period=civil.appeal_judgment')).body;
    expect(zh.basis).toContain('《民事诉讼法》');
    expect(zh.skipped[0].holiday).toBeTruthy();
    expect((await compute(lawyer, 'from=2026-02-05&period=P15D')).body.basis).toContain('开始之日不计入');
    await lawyer.patch('/api/v1/auth/me', { locale: 'en' });
    expect((await compute(lawyer, 'from=2026-09-22&period=civil.appeal_judgment')).body.basis).toContain('Civil Procedure Law');
    await lawyer.patch('/api/v1/auth/me', { locale: 'zh-CN' });
  });

  it('refuses what it cannot count, with the field named', async () => {
    for (const q of [
      'from=2026-09-22&period=PT5H',
      'from=2026-09-22&period=nonsense',
      'from=2026-09-22&period=P1M&calendar=workdays',
      'from=2026-13-01&period=P15D',
      'period=P15D',
      'from=2026-09-22&period=P15D&calendar=lunar',
    ]) {
      const r = await compute(lawyer, q);
      expect({ q, status: r.status }).toEqual({ q, status: 400 });
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.errors.length).toBeGreaterThan(0);
    }
  });

  it('is for the firm’s staff', async () => {
    expect((await compute(new HttpClient(app.url), 'from=2026-09-22&period=P15D')).status).toBe(401);
    const portal = new HttpClient(app.url);
    await portal.login('client@demo.lexflow');
    expect((await compute(portal, 'from=2026-09-22&period=P15D')).status).toBe(403);
    expect((await portal.get('/api/v1/deadlines/periods')).status).toBe(403);
  });
});

describe('GET /api/v1/deadlines/periods', () => {
  it('lists every catalogue key with its legal basis in both languages', async () => {
    const r = await lawyer.get('/api/v1/deadlines/periods');
    expect(r.status).toBe(200);
    const keys = r.body.items.map((p: { key: string }) => p.key);
    for (const k of [
      'civil.answer',
      'civil.appeal_judgment',
      'civil.appeal_ruling',
      'civil.evidence_period',
      'civil.enforcement_application',
      'civil.retrial_application',
      'administrative.filing_direct',
      'criminal.appeal_judgment',
      'arbitration.set_aside',
    ])
      expect(keys).toContain(k);
    const custody = r.body.items.find((p: { key: string }) => p.key === 'criminal.investigation_custody');
    expect(custody.roll).toBe('none');
    for (const p of r.body.items) expect(p.basis.zh && p.basis.en).toBeTruthy();
  });
});

describe('the holiday arrangement administrators keep', () => {
  it('enters 2027 days and completes the year: deadlines follow them and stop being provisional; only administrators change it', async () => {
    const admin = new HttpClient(app.url);
    await admin.login('admin@demo.lexflow');
    const before = (await lawyer.get('/api/v1/holidays')).body;
    expect(before.coverage.to).toBe(2026);
    expect((await compute(lawyer, 'from=2026-12-20&period=civil.answer')).body).toMatchObject({ due: '2027-01-04', provisional: true });

    expect((await lawyer.request('PUT', '/api/v1/holidays/overrides/2027-01-04', { json: { kind: 'off' } })).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/holidays/years/2027', { json: { source: '国务院办公厅通知' } })).status).toBe(422);
    // A made-up arrangement for the test: 1 January off, 4 January off, 9 January a working Saturday.
    for (const [date, kind, name] of [
      ['2027-01-01', 'off', '元旦'],
      ['2027-01-04', 'off', '元旦'],
      ['2027-01-09', 'work', '元旦调休'],
    ]) {
      const r = await admin.request('PUT', `/api/v1/holidays/overrides/${date}`, { json: { kind, name, source: '测试用通知' } });
      expect(r.status).toBe(200);
    }
    const done = await admin.request('PUT', '/api/v1/holidays/years/2027', { json: { source: '测试用通知' } });
    expect(done.status).toBe(200);
    expect(done.body.coverage.extraYears).toEqual([2027]);
    expect(done.body.overrides.map((o: { date: string }) => o.date)).toEqual(['2027-01-01', '2027-01-04', '2027-01-09']);

    const after = (await compute(lawyer, 'from=2026-12-20&period=civil.answer')).body;
    expect(after).toMatchObject({ due: '2027-01-05', unadjusted: '2027-01-04', rolledOver: true, provisional: false });
    expect(after.skipped).toEqual([{ date: '2027-01-04', holiday: '元旦' }]);
    // Saturday 9 January 2027 now counts as a working day: two working days after Thursday end on it.
    expect((await compute(lawyer, 'from=2027-01-07&period=P2D&calendar=workdays')).body.due).toBe('2027-01-09');
    expect((await admin.del('/api/v1/holidays/overrides/2027-01-09')).status).toBe(204);
    expect((await compute(lawyer, 'from=2027-01-07&period=P2D&calendar=workdays')).body.due).toBe('2027-01-11');

    expect((await admin.del('/api/v1/holidays/overrides/2027-01-04')).status).toBe(204);
    expect((await admin.del('/api/v1/holidays/overrides/2027-01-04')).status).toBe(404);
    expect((await admin.del('/api/v1/holidays/years/2027')).status).toBe(204);
    expect((await compute(lawyer, 'from=2026-12-20&period=civil.answer')).body).toMatchObject({ due: '2027-01-04', provisional: true });
    expect((await admin.request('PUT', '/api/v1/holidays/overrides/2027-02-30', { json: { kind: 'off' } })).status).toBe(400);
  });
});
