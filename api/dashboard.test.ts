import { addDays, civilDateAt, zonedTimeToInstant } from '../domain/deadlines/civil-date';
import { startApiStack, openRestingCase, type ApiStack } from '../test/helpers/api-stack';
import type { HttpClient } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';

/**
 * The 工作台: each tile's count equals the total of the list it links to (fetched here with the
 * filter the tile's link carries), on a firm seeded with items just inside and just outside each
 * window, and on another lawyer's case.
 *
 * "Today" is the firm's today. The firm's time zone is set to the zone where it is now the first or
 * last hour of the day and whose date differs from UTC's (at 16:30 UTC: UTC+8, 00:30 tomorrow), so a
 * server that counted in UTC would put the "due today" task on the wrong day.
 */
let stack: ApiStack;
let as: ApiStack['as'];
let ids: Record<string, string>;
let zone: string;
let today: string;
let utcToday: string;
let idle31: string;
let idle29: string;
let other: string;
const titles: Record<string, string> = {};

/** An Etc/GMT zone whose local time is now within an hour of midnight, on a date other than UTC's. */
function zoneNearMidnight(now: Date): string {
  const h = now.getUTCHours();
  // Etc/GMT-N is UTC+N (the sign is POSIX's).
  return h >= 10 ? `Etc/GMT-${24 - h}` : `Etc/GMT+${h + 1}`;
}

async function manualTask(c: HttpClient, caseId: string, title: string, dueDate: string, assigneeId: string): Promise<string> {
  const r = await c.post('/api/v1/tasks', { caseId, title, dueDate, assigneeId });
  expect(r.status).toBe(201);
  titles[r.body.id] = title;
  return r.body.id;
}

async function hearing(c: HttpClient, caseId: string, title: string, day: string, hour: number) {
  const startsAt = new Date(zonedTimeToInstant(day, hour, 0, zone));
  const r = await c.post('/api/v1/calendar/events', {
    caseId,
    kind: 'hearing',
    title,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    location: '第十法庭',
  });
  expect(r.status).toBe(201);
}

/** Everything that counts as activity on a case, moved `days` back. */
async function lastActivity(caseId: string, days: number) {
  const db = stack.tdb.db;
  const at = db.raw(`now() - make_interval(days => ?)`, [days]);
  await db('cases').where({ id: caseId }).update({ created_at: at });
  await db('stage_history').where({ case_id: caseId }).update({ entered_at: at });
  await db('tasks').where({ case_id: caseId }).whereNotNull('completed_at').update({ completed_at: at });
  await db('case_events').where({ case_id: caseId }).update({ created_at: at });
  await db('calendar_events').where({ case_id: caseId }).update({ created_at: at });
  await db('documents').where({ case_id: caseId }).update({ updated_at: at });
  await db('communications').where({ case_id: caseId }).update({ occurred_at: at });
}

