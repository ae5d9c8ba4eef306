import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { eventually } from '../../test/helpers/engine';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from '../../test/helpers/temporal';
import { seedDemo } from '../../test/helpers/users';
import type { TemporalHandle } from '../../api/engine';
import { ensureDigestSchedule } from './schedules';

let tdb: TestDatabase;
let worker: TestWorker;
let temporal: TemporalHandle;
const taskQueue = uniqueTaskQueue('schedule');
const scheduleId = `digest-test-${taskQueue}`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  worker = await startTestWorker(tdb.db, taskQueue);
  temporal = testTemporalHandle(taskQueue);
});
afterAll(async () => {
  await temporal?.client.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await temporal?.connection.close();
  await worker?.stop();
  await tdb?.drop();
});

describe('the digest schedule on the Temporal dev server', () => {
  it('fires on the hour in the firm’s time zone (08:00 Beijing = 00:00 UTC), is brought up to date on boot, and runs the digest', async () => {
    expect(await ensureDigestSchedule(temporal.client, { taskQueue, timeZone: 'Asia/Shanghai', scheduleId })).toBe('created');
    const handle = temporal.client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    expect(d.spec.timezone).toBe('Asia/Shanghai');
    const next = d.info.nextActionTimes.map((t) => t.toISOString());
    expect(next.length).toBeGreaterThanOrEqual(5);
    for (const t of next) expect(t).toMatch(/T\d{2}:00:00\.000Z$/);
    // Consecutive hours: every user's digest hour comes round, 08:00 Beijing among them.
    expect(new Date(next[1]).getTime() - new Date(next[0]).getTime()).toBe(3_600_000);

    // A restart with another firm time zone moves the schedule rather than failing or duplicating it.
    expect(await ensureDigestSchedule(temporal.client, { taskQueue, timeZone: 'Asia/Kolkata', scheduleId })).toBe('updated');
    const kolkata = await handle.describe();
    expect(kolkata.spec.timezone).toBe('Asia/Kolkata');
    for (const t of kolkata.info.nextActionTimes) expect(t.toISOString()).toMatch(/T\d{2}:30:00\.000Z$/);
    await ensureDigestSchedule(temporal.client, { taskQueue, timeZone: 'Asia/Shanghai', scheduleId });

    await handle.trigger();
    const run = await eventually(async () => (await handle.describe()).info.recentActions[0]?.action, 20_000);
    const result = await temporal.client.workflow.getHandle(run.workflow.workflowId, run.workflow.firstExecutionRunId).result();
    expect(result).toMatchObject({ localDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), hour: expect.any(Number), sent: 0 });
  }, 60_000);
});
