import type { Db } from '../../db/connection';
import { currentFeeArrangement } from '../../db/repositories/fee-arrangements';
import { offerLineOnce } from '../../db/repositories/invoices';
import { listTeam } from '../../db/repositories/case-team';
import { findTaskById } from '../../db/repositories/tasks';
import {
  decideTimeEntry,
  deleteTimeEntry,
  deleteTimer,
  findTimeEntry,
  findTimer,
  insertTimeEntry,
  listTimeEntries,
  pauseTimer,
  resumeTimer,
  startTimer,
  updateTimeEntry,
  type TimeEntryFilter,
  type TimerRow,
} from '../../db/repositories/time-entries';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { billableMinutes, componentOf, hourlyRateFor, timeEntryOffer, timeValueFen, type HourlyRole } from '../../domain/fees';
import { listScope, ownerDecision, viewerOf } from '../../domain/policy';
import { AppError } from '../app-error';
import type { IdempotentRequest } from '../middleware/idempotency';
import { assertCaseAccess, type Actor } from '../cases';
import { firmTimeZone } from '../firm';
import { billingSettings } from './fees';

/** The running timer (one per user, kept in the database: a reload or a second tab sees the same) and time entries. */

export function timerView(t: TimerRow | null) {
  if (!t) return { timer: null };
  const running = t.runningSince !== null;
  const since = running ? Math.max(0, Math.floor((t.now.getTime() - t.runningSince!.getTime()) / 1000)) : 0;
  return {
    timer: {
      running,
      caseId: t.caseId,
      caseNumber: t.caseNumber,
      taskId: t.taskId,
      taskTitle: t.taskTitle,
      narrative: t.narrative,
      seconds: t.accumulatedSeconds + since,
      at: t.now.toISOString(),
    },
  };
}

async function assertTaskOfCase(db: Db, taskId: string | null, caseId: string): Promise<void> {
  if (!taskId) return;
  const task = await findTaskById(db, taskId);
  if (!task || task.caseId !== caseId)
    throw new AppError('validation-error', 'the task is not one of this case', {
      errors: [{ path: 'body.taskId', message: 'not a task of this case' }],
    });
}

export async function getTimer(db: Db, actor: Actor) {
  return timerView(await findTimer(db, actor.id));
}

/** Starts the timer on a case (and task) the user works on; a timer running elsewhere is replaced only after it is stopped. */
export async function startUserTimer(db: Db, actor: Actor, body: { caseId: string; taskId: string | null; narrative: string | null }) {
  await assertCaseAccess(db, actor, body.caseId, 'case.work');
  await assertTaskOfCase(db, body.taskId, body.caseId);
  await db.transaction(async (trx) => {
    const existing = await findTimer(trx, actor.id, { lock: true });
    if (existing && (existing.accumulatedSeconds > 0 || existing.runningSince)) {
      throw new AppError('conflict', `a timer is already on ${existing.caseNumber}: stop it first`);
    }
    await startTimer(trx, { userId: actor.id, ...body });
  });
  return getTimer(db, actor);
}

export async function pauseUserTimer(db: Db, actor: Actor, pause: boolean) {
  await db.transaction(async (trx) => {
    const t = await findTimer(trx, actor.id, { lock: true });
    if (!t) throw new AppError('conflict', 'no timer is running');
    if (pause) await pauseTimer(trx, actor.id);
    else await resumeTimer(trx, actor.id);
  });
  return getTimer(db, actor);
}

export async function discardUserTimer(db: Db, actor: Actor): Promise<void> {
  await db.transaction((trx) => deleteTimer(trx, actor.id));
}

/** Stops the timer: its seconds, rounded up to the firm's increment, become a time entry of today (the firm's date). */
export async function stopUserTimer(
  db: Db,
  actor: Actor,
  body: { narrative?: string; billable: boolean },
  config: { firmTimezone: string },
  idem?: IdempotentRequest,
) {
  // A retry of a stop whose answer was lost: the entry it made (the timer is gone).
  if (idem?.resumedEntityId) return (await findTimeEntry(db, idem.resumedEntityId))!;
  const settings = await billingSettings(db);
  const tz = await firmTimeZone(db, config.firmTimezone);
  const id = await db.transaction(async (trx) => {
    const t = await findTimer(trx, actor.id, { lock: true });
    if (!t) throw new AppError('conflict', 'no timer is running');
    const seconds =
      t.accumulatedSeconds + (t.runningSince ? Math.max(0, Math.floor((t.now.getTime() - t.runningSince.getTime()) / 1000)) : 0);
    const narrative = body.narrative ?? t.narrative;
    if (!narrative)
      throw new AppError('validation-error', 'say what the time was spent on', {
        errors: [{ path: 'body.narrative', message: 'required' }],
      });
    await deleteTimer(trx, actor.id);
    const entryId = await insertTimeEntry(trx, {
      caseId: t.caseId,
      taskId: t.taskId,
      userId: actor.id,
      workDate: civilDateAt(t.now.getTime(), tz),
      minutes: Math.max(settings.timeIncrementMinutes, billableMinutes(seconds, settings.timeIncrementMinutes)),
      secondsRecorded: seconds,
      billable: body.billable,
      narrative,
    });
    await idem?.bind(trx, entryId);
    return entryId;
  });
  return (await findTimeEntry(db, id))!;
}

