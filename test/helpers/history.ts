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
      const type = data && JSON.parse(Buffer.from(data).toString('utf8')).activity_type;
      // A case step (ENGINE_VERSION 2) applies several effects in one activity; its result names them.
      const result = type === 'applyCaseStep' ? marker.details?.result?.payloads?.[0]?.data : undefined;
      if (result) names.push(...(JSON.parse(Buffer.from(result).toString('utf8')) as { effects: string[] }).effects);
      else if (type) names.push(type);
    }
  }
  return names;
}
