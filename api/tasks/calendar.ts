import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import type { z } from 'zod';
import type { Db } from '../../db/connection';
import {
  calendarItems,
  deleteEvent,
  doubleBookings,
  findEvent,
  saveEvent,
  type CalendarItem,
  type DoubleBooking,
} from '../../db/repositories/calendar';
import { insertNotificationsOnce } from '../../db/repositories/notifications';
import { activeColleagueIds, userLocales } from '../../db/repositories/user-lookups';
import { getPreferences, setFeedTokenHash, userByFeedTokenHash } from '../../db/repositories/preferences';
import { addDays, civilDateAt } from '../../domain/deadlines/civil-date';
import { message } from '../../domain/notification-texts';
import { HEARING_TYPE_LABELS, hearingTitle } from '../../domain/hearings';
import { AppError } from '../app-error';
import type { ZCalendarQuery, ZEventInput } from '../contracts/calendar';
import { assertCaseAccess, type Actor } from '../cases';
import type { Engine } from '../engine';
import { recordHearingMove } from './hearings';
import { can, listScope, seesFirm, viewerOf } from '../../domain/policy';

function itemView(i: CalendarItem) {
  return { ...i, startsAt: i.startsAt.toISOString(), endsAt: i.endsAt.toISOString() };
}

const bookingView = (b: DoubleBooking) => ({
  ...b,
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
});

/** Who sees what of a double booking: their own events and their cases' in full, others' as "busy". */
const bookingViewer = (actor: Actor) => ({ userId: actor.id, scope: listScope(viewerOf(actor), 'calendar.read') });

export async function calendar(db: Db, actor: Actor, q: z.infer<typeof ZCalendarQuery>) {
  if (q.userId && q.userId !== actor.id && !can(viewerOf(actor), 'calendar.readOthers'))
    throw new AppError('forbidden', "only partners and administrators open another person's calendar");
  const items = await calendarItems(db, actor.id, listScope(viewerOf(actor), 'calendar.read'), {
    scope: q.scope,
    from: new Date(q.from),
    to: new Date(q.to),
    userId: q.userId,
  });
  return { items: items.filter((i) => !q.kind || i.kind === q.kind).map(itemView) };
}

async function assertAttendees(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await activeColleagueIds(db, unique);
  const missing = unique.filter((id) => !found.includes(id));
  if (missing.length)
    throw new AppError('validation-error', 'unknown attendees', {
      errors: missing.map((id) => ({ path: 'body.attendeeIds', message: `no colleague ${id}` })),
    });
}

/** The creator, a partner or administrator, or (for a case event) anyone on the case may change an event. */
export async function editableEvent(db: Db, actor: Actor, id: string) {
  const e = await findEvent(db, id);
  if (!e) throw new AppError('not-found', `no event ${id}`);
  if (e.createdBy === actor.id || seesFirm(actor.role, 'calendarEvent.edit')) return e;
  if (e.caseId) {
    await assertCaseAccess(db, actor, e.caseId);
    return e;
  }
  if (e.attendeeIds.includes(actor.id)) throw new AppError('forbidden', 'only the organiser changes this event');
  throw new AppError('not-found', `no event ${id}`);
}

/**
 * Saves an event (new, or `id` changed). Moving a hearing the engine made records the new date on
 * its case first (`recordHearingMove`): with the engine away this throws before anything is saved.
 */
export async function saveCalendarEvent(
  db: Db,
  engine: Engine,
  actor: Actor,
  input: z.infer<typeof ZEventInput>,
  timeZone: string,
  id?: string,
) {
  const before = id ? await editableEvent(db, actor, id) : undefined;
  if (input.caseId) await assertCaseAccess(db, actor, input.caseId);
  await assertAttendees(db, input.attendeeIds);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const recorded = before ? await recordHearingMove(db, engine, actor, before, startsAt, timeZone) : null;
  // Invitees hear of a new event, and of a moved one; the organiser does not need telling.
  const moved = before && (before.startsAt.getTime() !== startsAt.getTime() || before.endsAt.getTime() !== endsAt.getTime());
  const tell = input.attendeeIds.filter((u) => u !== actor.id && (!before || moved || !before.attendeeIds.includes(u)));
  const eventId = await db.transaction(async (trx) => {
    const saved = await saveEvent(trx, { ...input, startsAt, endsAt }, actor.id, id);
    await inviteAttendees(trx, {
      eventId: saved,
      title: input.title,
      startsAt,
      allDay: input.allDay,
      location: input.location,
      changed: !!before && !!moved,
      userIds: tell,
      timeZone,
    });
    return saved;
  });
  const clashes = input.allDay
    ? []
    : await doubleBookings(db, { userIds: input.attendeeIds, startsAt, endsAt, exceptId: eventId, viewer: bookingViewer(actor) });
  return { id: eventId, doubleBookings: clashes.map(bookingView), recordedOnCase: recorded };
}

