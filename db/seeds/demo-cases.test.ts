import { demoCaseHooks } from '../../api/cases';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { eventually } from '../../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../../test/helpers/temporal';
import { seedDemo } from '../../test/helpers/users';
import { createEngine } from '../../api/engine';
import type { TemporalHandle } from '../../api/engine';
import { seedDemoCases } from './demo-cases';
import { createHolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { HttpClient, startTestApp, type TestApp } from '../../test/helpers/app';

let tdb: TestDatabase;
let worker: TestWorker;
let temporal: TemporalHandle;
let app: TestApp;
const TZ = 'Asia/Shanghai';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('demo');
  worker = await startTestWorker(tdb.db, q);
  temporal = testTemporalHandle(q);
  app = await startTestApp(tdb.db, { temporal: testTemporalHandle(q) });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await temporal?.connection.close();
  await worker?.stop();
  await tdb?.drop();
});

describe('the demo case load', () => {
  it('gives the firm more than fifty realistic cases: closed history and active workflows, once', async () => {
    const seedStart = Date.now();
    const r = await seedDemoCases(tdb.db, demoCaseHooks(tdb.db, createEngine(temporal), 'Asia/Shanghai'));
    expect(r.seeded).toBe(true);
    expect(r.cases).toBeGreaterThanOrEqual(50);
    const cases = await tdb.db('cases');
    expect(cases.length).toBe(r.cases);
    const active = cases.filter((c) => c.status !== 'closed');
    expect(active.length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((c) => c.status === 'closed').length).toBeGreaterThanOrEqual(25);
    // Every practice area, Chinese titles, courts and 案由.
    expect(new Set(cases.map((c) => c.practice_area))).toEqual(
      new Set(['civil', 'criminal', 'administrative', 'arbitration', 'non_litigation']),
    );
    for (const c of cases) expect(c.title).toMatch(/\p{Script=Han}{4,}/u);
    expect(cases.filter((c) => /人民法院|仲裁/.test(c.court ?? '')).length).toBeGreaterThan(40);
    expect(cases.filter((c) => /纠纷|罪|争议/.test(c.cause_of_action ?? '')).length).toBeGreaterThan(35);
    // Active cases run: each has its workflow and open work; some moved past their first stage.
    await eventually(async () => {
      const open = await tdb
        .db('tasks')
        .whereIn(
          'case_id',
          active.map((c) => c.id),
        )
        .andWhere({ status: 'open' })
        .countDistinct('case_id as n')
        .first();
      return Number(open!.n) === active.length;
    }, 30_000);
    expect(new Set(active.map((c) => c.workflow_id)).size).toBe(active.length);
    const moved = await tdb
      .db('stage_history')
      .whereIn(
        'case_id',
        active.map((c) => c.id),
      )
      .whereNotNull('exited_at')
      .countDistinct('case_id as n')
      .first();
    expect(Number(moved!.n)).toBeGreaterThan(3);
    // Everything searchable, every case has its parties, intake checks recorded for active ones.
    expect(
      await tdb.db('cases').whereNotExists(tdb.db('case_search as s').whereRaw('s.case_id = cases.id')).count('* as n').first(),
    ).toEqual({ n: '0' });
    expect(Number((await tdb.db('case_parties').countDistinct('case_id as n').first())!.n)).toBe(r.cases);
    expect(Number((await tdb.db('conflict_checks').whereNotNull('case_id').count('* as n').first())!.n)).toBe(active.length);
    expect(Number((await tdb.db('clients').count('* as n').first())!.n)).toBeGreaterThanOrEqual(15);
    // Calendars with hearings at the case's court and client meetings ahead, on weekdays, and the partners' Monday meeting.
    const events = await tdb.db('calendar_events');
    const hearings = events.filter((e) => e.kind === 'hearing');
    expect(hearings.length).toBeGreaterThanOrEqual(5);
    for (const h of hearings) {
      expect(h.location).toBe(cases.find((c) => c.id === h.case_id)!.court);
      expect(new Date(h.starts_at).getTime()).toBeGreaterThan(Date.now());
      expect([1, 2, 3, 4, 5]).toContain(new Date(new Date(h.starts_at).getTime() + 8 * 3_600_000).getUTCDay());
    }
    expect(events.filter((e) => e.title === '合伙人例会')).toHaveLength(5);
    expect(Number((await tdb.db('calendar_event_attendees').count('* as n').first())!.n)).toBeGreaterThan(events.length);
    await looksLivedIn(active, seedStart);

    expect(await seedDemoCases(tdb.db, demoCaseHooks(tdb.db, createEngine(temporal), 'Asia/Shanghai'))).toEqual({
      seeded: false,
      cases: 0,
    });
  }, 120_000);
});

