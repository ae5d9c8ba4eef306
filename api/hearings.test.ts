import { startRelayedApiStack, type ApiStack } from '../test/helpers/api-stack';
import { eventually } from '../test/helpers/engine';
import type { TcpRelay } from '../test/helpers/tcp-relay';

/**
 * Issue 18, item 5: hearings modelled as hearings. A hearing event carries its type, court,
 * courtroom and judge (validated); the engine's hearing (from 确认开庭时间's hearingAt) gets the
 * case's court; moving it records the new date on the case through the engine, so 出庭 (due the day
 * after hearingAt) moves — and while Temporal is down the move answers 503 and changes nothing.
 * The app reaches Temporal through a relay the test cuts; the worker keeps its own connection.
 */

let stack: ApiStack;
let link: TcpRelay;
let caseId: string;
const COURT = '上海市浦东新区人民法院';
const range = 'from=2026-12-01T00:00:00%2B08:00&to=2027-01-31T00:00:00%2B08:00';

beforeAll(async () => {
  ({ stack, link } = await startRelayedApiStack('hearings', { historical: 0 }));
  const li = stack.as['li.ming'];
  const client = (await li.post('/api/v1/clients', { kind: 'organisation', name: '开庭测试有限公司' })).body;
  const kase = await li.post('/api/v1/cases', {
    title: '买卖合同纠纷',
    clientId: client.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: COURT,
    leadLawyerId: stack.ids['li.ming'],
    parties: [{ role: 'opposing', kind: 'person', name: '对方' }],
  });
  expect(kase.status).toBe(201);
  caseId = kase.body.id;
  await eventually(() => stack.tdb.db('tasks').where({ case_id: caseId, status: 'open' }).first('id'));
}, 60_000);
afterAll(async () => {
  link?.restore();
  await stack?.close();
  await link?.close();
});

const hearing = (over: Record<string, unknown> = {}) => ({
  kind: 'hearing',
  caseId,
  title: '调解',
  startsAt: '2026-12-10T14:00:00+08:00',
  endsAt: '2026-12-10T16:00:00+08:00',
  attendeeIds: [stack.ids['li.ming']],
  hearing: { type: 'mediation', court: COURT, courtroom: '第三调解室', judge: '王法官' },
  ...over,
});
const calendar = async () => (await stack.as['li.ming'].get(`/api/v1/calendar?scope=team&kind=hearing&${range}`)).body.items;
const open = async (nodeId: string) => {
  const p = (await stack.as['li.ming'].get(`/api/v1/cases/${caseId}/progress`)).body;
  return p.openTasks.find((t: { nodeId: string }) => t.nodeId === nodeId);
};

test('a hearing is made with its type, court, courtroom and judge, and the calendar lists them', async () => {
  const made = await stack.as['li.ming'].post('/api/v1/calendar/events', hearing());
  expect(made.status).toBe(201);
  const item = (await calendar()).find((i: { id: string }) => i.id === made.body.id);
  expect(item).toMatchObject({
    kind: 'hearing',
    allDay: false,
    caseNumber: expect.any(String),
    hearing: { type: 'mediation', court: COURT, courtroom: '第三调解室', judge: '王法官' },
    caseVariable: null,
  });
  const audit = await stack.tdb.db('audit_log').where({ entity_id: made.body.id }).first();
  expect(audit.details).toMatchObject({ kind: 'hearing', hearingType: 'mediation' });
});

test('hearing details are validated: 400 for an unknown type, text too long, or details on a meeting', async () => {
  const li = stack.as['li.ming'];
  const bad = [
    hearing({ hearing: { type: 'trial' } }),
    hearing({ hearing: { type: 'pretrial', courtroom: '庭'.repeat(101) } }),
    hearing({ hearing: { type: 'pretrial', judge: 42 } }),
    hearing({ kind: 'meeting' }),
  ];
  const answers = await Promise.all(bad.map((b) => li.post('/api/v1/calendar/events', b)));
  expect(answers.map((a) => [a.status, a.body.code])).toEqual(bad.map(() => [400, 'validation-error']));
});

