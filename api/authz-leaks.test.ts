import { startApiStack, type ApiStack, type DemoPerson } from '../test/helpers/api-stack';

/**
 * What a colleague off a case must not learn about it (issue 13, finding 5). A case led by 李明
 * with the partner on its team carries a marker in every text it has; 张婷 (a lawyer) and 陈晓 (an
 * assistant), who are on neither, ask every GET of /api/docs — also with the colleagues' ids in the
 * query — and the conflict check and double-booking endpoints, and no marker may come back.
 */

let stack: ApiStack;
let as: ApiStack['as'];
let ids: Record<string, string>;
const T = new Date(Date.now() + 3 * 86_400_000);
T.setUTCHours(2, 0, 0, 0); // 10:00 in Shanghai
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000).toISOString();

const M = {
  client: '泄露标记客户有限公司',
  title: '泄露标记案件',
  court: '泄露标记法院',
  party: '泄露标记对方有限公司',
  note: '泄露标记备注内容',
  contact: '泄露标记联系人',
  communication: '泄露标记沟通摘要',
  hearing: '泄露标记开庭',
  location: '泄露标记地点',
  eventNotes: '泄露标记说明',
  meeting: '泄露标记合伙人会议',
  task: '泄露标记任务',
  sharedTitle: '泄露标记共享客户案件',
  sharedCommunication: '泄露标记共享客户沟通',
  sharedEvent: '泄露标记共享客户会见',
};
/** Strings of the marked case nobody off it typed; its ids are added once made. */
const secrets: string[] = Object.values(M);
const hidden: Record<string, string> = {};
/** The hidden case's number. */
let number = '';
/** 张婷's own client and case (the assistant is on the case). */
const own_: Record<string, string> = {};

async function ok<T = any>(what: string, r: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await r;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  stack = await startApiStack('leaks', { historical: 0 });
  ({ as, ids } = stack);
  const li = as['li.ming'];
  const client = await ok('client', li.post('/api/v1/clients', { kind: 'organisation', name: M.client }));
  const kase = await ok(
    'case',
    li.post('/api/v1/cases', {
      title: M.title,
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: ids['li.ming'],
      court: M.court,
      team: [{ userId: ids.partner, role: 'partner' }],
      parties: [{ role: 'opposing', kind: 'organisation', name: M.party }],
    }),
  );
  await ok('note', li.post(`/api/v1/cases/${kase.id}/notes`, { body: M.note }));
  await ok('contact', li.post(`/api/v1/clients/${client.id}/contacts`, { name: M.contact }));
  await ok(
    'communication',
    li.post(`/api/v1/clients/${client.id}/communications`, {
      caseId: kase.id,
      kind: 'phone',
      occurredAt: new Date().toISOString(),
      summary: M.communication,
    }),
  );
  const hearing = await ok(
    'hearing',
    li.post('/api/v1/calendar/events', {
      caseId: kase.id,
      kind: 'hearing',
      title: M.hearing,
      startsAt: at(0),
      endsAt: at(60),
      location: M.location,
      notes: M.eventNotes,
      attendeeIds: [ids['li.ming'], ids.partner],
    }),
  );
  const meeting = await ok(
    'meeting',
    as.partner.post('/api/v1/calendar/events', {
      kind: 'meeting',
      title: M.meeting,
      startsAt: at(30),
      endsAt: at(90),
      location: M.location,
      attendeeIds: [ids.partner, ids['li.ming']],
    }),
  );
  const task = await ok(
    'task',
    li.post('/api/v1/tasks', { caseId: kase.id, title: M.task, assigneeId: ids['li.ming'], dueDate: T.toISOString().slice(0, 10) }),
  );
  const check = await ok(
    'check',
    li.post('/api/v1/conflict-checks', { caseId: kase.id, subjects: [{ name: '无关公司', role: 'opposing' }] }),
  );
  Object.assign(hidden, {
    caseId: kase.id,
    clientId: client.id,
    hearingId: hearing.id,
    meetingId: meeting.id,
    taskId: task.id,
    checkId: check.id,
  });
  secrets.push(kase.number);
  number = kase.number;
  // The off-case viewers have work of their own, so their lists are not trivially empty.
  const own = await ok('own client', as['zhang.ting'].post('/api/v1/clients', { kind: 'person', name: '张婷的客户' }));
  const ownCase = await ok(
    'own case',
    as['zhang.ting'].post('/api/v1/cases', {
      title: '张婷自己的案件',
      clientId: own.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: ids['zhang.ting'],
      team: [{ userId: ids.assistant, role: 'assistant' }],
    }),
  );
  // Her client has a second matter, 李明's: its record, communications and events stay his.
  const shared = await ok(
    'shared case',
    as.partner.post('/api/v1/cases', {
      title: M.sharedTitle,
      clientId: own.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: ids['li.ming'],
    }),
  );
  await ok(
    'shared communication',
    li.post(`/api/v1/clients/${own.id}/communications`, {
      caseId: shared.id,
      kind: 'meeting',
      occurredAt: new Date().toISOString(),
      summary: M.sharedCommunication,
    }),
  );
  await ok(
    'shared event',
    li.post('/api/v1/calendar/events', {
      caseId: shared.id,
      kind: 'meeting',
      title: M.sharedEvent,
      startsAt: at(120),
      endsAt: at(150),
      attendeeIds: [ids['li.ming']],
    }),
  );
  Object.assign(hidden, { sharedCaseId: shared.id });
  secrets.push(shared.number);
  Object.assign(own_, { clientId: own.id, caseId: ownCase.id });
}, 120_000);
afterAll(() => stack?.close());

