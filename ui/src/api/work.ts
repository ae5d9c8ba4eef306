import type { z } from 'zod';
import type { ZCalendarItem, ZDoubleBooking, ZEventInput, ZEventSaved, ZFeed } from '../../../api/contracts/calendar';
import type { ZNotification, ZNotifications, ZPreferences, ZUnread } from '../../../api/contracts/me';
import type { ZNewTask, ZTaskComments, ZTaskItem, ZTaskLoad, ZTaskPage, ZTaskPatch } from '../../../api/contracts/tasks';
import { api } from './client';

export type TaskItem = z.infer<typeof ZTaskItem>;
export type TaskPage = z.infer<typeof ZTaskPage>;
export type TaskComment = z.infer<typeof ZTaskComments>['items'][number];
export type TaskLoadRow = z.infer<typeof ZTaskLoad>['items'][number];
export type CalendarItem = z.infer<typeof ZCalendarItem>;
export type EventInput = z.input<typeof ZEventInput>;
export type DoubleBooking = z.infer<typeof ZDoubleBooking>;
export type Feed = z.infer<typeof ZFeed>;
export type Notification = z.infer<typeof ZNotification>;
export type Preferences = z.infer<typeof ZPreferences>;

const qs = (q: Record<string, string | number | undefined | null>) =>
  new URLSearchParams(
    Object.entries(q).flatMap(([k, v]) => (v === undefined || v === null || v === '' ? [] : [[k, String(v)]])),
  ).toString();

export const tasksApi = {
  list: (q: Record<string, string | number | undefined | null>) => api<TaskPage>('GET', `/tasks?${qs(q)}`),
  get: (id: string) => api<TaskItem>('GET', `/tasks/${id}`),
  create: (body: z.input<typeof ZNewTask>) => api<TaskItem>('POST', '/tasks', body),
  patch: (id: string, body: z.input<typeof ZTaskPatch>) => api<TaskItem>('PATCH', `/tasks/${id}`, body),
  complete: (id: string, outputs: Record<string, unknown>) => api<TaskItem>('POST', `/tasks/${id}/complete`, { outputs }),
  comments: (id: string) => api<z.infer<typeof ZTaskComments>>('GET', `/tasks/${id}/comments`),
  comment: (id: string, body: string) => api<z.infer<typeof ZTaskComments>>('POST', `/tasks/${id}/comments`, { body }),
  load: () => api<z.infer<typeof ZTaskLoad>>('GET', '/tasks/load'),
};

export const calendarApi = {
  items: (q: { from: string; to: string; scope: 'mine' | 'team'; userId?: string; kind?: CalendarItem['kind'] }) =>
    api<{ items: CalendarItem[] }>('GET', `/calendar?${qs(q)}`),
  create: (body: EventInput) => api<z.infer<typeof ZEventSaved>>('POST', '/calendar/events', body),
  update: (id: string, body: EventInput) => api<z.infer<typeof ZEventSaved>>('PUT', `/calendar/events/${id}`, body),
  remove: (id: string) => api<void>('DELETE', `/calendar/events/${id}`),
  doubleBookings: (q: { startsAt: string; endsAt: string; attendeeIds: string[]; exceptId?: string }) =>
    api<{ items: DoubleBooking[] }>('GET', `/calendar/double-bookings?${qs({ ...q, attendeeIds: q.attendeeIds.join(',') })}`),
  feed: () => api<Feed>('GET', '/me/calendar-feed'),
  newFeed: () => api<Feed>('POST', '/me/calendar-feed'),
  stopFeed: () => api<void>('DELETE', '/me/calendar-feed'),
};

export const notificationsApi = {
  list: (q: { unread?: boolean; before?: string; limit?: number } = {}) =>
    api<z.infer<typeof ZNotifications>>(
      'GET',
      `/notifications?${qs({ unread: q.unread ? 'true' : undefined, before: q.before, limit: q.limit })}`,
    ),
  read: (body: { ids?: string[]; all?: boolean }) => api<z.infer<typeof ZUnread>>('POST', '/notifications/read', body),
  preferences: () => api<Preferences>('GET', '/me/preferences'),
  savePreferences: (p: Preferences) => api<Preferences>('PUT', '/me/preferences', p),
};
