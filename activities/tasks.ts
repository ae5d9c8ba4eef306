import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/connection';
import { findCase, resolveCaseRole } from '../db/repositories/cases';
import { activeSupervisorOf } from '../db/repositories/staff-profiles';
import type { EscalationTarget } from '../process-templates/model/schema';
import {
  closeTaskRows,
  completeTaskRow,
  findTask,
  insertTaskOnce,
  markEscalated,
  updateTaskDue,
  type DueColumns,
} from '../db/repositories/tasks';
import { scheduleTask } from '../domain/deadlines/task-schedule';
import type { HolidayCalendar } from '../domain/deadlines/holiday-calendar';
import type {
  CloseTaskRowsInput,
  CompleteTaskRowInput,
  OpenTaskInput,
  OpenTaskResult,
  ScheduleInput,
  TaskAlertInput,
  TaskSchedule,
} from './case-types';
import { notify } from './notify';
import { insertDerivedEventOnce } from '../db/repositories/calendar';
import { userContact } from '../db/repositories/user-lookups';
import { hearingOutputs } from '../domain/hearings';
import { message } from '../domain/notification-texts';

export interface EngineDeps {
  db: Db;
  publicUrl: string;
  timeZone: string;
  calendar: () => Promise<HolidayCalendar>;
}

async function schedule(deps: EngineDeps, input: ScheduleInput): Promise<TaskSchedule> {
  return scheduleTask(input.node, { ...input, calendar: await deps.calendar() });
}

function dueColumns(s: TaskSchedule): DueColumns {
  return {
    dueAt: s.due ? new Date(s.due.dueAt) : null,
    dueDate: s.due?.dueDate ?? null,
    dueUnadjusted: s.due?.unadjusted ?? null,
    dueRolledOver: s.due?.rolledOver ?? false,
    dueProvisional: s.due?.provisional ?? false,
    dueBasis: s.due?.basis ?? null,
    waitingForVariable: s.waitingFor ?? null,
  };
}

async function caseContext(deps: EngineDeps, caseId: string) {
  const c = await findCase(deps.db, caseId);
  if (!c) throw ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'NotFound');
  return c;
}

