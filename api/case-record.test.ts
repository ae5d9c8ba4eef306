import type { Knex } from 'knex';
import pg from 'pg';
import { HttpClient, type TestApp } from '../test/helpers/app';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { TestDatabase } from '../test/helpers/db';
import { eventually } from '../test/helpers/engine';

let stack: ApiStack;
let tdb: TestDatabase;
let app: TestApp;
let as: ApiStack['as'];
let ids: Record<string, string>;
let mine: { id: string; number: string };

beforeAll(async () => {
  stack = await startApiStack('record', { historical: 30 });
  ({ tdb, app, as, ids } = stack);
  ids.client = (await tdb.db('clients').where({ name: '上海星河科技有限公司' }).first()).id;
  const tag = (await tdb.db('tags').where({ name: '重大案件' }).first()).id;
  const r = await as['li.ming'].post('/api/v1/cases', {
    title: '星河科技诉蓝海软件技术服务合同纠纷',
    clientId: ids.client,
    practiceArea: 'civil',
    caseType: 'first_instance',
    causeOfAction: '服务合同纠纷',
    court: '上海市浦东新区人民法院',
    amountInDisputeFen: 128_000_000,
    priority: 'high',
    leadLawyerId: ids['li.ming'],
    team: [{ userId: ids.assistant, role: 'assistant' }],
    description: '被告上海蓝海软件有限公司交付的ERP系统存在严重缺陷，导致原告仓储数据丢失。Defendant failed the acceptance test twice.',
    parties: [{ role: 'opposing', kind: 'organisation', name: '上海蓝海软件有限公司', representative: '欧阳锋' }],
    tagIds: [tag],
  });
  expect(r.status).toBe(201);
  mine = r.body;
}, 60_000);
afterAll(() => stack?.close());

const list = async (c: HttpClient, query: string) => {
  const r = await c.get(`/api/v1/cases?${query}`);
  expect(r.status).toBe(200);
  return r.body as { items: any[]; total: number };
};