test("the engine's hearing gets the case's court; moving it records hearingAt on the case and 出庭's due date moves", async () => {
  const li = stack.as['li.ming'];
  expect((await li.post(`/api/v1/cases/${caseId}/advance`, { reason: '直接进入庭审', toStageId: 'Stage_Trial' })).status).toBe(200);
  const dateTask = await eventually(() => open('Task_HearingDate'));
  const done = await stack.as.partner.post(`/api/v1/cases/${caseId}/tasks/${dateTask.taskId}/complete`, {
    outputs: { hearingAt: '2026-12-15' },
  });
  expect(done.status).toBe(200);
  const brief = await eventually(() => open('Task_TrialBrief'));
  expect((await li.post(`/api/v1/cases/${caseId}/tasks/${brief.taskId}/complete`, { outputs: {} })).status).toBe(200);
  const attend = await eventually(() => open('Task_AttendHearing'));
  expect(attend.dueDate).toBe('2026-12-16');

  const engineMade = (await calendar()).find((i: { source: string; caseVariable: string | null }) => i.caseVariable === 'hearingAt');
  expect(engineMade).toMatchObject({ allDay: true, hearing: { type: 'court_session', court: COURT, courtroom: null } });

  const moved = await li.put(`/api/v1/calendar/events/${engineMade.id}`, {
    kind: 'hearing',
    caseId,
    title: engineMade.title,
    allDay: false,
    startsAt: '2026-12-22T09:30:00+08:00',
    endsAt: '2026-12-22T11:30:00+08:00',
    attendeeIds: engineMade.attendees.map((a: { id: string }) => a.id),
    location: engineMade.location,
    hearing: { type: 'court_session', court: COURT, courtroom: '第十法庭', judge: null },
  });
  expect(moved.status).toBe(200);
  expect(moved.body.recordedOnCase).toEqual({ variable: 'hearingAt', value: '2026-12-22' });
  // The deadline counting from hearingAt moved, as the task list and the case's progress both say.
  expect((await li.get(`/api/v1/tasks/${attend.taskId}`)).body.dueDate).toBe('2026-12-23');
  const progress = (await li.get(`/api/v1/cases/${caseId}/progress`)).body;
  expect(progress.variables.hearingAt).toBe('2026-12-22');
  const after = (await calendar()).find((i: { id: string }) => i.id === engineMade.id);
  expect(after).toMatchObject({ allDay: false, startsAt: '2026-12-22T01:30:00.000Z', hearing: { courtroom: '第十法庭' } });
  const audit = await stack.tdb.db('audit_log').where({ entity_id: engineMade.id, status: 200 }).orderBy('id', 'desc').first();
  expect(audit.details).toMatchObject({ recordedOnCase: { variable: 'hearingAt', value: '2026-12-22' } });

  // Recorded on the case directly (a case event), the date moves the hearing too, keeping its time.
  const recorded = await li.post(`/api/v1/cases/${caseId}/events`, { name: 'hearing', date: '2027-01-05' });
  expect(recorded.status).toBe(200);
  const again = (await calendar()).find((i: { id: string }) => i.id === engineMade.id);
  expect(again).toMatchObject({ startsAt: '2027-01-05T01:30:00.000Z', endsAt: '2027-01-05T03:30:00.000Z' });
  expect((await li.get(`/api/v1/tasks/${attend.taskId}`)).body.dueDate).toBe('2027-01-06');
}, 90_000);