export function taskActivities(deps: EngineDeps) {
  const { db } = deps;
  /** Where a notice about a task leads: the task list opens it with its details. */
  const link = (taskId: string) => `${deps.publicUrl}/tasks?task=${taskId}`;
  return {
    /** Creates the task row (once), resolves its assignee from the case team, computes its due date and tells the assignee. */
    async openTask(input: OpenTaskInput): Promise<OpenTaskResult> {
      const c = await caseContext(deps, input.caseId);
      const s = await schedule(deps, input);
      const [assignee] = await resolveCaseRole(db, input.caseId, input.node.assigneeRole);
      const { row } = await insertTaskOnce(db, {
        caseId: input.caseId,
        workflowTaskId: input.instanceId,
        nodeId: input.node.id,
        stageId: input.node.scope,
        stageInstanceId: input.stageInstanceId,
        title: input.node.name,
        titleEn: input.node.nameEn ?? null,
        kind: input.node.taskKind,
        assigneeRole: input.node.assigneeRole,
        assigneeId: assignee?.id ?? null,
        required: input.node.required,
        outputSpec: input.node.outputs,
        startedAt: new Date(input.startedAt),
        ...dueColumns(s),
      });
      if (assignee) {
        await notify(deps, {
          key: `task:${input.caseId}:${input.instanceId}:assigned`,
          kind: 'taskAssigned',
          recipients: [{ id: assignee.id, email: null, locale: assignee.locale }],
          caseId: input.caseId,
          taskId: row.id,
          email: false,
          link: link(row.id),
          text: (lang) =>
            message('taskAssigned', lang, {
              caseNumber: c.number,
              caseTitle: c.title,
              task: row.title,
              taskEn: row.titleEn,
              dueDate: row.dueDate,
              link: link(row.id),
            }),
        });
      }
      return { ...s, taskId: row.id, assigneeId: row.assigneeId };
    },

    /** Recomputes a task's due date after the variables it counts from changed. */
    async rescheduleTask(input: ScheduleInput): Promise<TaskSchedule> {
      const s = await schedule(deps, input);
      await updateTaskDue(db, input.caseId, input.instanceId, dueColumns(s));
      return s;
    },

    /** Marks the task done and puts a hearing date it recorded (开庭日期) on the case team's calendars. */
    async completeTaskRow(input: CompleteTaskRowInput): Promise<void> {
      await completeTaskRow(db, {
        caseId: input.caseId,
        workflowTaskId: input.instanceId,
        outputs: input.outputs,
        by: input.by,
        at: new Date(input.at),
      });
      const task = await findTask(db, input.caseId, input.instanceId);
      if (!task) return;
      const hearings = hearingOutputs(task.outputSpec, input.outputs, deps.timeZone);
      if (!hearings.length) return;
      const c = await caseContext(deps, input.caseId);
      const team = await resolveCaseRole(db, input.caseId, 'team');
      for (const h of hearings) {
        await insertDerivedEventOnce(db, {
          sourceKey: `task:${input.caseId}:${input.instanceId}:${h.name}`,
          caseId: c.id,
          kind: 'hearing',
          title: `${c.title}${c.court ? ` · ${c.court}` : ''}`,
          startsAt: h.startsAt,
          endsAt: h.endsAt,
          allDay: h.allDay,
          location: c.court,
          attendeeIds: team.map((u) => u.id),
          hearing: { type: 'court_session', court: c.court, courtroom: null, judge: null },
          caseVariable: { name: h.name, type: h.allDay ? 'date' : 'datetime' },
        });
      }
    },

    async closeTaskRows(input: CloseTaskRowsInput): Promise<void> {
      await closeTaskRows(db, {
        caseId: input.caseId,
        workflowTaskIds: input.instanceIds,
        status: input.status,
        reason: input.reason,
        at: new Date(input.at),
      });
    },

    /**
     * A reminder to the assignee, or an escalation: to the assignee's supervisor when their staff
     * profile names an active one, else to the role the template names (`supervisor` with none set:
     * the case's partners).
     */
    async taskAlert(input: TaskAlertInput): Promise<void> {
      const c = await caseContext(deps, input.caseId);
      const task =
        input.kind === 'escalation'
          ? await markEscalated(db, input.caseId, input.instanceId, new Date(input.at))
          : await findTask(db, input.caseId, input.instanceId);
      if (!task) throw ApplicationFailure.nonRetryable(`task ${input.instanceId} of case ${input.caseId} does not exist`, 'NotFound');
      const assignee = task.assigneeId ? await userContact(db, task.assigneeId) : undefined;
      const recipients =
        input.kind === 'escalation'
          ? await escalationTargets(db, input.caseId, task.assigneeId, input.toRole)
          : assignee
            ? [assignee]
            : await resolveCaseRole(db, input.caseId, 'lead');
      await notify(deps, {
        key: `task:${input.caseId}:${input.instanceId}:${input.kind}:${input.index}:${input.dueAt}`,
        kind: input.kind,
        recipients: recipients.map((r) => ({ id: r.id, email: r.email, locale: r.locale })),
        caseId: input.caseId,
        taskId: task.id,
        scheduledFor: new Date(input.at),
        email: true,
        link: link(task.id),
        text: (lang) =>
          message(input.kind, lang, {
            caseNumber: c.number,
            caseTitle: c.title,
            task: task.title,
            taskEn: task.titleEn,
            dueDate: task.dueDate,
            assignee: assignee?.name ?? null,
            link: link(task.id),
          }),
      });
    },
  };
}

/** Who an overdue task escalates to: the assignee's active supervisor, or the template's role. */
async function escalationTargets(db: Db, caseId: string, assigneeId: string | null, toRole: EscalationTarget | undefined) {
  const supervisor = assigneeId ? await activeSupervisorOf(db, assigneeId) : undefined;
  if (supervisor) return [supervisor];
  return resolveCaseRole(db, caseId, !toRole || toRole === 'supervisor' ? 'partner' : toRole);
}
