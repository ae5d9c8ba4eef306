import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { AppError } from '../app-error';
import {
  ZCalendarItems,
  ZCalendarQuery,
  ZConflictQuery,
  ZDoubleBookings,
  ZEventInput,
  ZEventPatch,
  ZEventSaved,
  ZFeed,
} from '../contracts/calendar';
import { ZIdParams, ZUuid } from '../contracts/common';
import type { RouteRegistry } from '../routing';
import { firmTimeZone } from '../firm';
import { WORKFLOW_ERRORS } from '../cases';
import type { Engine } from '../engine';
import { patchCalendarEvent } from './calendar-patch';
import {
  calendar,
  feedDocument,
  feedState,
  findDoubleBookings,
  newFeed,
  removeCalendarEvent,
  saveCalendarEvent,
  stopFeed,
} from './calendar';

/** Personal and team calendars, events with attendees, double-booking warnings, and the iCalendar feed. */
export function calendarRoutes(
  registry: RouteRegistry,
  deps: { db: Db; temporal: Engine; config: { publicUrl: string; firmTimezone: string } },
): Router {
  const router = Router();
  const { db, temporal } = deps;
  const tag = 'calendar';
  registry.add(
    router,
    {
      method: 'get',
      path: '/calendar',
      tag,
      summary: 'Hearings, deadlines, tasks due and meetings between two instants (at most 62 days)',
      action: 'calendar.read',
      query: ZCalendarQuery,
      response: ZCalendarItems,
      errors: ['forbidden'],
    },
    async ({ query, user }) => calendar(db, user!, query),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/calendar/double-bookings',
      tag,
      summary: 'Timed events the given people already attend in a time window (events you may not see: only "busy")',
      action: 'calendar.read',
      query: ZConflictQuery,
      response: ZDoubleBookings,
    },
    async ({ query, user }) => {
      const ids = query.attendeeIds.split(',').filter(Boolean);
      const bad = ids.filter((id) => !ZUuid.safeParse(id).success);
      if (bad.length)
        throw new AppError('validation-error', 'attendeeIds are user ids', {
          errors: [{ path: 'query.attendeeIds', message: 'not a user id' }],
        });
      return findDoubleBookings(db, user!, { ...query, attendeeIds: ids });
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/calendar/events',
      tag,
      summary: 'A hearing, meeting or other event; answers attendees already booked then',
      action: 'calendarEvent.edit',
      body: ZEventInput,
      response: ZEventSaved,
      status: 201,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'calendar-event',
    },
    async ({ body, user, audit }) => {
      const r = await saveCalendarEvent(db, temporal, user!, body, await firmTimeZone(db, deps.config.firmTimezone));
      audit({
        entityId: r.id,
        details: {
          caseId: body.caseId,
          kind: body.kind,
          hearingType: body.hearing?.type ?? null,
          attendees: body.attendeeIds.length,
          clientVisible: body.clientVisible,
          doubleBookings: r.doubleBookings.length,
        },
      });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/calendar/events/:id',
      tag,
      summary:
        'Change an event (its organiser, a partner, or someone on its case). Moving a hearing the engine made records its new date on the case first, re-arming the deadlines counting from it (503 while the engine is away: nothing changed)',
      action: 'calendarEvent.edit',
      params: ZIdParams,
      body: ZEventInput,
      response: ZEventSaved,
      errors: ['not-found', 'forbidden', 'validation-error', ...WORKFLOW_ERRORS],
      auditEntity: 'calendar-event',
    },
    async ({ params, body, user, audit }) => {
      const r = await saveCalendarEvent(db, temporal, user!, body, await firmTimeZone(db, deps.config.firmTimezone), params.id);
      audit({
        details: {
          caseId: body.caseId,
          kind: body.kind,
          hearingType: body.hearing?.type ?? null,
          startsAt: body.startsAt,
          recordedOnCase: r.recordedOnCase,
          clientVisible: body.clientVisible,
          doubleBookings: r.doubleBookings.length,
        },
      });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/calendar/events/:id',
      tag,
      summary:
        'Change some of an event: reschedule it (startsAt, endsAt, allDay) or set its hearing details. Moving a hearing the engine made records its new date on the case first (503 while the engine is away: nothing changed)',
      action: 'calendarEvent.edit',
      params: ZIdParams,
      body: ZEventPatch,
      response: ZEventSaved,
      errors: ['not-found', 'forbidden', 'validation-error', ...WORKFLOW_ERRORS],
      auditEntity: 'calendar-event',
    },
    async ({ params, body, user, audit }) => {
      const { event, saved } = await patchCalendarEvent(
        db,
        temporal,
        user!,
        params.id,
        body,
        await firmTimeZone(db, deps.config.firmTimezone),
      );
      audit({
        details: {
          caseId: event.caseId,
          kind: event.kind,
          changed: Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined),
          startsAt: event.startsAt,
          recordedOnCase: saved.recordedOnCase,
        },
      });
      return saved;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/calendar/events/:id',
      tag,
      summary: 'Delete an event',
      action: 'calendarEvent.edit',
      params: ZIdParams,
      errors: ['not-found', 'forbidden'],
      auditEntity: 'calendar-event',
    },
    async ({ params, user, audit }) => {
      const e = await removeCalendarEvent(db, user!, params.id);
      audit({ details: { title: e.title, startsAt: e.startsAt.toISOString(), caseId: e.caseId } });
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/me/calendar-feed',
      tag,
      summary: 'Whether the caller has a calendar feed (the URL is shown only when made)',
      action: 'calendarFeed.manage',
      response: ZFeed,
    },
    async ({ user }) => feedState(db, user!),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/me/calendar-feed',
      tag,
      summary: 'Make a new secret iCalendar feed URL; the previous one stops working',
      action: 'calendarFeed.manage',
      response: ZFeed,
      status: 201,
      auditEntity: 'calendar-feed',
    },
    async ({ user }) => newFeed(db, user!, deps.config.publicUrl),
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/me/calendar-feed',
      tag,
      summary: 'Turn the calendar feed off',
      action: 'calendarFeed.manage',
      auditEntity: 'calendar-feed',
    },
    async ({ user }) => stopFeed(db, user!),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/calendar/feed/:file',
      tag,
      summary: 'The iCalendar feed behind a secret token (text/calendar), for Outlook, Google and Apple calendars',
      action: 'public',
      params: z.object({ file: z.string().max(80) }),
      errors: ['not-found'],
    },
    async ({ params, res }) => {
      const doc = await feedDocument(
        db,
        params.file.replace(/\.ics$/, ''),
        deps.config.publicUrl,
        await firmTimeZone(db, deps.config.firmTimezone),
      );
      if (!doc) throw new AppError('not-found', 'no such calendar feed');
      res.set('Cache-Control', 'private, max-age=300').type('text/calendar; charset=utf-8').send(doc);
    },
  );
  return router;
}