beforeAll(async () => {
  stack = await startApiStack('dashboard', { historical: 2 });
  ({ as, ids } = stack);
  const now = new Date();
  zone = zoneNearMidnight(now);
  await stack.tdb
    .db('settings')
    .insert({ key: 'firm', value: JSON.stringify({ timezone: zone }) })
    .onConflict('key')
    .merge();
  today = civilDateAt(now.getTime(), zone);
  utcToday = civilDateAt(now.getTime(), 'UTC');
  expect(today).not.toBe(utcToday);

  idle31 = (await openRestingCase(stack, { client: '工作台测试甲有限公司', title: '甲公司买卖合同纠纷' })).caseId;
  idle29 = (await openRestingCase(stack, { client: '工作台测试乙有限公司', title: '乙公司借款合同纠纷' })).caseId;
  const zhang = as['zhang.ting'];
  const client = (await zhang.post('/api/v1/clients', { kind: 'organisation', name: '工作台测试丙有限公司' })).body;
  const kase = await zhang.post('/api/v1/cases', {
    title: '丙公司租赁合同纠纷',
    clientId: client.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: '上海市静安区人民法院',
    leadLawyerId: ids['zhang.ting'],
  });
  expect(kase.status).toBe(201);
  other = kase.body.id;
  await eventually(() => stack.tdb.db('tasks').where({ case_id: other, status: 'open' }).first('id'));

  const li = as['li.ming'];
  const me = ids['li.ming'];
  await manualTask(li, idle31, '昨天到期的任务', addDays(today, -1), me);
  await manualTask(li, idle31, '今天到期的任务', today, me);
  await manualTask(li, idle31, '明天到期的任务', addDays(today, 1), me);
  // The day UTC calls today, which is not the firm's (yesterday or tomorrow there).
  await manualTask(li, idle31, 'UTC今天到期的任务', utcToday, me);
  const in13 = await manualTask(li, idle29, '十三天后的法定期限', addDays(today, 13), me);
  const in15 = await manualTask(li, idle29, '十五天后的法定期限', addDays(today, 15), me);
  await manualTask(li, idle29, '十三天后的普通任务', addDays(today, 13), me);
  await manualTask(zhang, other, '张婷昨天到期的任务', addDays(today, -1), ids['zhang.ting']);
  const theirs = await manualTask(zhang, other, '张婷十天后的法定期限', addDays(today, 10), ids['zhang.ting']);
  // Statutory deadlines carry their basis, as the engine writes it for a period of the law.
  await stack.tdb.db('tasks').whereIn('id', [in13, in15, theirs]).update({ due_basis: '《民事诉讼法》第171条：上诉期十五日' });

  await hearing(li, idle29, '开庭 · 乙公司 · 第十法庭', addDays(today, 2), 9);
  await hearing(li, idle29, '八天后开庭', addDays(today, 8), 9);
  await hearing(zhang, other, '开庭 · 丙公司', addDays(today, 1), 14);

  const similar = (await as['li.ming'].post('/api/v1/conflict-checks', { subjects: [{ name: '工作台测试甲有限公司', role: 'opposing' }] }))
    .body;
  expect(similar.result).not.toBe('clear');
  const decided = (await as.partner.post('/api/v1/conflict-checks', { subjects: [{ name: '工作台测试乙有限公司', role: 'opposing' }] }))
    .body;
  expect(
    (await as.partner.post(`/api/v1/conflict-checks/${decided.id}/decision`, { decision: 'waived', note: '双方书面同意' })).status,
  ).toBe(200);
  expect(
    (await as.partner.post('/api/v1/conflict-checks', { subjects: [{ name: '毫不相干的名字有限公司', role: 'client' }] })).body.result,
  ).toBe('clear');

  // Two invoices still owed: one due on the firm's today (a receivable due), one tomorrow (not yet).
  for (const [amountFen, dueOn] of [
    [120_000, today],
    [80_000, addDays(today, 1)],
  ] as const) {
    const x = await li.post(`/api/v1/cases/${idle29}/expenses`, {
      category: 'court_fee',
      amountFen,
      spentOn: addDays(today, -1),
      paidBy: 'firm',
      rebillable: true,
    });
    expect(x.status).toBe(201);
    expect((await as.finance.post(`/api/v1/expenses/${x.body.id}/approve`, {})).status).toBe(200);
    const lines = (await as.finance.get(`/api/v1/cases/${idle29}/invoice-lines`)).body.items.filter((l: any) => !l.invoiceId);
    const inv = await as.finance.post('/api/v1/invoices', { caseId: idle29, lineIds: lines.map((l: any) => l.id) });
    expect(inv.status).toBe(201);
    expect((await as.finance.post(`/api/v1/invoices/${inv.body.id}/issue`, { dueOn })).status).toBe(200);
  }

  await lastActivity(idle31, 31);
  await lastActivity(idle29, 29);
}, 240_000);
afterAll(async () => stack?.close());

const board = async (c: HttpClient) => {
  const r = await c.get('/api/v1/dashboard');
  expect(r.status).toBe(200);
  return r.body;
};
const total = async (c: HttpClient, path: string) => {
  const r = await c.get(path);
  expect(r.status).toBe(200);
  return r.body.total as number;
};
const names = (tile: { items: Array<{ title: string }> }) => tile.items.map((i) => i.title);