/** The markers of the hidden case found in an answer (an id only where the request did not name it). */
function leaked(body: unknown, request: string): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const found = secrets.filter((s) => text.includes(s) && !decodeURIComponent(request).includes(s));
  for (const [name, id] of Object.entries(hidden)) if (!request.includes(id) && text.includes(id)) found.push(name);
  return found;
}

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

describe('double bookings', () => {
  const ask = (who: DemoPerson) =>
    as[who].get(
      `/api/v1/calendar/double-bookings?${qs({ startsAt: at(-60), endsAt: at(100), attendeeIds: `${ids['li.ming']},${ids.partner}` })}`,
    );

  it('tell a colleague off the case only that the people are busy, and when', async () => {
    for (const who of ['zhang.ting', 'assistant'] as const) {
      const r = await ask(who);
      expect(r.status).toBe(200);
      expect(leaked(r.body, '')).toEqual([]);
      expect(r.body.items).toHaveLength(4);
      for (const b of r.body.items) expect(b).toMatchObject({ busy: true, title: null, eventId: null, userName: expect.any(String) });
      expect(r.body.items.map((b: { startsAt: string }) => b.startsAt).sort()).toEqual([at(0), at(0), at(30), at(30)]);
    }
  });

  it('show the events to their attendees and to partners', async () => {
    for (const who of ['li.ming', 'partner'] as const) {
      const r = await ask(who);
      expect(r.body.items.map((b: { title: string }) => b.title).sort()).toEqual([M.meeting, M.meeting, M.hearing, M.hearing].sort());
      expect(r.body.items.every((b: { busy: boolean }) => !b.busy)).toBe(true);
    }
  });

  it('answer a new event with busy entries only', async () => {
    const r = await as['zhang.ting'].post('/api/v1/calendar/events', {
      kind: 'meeting',
      title: '张婷约的会',
      startsAt: at(15),
      endsAt: at(45),
      attendeeIds: [ids['zhang.ting'], ids['li.ming'], ids.partner],
    });
    expect(r.status).toBe(201);
    expect(r.body.doubleBookings.length).toBeGreaterThan(0);
    expect(leaked(r.body, '')).toEqual([]);
    await ok('remove', as['zhang.ting'].del(`/api/v1/calendar/events/${r.body.id}`));
  });
});

