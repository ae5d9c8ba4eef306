import { simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createActivities } from '.';
import { startMailDispatcher } from './mail-dispatcher';
import { dispatchPending, listOutbox } from '../db/repositories/email-outbox';
import { savePreferences } from '../db/repositories/preferences';
import { compileOrThrow, insertTestCase } from '../test/helpers/engine';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { seedDemo } from '../test/helpers/users';
import { bpmn, chain } from '../process-templates/model/test-support/bpmn';
import type { NodeOf } from '../process-templates/model/schema';
import { DATA_ERROR_FAILURE } from '../workflows/definitions';

let tdb: TestDatabase;
let acts: ReturnType<typeof createActivities>;
let node: NodeOf<'userTask'>;
let caseId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  acts = createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test' });
  const m = await compileOrThrow(
    bpmn(
      `<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="提交答辩状" lexflow:nameEn="File the defence" lexflow:due="P15D" lexflow:reminders="P3D" lexflow:escalateAfter="P1D" lexflow:escalateTo="partner"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}`,
    ),
  );
  node = m.nodes.T as NodeOf<'userTask'>;
  ({ caseId } = await insertTestCase(tdb.db));
});
afterAll(() => tdb.drop());

const count = async (table: string, where: Record<string, unknown>) =>
  Number((await tdb.db(table).where(where).count('* as n').first())!.n);
const openInput = () => ({
  caseId,
  instanceId: 't1',
  node,
  stageInstanceId: null,
  startedAt: Date.parse('2026-09-05T02:00:00Z'),
  stageStartedAt: 0,
  variables: {},
  timeZone: 'Asia/Shanghai',
});

describe('engine activities, retried as Temporal retries them', () => {
  it('openTask: one row, one assignment notice, the same answer each time', async () => {
    const a = await acts.openTask(openInput());
    const b = await acts.openTask(openInput());
    expect(b).toEqual(a);
    // 15 days from 2026-09-05 is Sunday 2026-09-20, a 调休 working day: no roll-over.
    expect(a.due).toMatchObject({ dueDate: '2026-09-20', unadjusted: '2026-09-20', rolledOver: false });
    expect(await count('tasks', { case_id: caseId, workflow_task_id: 't1' })).toBe(1);
    expect(await count('notifications', { case_id: caseId, kind: 'taskAssigned' })).toBe(1);
  });

  it('taskAlert: one notification and one mail per recipient', async () => {
    const alert = {
      caseId,
      instanceId: 't1',
      kind: 'escalation' as const,
      index: 0,
      at: Date.parse('2026-09-22T16:00:00Z'),
      dueAt: Date.parse('2026-09-21T16:00:00Z'),
      toRole: 'partner' as const,
    };
    await acts.taskAlert(alert);
    await acts.taskAlert(alert);
    expect(await count('notifications', { case_id: caseId, kind: 'escalation' })).toBe(1);
    expect(await tdb.db('email_outbox').where('key', 'like', `task:${caseId}:t1:escalation%`).pluck('to_address')).toEqual([
      'partner@demo.lexflow',
    ]);
    const mail = await tdb.db('email_outbox').where('key', 'like', `task:${caseId}:t1:escalation%`).first();
    expect(mail.subject).toBe('逾期升级：提交答辩状');
    expect(mail.text_body).toContain('http://lexflow.test/tasks?task=');
  });

  it('billing events, stage records, completions and case events are written once', async () => {
    const billing = { caseId, key: `${caseId}:Bill:k1`, nodeId: 'Bill', label: '立案费', percent: 30 };
    await acts.raiseBillingEvent(billing);
    await acts.raiseBillingEvent(billing);
    expect(await tdb.db('billing_events').where({ case_id: caseId }).select('percent_bp', 'amount_fen')).toEqual([
      { percent_bp: 3000, amount_fen: null },
    ]);
    const entry = { caseId, stageInstanceId: 's9', stageId: 'A', stageName: '立案', at: Date.parse('2026-09-05T02:00:00Z') };
    await acts.recordStageEntry(entry);
    await acts.recordStageEntry(entry);
    expect(await count('stage_history', { case_id: caseId })).toBe(1);
    const done = { caseId, instanceId: 't1', outputs: { filedAt: '2026-09-10' }, by: null, at: Date.parse('2026-09-10T02:00:00Z') };
    await acts.completeTaskRow(done);
    await acts.completeTaskRow({ ...done, outputs: { filedAt: '2099-01-01' }, at: Date.now() });
    expect(await tdb.db('tasks').where({ case_id: caseId, workflow_task_id: 't1' }).first()).toMatchObject({
      status: 'done',
      outputs: { filedAt: '2026-09-10' },
    });
    const event = {
      caseId,
      key: 'evt-1',
      name: 'judgmentServed',
      date: '2026-09-22',
      variables: { judgmentServedAt: '2026-09-22' },
      by: null,
    };
    await acts.logCaseEvent(event);
    await acts.logCaseEvent(event);
    expect(await count('case_events', { case_id: caseId })).toBe(1);
  });
});

