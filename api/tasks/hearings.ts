import type { Db } from '../../db/connection';
import type { findEvent } from '../../db/repositories/calendar';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { assertCaseAccess, recordCaseEvent, type Actor } from '../cases';
import type { Engine } from '../engine';

type StoredEvent = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/** The value an event's case variable has when the event starts at `startsAt`: the firm-local day, or the instant. */
const variableValue = (type: 'date' | 'datetime' | null, startsAt: Date, timeZone: string) =>
  type === 'datetime' ? startsAt.toISOString() : civilDateAt(startsAt.getTime(), timeZone);

/**
 * Moving a hearing the engine made from a task output (hearingAt …) is recorded on the case
 * first, through the engine, so the deadlines counting from that date re-arm (due dates move,
 * reminders are re-armed; the update's activity moves the event too). Only when the engine has
 * taken it may the event itself be saved: while Temporal is down this throws 503 and nothing
 * changed. The update id is the event's version and the new value, so a retried request is the
 * same update, applied once. Answers the variable recorded, or null (nothing to record: not
 * linked, the date unchanged, or the case no longer running).
 */
export async function recordHearingMove(
  db: Db,
  engine: Engine,
  actor: Actor,
  before: StoredEvent,
  startsAt: Date,
  timeZone: string,
): Promise<{ variable: string; value: string } | null> {
  if (!before.caseId || !before.caseVariable) return null;
  const value = variableValue(before.caseVariableType, startsAt, timeZone);
  if (value === variableValue(before.caseVariableType, before.startsAt, timeZone)) return null;
  const c = await assertCaseAccess(db, actor, before.caseId);
  if (c.status !== 'active') return null;
  const updateId = `calendar:${before.id}:${before.updatedAt.getTime()}:${value}`;
  await recordCaseEvent(
    db,
    engine,
    actor,
    before.caseId,
    { name: 'hearingRescheduled', variables: { [before.caseVariable]: value } },
    updateId,
  );
  return { variable: before.caseVariable, value };
}
