import { z } from 'zod';
import { nonEmptyPatch, ZTimestamp, ZUuid } from './common';
import { HEARING_TYPES } from '../../domain/hearings';

const hearingText = (what: string) => z.string().trim().max(100).nullable().default(null).describe(what);
/** A hearing's details: its type (开庭, 庭前会议, 调解, 宣判, 会见), the court, the courtroom and the judge. */
export const ZHearing = z
  .object({
    type: z.enum(HEARING_TYPES).describe('court_session 开庭, pretrial 庭前会议, mediation 调解, judgment 宣判, meeting 会见'),
    court: hearingText("The court (events the engine makes: the case's court)"),
    courtroom: hearingText('The courtroom, as the court names it (第十法庭)'),
    judge: hearingText('The presiding judge'),
  })
  .meta({ id: 'Hearing' });

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
    hearing: ZHearing.nullable().describe(
      'Hearing events: type, court, courtroom, judge (shown titled "<type> · <case number> · <courtroom>")',
    ),
    caseVariable: z
      .string()
      .nullable()
      .describe('The case date variable the event shows (made by the engine from a task output): moving the event records it on the case'),
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
    hearing: ZHearing.nullable()
      .default(null)
      .describe('Only for kind hearing. Moving a hearing the engine made (caseVariable) records the new date on the case first'),
  })
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), { message: 'the event must end after it starts', path: ['endsAt'] })
  .refine((e) => e.kind === 'hearing' || e.hearing === null, { message: 'only a hearing has hearing details', path: ['hearing'] });

/**
 * Change some of an event: what is sent replaces what it has, the rest stays (the whole is then
 * checked as an event). Moving a hearing the engine made records its date on the case first.
 */
export const ZEventPatch = nonEmptyPatch(
  z.object({
    title: z.string().trim().min(1).max(200).optional(),
    startsAt: ZTimestamp.optional(),
    endsAt: ZTimestamp.optional(),
    allDay: z.boolean().optional(),
    location: z.string().trim().max(200).nullable().optional(),
    notes: z.string().trim().max(4000).nullable().optional(),
    attendeeIds: z.array(ZUuid).max(50).optional(),
    clientVisible: z.boolean().optional(),
    hearing: ZHearing.nullable().optional().describe('Only for kind hearing: the whole of its details'),
  }),
);

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
  recordedOnCase: z
    .object({ variable: z.string(), value: z.string() })
    .nullable()
    .describe('A hearing the engine made, moved: the case date recorded through the engine (dependent deadlines re-armed)'),
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
