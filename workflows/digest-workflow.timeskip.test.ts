import { defaultPayloadConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities';
import type { DigestResult } from '../activities/digest';
import { listOutbox } from '../db/repositories/email-outbox';
import { savePreferences } from '../db/repositories/preferences';
import { addDays, civilDateAt, zonedTimeToInstant } from '../domain/deadlines/civil-date';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { eventually, insertTestCase } from '../test/helpers/engine';
import { startTimeSkippingWorker, type TimeSkippingWorker } from '../test/helpers/temporal';
import { seedDemo } from '../test/helpers/users';
import { WORKFLOW_TYPES } from './definitions';

const TZ = 'Asia/Shanghai';
let tdb: TestDatabase;
let env: TestWorkflowEnvironment;
let skipping: TimeSkippingWorker;
let taskQueue: string;
const user: Record<string, { id: string; email: string }> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  skipping = await startTimeSkippingWorker(createActivities({ db: tdb.db, publicUrl: 'http://lexflow.test', timeZone: TZ }), 'digest');
  ({ env, taskQueue } = skipping);
  for (const u of await tdb.db('users').select('id', 'email')) user[u.email.split('@')[0]] = u;
});
afterAll(async () => {
  await skipping?.stop();
  await tdb?.drop();
});

/**
 * Runs the digest as the hourly schedule would: a fresh workflow at the current (skipped-to) time.
 * result() unlocks time skipping, and with no timer pending the test server then jumps years
 * ahead; so the test waits for completion with time standing still and reads the result from
 * the history.
 */
async function runDigest(id: string): Promise<DigestResult> {
  const handle = await env.client.workflow.start(WORKFLOW_TYPES.digest, { taskQueue, workflowId: id, args: [] });
  await eventually(async () => (await handle.describe()).status.name === 'COMPLETED');
  const events = (await handle.fetchHistory()).events ?? [];
  const payload = events.at(-1)?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  return defaultPayloadConverter.fromPayload(payload!) as DigestResult;
}

async function addTask(caseId: string, title: string, assigneeId: string, dueDate: string, kind = 'task') {
  await tdb.db('tasks').insert({
    case_id: caseId,
    workflow_task_id: `manual:${title}`,
    node_id: 'manual',
    title,
    kind,
    assignee_id: assigneeId,
    manual: true,
    started_at: new Date(zonedTimeToInstant(addDays(dueDate, -10), 9, 0, TZ)),
    due_at: new Date(zonedTimeToInstant(addDays(dueDate, 1), 0, 0, TZ)),
    due_date: dueDate,
  });
}

describe('the daily digest on the time-skipping server', () => {
  it('arrives at 08:00 Beijing time with the day’s hearings, tasks due and overdue; at 09:00 for who chose 9; never twice', async () => {
    // The next 08:00 in Shanghai after the test server's clock, and that day's date.
    const now = Date.now();
    let day = civilDateAt(now, TZ);
    if (zonedTimeToInstant(day, 8, 0, TZ) <= now + 60_000) day = addDays(day, 1);
    const eight = zonedTimeToInstant(day, 8, 0, TZ);

    const { caseId } = await insertTestCase(tdb.db);
    await addTask(caseId, '提交代理词', user['li.ming'].id, day);
    await addTask(caseId, '回复法官询问', user['li.ming'].id, addDays(day, -3));
    await addTask(caseId, '领取判决书', user['zhang.ting'].id, day);
    await addTask(caseId, '下周的事', user.assistant.id, addDays(day, 7));
    const [hearing] = await tdb
      .db('calendar_events')
      .insert({
        case_id: caseId,
        kind: 'hearing',
        title: '星河诉蓝海 第一次开庭',
        starts_at: new Date(zonedTimeToInstant(day, 9, 30, TZ)),
        ends_at: new Date(zonedTimeToInstant(day, 11, 30, TZ)),
      })
      .returning('id');
    await tdb.db('calendar_event_attendees').insert({ event_id: hearing.id, user_id: user['li.ming'].id });
    await savePreferences(tdb.db, user['zhang.ting'].id, {
      emailEnabled: true,
      quietStart: null,
      quietEnd: null,
      digestEnabled: true,
      digestHour: 9,
    });

    await env.sleep(eight - Date.now());
    const at8 = await runDigest('digest-08');
    // Li Ming has a hearing, a task due and one overdue; the assistant's day is empty; Zhang Ting is at 9.
    expect(at8).toMatchObject({ localDate: day, hour: 8, sent: 1 });
    const digests = () => tdb.db('notifications').where({ kind: 'digest' }).orderBy('id');
    const [n] = await digests();
    expect(n.user_id).toBe(user['li.ming'].id);
    expect(Math.abs(new Date(n.scheduled_for).getTime() - eight)).toBeLessThan(60_000);
    const mail = (await listOutbox(tdb.db)).filter((m) => m.subject.includes('每日摘要'));
    expect(mail).toHaveLength(1);
    expect(mail[0].toAddress).toBe(user['li.ming'].email);
    expect(mail[0].subject).toBe(`律程每日摘要 ${day}：开庭 1 项，到期 1 项，逾期 1 项`);
    expect(mail[0].textBody).toMatch(/今日开庭 \(1\)\n- 09:30 \S+ 星河诉蓝海 第一次开庭/);
    expect(mail[0].textBody).toContain('今日到期任务 (1)');
    expect(mail[0].textBody).toContain('提交代理词');
    expect(mail[0].textBody).toContain(`已逾期 (1)\n- `);
    expect(mail[0].textBody).toMatch(/http:\/\/lexflow\.test\/tasks\?task=[0-9a-f-]{36}/);

    // The schedule firing again in the same hour (or a retried activity) sends nothing new.
    expect(await runDigest('digest-08-again')).toMatchObject({ localDate: day, hour: 8, sent: 1 });
    expect(await digests()).toHaveLength(1);

    await env.sleep(3_600_000);
    const at9 = await runDigest('digest-09');
    expect(at9).toMatchObject({ localDate: day, hour: 9, sent: 1 });
    const all = await digests();
    expect(all.map((d) => d.user_id)).toEqual([user['li.ming'].id, user['zhang.ting'].id]);
    expect((await listOutbox(tdb.db)).filter((m) => m.subject.includes('每日摘要')).map((m) => m.toAddress)).toEqual([
      user['li.ming'].email,
      user['zhang.ting'].email,
    ]);
    expect(await tdb.db('digests').orderBy('created_at').pluck('items')).toEqual([3, 1]);
  });
});