describe('the mail outbox', () => {
  it('delivers each queued mail once to a real SMTP server, with its link', async () => {
    const received: Array<{ to: string; subject: string; text: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        simpleParser(stream).then((m) => {
          received.push({ to: (Array.isArray(m.to) ? m.to[0] : m.to)!.text, subject: m.subject ?? '', text: m.text ?? '' });
          done();
        }, done);
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as { port: number }).port;
    const dispatcher = startMailDispatcher({
      db: tdb.db,
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'LexFlow <no-reply@lexflow.test>',
      logger: pino({ level: 'silent' }),
      everyMs: 60_000,
    });
    try {
      const reminder = { caseId, instanceId: 't1', kind: 'reminder' as const, index: 0, at: 1, dueAt: 2 };
      await acts.taskAlert(reminder);
      const first = await dispatcher.runOnce();
      const second = await dispatcher.runOnce();
      await acts.taskAlert(reminder);
      const third = await dispatcher.runOnce();
      expect([first.sent, second.sent, third.sent]).toEqual([2, 0, 0]);
      const toLead = received.find((m) => m.to === 'li.ming@demo.lexflow')!;
      expect(toLead.subject).toBe('期限提醒：提交答辩状（2026-09-20 到期）');
      const taskId = (await tdb.db('tasks').where({ case_id: caseId, workflow_task_id: 't1' }).first()).id;
      expect(toLead.text).toContain(`http://lexflow.test/tasks?task=${taskId}`);
      expect(await tdb.db('email_outbox').whereNot({ status: 'sent' }).pluck('key')).toEqual([]);
    } finally {
      await dispatcher.stop();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("follows each recipient's preferences: no mail when turned off, held until quiet hours end", async () => {
    const users = Object.fromEntries((await tdb.db('users').select('id', 'email')).map((u) => [u.email.split('@')[0], u.id as string]));
    await savePreferences(tdb.db, users['li.ming'], {
      emailEnabled: false,
      quietStart: null,
      quietEnd: null,
      digestEnabled: true,
      digestHour: 8,
    });
    await savePreferences(tdb.db, users.partner, {
      emailEnabled: true,
      quietStart: '22:00',
      quietEnd: '07:00',
      digestEnabled: true,
      digestHour: 8,
    });
    // An escalation raised at 23:30 Beijing time goes to the partner; the lead is told in the app only.
    const at = Date.parse('2026-12-01T23:30:00+08:00');
    await acts.taskAlert({ caseId, instanceId: 't1', kind: 'escalation', index: 0, at, dueAt: at - 3_600_000, toRole: 'partner' });
    await acts.taskAlert({ caseId, instanceId: 't1', kind: 'reminder', index: 1, at, dueAt: at + 86_400_000 });
    const mail = (await listOutbox(tdb.db)).filter(
      (m) => m.key.includes(String(at)) || m.key.includes(String(at - 3_600_000)) || m.key.includes(String(at + 86_400_000)),
    );
    expect(mail.map((m) => m.toAddress)).toEqual(['partner@demo.lexflow']);
    expect(mail[0].sendAfter?.toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(await count('notifications', { user_id: users['li.ming'], kind: 'reminder', scheduled_for: new Date(at) })).toBe(1);
    // The dispatcher leaves mail alone until its hold ends (moved an hour past now for the test).
    await tdb
      .db('email_outbox')
      .where({ to_address: 'partner@demo.lexflow', status: 'pending' })
      .update({ send_after: new Date(Date.now() + 3_600_000) });
    const none = await dispatchPending(tdb.db, 10, async () => ({ messageId: 'x' }));
    expect(none.sent).toBe(0);
    // …and sends it once the hold has passed (so the 0 above was the hold, not a dispatcher that sends nothing).
    await tdb
      .db('email_outbox')
      .where({ to_address: 'partner@demo.lexflow', status: 'pending' })
      .update({ send_after: new Date(Date.now() - 1_000) });
    const sentTo: string[] = [];
    const due = await dispatchPending(tdb.db, 10, async (m) => {
      sentTo.push(m.toAddress);
      return { messageId: 'x' };
    });
    expect([due.sent, sentTo]).toEqual([1, ['partner@demo.lexflow']]);
  });
});

const entry = (stageInstanceId: string) => ({
  name: 'recordStageEntry' as const,
  input: { caseId, stageInstanceId, stageId: 'T', stageName: '阶段', at: Date.parse('2026-09-05T02:00:00Z') },
});
const open = (instanceId: string) => ({
  name: 'openTask' as const,
  input: { ...openInput(), instanceId },
});

describe('applyCaseStep: a step of the case as one transaction', () => {
  it('applies the effects in order and answers the last one; run again (a retry), it writes nothing twice', async () => {
    const step = { effects: [entry('s1'), open('st1')] };
    const first = await acts.applyCaseStep(step);
    const again = await acts.applyCaseStep(step);
    expect(first.effects).toEqual(['recordStageEntry', 'openTask']);
    expect((again.answer as { taskId: string }).taskId).toBe((first.answer as { taskId: string }).taskId);
    expect(await count('stage_history', { case_id: caseId, stage_instance_id: 's1' })).toBe(1);
    expect(await count('tasks', { case_id: caseId, workflow_task_id: 'st1' })).toBe(1);
  });

  it('is all or nothing: a write the database refuses undoes the step’s earlier writes (and fails for good)', async () => {
    const refused = { ...entry('s3'), input: { ...entry('s3').input, stageName: 'x'.repeat(10) + '\u0000' } };
    await expect(acts.applyCaseStep({ effects: [entry('s2'), open('st2'), refused] })).rejects.toMatchObject({
      type: DATA_ERROR_FAILURE,
      nonRetryable: true,
    });
    expect(await count('stage_history', { case_id: caseId, stage_instance_id: 's2' })).toBe(0);
    expect(await count('tasks', { case_id: caseId, workflow_task_id: 'st2' })).toBe(0);
  });
});