/**
 * Issue 18 (9): the active cases walked through their earlier stages on past days, in order, as the
 * engine ran them (nothing "skipped"); some work is overdue and the engine has already reminded and
 * escalated; hearings fall on PRC working days at court times; the case page's stepper says the same.
 */
async function looksLivedIn(active: Array<{ id: string; created_at: Date }>, seedStart: number) {
  const ids = active.map((c) => c.id);
  const stages = await tdb.db('stage_history').whereIn('case_id', ids).orderBy('id');
  for (const id of ids) {
    const own = stages.filter((s) => s.case_id === id);
    expect(own.length).toBeGreaterThan(0);
    let last = 0;
    for (const s of own) {
      const entered = new Date(s.entered_at).getTime();
      expect(entered).toBeLessThan(seedStart);
      expect(entered).toBeGreaterThan(last);
      if (s.exited_at) expect(new Date(s.exited_at).getTime()).toBeLessThan(seedStart);
      expect(s.skipped).toBe(false);
      last = entered;
    }
  }
  // Some cases went through more than one stage, weeks apart.
  const moved = stages.filter((s) => s.exited_at);
  expect(new Set(moved.map((s) => s.case_id)).size).toBeGreaterThan(5);
  expect(Math.min(...stages.map((s) => new Date(s.entered_at).getTime()))).toBeLessThan(seedStart - 30 * 86_400_000);
  const done = await tdb.db('tasks').whereIn('case_id', ids).where({ status: 'done' });
  expect(done.length).toBeGreaterThan(10);
  for (const t of done) expect(new Date(t.completed_at).getTime()).toBeLessThan(seedStart);
  expect(await tdb.db('tasks').whereIn('case_id', ids).where({ status: 'skipped' })).toHaveLength(0);

  const today = civilDateAt(Date.now(), TZ);
  const overdue = await tdb.db('tasks').whereIn('case_id', ids).where({ status: 'open' }).where('due_date', '<', today);
  expect(overdue.length).toBeGreaterThanOrEqual(3);
  // The engine's own reminders and escalations, queued as mail like any other.
  const mail = await eventually(async () => {
    const rows = await tdb.db('email_outbox').select('key', 'subject');
    const has = (kind: string) => rows.some((m) => m.key.startsWith('task:') && m.key.includes(`:${kind}:`));
    return has('reminder') && has('escalation') ? rows : null;
  }, 30_000);
  expect(mail.length).toBeGreaterThanOrEqual(2);
  // …and only those the story would have raised: none about a task finished before its instant.
  const alerts = await tdb
    .db('notifications as n')
    .join('tasks as t', 't.id', 'n.task_id')
    .whereIn('n.case_id', ids)
    .whereIn('n.kind', ['reminder', 'escalation'])
    .select('n.kind', 'n.scheduled_for', 'n.created_at', 't.status', 't.completed_at');
  expect(alerts.filter((a) => a.kind === 'escalation').length).toBeGreaterThanOrEqual(1);
  for (const a of alerts) {
    if (a.status === 'done') expect(a.completed_at.getTime()).toBeGreaterThan(a.scheduled_for.getTime());
    expect(a.created_at.getTime()).toBeLessThan(seedStart);
  }
  // Finished tasks are due by their own start (not by the seed's clock), opened on working mornings.
  for (const t of done.filter((x) => x.due_at)) expect(t.due_at.getTime() - t.started_at.getTime()).toBeLessThan(60 * 86_400_000);
  const calendar = createHolidayCalendar();
  for (const c of active) expect(calendar.isWorkday(civilDateAt(c.created_at.getTime(), TZ))).toBe(true);

  for (const h of await tdb.db('calendar_events').where({ kind: 'hearing' })) {
    const day = civilDateAt(new Date(h.starts_at).getTime(), TZ);
    expect({ day, workday: calendar.isWorkday(day) }).toEqual({ day, workday: true });
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }).format(h.starts_at);
    if (!h.all_day) expect(['09:00', '14:30']).toContain(time);
  }

  // The stepper (the progress the case page reads) says what stage_history says.
  const partner = new HttpClient(app.url);
  await partner.login('partner@demo.lexflow');
  for (const id of ids) {
    const res = await partner.get(`/api/v1/cases/${id}/progress`);
    expect(res.status).toBe(200);
    const own = stages.filter((s) => s.case_id === id);
    for (const s of res.body.stages.filter((x: { status: string }) => x.status !== 'pending')) {
      const visit = own.filter((v) => v.stage_id === s.id).pop();
      expect(s.status).not.toBe('skipped');
      expect(s.enteredAt).toBe(new Date(visit.entered_at).toISOString());
      if (visit.exited_at) expect(s.exitedAt).toBe(new Date(visit.exited_at).toISOString());
    }
  }
}
