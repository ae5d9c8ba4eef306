import type { z } from 'zod';
import type { Db } from '../../db/connection';
import { AppError } from '../app-error';
import { ZEventInput, type ZEventPatch } from '../contracts/calendar';
import type { Actor } from '../cases';
import type { Engine } from '../engine';
import { editableEvent, saveCalendarEvent } from './calendar';

/**
 * PATCH of an event: the fields sent over the event as stored, checked as a whole event (ends
 * after it starts, hearing details only on a hearing) and saved as a PUT would — so moving a
 * hearing the engine made records its new date on the case first, and a 503 changes nothing.
 */
export async function patchCalendarEvent(
  db: Db,
  engine: Engine,
  actor: Actor,
  id: string,
  patch: z.infer<typeof ZEventPatch>,
  timeZone: string,
) {
  const e = await editableEvent(db, actor, id);
  const stored = {
    caseId: e.caseId,
    kind: e.kind,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    allDay: e.allDay,
    location: e.location,
    notes: e.notes,
    attendeeIds: e.attendeeIds,
    clientVisible: e.clientVisible,
    hearing: e.hearing,
  };
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged = ZEventInput.safeParse({ ...stored, ...defined });
  if (!merged.success)
    throw new AppError('validation-error', 'the event would not be valid', {
      errors: merged.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
    });
  return { event: merged.data, saved: await saveCalendarEvent(db, engine, actor, merged.data, timeZone, id) };
}
