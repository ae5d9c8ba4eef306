import type { z } from 'zod';
import type {
  ZBillingSettings,
  ZTimeEntries,
  ZTimeEntry,
  ZTimeEntryInput,
  ZTimeEntryPatch,
  ZTimeEntryQuery,
  ZTimerAnswer,
  ZTimerStart,
  ZTimerStop,
} from '../../../api/contracts/billing';
import { api } from './client';

export type Timer = NonNullable<z.infer<typeof ZTimerAnswer>['timer']>;
export type TimerAnswer = z.infer<typeof ZTimerAnswer>;
export type TimerStart = z.input<typeof ZTimerStart>;
export type TimerStop = z.input<typeof ZTimerStop>;
export type TimeEntry = z.infer<typeof ZTimeEntry>;
export type TimeEntries = z.infer<typeof ZTimeEntries>;
export type TimeEntryInput = z.input<typeof ZTimeEntryInput>;
export type TimeEntryPatch = z.input<typeof ZTimeEntryPatch>;
export type TimeEntryQuery = Partial<Omit<z.infer<typeof ZTimeEntryQuery>, 'page' | 'pageSize'>> & { page?: number; pageSize?: number };
export type BillingSettings = z.infer<typeof ZBillingSettings>;

const qs = (q: Record<string, string | number | undefined | null>) =>
  new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (v === undefined || v === null || v === '' ? [] : [[k, String(v)]])),
  ).toString();
const e = (id: string) => `/time-entries/${encodeURIComponent(id)}`;

/** The one timer of the signed-in user (kept on the server) and time entries. */
export const timeApi = {
  timer: () => api<TimerAnswer>('GET', '/timer'),
  start: (body: TimerStart) => api<TimerAnswer>('POST', '/timer/start', body),
  pause: () => api<TimerAnswer>('POST', '/timer/pause'),
  resume: () => api<TimerAnswer>('POST', '/timer/resume'),
  stop: (body: TimerStop) => api<TimeEntry>('POST', '/timer/stop', body),
  discard: () => api<void>('DELETE', '/timer'),
  entries: (q: TimeEntryQuery) => api<TimeEntries>('GET', `/time-entries?${qs(q)}`),
  add: (body: TimeEntryInput) => api<TimeEntry>('POST', '/time-entries', body),
  change: (id: string, body: TimeEntryPatch) => api<TimeEntry>('PATCH', e(id), body),
  remove: (id: string) => api<void>('DELETE', e(id)),
  approve: (id: string) => api<TimeEntry>('POST', `${e(id)}/approve`, { note: null }),
  reject: (id: string, note: string) => api<TimeEntry>('POST', `${e(id)}/reject`, { note }),
  settings: () => api<BillingSettings>('GET', '/billing/settings'),
};

/** Listeners told when the timer changed here (another component started it), so the app bar's chip shows it at once. */
const timerListeners = new Set<(t: Timer | null) => void>();
export function onTimerChanged(l: (t: Timer | null) => void): () => void {
  timerListeners.add(l);
  return () => timerListeners.delete(l);
}
export function timerChanged(t: Timer | null): void {
  timerListeners.forEach((l) => l(t));
}

/**
 * Starts the timer on a task (a task page's "start timer" button): the chip in the app bar shows it
 * at once. A timer already on answers 409 (ApiError code `conflict`), for the caller to show.
 */
export async function startTimerOn(caseId: string, taskId: string | null, narrative: string | null = null): Promise<Timer> {
  const { timer } = await timeApi.start({ caseId, taskId, narrative });
  timerChanged(timer);
  return timer!;
}

/** Hours with one decimal, as the timesheet shows them (0.2 for 12 minutes); time, not money, so a float is fine. */
export function hoursOf(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(minutes / 60);
}