describe('conflict checks', () => {
  // What 张婷 types: the other side's and the client's names without their legal form.
  const subjects = [
    { name: '泄露标记对方', role: 'client' },
    { name: '泄露标记客户', role: 'opposing' },
  ];

  it('tell a lawyer off the matter that there is a conflict and whom to ask, not the matter', async () => {
    const r = await as['zhang.ting'].post('/api/v1/conflict-checks', { subjects });
    expect(r.status).toBe(201);
    expect(r.body.result).toBe('conflict');
    expect(leaked(r.body, '')).toEqual([]);
    const conflicts = r.body.hits.filter((h: { severity: string }) => h.severity === 'conflict');
    expect(conflicts.length).toBeGreaterThanOrEqual(2);
    for (const h of r.body.hits) {
      expect(h).toMatchObject({ withheld: true, caseNumber: null, caseTitle: null, clientName: null, caseId: null, clientId: null });
      expect(subjects.map((s) => s.name)).toContain(h.subject);
      expect(h.ask.length).toBeGreaterThan(0);
    }
    // The other side of 李明's matter: ask 李明, its lead lawyer.
    const opposing = r.body.hits.find((h: any) => h.subject === '泄露标记对方' && h.inMatter);
    expect(opposing).toMatchObject({ recordRole: 'opposing', severity: 'conflict', ask: [{ name: '李明', as: 'lead' }] });
    // The firm's client record (no matter of its own): ask the partners.
    const record = r.body.hits.find((h: any) => h.subject === '泄露标记客户' && !h.inMatter);
    expect(record).toMatchObject({ recordRole: 'client', ask: [{ name: '王建国', as: 'partner' }] });

    const again = await as['zhang.ting'].get(`/api/v1/conflict-checks/${r.body.id}`);
    expect(leaked(again.body, '')).toEqual([]);
    const listed = await as['zhang.ting'].get('/api/v1/conflict-checks');
    expect(leaked(listed.body, '')).toEqual([]);
    // The record of the check keeps everything for partners.
    const full = (await as.partner.get(`/api/v1/conflict-checks/${r.body.id}`)).body;
    expect(full.hits.find((h: any) => h.subject === '泄露标记对方' && h.inMatter)).toMatchObject({
      withheld: false,
      caseNumber: number,
      caseTitle: M.title,
      clientName: M.client,
      matchedName: M.party,
    });
  });

  it('show the matter to whoever is on it', async () => {
    const r = await as['li.ming'].post('/api/v1/conflict-checks', { subjects });
    const h = r.body.hits.find((x: any) => x.subject === '泄露标记对方' && x.inMatter);
    expect(h).toMatchObject({ withheld: false, caseTitle: M.title, caseNumber: number, leadLawyerName: '李明' });
  });
});

describe('client options', () => {
  it('list a lawyer only the clients of his cases and those he entered', async () => {
    const off = (await as['zhang.ting'].get('/api/v1/client-options')).body.items.map((c: { name: string }) => c.name);
    expect(off).toContain('张婷的客户');
    expect(off).not.toContain(M.client);
    expect((await as['zhang.ting'].get(`/api/v1/client-options?q=${encodeURIComponent('泄露')}`)).body.items).toEqual([]);
    expect((await as['li.ming'].get('/api/v1/client-options')).body.items.map((c: { name: string }) => c.name)).toContain(M.client);
    expect((await as.partner.get('/api/v1/client-options')).body.items.map((c: { name: string }) => c.name)).toContain(M.client);
  });

  it('count in the client list only the matters the viewer may see', async () => {
    const row = (r: { body: { items: Array<{ name: string; totalCases: number; openCases: number }> } }) =>
      r.body.items.find((c) => c.name === '张婷的客户');
    expect(row(await as['zhang.ting'].get('/api/v1/clients?pageSize=100'))).toMatchObject({ totalCases: 1, openCases: 1 });
    expect(row(await as.partner.get('/api/v1/clients?pageSize=100'))).toMatchObject({ totalCases: 2, openCases: 2 });
  });
});

interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
}