/** What `act` returns, and the statements the app sent to PostgreSQL meanwhile, as knex compiled them. */
async function statementsDuring<T>(
  db: Knex,
  act: () => Promise<T>,
): Promise<{ result: T; statements: Array<{ sql: string; bindings: readonly Knex.Value[] }> }> {
  const statements: Array<{ sql: string; bindings: readonly Knex.Value[] }> = [];
  const record = (q: { sql: string; bindings?: readonly Knex.Value[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', record);
  try {
    return { result: await act(), statements };
  } finally {
    db.removeListener('query', record);
  }
}

/**
 * The plans of statements as the app sent them (pg's $n placeholders, so through pg itself). 31
 * cases fit in a page or two, where a sequential scan is always cheapest: it is forbidden so the
 * plan shows the index a statement can use at a firm's real size.
 */
async function explainWithoutSeqScan(url: string, statements: Array<{ sql: string; bindings: readonly Knex.Value[] }>): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set enable_seqscan = off');
    const plans: string[] = [];
    for (const s of statements)
      plans.push(
        (await client.query(`explain ${s.sql}`, [...s.bindings])).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'),
      );
    return plans;
  } finally {
    await client.end();
  }
}

describe('case search', () => {
  it('finds a case by a Chinese word of its description, an English word, a party, its representative and its number, with highlights', async () => {
    for (const q of ['仓储', '缺陷', 'acceptance', 'ERP', '蓝海软件', '欧阳锋', mine.number, mine.number.slice(0, 7)]) {
      const r = await list(as['li.ming'], `q=${encodeURIComponent(q)}&sort=relevance`);
      expect({ q, found: r.items.some((i) => i.id === mine.id) }).toEqual({ q, found: true });
    }
    const hit = (await list(as['li.ming'], `q=${encodeURIComponent('仓储数据')}`)).items.find((i) => i.id === mine.id);
    const s = hit.highlight.snippet;
    expect(s.ranges.map(([a, b]: [number, number]) => s.text.slice(a, b)).join('')).toContain('仓储');
    const t = (await list(as['li.ming'], `q=${encodeURIComponent('技术服务')}`)).items.find((i) => i.id === mine.id);
    expect(t.highlight.title.map(([a, b]: [number, number]) => '星河科技诉蓝海软件技术服务合同纠纷'.slice(a, b)).join('')).toContain(
      '技术',
    );
    expect((await list(as['li.ming'], `q=${encodeURIComponent('不存在的词语组合')}`)).total).toBe(0);
  });

  it('uses the GIN index for a two-character query (合同)', async () => {
    // The statements the list itself sends, explained as they are (not a query written here).
    const { result: r, statements } = await statementsDuring(tdb.db, () =>
      list(as.partner, `q=${encodeURIComponent('合同')}&pageSize=100`),
    );
    const searches = statements.filter((s) => s.sql.includes('tsv @@'));
    expect(searches.length).toBeGreaterThan(0);
    const plans = await explainWithoutSeqScan(tdb.url, searches);
    // Each statement that matches the text finds its rows through the index.
    for (const plan of plans) expect(plan).toContain('case_search_tsv');
    expect(r.total).toBeGreaterThan(5);
    for (const i of r.items) expect(`${i.title}${i.causeOfAction}${i.highlight.snippet?.text ?? ''}`).toMatch(/合同/);
  });

  it('combines filters, sorts and pages', async () => {
    const all = await list(as.partner, 'pageSize=200');
    expect(all.total).toBe(31);
    const civil = await list(as.partner, 'practiceArea=civil&pageSize=200');
    expect(civil.items.every((i) => i.practiceArea === 'civil')).toBe(true);
    const closedCivil = await list(as.partner, 'practiceArea=civil&status=closed&pageSize=200');
    expect(closedCivil.total).toBe(civil.total - 1);
    const court = await list(as.partner, `court=${encodeURIComponent('浦东新区')}&pageSize=200`);
    expect(court.items.every((i) => i.court.includes('浦东新区'))).toBe(true);
    expect(
      (await list(as.partner, `leadLawyerId=${ids['li.ming']}&priority=high&caseType=first_instance`)).items.map((i) => i.id),
    ).toContain(mine.id);
    expect((await list(as.partner, `memberId=${ids.assistant}&status=active`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(as.partner, `clientId=${ids.client}&status=active`)).total).toBe(1);
    const tag = (await tdb.db('tags').where({ name: '重大案件' }).first()).id;
    expect((await list(as.partner, `tagId=${tag}&pageSize=200`)).items.map((i) => i.id)).toContain(mine.id);
    const opened = await list(as.partner, 'openedFrom=2025-01-01&openedTo=2025-12-31&pageSize=200');
    expect(opened.items.every((i) => i.openedOn >= '2025-01-01' && i.openedOn <= '2025-12-31')).toBe(true);
    const closed = await list(as.partner, 'closedFrom=2026-01-01&pageSize=200');
    expect(closed.items.every((i) => i.closedAt >= '2026-01-01')).toBe(true);
    const stage = (await as.partner.get('/api/v1/case-stages')).body.items;
    expect(stage).toContain('立案');
    expect((await list(as.partner, `stage=${encodeURIComponent('立案')}`)).items.map((i) => i.id)).toEqual([mine.id]);

    const byNumber = await list(as.partner, 'sort=number&order=asc&pageSize=200');
    const numbers = byNumber.items.map((i) => i.number);
    expect(numbers).toEqual([...numbers].sort());
    const page1 = await list(as.partner, 'sort=number&order=asc&pageSize=10&page=1');
    const page2 = await list(as.partner, 'sort=number&order=asc&pageSize=10&page=2');
    expect([...page1.items, ...page2.items].map((i) => i.number)).toEqual(numbers.slice(0, 20));
    expect((await as.partner.get('/api/v1/cases?sort=nonsense')).status).toBe(400);
    expect((await as.partner.get('/api/v1/cases?openedFrom=2026-13-01')).status).toBe(400);
  });

  it("gives a lawyer the same answers as a partner narrowed to the lawyer's team, in every order and page", async () => {
    const team = `memberId=${ids['li.ming']}`;
    const total = (await list(as.partner, `${team}&pageSize=1`)).total;
    expect(total).toBeGreaterThan(3);
    const queries = [
      'sort=openedOn&order=desc',
      'sort=openedOn&order=asc',
      'sort=title&order=asc',
      'sort=number&order=desc',
      'sort=priority&order=asc',
      'sort=updatedAt&order=desc',
      `q=${encodeURIComponent('合同')}&sort=relevance`,
      // Words without ranking, and words with another filter: a lawyer's search rows are read first.
      `q=${encodeURIComponent('合同')}&sort=title&order=asc`,
      `q=${encodeURIComponent('合同')}&status=active&sort=relevance`,
      'status=closed&sort=title&order=desc',
    ];
    for (const q of queries) {
      for (const p of ['pageSize=2&page=1', 'pageSize=2&page=2']) {
        const lawyer = await list(as['li.ming'], `${q}&${p}`);
        const partner = await list(as.partner, `${q}&${p}&${team}`);
        expect({ q, p, ids: lawyer.items.map((i) => i.id), total: lawyer.total }).toEqual({
          q,
          p,
          ids: partner.items.map((i) => i.id),
          total: partner.total,
        });
      }
    }
    // A partner's list bounded by a lead lawyer or a client is read the same way: the same order as the table says.
    const led = await tdb.db('cases').where({ lead_lawyer_id: ids['li.ming'] }).orderByRaw('title collate "C" asc, id asc').pluck('id');
    expect((await list(as.partner, `leadLawyerId=${ids['li.ming']}&sort=title&order=asc&pageSize=100`)).items.map((i) => i.id)).toEqual(
      led,
    );
    const theirs = await tdb
      .db('cases')
      .where({ client_id: ids.client })
      .orderBy([
        { column: 'opened_on', order: 'desc' },
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .pluck('id');
    expect((await list(as.partner, `clientId=${ids.client}&pageSize=100`)).items.map((i) => i.id)).toEqual(theirs);
    // Past the last page: no rows, and the count is still told.
    expect(await list(as['li.ming'], 'pageSize=2&page=99')).toMatchObject({ items: [], total });
    expect(await list(as.partner, `${team}&pageSize=2&page=99`)).toMatchObject({ items: [], total });
    const words = `q=${encodeURIComponent('合同')}&sort=relevance`;
    const found = (await list(as.partner, `${words}&${team}&pageSize=1`)).total;
    expect(found).toBeGreaterThan(0);
    expect(await list(as['li.ming'], `${words}&pageSize=2&page=99`)).toMatchObject({ items: [], total: found });
    // Relevance: a match in the title ranks above matches elsewhere only, for either kind of viewer.
    for (const c of [as.partner, as['li.ming']]) {
      const inTitle = (await list(c, `q=${encodeURIComponent('合同')}&sort=relevance&pageSize=100`)).items.map((i) =>
        i.title.includes('合同'),
      );
      expect(inTitle.indexOf(false)).toBeGreaterThan(0);
      expect(inTitle.slice(inTitle.indexOf(false))).not.toContain(true);
    }
  });

  it('shows overdue work', async () => {
    await eventually(async () => (await tdb.db('tasks').where({ case_id: mine.id, status: 'open' }).first()) ?? false);
    await tdb
      .db('tasks')
      .where({ case_id: mine.id, status: 'open' })
      .update({ due_at: new Date('2026-01-01T00:00:00Z'), due_date: '2026-01-01' });
    const r = await list(as['li.ming'], 'overdue=true');
    expect(r.items.map((i) => i.id)).toEqual([mine.id]);
    expect(r.items[0].overdueTasks).toBeGreaterThan(0);
  });

  it('limits every list to the cases a lawyer or assistant is on, in SQL; partners, admins and finance see all', async () => {
    const lm = await list(as['li.ming'], 'pageSize=200');
    const mineInDb = await tdb
      .db('cases as c')
      .where('c.lead_lawyer_id', ids['li.ming'])
      .orWhereExists(tdb.db('case_members as m').whereRaw('m.case_id = c.id').andWhere('m.user_id', ids['li.ming']))
      .count('* as n')
      .first();
    expect(lm.total).toBe(Number(mineInDb!.n));
    expect(lm.total).toBeLessThan(31);
    expect((await list(as['zhang.ting'], `q=${encodeURIComponent('仓储')}`)).total).toBe(0);
    expect((await as['zhang.ting'].get(`/api/v1/cases/${mine.id}`)).status).toBe(404);
    expect((await list(as.assistant, 'status=active')).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(as.finance, 'pageSize=1')).total).toBe(31);
    expect((await list(as.admin, 'pageSize=1')).total).toBe(31);
  });

  it('saves searches per user', async () => {
    const s = await as['li.ming'].post('/api/v1/saved-searches', {
      name: '我的民事案件',
      query: { practiceArea: 'civil', status: 'active' },
    });
    expect(s.status).toBe(201);
    await as['li.ming'].post('/api/v1/saved-searches', { name: '我的民事案件', query: { practiceArea: 'civil' } });
    const items = (await as['li.ming'].get('/api/v1/saved-searches')).body.items;
    expect(items).toEqual([expect.objectContaining({ name: '我的民事案件', query: { practiceArea: 'civil' } })]);
    expect((await as['zhang.ting'].get('/api/v1/saved-searches')).body.items).toEqual([]);
    expect((await as['zhang.ting'].del(`/api/v1/saved-searches/${items[0].id}`)).status).toBe(404);
    expect((await as['li.ming'].del(`/api/v1/saved-searches/${items[0].id}`)).status).toBe(204);
    expect((await as['li.ming'].post('/api/v1/saved-searches', { name: '', query: {} })).status).toBe(400);
  });
});

describe('the case record', () => {
  it('shows the overview with client, lead, tags and the intake check; finance reads it but not the rest', async () => {
    const c = (await as.finance.get(`/api/v1/cases/${mine.id}`)).body;
    expect(c).toMatchObject({
      clientName: '上海星河科技有限公司',
      leadLawyerName: '李明',
      amountInDisputeFen: 128_000_000,
      tags: [expect.objectContaining({ name: '重大案件' })],
    });
    expect(c.conflictCheckId).toBeTruthy();
    for (const part of ['parties', 'notes', 'timeline'])
      expect((await as.finance.get(`/api/v1/cases/${mine.id}/${part}`)).status).toBe(403);
    expect((await as.finance.patch(`/api/v1/cases/${mine.id}`, { priority: 'low' })).status).toBe(403);
  });

  it('edits details (the lead only by a partner) and keeps the search text current', async () => {
    const r = await as['li.ming'].patch(`/api/v1/cases/${mine.id}`, {
      description: '原告主张解除合同并要求退还已付服务费。涉及源代码托管。',
      court: '上海市第一中级人民法院',
    });
    expect(r.status).toBe(200);
    expect(r.body.court).toBe('上海市第一中级人民法院');
    expect((await list(as['li.ming'], `q=${encodeURIComponent('源代码')}`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(as['li.ming'], `q=${encodeURIComponent('仓储')}`)).total).toBe(0);
    expect((await as['li.ming'].patch(`/api/v1/cases/${mine.id}`, { leadLawyerId: ids['zhang.ting'] })).status).toBe(403);
    expect((await as['li.ming'].patch(`/api/v1/cases/${mine.id}`, { title: '' })).status).toBe(400);
  });

  it('keeps a search with filters exact when the case changes, whichever code changes it (facets kept by the database)', async () => {
    const q = `q=${encodeURIComponent('源代码')}`;
    const find = async (filters: string) => {
      const r = await list(as.partner, `${q}&${filters}`);
      expect(r.total).toBe(r.items.length);
      return r.items.map((i) => i.id);
    };
    expect(await find('priority=high&status=active&practiceArea=civil&caseType=first_instance')).toEqual([mine.id]);
    expect(await find(`leadLawyerId=${ids['li.ming'].toUpperCase()}`)).toEqual([mine.id]);
    expect(await find('practiceArea=criminal')).toEqual([]);
    // Through the API…
    expect((await as.partner.patch(`/api/v1/cases/${mine.id}`, { priority: 'urgent' })).status).toBe(200);
    expect(await find('priority=high')).toEqual([]);
    expect(await find('priority=urgent&status=active')).toEqual([mine.id]);
    // …and by a plain UPDATE, as any code might write it.
    const before = await tdb.db('cases').where({ id: mine.id }).first('status', 'case_type', 'current_stage_name');
    await tdb.db('cases').where({ id: mine.id }).update({ status: 'closed', case_type: 'second_instance', current_stage_name: '庭审' });
    expect(await find('status=closed&caseType=second_instance&priority=urgent')).toEqual([mine.id]);
    expect(await find(`status=closed&stage=${encodeURIComponent('庭审')}`)).toEqual([mine.id]);
    expect(await find('status=active')).toEqual([]);
    await tdb.db('cases').where({ id: mine.id }).update(before);
    expect((await as.partner.patch(`/api/v1/cases/${mine.id}`, { priority: 'high' })).status).toBe(200);
    expect(await find(`status=active&priority=high&stage=${encodeURIComponent(before.current_stage_name)}`)).toEqual([mine.id]);
  });

  it('manages parties and team', async () => {
    const added = await as.assistant.post(`/api/v1/cases/${mine.id}/parties`, {
      role: 'third_party',
      kind: 'organisation',
      name: '杭州数云存储有限公司',
    });
    expect(added.status).toBe(201);
    expect((await list(as.assistant, `q=${encodeURIComponent('数云存储')}`)).items.map((i) => i.id)).toEqual([mine.id]);
    const parties = (await as.assistant.get(`/api/v1/cases/${mine.id}/parties`)).body.items;
    expect(parties.map((p: any) => p.role).sort()).toEqual(['client', 'opposing', 'third_party']);
    const client = parties.find((p: any) => p.role === 'client');
    expect((await as.assistant.del(`/api/v1/cases/${mine.id}/parties/${client.id}`)).status).toBe(409);
    expect(
      (await as.assistant.patch(`/api/v1/cases/${mine.id}/parties/${added.body.id}`, { relation: '系统托管服务商' })).body.relation,
    ).toBe('系统托管服务商');
    expect((await as.assistant.del(`/api/v1/cases/${mine.id}/parties/${added.body.id}`)).status).toBe(204);
    expect((await as['zhang.ting'].post(`/api/v1/cases/${mine.id}/parties`, { role: 'opposing', kind: 'person', name: 'x' })).status).toBe(
      404,
    );

    const team = await as['li.ming'].post(`/api/v1/cases/${mine.id}/team`, { userId: ids['zhang.ting'], role: 'lawyer' });
    expect(team.body.items.map((m: any) => [m.name, m.role])).toEqual([
      ['李明', 'lead'],
      ['张婷', 'lawyer'],
      ['陈晓', 'assistant'],
    ]);
    expect((await as['zhang.ting'].get(`/api/v1/cases/${mine.id}`)).status).toBe(200);
    expect((await as['li.ming'].del(`/api/v1/cases/${mine.id}/team/${ids['li.ming']}`)).status).toBe(409);
    expect((await as.assistant.post(`/api/v1/cases/${mine.id}/team`, { userId: ids.finance, role: 'finance' })).status).toBe(403);
    expect((await as['li.ming'].del(`/api/v1/cases/${mine.id}/team/${ids['zhang.ting']}`)).status).toBe(204);
    expect((await as['zhang.ting'].get(`/api/v1/cases/${mine.id}`)).status).toBe(404);
  });

  it('keeps notes: searchable, edited only by their author, deleted by the author or a partner', async () => {
    const n = await as.assistant.post(`/api/v1/cases/${mine.id}/notes`, { body: '客户提供了验收报告复印件，原件待补。' });
    expect(n.status).toBe(201);
    expect(n.body.authorName).toBe('陈晓');
    expect((await list(as.assistant, `q=${encodeURIComponent('验收报告')}`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await as['li.ming'].patch(`/api/v1/cases/${mine.id}/notes/${n.body.id}`, { body: '改' })).status).toBe(403);
    expect((await as.assistant.patch(`/api/v1/cases/${mine.id}/notes/${n.body.id}`, { body: '验收报告原件已收到。' })).body.body).toBe(
      '验收报告原件已收到。',
    );
    expect((await as['li.ming'].del(`/api/v1/cases/${mine.id}/notes/${n.body.id}`)).status).toBe(403);
    const second = (await as.assistant.post(`/api/v1/cases/${mine.id}/notes`, { body: '第二条' })).body;
    expect((await as['li.ming'].get(`/api/v1/cases/${mine.id}/notes`)).body.items.map((x: any) => x.body)).toEqual([
      '第二条',
      '验收报告原件已收到。',
    ]);
    expect((await as.partner.del(`/api/v1/cases/${mine.id}/notes/${second.id}`)).status).toBe(204);
    expect((await as.assistant.post(`/api/v1/cases/${mine.id}/notes`, { body: '   ' })).status).toBe(400);
  });

  it('lets admins manage the vocabularies and lawyers tag', async () => {
    expect((await as['li.ming'].post('/api/v1/tags', { vocabulary: 'tag', name: '加急' })).status).toBe(403);
    const t = await as.admin.post('/api/v1/tags', { vocabulary: 'tag', name: '加急', color: '#FF0000' });
    expect(t.status).toBe(201);
    expect((await as.admin.post('/api/v1/tags', { vocabulary: 'tag', name: '加急' })).status).toBe(409);
    const tagged = await as['li.ming'].put(`/api/v1/cases/${mine.id}/tags`, { tagIds: [t.body.id] });
    expect(tagged.body.tags.map((x: any) => x.name)).toEqual(['加急']);
    expect((await list(as['li.ming'], `q=${encodeURIComponent('加急')}`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await as['li.ming'].put(`/api/v1/cases/${mine.id}/tags`, { tagIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(
      400,
    );
    const usage = (await as['li.ming'].get('/api/v1/tags?vocabulary=tag')).body.items.find((x: any) => x.name === '加急');
    expect(usage.usage).toBe(1);
    expect((await as.admin.patch(`/api/v1/tags/${t.body.id}`, { name: '特急' })).body.name).toBe('特急');
    expect((await as.admin.del(`/api/v1/tags/${t.body.id}`)).status).toBe(204);
    expect((await as['li.ming'].get(`/api/v1/cases/${mine.id}`)).body.tags).toEqual([]);
  });

  it('has one timeline of stages, tasks, notes and the check, newest first', async () => {
    const r = await as['li.ming'].get(`/api/v1/cases/${mine.id}/timeline?pageSize=100`);
    const kinds = new Set(r.body.items.map((i: any) => i.kind));
    for (const k of ['caseOpened', 'stageEntered', 'taskOpened', 'note', 'conflictCheck']) expect(kinds).toContain(k);
    const times = r.body.items.map((i: any) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('gives stages and template tasks their English names on the timeline and in the task list (issue 18 item 6)', async () => {
    const timeline = async () => (await as['li.ming'].get(`/api/v1/cases/${mine.id}/timeline?pageSize=200`)).body.items;
    // The run enters its first stage and opens its tasks a moment after the case is created.
    const items = await eventually(async () => {
      const all = await timeline();
      return all.some((i: any) => i.kind === 'taskOpened') && all;
    });
    expect(items).toContainEqual(expect.objectContaining({ kind: 'stageEntered', title: '立案', titleEn: 'Filing' }));
    const opened = items.filter((i: any) => i.kind === 'taskOpened');
    expect(opened.length).toBeGreaterThan(0);
    for (const i of opened) expect(i.titleEn).toMatch(/^[A-Z][ -~]+$/);
    expect(items.find((i: any) => i.kind === 'note')).toMatchObject({ titleEn: null });
    const rows = (await as['li.ming'].get(`/api/v1/cases/${mine.id}/tasks`)).body.items;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.titleEn).toMatch(/^[A-Z][ -~]+$/);
  });

  it("shows the case's calendar events on its timeline, and a percentage fee as it was written (issue 18, items 6 and 8)", async () => {
    const event = await as['li.ming'].post('/api/v1/calendar/events', {
      caseId: mine.id,
      kind: 'meeting',
      title: '与客户讨论和解方案',
      startsAt: '2026-12-02T10:00:00+08:00',
      endsAt: '2026-12-02T11:00:00+08:00',
      attendeeIds: [],
    });
    expect(event.status).toBe(201);
    await tdb
      .db('billing_events')
      .insert({ case_id: mine.id, key: `t:${mine.id}:pct`, node_id: 'Fee_Pct', label: '胜诉分成', percent_bp: 3000 });
    const items = (await as['li.ming'].get(`/api/v1/cases/${mine.id}/timeline?pageSize=200`)).body.items;
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'calendarEvent', title: '与客户讨论和解方案', detail: 'meeting', at: '2026-12-02T02:00:00.000Z' }),
    );
    expect(items).toContainEqual(expect.objectContaining({ kind: 'billing', title: '胜诉分成', detail: '30%' }));
  });

  it('closes, archives with a complete checklist, and reopens into a stage with new tasks', async () => {
    expect((await as['li.ming'].post(`/api/v1/cases/${mine.id}/archive`, { checklist: {} })).status).toBe(409);
    await as['li.ming'].post(`/api/v1/cases/${mine.id}/advance`, { reason: '立案完成' });
    expect((await as['li.ming'].post(`/api/v1/cases/${mine.id}/close`, { outcome: '调解结案' })).status).toBe(200);
    await eventually(async () => (await tdb.db('cases').where({ id: mine.id, status: 'closed' }).first()) ?? false);
    const incomplete = await as['li.ming'].post(`/api/v1/cases/${mine.id}/archive`, { checklist: { judgmentFiled: true } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((e: any) => e.path)).toContain('body.checklist.feesSettled');
    const full = { judgmentFiled: true, feesSettled: true, clientNotified: true, originalsReturned: true, fileBound: true };
    const archived = await as['li.ming'].post(`/api/v1/cases/${mine.id}/archive`, { checklist: full });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toBeTruthy();
    expect((await as['li.ming'].patch(`/api/v1/cases/${mine.id}`, { priority: 'low' })).status).toBe(409);

    expect((await as['li.ming'].post(`/api/v1/cases/${mine.id}/reopen`, { reason: '对方申请再审' })).status).toBe(403);
    expect((await as.partner.post(`/api/v1/cases/${mine.id}/reopen`, { reason: 'x', stageId: 'Nope' })).status).toBe(400);
    const before = await tdb.db('tasks').where({ case_id: mine.id }).count('* as n').first();
    const reopened = await as.partner.post(`/api/v1/cases/${mine.id}/reopen`, { reason: '对方申请再审', stageId: 'Stage_Trial' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'active', archivedAt: null, closedAt: null });
    const progress = await eventually(async () => {
      const p = (await as['li.ming'].get(`/api/v1/cases/${mine.id}/progress`)).body;
      return p.status === 'running' && p.openTasks.length > 0 && p;
    });
    expect(progress.stages.find((s: any) => s.id === 'Stage_Trial').status).toBe('active');
    const after = await tdb.db('tasks').where({ case_id: mine.id }).count('* as n').first();
    expect(Number(after!.n)).toBeGreaterThan(Number(before!.n));
    expect((await tdb.db('cases').where({ id: mine.id }).first()).current_stage_id).toBe('Stage_Trial');
    expect((await as.partner.post(`/api/v1/cases/${mine.id}/reopen`, { reason: 'again' })).status).toBe(409);
    const timeline = (await as['li.ming'].get(`/api/v1/cases/${mine.id}/timeline?pageSize=200`)).body.items.map((i: any) => i.kind);
    expect(timeline).toEqual(expect.arrayContaining(['caseClosed', 'caseReopened']));
  });

  it('reopens a closed case once when two partners ask at the same moment', async () => {
    expect((await as['li.ming'].post(`/api/v1/cases/${mine.id}/close`, { outcome: '和解' })).status).toBe(200);
    await eventually(async () => (await tdb.db('cases').where({ id: mine.id, status: 'closed' }).first()) ?? false);
    const before = Number((await tdb.db('case_reopenings').where({ case_id: mine.id }).count('* as n').first())!.n);
    const answers = await Promise.all([1, 2].map(() => as.partner.post(`/api/v1/cases/${mine.id}/reopen`, { reason: '同时申请再审' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(Number((await tdb.db('case_reopenings').where({ case_id: mine.id }).count('* as n').first())!.n)).toBe(before + 1);
    // The one reopening stands: the case is active and its new workflow run is going.
    expect((await tdb.db('cases').where({ id: mine.id }).first()).status).toBe('active');
    await eventually(async () => (await as['li.ming'].get(`/api/v1/cases/${mine.id}/progress`)).body.status === 'running');
  });

  it('shows a historical case (no workflow) with its recorded stages', async () => {
    const h = await tdb.db('cases').whereNull('workflow_id').first('id');
    const p = (await as.partner.get(`/api/v1/cases/${h.id}/progress`)).body;
    expect(p.status).toBe('closed');
    expect(p.stages.filter((s: any) => s.status === 'done').length).toBeGreaterThan(0);
  });
});

describe('statistics', () => {
  it('counts by area, type, stage and lawyer, per month, closure rate and stage durations; CSV too; not for lawyers', async () => {
    const r = await as.finance.get('/api/v1/reports/cases?from=2023-01-01&to=2026-11-30');
    expect(r.status).toBe(200);
    const total = await tdb.db('cases').whereBetween('opened_on', ['2023-01-01', '2026-11-30']).count('* as n').first();
    expect(r.body.closure.total).toBe(Number(total!.n));
    expect(r.body.byPracticeArea.reduce((a: number, c: any) => a + c.count, 0)).toBe(Number(total!.n));
    expect(r.body.byLawyer.map((c: any) => c.label)).toContain('李明');
    expect(r.body.stageDurations.find((d: any) => d.stage === '立案').averageDays).toBeGreaterThan(0);
    expect(r.body.monthly[0].month).toBe('2023-01');
    expect(r.body.monthly.at(-1).month).toBe('2026-11');
    expect(r.body.monthly.reduce((a: number, m: any) => a + m.opened, 0)).toBe(Number(total!.n));

    const csv = await as.partner.get('/api/v1/reports/cases.csv?from=2023-01-01&to=2026-11-30');
    expect(csv.status).toBe(200);
    expect(csv.contentType).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('lexflow-cases-2023-01-01-2026-11-30.csv');
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('统计项,项目,数值,');
    expect(lines).toContain(`按业务领域,民事,${r.body.byPracticeArea.find((c: any) => c.key === 'civil').count},`);
    const en = await as.partner.get('/api/v1/reports/cases.csv?lang=en');
    expect(en.body).toContain('By practice area,Civil,');

    expect((await as['li.ming'].get('/api/v1/reports/cases')).status).toBe(403);
    expect((await as.partner.get('/api/v1/reports/cases?from=2026-12-01&to=2026-01-01')).status).toBe(400);
  });
});

describe('permissions on every endpoint of the case record, the CRM and the reports', () => {
  it('refuses the anonymous (401), the client portal (403), finance on what it may not change or read (403), and people off the case (404)', async () => {
    const any = '00000000-0000-4000-8000-000000000000';
    const client = ids.client;
    const c = mine.id;
    const endpoints: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/cases'],
      ['GET', '/api/v1/case-stages'],
      ['GET', '/api/v1/saved-searches'],
      ['POST', '/api/v1/saved-searches', { name: 'x', query: {} }],
      ['DELETE', `/api/v1/saved-searches/${any}`],
      ['GET', '/api/v1/tags'],
      ['POST', '/api/v1/tags', { vocabulary: 'tag', name: 'x' }],
      ['PATCH', `/api/v1/tags/${any}`, { name: 'y' }],
      ['DELETE', `/api/v1/tags/${any}`],
      ['GET', '/api/v1/client-options'],
      ['GET', '/api/v1/colleagues'],
      ['GET', '/api/v1/clients'],
      ['POST', '/api/v1/clients', { kind: 'person', name: 'x' }],
      ['GET', `/api/v1/clients/${client}`],
      ['PATCH', `/api/v1/clients/${client}`, { notes: 'x' }],
      ['DELETE', `/api/v1/clients/${any}`],
      ['GET', `/api/v1/clients/${client}/contacts`],
      ['POST', `/api/v1/clients/${client}/contacts`, { name: 'x' }],
      ['PATCH', `/api/v1/clients/${client}/contacts/${any}`, { name: 'x' }],
      ['DELETE', `/api/v1/clients/${client}/contacts/${any}`],
      ['GET', `/api/v1/clients/${client}/communications`],
      ['POST', `/api/v1/clients/${client}/communications`, { kind: 'phone', occurredAt: '2026-11-01T00:00:00Z', summary: 'x' }],
      ['DELETE', `/api/v1/clients/${client}/communications/${any}`],
      ['GET', `/api/v1/clients/${client}/timeline`],
      ['POST', '/api/v1/conflict-checks', { subjects: [{ name: 'x', role: 'client' }] }],
      ['GET', '/api/v1/conflict-checks'],
      ['GET', `/api/v1/conflict-checks/${any}`],
      ['POST', `/api/v1/conflict-checks/${any}/decision`, { decision: 'declined' }],
      ['PATCH', `/api/v1/cases/${c}`, { priority: 'low' }],
      ['GET', `/api/v1/cases/${c}/parties`],
      ['POST', `/api/v1/cases/${c}/parties`, { role: 'opposing', kind: 'person', name: 'x' }],
      ['PATCH', `/api/v1/cases/${c}/parties/${any}`, { name: 'x' }],
      ['DELETE', `/api/v1/cases/${c}/parties/${any}`],
      ['GET', `/api/v1/cases/${c}/team`],
      ['POST', `/api/v1/cases/${c}/team`, { userId: any, role: 'lawyer' }],
      ['DELETE', `/api/v1/cases/${c}/team/${any}`],
      ['GET', `/api/v1/cases/${c}/notes`],
      ['POST', `/api/v1/cases/${c}/notes`, { body: 'x' }],
      ['PATCH', `/api/v1/cases/${c}/notes/${any}`, { body: 'x' }],
      ['DELETE', `/api/v1/cases/${c}/notes/${any}`],
      ['PUT', `/api/v1/cases/${c}/tags`, { tagIds: [] }],
      ['GET', `/api/v1/cases/${c}/timeline`],
      ['POST', `/api/v1/cases/${c}/archive`, { checklist: {} }],
      ['POST', `/api/v1/cases/${c}/reopen`, { reason: 'x' }],
      ['GET', '/api/v1/reports/cases'],
      ['GET', '/api/v1/reports/cases.csv'],
    ];
    const anonymous = new HttpClient(app.url);
    // Finance reads lists, clients and money; it changes nothing of a case and reads no parties, notes, timelines or communications.
    const financeMay = new Set([
      'GET /api/v1/cases',
      'GET /api/v1/case-stages',
      'GET /api/v1/saved-searches',
      'POST /api/v1/saved-searches',
      `DELETE /api/v1/saved-searches/${any}`,
      'GET /api/v1/tags',
      'GET /api/v1/client-options',
      'GET /api/v1/colleagues',
      'GET /api/v1/clients',
      `GET /api/v1/clients/${client}`,
      `GET /api/v1/clients/${client}/contacts`,
      `GET /api/v1/cases/${c}/team`,
      'GET /api/v1/reports/cases',
      'GET /api/v1/reports/cases.csv',
    ]);
    for (const [method, path, body] of endpoints) {
      const send = (h: HttpClient) => h.request(method, path, body === undefined ? {} : { json: body });
      expect({ method, path, status: (await send(anonymous)).status }).toEqual({ method, path, status: 401 });
      expect({ method, path, status: (await send(as.client)).status }).toEqual({ method, path, status: 403 });
      const finance = (await send(as.finance)).status;
      if (financeMay.has(`${method} ${path}`)) expect({ method, path, finance }).not.toEqual({ method, path, finance: 403 });
      else expect({ method, path, finance }).toEqual({ method, path, finance: 403 });
    }
    // Someone who is not on the case does not learn it exists.
    for (const [method, path, body] of endpoints.filter(
      ([, p]) => p.includes(`/cases/${c}`) && !p.includes('/reopen') && !p.includes('/archive'),
    )) {
      const r = await as['zhang.ting'].request(method, path, body === undefined ? {} : { json: body });
      expect({ method, path, status: r.status }).toEqual({ method, path, status: 404 });
    }
    expect((await as['zhang.ting'].post(`/api/v1/cases/${c}/archive`, { checklist: {} })).status).toBe(404);
    expect((await as.assistant.post(`/api/v1/cases/${c}/archive`, { checklist: {} })).status).toBe(403);
    expect((await as['li.ming'].patch(`/api/v1/tags/${any}`, { name: 'y' })).status).toBe(403);
    expect((await as['li.ming'].del(`/api/v1/tags/${any}`)).status).toBe(403);
  });
});
