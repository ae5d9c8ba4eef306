import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { DIGEST_SCHEDULE_ID, WORKFLOW_TYPES } from '../../workflows/definitions';

/**
 * The hourly digest schedule in the firm's time zone: each run sends the digests of the users
 * whose digest hour it is (default 08:00). Created on boot, or brought up to date when the
 * firm's time zone changed; a missed hour is caught up within 2 hours, never run twice at once.
 */
export async function ensureDigestSchedule(
  client: Client,
  o: { taskQueue: string; timeZone: string; scheduleId?: string },
): Promise<'created' | 'updated'> {
  const scheduleId = o.scheduleId ?? DIGEST_SCHEDULE_ID;
  const options: ScheduleOptions = {
    scheduleId,
    spec: {
      calendars: [{ hour: { start: 0, end: 23 }, minute: 0, comment: 'every hour on the hour; users pick their digest hour' }],
      timezone: o.timeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: WORKFLOW_TYPES.digest,
      taskQueue: o.taskQueue,
      args: [],
      workflowId: `${scheduleId}-run`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '2 hours' },
  };
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule
      .getHandle(scheduleId)
      .update((prev) => ({ ...prev, spec: options.spec, action: options.action, policies: options.policies }));
    return 'updated';
  }
}