export async function addTimeEntry(
  db: Db,
  actor: Actor,
  body: { caseId: string; taskId: string | null; workDate: string; minutes: number; billable: boolean; narrative: string },
  idem?: IdempotentRequest,
) {
  if (idem?.resumedEntityId) return (await findTimeEntry(db, idem.resumedEntityId))!;
  await assertCaseAccess(db, actor, body.caseId, 'case.work');
  await assertTaskOfCase(db, body.taskId, body.caseId);
  const settings = await billingSettings(db);
  const id = await db.transaction(async (trx) => {
    const entryId = await insertTimeEntry(trx, {
      ...body,
      userId: actor.id,
      secondsRecorded: null,
      minutes: billableMinutes(body.minutes * 60, settings.timeIncrementMinutes),
    });
    // A retry of this request after its answer was lost finds this entry (resumedEntityId) instead of making another.
    await idem?.bind(trx, entryId);
    return entryId;
  });
  return (await findTimeEntry(db, id))!;
}

async function ownEntry(db: Db, actor: Actor, id: string) {
  const e = await findTimeEntry(db, id);
  if (!e || ownerDecision(viewerOf(actor), 'time.edit', e.user.id) !== 'allow') throw new AppError('not-found', 'no such time entry');
  if (e.status === 'approved') throw new AppError('conflict', 'the entry is approved: it can no longer change');
  return e;
}

export async function changeTimeEntry(
  db: Db,
  actor: Actor,
  id: string,
  patch: { workDate?: string; minutes?: number; billable?: boolean; narrative?: string },
) {
  await ownEntry(db, actor, id);
  const settings = await billingSettings(db);
  const minutes = patch.minutes === undefined ? undefined : billableMinutes(patch.minutes * 60, settings.timeIncrementMinutes);
  await db.transaction((trx) => updateTimeEntry(trx, id, { ...patch, minutes }));
  return (await findTimeEntry(db, id))!;
}

export async function removeTimeEntry(db: Db, actor: Actor, id: string): Promise<void> {
  await ownEntry(db, actor, id);
  await db.transaction((trx) => deleteTimeEntry(trx, id));
}

export async function timeEntries(db: Db, actor: Actor, f: TimeEntryFilter, window: { limit: number; offset: number }) {
  const scope = listScope(viewerOf(actor), 'time.list');
  return listTimeEntries(db, scope.all ? { all: true } : { memberUserId: scope.memberUserId }, f, window);
}

/**
 * A partner's decision. Approving freezes the rate (the arrangement's rate for the person, else for
 * their role on the case, else the firm's default for that role) and the value, and offers a billable
 * entry as a draft line of the case, once.
 */
export async function decideEntry(db: Db, actor: Actor, id: string, decision: 'approved' | 'rejected', note: string | null) {
  const settings = await billingSettings(db);
  const found = await findTimeEntry(db, id);
  if (!found) throw new AppError('not-found', 'no such time entry');
  const team = await listTeam(db, found.caseId);
  const teamRole = (team.find((m) => m.userId === found.user.id && m.role !== 'finance')?.role ?? 'lawyer') as HourlyRole;
  await db.transaction(async (trx) => {
    const e = await findTimeEntry(trx, id, { lock: true });
    if (!e) throw new AppError('not-found', 'no such time entry');
    if (e.status === decision) return;
    if (e.status === 'approved') throw new AppError('conflict', 'the entry is approved already');
    if (e.billed) throw new AppError('conflict', 'the entry is on an invoice');
    let rateFen: number | null = null;
    let valueFen: number | null = null;
    if (decision === 'approved') {
      const a = await currentFeeArrangement(trx, e.caseId);
      const hourly = a ? componentOf({ components: a.components }, 'hourly') : undefined;
      rateFen =
        (hourly && hourlyRateFor(hourly.rates, { userId: e.user.id, role: teamRole })?.rateFen) ??
        settings.defaultRatesFen[teamRole] ??
        null;
      valueFen = rateFen === null ? null : timeValueFen(e.minutes, rateFen);
    }
    await decideTimeEntry(trx, id, { status: decision, by: actor.id, note, rateFen, valueFen });
    if (decision === 'approved' && e.billable && valueFen !== null && valueFen > 0) {
      await offerLineOnce(trx, { caseId: e.caseId, ...timeEntryOffer({ ...e, userName: e.user.name, valueFen }) });
    }
  });
  return (await findTimeEntry(db, id))!;
}
