import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common';

export const ZCalendarQuery = z
  .object({
    from: ZTimestamp,
    to: ZTimestamp,
    scope: z.enum(['mine', 'team']).default('mine'),
    userId: ZUuid.optional().describe("Partners and administrators: one person's calendar"),
    kind: z
      .enum(['hearing', 'meeting', 'deadline', 'task', 'other'])
      .optional()
      .describe('Only items of this kind (hearing: hearing events and 出庭 tasks)'),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, {
    message: 'to must follow from, at most 62 days later',
    path: ['to'],
  });

export const ZCalendarItem = z
  .object({
    id: z.string(),
    source: z.enum(['event', 'task']),
    kind: z.enum(['hearing', 'meeting', 'deadline', 'task', 'other']),
    title: z.string(),
    titleEn: z.string().nullable(),
    caseId: ZUuid.nullable(),
    caseNumber: z.string().nullable(),
    startsAt: ZTimestamp,
    endsAt: ZTimestamp,
    allDay: z.boolean(),
    date: z.iso.date().nullable(),
    location: z.string().nullable(),
    notes: z.string().nullable(),
    attendees: z.array(z.object({ id: ZUuid, name: z.string() })),
    taskId: ZUuid.nullable(),
    status: z.string().nullable(),
    provisional: z.boolean(),
    clientVisible: z.boolean().describe("Shown to the case's client in the portal (hearings always are)"),
  })
  .meta({ id: 'CalendarItem' });
export const ZCalendarItems = z.object({ items: z.array(ZCalendarItem) });

export const ZEventInput = z
  .object({
    caseId: ZUuid.nullable().default(null),
    kind: z.enum(['hearing', 'meeting', 'deadline', 'other']),
    title: z.string().trim().min(1).max(200),
    startsAt: ZTimestamp,
    endsAt: ZTimestamp,
    allDay: z.boolean().default(false),
    location: z.string().trim().max(200).nullable().default(null),
    notes: z.string().trim().max(4000).nullable().default(null),
    attendeeIds: z.array(ZUuid).max(50).default([]),
    clientVisible: z.boolean().default(false).describe('A deadline or event of the case shown to its client in the portal (对客户显示)'),
  })
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), { message: 'the event must end after it starts', path: ['endsAt'] });

export const ZDoubleBooking = z.object({
  busy: z.boolean().describe('An event the caller may not see: only that the attendee is busy then (no id or title)'),
  eventId: ZUuid.nullable(),
  title: z.string().nullable(),
  startsAt: ZTimestamp,
  endsAt: ZTimestamp,
  userId: ZUuid,
  userName: z.string(),
});
export const ZEventSaved = z.object({
  id: ZUuid,
  doubleBookings: z.array(ZDoubleBooking).describe('Attendees already booked at that time: a warning, the event is saved'),
});
export const ZConflictQuery = z.object({
  startsAt: ZTimestamp,
  endsAt: ZTimestamp,
  attendeeIds: z.string().default('').describe('Comma-separated user ids'),
  exceptId: ZUuid.optional(),
});
export const ZDoubleBookings = z.object({ items: z.array(ZDoubleBooking) });

export const ZFeed = z.object({
  url: z.string().nullable().describe('Shown once, when made; afterwards only whether a feed exists'),
  active: z.boolean(),
  createdAt: ZTimestamp.nullable(),
});