test('a move while Temporal is down answers 503 and changes nothing: neither the hearing nor the deadline', async () => {
  const li = stack.as['li.ming'];
  const event = (await calendar()).find((i: { caseVariable: string | null }) => i.caseVariable === 'hearingAt');
  const attend = await open('Task_AttendHearing');
  const body = {
    kind: 'hearing',
    caseId,
    title: event.title,
    allDay: false,
    startsAt: '2027-01-12T09:30:00+08:00',
    endsAt: '2027-01-12T11:30:00+08:00',
    attendeeIds: event.attendees.map((a: { id: string }) => a.id),
    hearing: event.hearing,
  };
  link.cut();
  try {
    const r = await li.put(`/api/v1/calendar/events/${event.id}`, body);
    expect([r.status, r.body.code]).toEqual([503, 'service-unavailable']);
    const row = await stack.tdb.db('calendar_events').where({ id: event.id }).first();
    expect(row.starts_at.toISOString()).toBe(event.startsAt);
    expect((await stack.tdb.db('tasks').where({ id: attend.taskId }).first()).due_date).toBe('2027-01-06');
  } finally {
    link.restore();
  }
  await eventually(async () => (await li.get(`/api/v1/cases/${caseId}/progress`)).status === 200, 20_000);
  const retried = await li.put(`/api/v1/calendar/events/${event.id}`, body);
  expect(retried.status).toBe(200);
  expect((await li.get(`/api/v1/tasks/${attend.taskId}`)).body.dueDate).toBe('2027-01-13');
}, 90_000);

test("PATCH reschedules an event or sets its hearing details, checked as a whole event; the engine's hearing moves its deadline", async () => {
  const li = stack.as['li.ming'];
  const made = (await li.post('/api/v1/calendar/events', hearing({ title: '庭前会议' }))).body;
  const set = await li.patch(`/api/v1/calendar/events/${made.id}`, { hearing: { type: 'pretrial', courtroom: '第五法庭' } });
  expect([set.status, set.body.recordedOnCase]).toEqual([200, null]);
  const item = (await calendar()).find((i: { id: string }) => i.id === made.id);
  expect(item).toMatchObject({
    title: '庭前会议',
    startsAt: '2026-12-10T06:00:00.000Z',
    hearing: { type: 'pretrial', courtroom: '第五法庭', court: null },
  });
  const refused = await Promise.all([
    li.patch(`/api/v1/calendar/events/${made.id}`, { endsAt: '2026-12-10T13:00:00+08:00' }),
    li.patch(`/api/v1/calendar/events/${made.id}`, { hearing: { type: 'appeal' } }),
  ]);
  expect(refused.map((r) => [r.status, r.body.code])).toEqual([
    [400, 'validation-error'],
    [400, 'validation-error'],
  ]);

  const linked = (await calendar()).find((i: { caseVariable: string | null }) => i.caseVariable === 'hearingAt');
  const attend = await open('Task_AttendHearing');
  const moved = await li.patch(`/api/v1/calendar/events/${linked.id}`, {
    startsAt: '2027-01-19T09:30:00+08:00',
    endsAt: '2027-01-19T11:30:00+08:00',
  });
  expect([moved.status, moved.body.recordedOnCase]).toEqual([200, { variable: 'hearingAt', value: '2027-01-19' }]);
  expect((await li.get(`/api/v1/tasks/${attend.taskId}`)).body.dueDate).toBe('2027-01-20');
  const audit = await stack.tdb.db('audit_log').where({ entity_id: linked.id, status: 200 }).orderBy('id', 'desc').first();
  expect(audit.action).toMatch(/^PATCH /);
  expect(audit.details).toMatchObject({ changed: ['startsAt', 'endsAt'], recordedOnCase: { variable: 'hearingAt', value: '2027-01-19' } });
}, 60_000);

test('a lawyer off the case gets 404 for its hearings, making or moving one', async () => {
  const zhang = stack.as['zhang.ting'];
  const event = (await calendar()).find((i: { caseVariable: string | null }) => i.caseVariable === 'hearingAt');
  const made = await zhang.post('/api/v1/calendar/events', { ...hearing(), attendeeIds: [] });
  expect(made.status).toBe(404);
  const moved = await zhang.put(`/api/v1/calendar/events/${event.id}`, { ...hearing(), attendeeIds: [] });
  expect(moved.status).toBe(404);
  expect((await zhang.patch(`/api/v1/calendar/events/${event.id}`, { startsAt: '2027-02-01T09:00:00+08:00' })).status).toBe(404);
  const own = (await zhang.get(`/api/v1/calendar?scope=team&kind=hearing&${range}`)).body.items;
  expect(own.filter((i: { caseId: string }) => i.caseId === caseId)).toEqual([]);
});
