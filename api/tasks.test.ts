import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { HttpClient } from '../test/helpers/app';
import { eventually } from '../test/helpers/engine';

let stack: ApiStack;
let as: ApiStack['as'];
let ids: Record<string, string>;
let caseId: string;

beforeAll(async () => {
  stack = await startApiStack('tasks', { historical: 3 });
  ({ as, ids } = stack);
  const client = (await stack.tdb.db('clients').where({ name: '上海星河科技有限公司' }).first()).id;
  const r = await as['li.ming'].post('/api/v1/cases', {
    title: '星河科技诉蓝海软件买卖合同纠纷',
    clientId: client,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: '上海市浦东新区人民法院',
    leadLawyerId: ids['li.ming'],
    team: [
      { userId: ids.partner, role: 'partner' },
      { userId: ids.assistant, role: 'assistant' },
    ],
  });
  expect(r.status).toBe(201);
  caseId = r.body.id;
  await eventually(async () => (await stack.tdb.db('tasks').where({ case_id: caseId })).length >= 1);
}, 90_000);
afterAll(async () => stack?.close());

const tasksOf = async (c: HttpClient, q = '') => (await c.get(`/api/v1/tasks?${q}`)).body;

describe('tasks', () => {
  it("lists each person's workflow tasks, and a case's for its team only", async () => {
    const mine = await tasksOf(as['li.ming'], `caseId=${caseId}`);
    expect(mine.items.map((t: { title: string }) => t.title)).toEqual(['起草并提交起诉状']);
    expect(mine.items[0]).toMatchObject({
      manual: false,
      status: 'open',
      assigneeName: '李明',
      kind: 'filing',
      overdue: false,
      outputSpec: [expect.objectContaining({ name: 'filedAt', type: 'date' })],
    });
    const team = await tasksOf(as['li.ming'], `scope=team&caseId=${caseId}`);
    expect(team.items.map((t: { title: string }) => t.title)).toEqual(['起草并提交起诉状']);
    expect((await tasksOf(as.assistant, `caseId=${caseId}`)).items).toEqual([]);
    // Zhang Ting is not on the case: nothing of it in her lists, 404 on its task.
    expect((await tasksOf(as['zhang.ting'], 'scope=team')).items.filter((t: { caseId: string }) => t.caseId === caseId)).toEqual([]);
    expect((await as['zhang.ting'].get(`/api/v1/tasks/${mine.items[0].id}`)).status).toBe(404);
    expect((await as['zhang.ting'].get(`/api/v1/tasks?caseId=${caseId}`)).status).toBe(404);
    // The partner sees all; finance and the client have no task list.
    expect((await tasksOf(as.partner, `scope=team&caseId=${caseId}`)).total).toBe(1);
    expect((await as.finance.get('/api/v1/tasks')).status).toBe(403);
    expect((await as.client.get('/api/v1/tasks')).status).toBe(403);
    const bad = await as['li.ming'].get('/api/v1/tasks?status=late&pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.pageSize', 'query.status']);
  });

  it('completes a workflow task through the engine with its outputs; the next task follows with its deadline', async () => {
    const [draft] = (await tasksOf(as['li.ming'], `caseId=${caseId}`)).items;
    const missing = await as['li.ming'].post(`/api/v1/tasks/${draft.id}/complete`, { outputs: {} });
    expect(missing.status).toBe(422);
    expect(missing.contentType).toContain('application/problem+json');
    const rename = await as['li.ming'].patch(`/api/v1/tasks/${draft.id}`, { title: '改名' });
    expect(rename.status).toBe(422);
    const done = await as['li.ming'].post(`/api/v1/tasks/${draft.id}/complete`, { outputs: { filedAt: '2026-09-28' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outputs: { filedAt: '2026-09-28' } });
    // The next task goes to the assistant; once she paid the fee, the acceptance notice is due
    // 7 days from filing: 2026-09-28 + 7 = 10-05, inside the National Day holiday (10-01…10-07), so 10-08.
    const fee = await eventually(async () =>
      (await tasksOf(as.assistant, `caseId=${caseId}`)).items.find((t: { title: string }) => t.title === '预交案件受理费'),
    );
    expect(fee).toMatchObject({ assigneeName: '陈晓', status: 'open', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await as.assistant.post(`/api/v1/tasks/${fee.id}/complete`, {})).status).toBe(200);
    const next = await eventually(async () =>
      (await tasksOf(as['li.ming'], `caseId=${caseId}`)).items.find((t: { title: string }) => t.title === '取得受理通知书'),
    );
    expect(next).toMatchObject({ dueDate: '2026-10-08', overdue: true });
    expect((await as['li.ming'].post(`/api/v1/tasks/${draft.id}/complete`, { outputs: { filedAt: '2026-09-28' } })).status).toBe(409);
    const overdue = await tasksOf(as['li.ming'], 'status=overdue');
    expect(overdue.items.map((t: { id: string }) => t.id)).toContain(next.id);
    const history = await tasksOf(as['li.ming'], `status=done&caseId=${caseId}`);
    expect(history.items.map((t: { id: string }) => t.id)).toEqual([draft.id]);
  });

  it('makes manual tasks: assignee told, progress and checklist kept, reassigned within the team, completed; comments', async () => {
    const lawyer = as['li.ming'];
    const notOnTeam = await lawyer.post('/api/v1/tasks', { caseId, title: '整理客户提供的合同原件', assigneeId: ids['zhang.ting'] });
    expect(notOnTeam.status).toBe(400);
    expect(notOnTeam.body.errors).toEqual([{ path: 'body.assigneeId', message: 'not on the case team' }]);
    const r = await lawyer.post('/api/v1/tasks', {
      caseId,
      title: '整理客户提供的合同原件',
      description: '核对原件与复印件',
      assigneeId: ids.assistant,
      priority: 'high',
      dueDate: '2026-12-04',
      checklist: [
        { text: '买卖合同', done: false },
        { text: '补充协议', done: false },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ manual: true, assigneeName: '陈晓', priority: 'high', dueDate: '2026-12-04', progress: 0 });
    // Due at the end of that day in Beijing time.
    expect(r.body.dueAt).toBe('2026-12-04T16:00:00.000Z');
    const inbox = (await as.assistant.get('/api/v1/notifications')).body;
    expect(inbox.items[0]).toMatchObject({
      kind: 'taskAssigned',
      title: '任务已指派给您：整理客户提供的合同原件',
      link: `/tasks?task=${r.body.id}`,
    });
    const p = await as.assistant.patch(`/api/v1/tasks/${r.body.id}`, {
      progress: 50,
      checklist: [
        { text: '买卖合同', done: true },
        { text: '补充协议', done: false },
      ],
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ progress: 50, checklist: [{ done: true }, { done: false }] });
    expect((await as.assistant.patch(`/api/v1/tasks/${r.body.id}`, { progress: 101 })).status).toBe(400);
    expect((await as.assistant.patch(`/api/v1/tasks/${r.body.id}`, {})).status).toBe(400);
    const moved = await lawyer.patch(`/api/v1/tasks/${r.body.id}`, { assigneeId: ids.partner });
    expect(moved.body).toMatchObject({ assigneeId: ids.partner, assigneeName: '王建国' });
    const c1 = await as.assistant.post(`/api/v1/tasks/${r.body.id}/comments`, { body: '原件在档案室 3 号柜' });
    expect(c1.status).toBe(201);
    expect(c1.body.items).toEqual([expect.objectContaining({ body: '原件在档案室 3 号柜', authorName: '陈晓' })]);
    expect((await as['zhang.ting'].get(`/api/v1/tasks/${r.body.id}/comments`)).status).toBe(404);
    expect((await as.assistant.post(`/api/v1/tasks/${r.body.id}/comments`, { body: '  ' })).status).toBe(400);
    const done = await as.partner.post(`/api/v1/tasks/${r.body.id}/complete`, {});
    expect(done.body).toMatchObject({ status: 'done', progress: 100, commentCount: 1 });
    expect((await lawyer.patch(`/api/v1/tasks/${r.body.id}`, { progress: 10 })).status).toBe(409);
    const audit = await stack.tdb
      .db('audit_log')
      .where({ entity: 'task', entity_id: r.body.id })
      .where('status', '<', 400)
      .orderBy('id')
      .pluck('action');
    expect(audit).toEqual([
      'POST /api/v1/tasks',
      'PATCH /api/v1/tasks/:id',
      'PATCH /api/v1/tasks/:id',
      'POST /api/v1/tasks/:id/comments',
      'POST /api/v1/tasks/:id/complete',
    ]);
  });

  it("shows managers each person's load", async () => {
    const load = await as.partner.get('/api/v1/tasks/load');
    expect(load.status).toBe(200);
    const li = load.body.items.find((u: { name: string }) => u.name === '李明');
    expect(li.open).toBeGreaterThanOrEqual(1);
    expect(li.overdue).toBeGreaterThanOrEqual(1);
    expect((await as['li.ming'].get('/api/v1/tasks/load')).status).toBe(403);
  });
});

describe('calendar', () => {
  const meeting = (extra: Record<string, unknown> = {}) => ({
    caseId,
    kind: 'meeting',
    title: '与客户讨论诉讼策略',
    startsAt: '2026-12-02T10:00:00+08:00',
    endsAt: '2026-12-02T11:00:00+08:00',
    location: '会议室 A',
    attendeeIds: [ids['li.ming'], ids.assistant],
    ...extra,
  });

  it('saves events with attendees and warns when someone is booked twice', async () => {
    const first = await as['li.ming'].post('/api/v1/calendar/events', meeting());
    expect(first.status).toBe(201);
    expect(first.body.doubleBookings).toEqual([]);
    // The assistant is invited (in the app); the organiser is not told of their own event.
    const invite = await stack.tdb.db('notifications').where({ kind: 'eventInvite', user_id: ids.assistant }).first();
    expect(invite).toMatchObject({
      title: '日程邀请：与客户讨论诉讼策略，2026年12月2日 10:00',
      body: '地点：会议室 A',
      link: '/calendar?date=2026-12-02',
    });
    expect(await stack.tdb.db('notifications').where({ kind: 'eventInvite', user_id: ids['li.ming'] })).toEqual([]);
    // Saved again unchanged: nobody is told twice; moved: told of the change.
    await as['li.ming'].put(`/api/v1/calendar/events/${first.body.id}`, meeting());
    expect(await stack.tdb.db('notifications').where({ kind: 'eventInvite', user_id: ids.assistant })).toHaveLength(1);
    await as['li.ming'].put(`/api/v1/calendar/events/${first.body.id}`, meeting({ startsAt: '2026-12-02T09:30:00+08:00' }));
    await as['li.ming'].put(`/api/v1/calendar/events/${first.body.id}`, meeting());
    expect(await stack.tdb.db('notifications').where({ kind: 'eventInvite', user_id: ids.assistant }).orderBy('id').pluck('title')).toEqual(
      [
        '日程邀请：与客户讨论诉讼策略，2026年12月2日 10:00',
        '日程变更：与客户讨论诉讼策略，2026年12月2日 09:30',
        '日程变更：与客户讨论诉讼策略，2026年12月2日 10:00',
      ],
    );
    const second = await as.partner.post(
      '/api/v1/calendar/events',
      meeting({
        title: '合伙人会议',
        caseId: null,
        startsAt: '2026-12-02T10:30:00+08:00',
        endsAt: '2026-12-02T12:00:00+08:00',
        attendeeIds: [ids['li.ming'], ids.partner],
      }),
    );
    expect(second.status).toBe(201);
    expect(second.body.doubleBookings).toEqual([
      expect.objectContaining({ eventId: first.body.id, userName: '李明', title: '与客户讨论诉讼策略' }),
    ]);
    const ask = await as.assistant.get(
      `/api/v1/calendar/double-bookings?startsAt=${encodeURIComponent('2026-12-02T09:00:00+08:00')}&endsAt=${encodeURIComponent('2026-12-02T10:15:00+08:00')}&attendeeIds=${ids.assistant},${ids.partner}`,
    );
    expect(ask.body.items.map((b: { userName: string }) => b.userName)).toEqual(['陈晓']);
    const backwards = await as['li.ming'].post('/api/v1/calendar/events', meeting({ endsAt: '2026-12-02T09:00:00+08:00' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ path: 'body.endsAt', message: 'the event must end after it starts' }]);
    expect((await as['zhang.ting'].post('/api/v1/calendar/events', meeting())).status).toBe(404);
    expect((await as['zhang.ting'].put(`/api/v1/calendar/events/${first.body.id}`, meeting())).status).toBe(404);
  });

  it("shows a person's events and due dates, and the team's", async () => {
    const range = `from=${encodeURIComponent('2026-09-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`;
    const autumn = (await as['li.ming'].get(`/api/v1/calendar?${range}`)).body.items;
    expect(autumn).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'task', kind: 'task', title: '取得受理通知书', date: '2026-10-08', allDay: true, caseId }),
      ]),
    );
    const dec = `from=${encodeURIComponent('2026-12-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-12-31T00:00:00+08:00')}`;
    const assistant = (await as.assistant.get(`/api/v1/calendar?${dec}`)).body.items.filter(
      (i: { source: string }) => i.source === 'event',
    );
    expect(assistant.map((i: { title: string }) => i.title)).toEqual(['与客户讨论诉讼策略']);
    expect(assistant[0].attendees.map((a: { name: string }) => a.name).sort()).toEqual(['李明', '陈晓'].sort());
    // The partners' meeting has no case and she is not invited: not even in her team view.
    expect((await as.assistant.get(`/api/v1/calendar?scope=team&${dec}`)).body.items.map((i: { title: string }) => i.title)).not.toContain(
      '合伙人会议',
    );
    const events = (r: { body: { items: Array<{ source: string; title: string }> } }) =>
      r.body.items.filter((i) => i.source === 'event').map((i) => i.title);
    expect(events(await as.partner.get(`/api/v1/calendar?userId=${ids['li.ming']}&${dec}`)).sort()).toEqual(
      ['与客户讨论诉讼策略', '合伙人会议'].sort(),
    );
    expect((await as.assistant.get(`/api/v1/calendar?userId=${ids['li.ming']}&${dec}`)).status).toBe(403);
    expect(
      (
        await as.assistant.get(
          `/api/v1/calendar?from=${encodeURIComponent('2026-01-01T00:00:00Z')}&to=${encodeURIComponent('2026-12-31T00:00:00Z')}`,
        )
      ).status,
    ).toBe(400);
  });

  it('deletes an event for its organiser only', async () => {
    const e = await as.assistant.post(
      '/api/v1/calendar/events',
      meeting({ caseId: null, title: '内部培训', attendeeIds: [ids.assistant, ids['li.ming']] }),
    );
    expect((await as['li.ming'].del(`/api/v1/calendar/events/${e.body.id}`)).status).toBe(403);
    expect((await as.assistant.del(`/api/v1/calendar/events/${e.body.id}`)).status).toBe(204);
    expect((await as.assistant.del(`/api/v1/calendar/events/${e.body.id}`)).status).toBe(404);
  });
});

