import type { Knex } from 'knex';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';
import type { ListScope } from '../../domain/policy';
import type { HearingType } from '../../domain/hearings';

export const EVENT_KINDS = ['hearing', 'meeting', 'deadline', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What a hearing event says beyond its time: the type, the court, the courtroom and the judge. */
export interface HearingDetails {
  type: HearingType;
  court: string | null;
  courtroom: string | null;
  judge: string | null;
}

/** Hearing details of a calendar_events row (null: not a hearing, or none given). */
export function hearingOf(e: Record<string, any>): HearingDetails | null {
  return e.hearing_type ? { type: e.hearing_type, court: e.court, courtroom: e.courtroom, judge: e.judge } : null;
}

const hearingColumns = (h: HearingDetails | null | undefined) => ({
  hearing_type: h?.type ?? null,
  court: h?.court ?? null,
  courtroom: h?.courtroom ?? null,
  judge: h?.judge ?? null,
});

/** One entry of a calendar: an event people are invited to, or a task's due date. */
export interface CalendarItem {
  id: string;
  source: 'event' | 'task';
  kind: 'hearing' | 'meeting' | 'deadline' | 'task' | 'other';
  title: string;
  titleEn: string | null;
  caseId: string | null;
  caseNumber: string | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  /** All-day items: the firm-local date they fall on. */
  date: string | null;
  location: string | null;
  notes: string | null;
  attendees: Array<{ id: string; name: string }>;
  taskId: string | null;
  status: string | null;
  provisional: boolean;
  clientVisible: boolean;
  hearing: HearingDetails | null;
  /** The case date variable the event shows (the engine made it from a task output): moving it records the date on the case. */
  caseVariable: string | null;
}

export interface EventInput {
  caseId: string | null;
  kind: EventKind;
  title: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  location: string | null;
  notes: string | null;
  attendeeIds: string[];
  /** Shown to the case's client in the portal. */
  clientVisible?: boolean;
  hearing?: HearingDetails | null;
}

/**
 * Task kinds shown as what they are on a calendar: a hearing task (出庭) is the hearing, a filing
 * task is a procedural deadline, everything else is a task due.
 */
const TASK_ITEM_KIND: Record<string, CalendarItem['kind']> = { hearing: 'hearing', filing: 'deadline' };

/**
 * Items between `from` and `to` for a viewer: `mine` = events they attend or made and tasks
 * assigned to them; `team` = everything on the cases they may see (partners: every case),
 * plus events without a case that they attend.
 */
export async function calendarItems(
  db: Db,
  viewerId: string,
  visible: ListScope,
  q: { scope: 'mine' | 'team'; from: Date; to: Date; userId?: string },
): Promise<CalendarItem[]> {
  const person = q.userId ?? viewerId;
  const events = await db('calendar_events as e')
    .leftJoin('cases as c', 'c.id', 'e.case_id')
    .where('e.starts_at', '<', q.to)
    .where('e.ends_at', '>', q.from)
    .modify((b: Knex.QueryBuilder) => {
      const attends = (w: Knex.QueryBuilder, id: string) =>
        w.whereExists(db('calendar_event_attendees as a').whereRaw('a.event_id = e.id').where('a.user_id', id)).orWhere('e.created_by', id);
      if (q.scope === 'mine' || q.userId) b.where((w) => attends(w, person));
      else if (!visible.all)
        b.where((w) => w.whereIn('e.case_id', teamCaseIds(db, visible.memberUserId)).orWhere((x) => attends(x, viewerId)));
    })
    .select('e.*', 'c.number as case_number')
    .orderBy('e.starts_at');
  const attendees = events.length
    ? await db('calendar_event_attendees as a')
        .join('users as u', 'u.id', 'a.user_id')
        .whereIn(
          'a.event_id',
          events.map((e: { id: string }) => e.id),
        )
        .orderBy('u.name')
        .select('a.event_id', 'u.id', 'u.name')
    : [];
  const tasks = await db('tasks as t')
    .join('cases as c', 'c.id', 't.case_id')
    .whereNotNull('t.due_at')
    .whereIn('t.status', ['open', 'done'])
    .where('t.due_at', '>', q.from)
    .where('t.due_at', '<=', q.to)
    .modify((b: Knex.QueryBuilder) => {
      if (q.scope === 'mine' || q.userId) b.where('t.assignee_id', person);
      if (!visible.all) b.whereIn('t.case_id', teamCaseIds(db, visible.memberUserId));
    })
    .select(
      't.id',
      't.title',
      't.title_en',
      't.kind',
      't.case_id',
      't.due_at',
      't.due_date',
      't.status',
      't.due_provisional',
      'c.number as case_number',
    )
    .orderBy('t.due_at');
  const items: CalendarItem[] = events.map((e: Record<string, any>) => ({
    id: e.id,
    source: 'event' as const,
    kind: e.kind,
    title: e.title,
    titleEn: null,
    caseId: e.case_id,
    caseNumber: e.case_number,
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    allDay: e.all_day,
    date: null,
    location: e.location,
    notes: e.notes,
    attendees: attendees
      .filter((a: { event_id: string }) => a.event_id === e.id)
      .map((a: { id: string; name: string }) => ({ id: a.id, name: a.name })),
    taskId: null,
    status: null,
    provisional: false,
    clientVisible: e.client_visible === true,
    hearing: hearingOf(e),
    caseVariable: e.case_variable ?? null,
  }));
  for (const t of tasks as Array<Record<string, any>>) {
    items.push({
      id: `task-${t.id}`,
      source: 'task',
      kind: TASK_ITEM_KIND[t.kind] ?? 'task',
      title: t.title,
      titleEn: t.title_en,
      caseId: t.case_id,
      caseNumber: t.case_number,
      startsAt: t.due_at,
      endsAt: t.due_at,
      allDay: true,
      date: t.due_date,
      location: null,
      notes: null,
      attendees: [],
      taskId: t.id,
      status: t.status,
      provisional: t.due_provisional,
      clientVisible: false,
      hearing: null,
      caseVariable: null,
    });
  }
  return items;
}

export async function findEvent(db: Db, id: string) {
  const e = await db('calendar_events').where({ id }).first();
  if (!e) return undefined;
  const attendeeIds = await db('calendar_event_attendees').where({ event_id: id }).pluck('user_id');
  return {
    id: e.id as string,
    caseId: e.case_id as string | null,
    createdBy: e.created_by as string | null,
    kind: e.kind as EventKind,
    title: e.title as string,
    startsAt: e.starts_at as Date,
    endsAt: e.ends_at as Date,
    allDay: e.all_day as boolean,
    location: e.location as string | null,
    notes: e.notes as string | null,
    attendeeIds: attendeeIds as string[],
    clientVisible: e.client_visible as boolean,
    hearing: hearingOf(e),
    caseVariable: e.case_variable as string | null,
    caseVariableType: e.case_variable_type as 'date' | 'datetime' | null,
    updatedAt: e.updated_at as Date,
  };
}

export async function saveEvent(db: Db, input: EventInput, by: string, id?: string): Promise<string> {
  return db.transaction(async (trx) => {
    const row = {
      case_id: input.caseId,
      kind: input.kind,
      title: input.title,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      all_day: input.allDay,
      location: input.location,
      notes: input.notes,
      client_visible: input.clientVisible ?? false,
      ...hearingColumns(input.kind === 'hearing' ? input.hearing : null),
      updated_at: trx.fn.now(),
    };
    let eventId = id;
    if (eventId) await trx('calendar_events').where({ id: eventId }).update(row);
    else
      eventId = (
        await trx('calendar_events')
          .insert({ ...row, created_by: by })
          .returning('id')
      )[0].id as string;
    await trx('calendar_event_attendees').where({ event_id: eventId }).delete();
    if (input.attendeeIds.length)
      await trx('calendar_event_attendees').insert([...new Set(input.attendeeIds)].map((u) => ({ event_id: eventId, user_id: u })));
    return eventId!;
  });
}

export async function deleteEvent(db: Db, id: string): Promise<void> {
  await db('calendar_events').where({ id }).delete();
}

/** One double booking: the attendee, the span, and — for a viewer who may see the event — what it is. */
export interface DoubleBooking {
  userId: string;
  userName: string;
  startsAt: Date;
  endsAt: Date;
  /** The viewer may not see the event: only that the attendee is busy then (no id, title, case or place). */
  busy: boolean;
  eventId: string | null;
  title: string | null;
}

/**
 * Timed events that overlap [startsAt, endsAt) for any of the people, other than `exceptId`. The
 * `viewer` sees an event's id and title when it is theirs (they attend or made it), on a case of
 * their `scope`, or their scope is the whole firm; of the others, only that the attendee is busy —
 * decided here in SQL, so nothing else leaves the database.
 */
export async function doubleBookings(
  db: Db,
  q: { userIds: string[]; startsAt: Date; endsAt: Date; exceptId?: string; viewer: { userId: string; scope: ListScope } },
): Promise<DoubleBooking[]> {
  if (!q.userIds.length) return [];
  const { userId, scope } = q.viewer;
  const visible = scope.all
    ? db.raw('true')
    : db.raw('coalesce(e.created_by = ? or exists ? or e.case_id in ?, false)', [
        userId,
        db('calendar_event_attendees as v').whereRaw('v.event_id = e.id').where('v.user_id', userId),
        teamCaseIds(db, scope.memberUserId),
      ]);
  const rows = await db('calendar_events as e')
    .join('calendar_event_attendees as a', 'a.event_id', 'e.id')
    .join('users as u', 'u.id', 'a.user_id')
    .whereIn('a.user_id', q.userIds)
    .where('e.all_day', false)
    .where('e.starts_at', '<', q.endsAt)
    .where('e.ends_at', '>', q.startsAt)
    .modify((b: Knex.QueryBuilder) => q.exceptId && b.whereNot('e.id', q.exceptId))
    .orderBy(['e.starts_at', 'u.name'])
    .select(
      'u.id as userId',
      'u.name as userName',
      'e.starts_at as startsAt',
      'e.ends_at as endsAt',
      db.raw('not ? as busy', [visible]),
      db.raw('case when ? then e.id end as "eventId"', [visible]),
      db.raw('case when ? then e.title end as title', [visible]),
    );
  return rows as DoubleBooking[];
}

/** An event the workflow derives from recorded data (e.g. the hearing date), made once per source key. */
export async function insertDerivedEventOnce(
  db: Db,
  e: Omit<EventInput, 'notes'> & { sourceKey: string; caseVariable?: { name: string; type: 'date' | 'datetime' } },
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const rows = await trx('calendar_events')
      .insert({
        case_id: e.caseId,
        kind: e.kind,
        title: e.title,
        starts_at: e.startsAt,
        ends_at: e.endsAt,
        all_day: e.allDay,
        location: e.location,
        source_key: e.sourceKey,
        ...hearingColumns(e.kind === 'hearing' ? e.hearing : null),
        case_variable: e.caseVariable?.name ?? null,
        case_variable_type: e.caseVariable?.type ?? null,
      })
      .onConflict('source_key')
      .ignore()
      .returning('id');
    if (!rows.length) return false;
    if (e.attendeeIds.length)
      await trx('calendar_event_attendees').insert([...new Set(e.attendeeIds)].map((u) => ({ event_id: rows[0].id, user_id: u })));
    return true;
  });
}
