import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/**
 * The activities a workflow ran, in order, from its history — remote activities (scheduled
 * events) and local ones (markers whose data names the activity type) alike; what
 * `temporal workflow show` lists.
 */
export function activitiesRun(history: History): string[] {
  const names: string[] = [];
  for (const e of history.events ?? []) {
    const remote = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (remote) names.push(remote);
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity') {
      const data = marker.details?.data?.payloads?.[0]?.data;
      if (data) names.push(JSON.parse(Buffer.from(data).toString('utf8')).activity_type);
    }
  }
  return names;
}
