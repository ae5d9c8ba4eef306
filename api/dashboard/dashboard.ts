import type { Db } from '../../db/connection';
import { calendarItems } from '../../db/repositories/calendar';
import { searchCases } from '../../db/repositories/case-list';
import { listConflictChecks } from '../../db/repositories/conflict-checks';
import { listInvoices } from '../../db/repositories/invoices';
import { activeCaseGroups, caseCourts } from '../../db/repositories/dashboard';
import { listTasks, taskLoad, type TaskListItem, type TaskListQuery } from '../../db/repositories/task-list';
import { dashboardWindows, type DashboardWindows } from '../../domain/dashboard/windows';
import { can, listScope, viewerOf } from '../../domain/policy';
import type { PracticeArea } from '../../process-templates/model/schema';
import type { Dashboard } from '../contracts/dashboard';
import type { Actor } from '../cases';

/** How many items a tile shows beside its count. */
const FIRST = 5;

const brief = (t: TaskListItem) => ({
  id: t.id,
  title: t.title,
  titleEn: t.titleEn,
  caseId: t.caseId,
  caseNumber: t.caseNumber,
  dueDate: t.dueDate,
  dueAt: t.dueAt?.toISOString() ?? null,
  dueBasis: t.dueBasis,
});

/**
 * The 工作台 of one viewer. Every count comes from the same repository call, with the same scope and
 * filter, as the list its tile links to (so the two cannot disagree); the windows are the firm's dates.
 */
export async function dashboard(db: Db, actor: Actor, timeZone: string, now = new Date()): Promise<Dashboard> {
  const viewer = viewerOf(actor);
  const w = dashboardWindows(now.getTime(), timeZone);
  const taskScope = listScope(viewer, 'task.list');
  const tasks = async (q: Omit<TaskListQuery, 'limit' | 'offset'>) => {
    const r = await listTasks(db, actor.id, taskScope, { ...q, limit: FIRST, offset: 0 }, now);
    return { count: r.total, items: r.items.map(brief) };
  };
  const works = can(viewer, 'task.list');
  const [overdueTasks, tasksDueToday, deadlines] = works
    ? await Promise.all([
        tasks({ scope: 'mine', status: 'overdue' }),
        tasks({ scope: 'mine', status: 'open', dueFrom: w.today, dueTo: w.today }),
        tasks({ scope: 'team', status: 'open', statutory: true, dueFrom: w.today, dueTo: w.deadlineTo }),
      ])
    : [null, null, null];
  return {
    timeZone,
    windows: w,
    overdueTasks,
    tasksDueToday,
    deadlines,
    hearings: can(viewer, 'calendar.read') ? await hearings(db, actor, w) : null,
    firm: can(viewer, 'dashboard.firm') ? await firm(db, actor, w.idleDays, now) : null,
    conflictChecks: can(viewer, 'conflictCheck.decide') ? await awaitingChecks(db) : null,
    receivables: can(viewer, 'invoice.manage') ? await receivablesDue(db, actor, w.today) : null,
  };
}

/** The calendar's hearings (team scope, kind hearing) in the week from the firm's today, with their cases' courts. */
async function hearings(db: Db, actor: Actor, w: DashboardWindows) {
  const scope = listScope(viewerOf(actor), 'calendar.read');
  const all = await calendarItems(db, actor.id, scope, { scope: 'team', from: new Date(w.hearingsFrom), to: new Date(w.hearingsTo) });
  const items = all.filter((i) => i.kind === 'hearing').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const first = items.slice(0, FIRST);
  const courts = await caseCourts(db, [...new Set(first.flatMap((i) => (i.caseId ? [i.caseId] : [])))]);
  return {
    count: items.length,
    items: first.map((i) => ({
      id: i.id,
      title: i.title,
      titleEn: i.titleEn,
      caseId: i.caseId,
      caseNumber: i.caseNumber,
      startsAt: i.startsAt.toISOString(),
      allDay: i.allDay,
      court: i.hearing?.court || (i.caseId && courts.get(i.caseId)) || null,
      location: i.location,
      hearing: i.hearing,
    })),
  };
}

async function firm(db: Db, actor: Actor, idleDays: number, now: Date) {
  const viewer = viewerOf(actor);
  const caseScope = listScope(viewer, 'case.list');
  const groups = await activeCaseGroups(db, caseScope);
  const load = await taskLoad(db, listScope(viewer, 'task.list'), now);
  const idle = await searchCases(
    db,
    caseScope,
    { status: 'active', idleDays },
    { sort: 'openedOn', order: 'desc', limit: FIRST, offset: 0 },
  );
  return {
    byStage: groups.byStage,
    byArea: groups.byArea.map((a) => ({ practiceArea: a.practiceArea as PracticeArea, count: a.count })),
    overdueByPerson: load.filter((p) => p.overdue > 0).map((p) => ({ userId: p.id, name: p.name, count: p.overdue })),
    idleCases: {
      count: idle.total,
      items: idle.items.map((c) => ({ id: c.id, number: c.number, title: c.title, leadLawyerName: c.leadLawyerName })),
    },
  };
}

/** Checks with hits that no partner decided yet and no case was opened on (the list's `awaiting=true`). */
async function awaitingChecks(db: Db) {
  const r = await listConflictChecks(db, { awaiting: true, limit: FIRST, offset: 0 });
  return {
    count: r.total,
    items: r.items.map((k) => ({
      id: k.id,
      names: k.subjects.map((s) => s.name),
      result: k.result as 'review' | 'conflict',
      runAt: k.runAt,
      runByName: k.runByName,
    })),
  };
}

/** Invoices still owed and due on or before the firm's today (the invoice list's `dueBy`), most recently issued first. */
async function receivablesDue(db: Db, actor: Actor, today: string) {
  const scope = listScope(viewerOf(actor), 'invoice.list');
  const r = await listInvoices(
    db,
    scope.all ? { all: true } : { memberUserId: scope.memberUserId },
    { dueBy: today },
    { limit: FIRST, offset: 0 },
  );
  return {
    count: r.total,
    items: r.items.map((i) => ({
      id: i.id,
      number: i.number,
      clientName: i.clientName,
      caseNumber: i.caseNumber,
      dueOn: i.dueOn,
      outstandingFen: i.outstandingFen,
    })),
  };
}