describe('every GET of /api/docs', () => {
  it('keeps the hidden case out of every answer to viewers off it, whatever the query names', async () => {
    const doc = (await (await fetch(`${stack.app.url}/api/docs`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Param[] }>>;
    };
    const template = (await stack.tdb.db('process_templates').first('key')).key as string;
    const path: Record<string, string[]> = {
      'cases/{id}': [hidden.caseId, own_.caseId, hidden.sharedCaseId],
      'clients/{id}': [hidden.clientId, own_.clientId],
      'tasks/{id}': [hidden.taskId],
      'conflict-checks/{id}': [hidden.checkId],
      'process-templates/{key}': [template],
      'versions/{version}': ['1'],
      'migrations/{id}': ['00000000-0000-4000-8000-000000000000'],
    };
    const failures: string[] = [];
    const missing = new Set<string>();
    let asked = 0;
    for (const who of ['zhang.ting', 'assistant'] as const) {
      const feed = await ok('feed', as[who].post('/api/v1/me/calendar-feed'));
      path['feed/{file}'] = [String(feed.url).split('/').pop()!];
      for (const colleague of ['li.ming', 'partner']) {
        const fill: Record<string, string> = {
          from: at((-3 * 86_400) / 60),
          to: at((3 * 86_400) / 60),
          startsAt: at(-60),
          endsAt: at(180),
          attendeeIds: `${ids['li.ming']},${ids.partner}`,
          userId: ids[colleague],
          assigneeId: ids[colleague],
          leadLawyerId: ids[colleague],
          memberId: ids[colleague],
          caseId: hidden.caseId,
          clientId: hidden.clientId,
          q: '泄露标记',
          scope: 'team',
          status: 'all',
          pageSize: '100',
          limit: '100',
          court: M.court,
          role: 'lawyer',
          kind: 'organisation',
          practiceArea: 'civil',
          caseType: 'first_instance',
          dueFrom: new Date(T.getTime() - 7 * 86_400_000).toISOString().slice(0, 10),
          dueTo: new Date(T.getTime() + 7 * 86_400_000).toISOString().slice(0, 10),
        };
        for (const [route, methods] of Object.entries(doc.paths)) {
          const op = methods.get;
          if (!op || route.endsWith('/notifications/stream')) continue;
          const slots = [...route.matchAll(/([^/]+)\/(\{[^}]+\})/g)].map(([, collection, name]) => `${collection}/${name}`);
          for (const slot of slots) if (!path[slot]) missing.add(slot);
          const urls = Array.from({ length: Math.max(1, ...slots.map((slot) => path[slot]?.length ?? 1)) }, (_, i) =>
            route.replace(/([^/]+)\/(\{[^}]+\})/g, (_m, collection: string, name: string) => {
              const values = path[`${collection}/${name}`] ?? ['x'];
              return `${collection}/${encodeURIComponent(values[Math.min(i, values.length - 1)])}`;
            }),
          );
          const query = (op.parameters ?? []).filter((p) => p.in === 'query');
          for (const p of query) if (!(p.name in fill)) missing.add(`?${p.name} (${route})`);
          const variants = [
            query.filter((p) => p.required),
            query,
            query.filter((p) => p.required || ['q', 'scope', 'userId', 'assigneeId'].includes(p.name)),
          ];
          for (const url of urls)
            for (const v of variants) {
              const q = qs(Object.fromEntries(v.filter((p) => p.name in fill).map((p) => [p.name, fill[p.name]])));
              const request = `${url}${q ? `?${q}` : ''}`;
              const r = await as[who].get(request);
              asked++;
              if (r.status >= 500) failures.push(`${who} GET ${request}: ${r.status}`);
              const found = leaked(r.body, request);
              if (found.length) failures.push(`${who} GET ${decodeURIComponent(request)} (${r.status}): ${found.join(', ')}`);
            }
        }
      }
    }
    if (missing.size) console.log('no fixture for', [...missing].join(', '));
    expect(asked).toBeGreaterThan(200);
    expect([...new Set(failures)]).toEqual([]);
  }, 180_000);

  it('is able to see the marker: the lead lawyer finds it', async () => {
    const r = await as['li.ming'].get(`/api/v1/calendar?${qs({ from: at(-60), to: at(180) })}`);
    expect(leaked(r.body, '')).toEqual(expect.arrayContaining([M.hearing, M.meeting]));
  });
});