describe('notifications and preferences', () => {
  it('lists, counts and marks read', async () => {
    const before = (await as.assistant.get('/api/v1/notifications?unread=true')).body;
    expect(before.unread).toBeGreaterThan(0);
    expect(before.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    const one = await as.assistant.post('/api/v1/notifications/read', { ids: [before.items[0].id] });
    expect(one.body.unread).toBe(before.unread - 1);
    expect((await as.assistant.post('/api/v1/notifications/read', { all: true })).body.unread).toBe(0);
    expect((await as.assistant.post('/api/v1/notifications/read', {})).status).toBe(400);
  });

  it('pushes a new notification on the live stream', async () => {
    const ac = new AbortController();
    const res = await fetch(`${stack.app.url}/api/v1/notifications/stream`, {
      headers: { cookie: as['li.ming'].cookie },
      signal: ac.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const read = async (until: string) => {
      const deadline = Date.now() + 10_000;
      while (!text.includes(until) && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    };
    expect(await read('event: unread')).toMatch(/event: unread\ndata: \{"unread":\d+\}/);
    // Give the hub a poll to learn where the table ends, then write as the worker would.
    await new Promise((r) => setTimeout(r, 2_000));
    await stack.tdb
      .db('notifications')
      .insert({ user_id: ids['li.ming'], kind: 'reminder', title: '期限提醒：测试', body: '', key: `sse-test-${Date.now()}` });
    expect(await read('期限提醒：测试')).toContain('event: notification');
    ac.abort();
    expect((await fetch(`${stack.app.url}/api/v1/notifications/stream`)).status).toBe(401);
  }, 30_000);

  it('keeps per-user preferences, validated', async () => {
    expect((await as['li.ming'].get('/api/v1/me/preferences')).body).toEqual({
      emailEnabled: true,
      quietStart: null,
      quietEnd: null,
      digestEnabled: true,
      digestHour: 8,
    });
    const bad = await as['li.ming'].put('/api/v1/me/preferences', {
      emailEnabled: true,
      quietStart: '25:00',
      quietEnd: null,
      digestEnabled: true,
      digestHour: 24,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.digestHour', 'body.quietEnd', 'body.quietStart']);
    const ok = await as['li.ming'].put('/api/v1/me/preferences', {
      emailEnabled: false,
      quietStart: '22:00',
      quietEnd: '07:30',
      digestEnabled: true,
      digestHour: 9,
    });
    expect(ok.body).toEqual({ emailEnabled: false, quietStart: '22:00', quietEnd: '07:30', digestEnabled: true, digestHour: 9 });
    expect((await as.client.get('/api/v1/me/preferences')).status).toBe(403);
  });
});

describe('the mail outbox for administrators', () => {
  it('lists queued mail newest first, with the quiet-hours hold, for administrators only', async () => {
    await stack.tdb.db('email_outbox').insert({
      key: 'outbox-test-1',
      to_address: 'li.ming@demo.lexflow',
      subject: '期限提醒：测试',
      text_body: '正文',
      send_after: new Date('2030-01-01T00:00:00Z'),
    });
    const r = await as.admin.get('/api/v1/admin/outbox?status=pending');
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({
      toAddress: 'li.ming@demo.lexflow',
      subject: '期限提醒：测试',
      textBody: '正文',
      status: 'pending',
      sendAfter: '2030-01-01T00:00:00.000Z',
    });
    expect((await as.partner.get('/api/v1/admin/outbox')).status).toBe(403);
    expect((await as.admin.get('/api/v1/admin/outbox?status=lost')).status).toBe(400);
  });
});

describe('the iCalendar feed', () => {
  it('serves a secret-token feed that a real iCalendar parser reads, and stops when turned off', async () => {
    const ICAL = (await import('ical.js')).default;
    expect((await as.assistant.get('/api/v1/me/calendar-feed')).body).toEqual({ url: null, active: false, createdAt: null });
    const made = await as.assistant.post('/api/v1/me/calendar-feed');
    expect(made.status).toBe(201);
    const url: string = made.body.url;
    expect(url).toMatch(/\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{32}\.ics$/);
    const path = url.slice(url.indexOf('/api/'));
    const res = await fetch(stack.app.url + path);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const vcal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = vcal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const m = events.find((e) => e.summary.includes('与客户讨论诉讼策略'))!;
    expect(m.summary).toBe(`会议: 与客户讨论诉讼策略 (${(await stack.tdb.db('cases').where({ id: caseId }).first()).number})`);
    expect(m.startDate.toJSDate().toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(m.endDate.toJSDate().toISOString()).toBe('2026-12-02T03:00:00.000Z');
    expect(m.location).toBe('会议室 A');
    const fee = events.find((e) => e.summary.includes('预交案件受理费'))!;
    expect(fee.startDate.isDate).toBe(true);
    // The feed is the assistant's own: the partners' meeting she was not invited to is not in it.
    expect(events.some((e) => e.summary.includes('合伙人会议'))).toBe(false);
    // A new URL retires the old one; turning the feed off retires it too.
    const again = await as.assistant.post('/api/v1/me/calendar-feed');
    expect((await fetch(stack.app.url + path)).status).toBe(404);
    expect((await as.assistant.get('/api/v1/me/calendar-feed')).body).toMatchObject({ url: null, active: true });
    expect((await as.assistant.del('/api/v1/me/calendar-feed')).status).toBe(204);
    expect((await fetch(stack.app.url + again.body.url.slice(again.body.url.indexOf('/api/')))).status).toBe(404);
    expect((await fetch(`${stack.app.url}/api/v1/calendar/feed/short.ics`)).status).toBe(404);
  });
});