describe('dashboard', () => {
  it("a lawyer's tiles: his tasks overdue and due on the firm's today, his cases' statutory deadlines and hearings", async () => {
    const li = as['li.ming'];
    const d = await board(li);
    expect(d).toMatchObject({ timeZone: zone, windows: { today, deadlineTo: addDays(today, 14), idleDays: 30 } });
    expect(d.firm).toBeNull();
    expect(d.conflictChecks).toBeNull();

    expect(d.tasksDueToday.count).toBe(await total(li, `/api/v1/tasks?scope=mine&status=open&dueFrom=${today}&dueTo=${today}`));
    expect(names(d.tasksDueToday)).toContain('今天到期的任务');
    expect(names(d.tasksDueToday)).not.toContain('明天到期的任务');
    expect(names(d.tasksDueToday)).not.toContain('UTC今天到期的任务');

    expect(d.overdueTasks.count).toBe(await total(li, '/api/v1/tasks?scope=mine&status=overdue'));
    expect(names(d.overdueTasks)).toContain('昨天到期的任务');
    expect(names(d.overdueTasks)).not.toContain('张婷昨天到期的任务');

    const deadlines = `/api/v1/tasks?scope=team&status=open&statutory=true&dueFrom=${today}&dueTo=${d.windows.deadlineTo}`;
    expect(d.deadlines.count).toBe(await total(li, deadlines));
    expect(d.deadlines.count).toBe(1);
    expect(d.deadlines.items[0]).toMatchObject({ title: '十三天后的法定期限', dueBasis: expect.stringContaining('第171条') });

    const week = (await li.get(`/api/v1/calendar?scope=team&kind=hearing&from=${d.windows.hearingsFrom}&to=${d.windows.hearingsTo}`)).body;
    expect(d.hearings.count).toBe(week.items.length);
    expect(d.hearings.items.map((h: { title: string }) => h.title)).toEqual(['开庭 · 乙公司 · 第十法庭']);
    expect(d.hearings.items[0]).toMatchObject({ location: '第十法庭', caseId: idle29, allDay: false });
    expect(Date.parse(d.hearings.items[0].startsAt)).toBe(zonedTimeToInstant(addDays(today, 2), 9, 0, zone));
  });

  it("the other lawyer's items stay on her dashboard", async () => {
    const d = await board(as['zhang.ting']);
    expect(names(d.overdueTasks)).toEqual(['张婷昨天到期的任务']);
    expect(names(d.deadlines)).toEqual(['张婷十天后的法定期限']);
    expect(d.hearings.items.map((h: { title: string }) => h.title)).toEqual(['开庭 · 丙公司']);
    expect(d.hearings.items[0].court).toBe('上海市静安区人民法院');
  });

  it("a partner's tiles: the firm's active cases by stage and area, overdue work per person, idle cases, conflict checks", async () => {
    const p = as.partner;
    const d = await board(p);
    expect(d.firm.byStage.length).toBeGreaterThan(0);
    for (const s of d.firm.byStage)
      expect(s.count).toBe(await total(p, `/api/v1/cases?status=active&stage=${encodeURIComponent(s.stage)}&pageSize=1`));
    expect(d.firm.byArea.length).toBeGreaterThan(0);
    for (const a of d.firm.byArea)
      expect(a.count).toBe(await total(p, `/api/v1/cases?status=active&practiceArea=${a.practiceArea}&pageSize=1`));
    expect(d.firm.byArea.reduce((n: number, a: { count: number }) => n + a.count, 0)).toBe(await total(p, '/api/v1/cases?status=active'));

    const people = d.firm.overdueByPerson as Array<{ userId: string; count: number }>;
    expect(people.map((x) => x.userId)).toEqual(expect.arrayContaining([ids['li.ming'], ids['zhang.ting']]));
    for (const x of people) expect(x.count).toBe(await total(p, `/api/v1/tasks?scope=team&status=overdue&assigneeId=${x.userId}`));

    expect(d.firm.idleCases.count).toBe(await total(p, '/api/v1/cases?status=active&idleDays=30'));
    const idle = (await p.get('/api/v1/cases?status=active&idleDays=30&pageSize=200')).body.items.map((c: { id: string }) => c.id);
    expect(idle).toContain(idle31);
    expect(idle).not.toContain(idle29);
    expect(idle).not.toContain(other);

    expect(d.conflictChecks.count).toBe(await total(p, '/api/v1/conflict-checks?awaiting=true'));
    expect(d.conflictChecks.items.map((k: { names: string[] }) => k.names)).toEqual([['工作台测试甲有限公司']]);

    // Firm-wide: the partner sees both lawyers' deadlines and hearings.
    expect(names(d.deadlines).sort()).toEqual(['十三天后的法定期限', '张婷十天后的法定期限'].sort());
    expect(d.hearings.count).toBe(
      (await p.get(`/api/v1/calendar?scope=team&kind=hearing&from=${d.windows.hearingsFrom}&to=${d.windows.hearingsTo}`)).body.items.length,
    );
    expect(d.hearings.items.map((h: { title: string }) => h.title)).toEqual(['开庭 · 丙公司', '开庭 · 乙公司 · 第十法庭']);
  });

  it("finance's tile: invoices still owed and due by the firm's today, as the invoice list counts them", async () => {
    const d = await board(as.finance);
    expect(d.receivables.count).toBe(await total(as.finance, `/api/v1/invoices?dueBy=${today}`));
    expect(d.receivables.items.map((i: { dueOn: string; outstandingFen: number }) => [i.dueOn, i.outstandingFen])).toEqual([
      [today, 120_000],
    ]);
    // Tomorrow's is owed but not yet due: the list counts it once the day comes.
    expect(await total(as.finance, `/api/v1/invoices?dueBy=${addDays(today, 1)}`)).toBe(2);
  });

  it('a lawyer sees only his own cases among the idle ones; finance has no task tiles; the client no dashboard', async () => {
    const mine = (await as['li.ming'].get('/api/v1/cases?status=active&idleDays=30&pageSize=200')).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(mine).toContain(idle31);
    expect(mine).not.toContain(other);
    const f = await board(as.finance);
    expect(f).toMatchObject({ overdueTasks: null, tasksDueToday: null, deadlines: null, hearings: null, firm: null, conflictChecks: null });
    expect((await board(as['li.ming'])).receivables).toBeNull();
    expect((await as.client.get('/api/v1/dashboard')).status).toBe(403);
    expect((await as['li.ming'].get('/api/v1/cases?idleDays=0')).status).toBe(400);
  });
});