async function inviteAttendees(
  db: Db,
  e: {
    eventId: string;
    title: string;
    startsAt: Date;
    allDay: boolean;
    location: string | null;
    changed: boolean;
    userIds: string[];
    timeZone: string;
  },
) {
  if (!e.userIds.length) return;
  const users = await userLocales(db, e.userIds);
  const when = (lang: string) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: e.timeZone,
      dateStyle: 'medium',
      ...(e.allDay ? {} : { timeStyle: 'short' }),
    }).format(e.startsAt);
  await insertNotificationsOnce(
    db,
    users.map((u) => {
      const text = message(e.changed ? 'eventMoved' : 'eventInvite', u.locale, {
        event: e.title,
        when: when(u.locale),
        location: e.location,
        link: '',
      });
      return {
        userId: u.id,
        caseId: null,
        taskId: null,
        kind: 'eventInvite',
        title: text.title,
        body: text.body,
        link: `/calendar?date=${civilDateAt(e.startsAt.getTime(), e.timeZone)}`,
        key: e.changed ? `event:${e.eventId}:moved:${Date.now()}:${u.id}` : `event:${e.eventId}:invited:${u.id}`,
        scheduledFor: null,
      };
    }),
  );
}

export async function removeCalendarEvent(db: Db, actor: Actor, id: string) {
  const e = await editableEvent(db, actor, id);
  await deleteEvent(db, id);
  return e;
}

export async function findDoubleBookings(
  db: Db,
  actor: Actor,
  q: { startsAt: string; endsAt: string; attendeeIds: string[]; exceptId?: string },
) {
  const clashes = await doubleBookings(db, {
    userIds: q.attendeeIds,
    startsAt: new Date(q.startsAt),
    endsAt: new Date(q.endsAt),
    exceptId: q.exceptId,
    viewer: bookingViewer(actor),
  });
  return { items: clashes.map(bookingView) };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new secret feed URL (the previous one stops working). The token is kept only as a hash. */
export async function newFeed(db: Db, actor: Actor, publicUrl: string) {
  const token = randomBytes(24).toString('base64url');
  await setFeedTokenHash(db, actor.id, hashToken(token));
  const p = await getPreferences(db, actor.id);
  return { url: `${publicUrl}/api/v1/calendar/feed/${token}.ics`, active: true, createdAt: p.feedCreatedAt?.toISOString() ?? null };
}

export async function feedState(db: Db, actor: Actor) {
  const p = await getPreferences(db, actor.id);
  return { url: null, active: !!p.feedCreatedAt, createdAt: p.feedCreatedAt?.toISOString() ?? null };
}

export async function stopFeed(db: Db, actor: Actor) {
  await setFeedTokenHash(db, actor.id, null);
}

const KIND_ZH: Record<CalendarItem['kind'], string> = {
  hearing: '开庭',
  meeting: '会议',
  deadline: '期限',
  task: '任务到期',
  other: '日程',
};
const KIND_EN: Record<CalendarItem['kind'], string> = {
  hearing: 'Hearing',
  meeting: 'Meeting',
  deadline: 'Deadline',
  task: 'Task due',
  other: 'Event',
};

/**
 * The iCalendar document behind a feed token: the user's own calendar from 60 days back to a
 * year ahead. Times are written in UTC (…Z) so every client places them right; all-day items
 * are DATE values on the firm-local day.
 */
export async function feedDocument(db: Db, token: string, publicUrl: string, timeZone: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const user = await userByFeedTokenHash(db, hashToken(token));
  if (!user) return undefined;
  const now = Date.now();
  const items = await calendarItems(
    db,
    user.id,
    { all: false, memberUserId: user.id },
    { scope: 'mine', from: new Date(now - 60 * 86_400_000), to: new Date(now + 366 * 86_400_000) },
  );
  const en = user.locale === 'en';
  const cal = ical({
    name: en ? `LexFlow — ${user.name}` : `律程 — ${user.name}`,
    prodId: { company: 'LexFlow', product: 'calendar', language: en ? 'EN' : 'ZH' },
    ttl: 900,
  });
  for (const i of items) {
    const label = (en ? KIND_EN : KIND_ZH)[i.kind];
    const title = en && i.titleEn ? i.titleEn : i.title;
    const summary = i.hearing
      ? hearingTitle(HEARING_TYPE_LABELS[en ? 'en' : 'zh-CN'][i.hearing.type], i.caseNumber, i.hearing.courtroom)
      : `${label}: ${title}${i.caseNumber ? ` (${i.caseNumber})` : ''}`;
    const url = i.taskId ? `${publicUrl}/tasks?task=${i.taskId}` : i.caseId ? `${publicUrl}/cases/${i.caseId}` : `${publicUrl}/calendar`;
    const common = { id: `${i.id}@lexflow`, summary, url, location: i.location ?? undefined, description: i.notes ?? undefined };
    if (i.allDay) {
      const first = i.date ?? civilDateAt(i.startsAt.getTime(), timeZone);
      const last = i.date ?? civilDateAt(i.endsAt.getTime() - 1, timeZone);
      cal.createEvent({ ...common, start: first, end: addDays(last, 1), allDay: true });
    } else cal.createEvent({ ...common, start: i.startsAt, end: i.endsAt });
  }
  return cal.toString();
}
