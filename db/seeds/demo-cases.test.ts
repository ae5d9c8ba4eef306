import { demoCaseHooks } from '../../api/cases';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { eventually } from '../../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../../test/helpers/temporal';
import { seedDemo } from '../../test/helpers/users';
import { createEngine } from '../../api/engine';
import type { TemporalHandle } from '../../api/engine';
import { seedDemoCases } from './demo-cases';

let tdb: TestDatabase;
let worker: TestWorker;
let temporal: TemporalHandle;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const q = uniqueTaskQueue('demo');
  worker = await startTestWorker(tdb.db, q);
  temporal = testTemporalHandle(q);
}, 60_000);
afterAll(async () => {
  await temporal?.connection.close();
  await worker?.stop();
  await tdb?.drop();
});

describe('the demo case load', () => {
  it('gives the firm more than fifty realistic cases: closed history and active workflows, once', async () => {
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

    expect(await seedDemoCases(tdb.db, demoCaseHooks(tdb.db, createEngine(temporal), 'Asia/Shanghai'))).toEqual({
      seeded: false,
      cases: 0,
    });
  }, 120_000);
});
