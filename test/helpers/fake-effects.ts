import { computeDue, escalationInstant, reminderInstants } from '../../domain/deadlines/due-rules';
import { createHolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { timerInstant } from '../../activities/case-engine';
import type { Effects } from '../../workflows/case/interpreter';

export interface Call {
  name: string;
  input: any;
}

/**
 * The case workflow's effects as plain functions that record their calls and compute due dates
 * with the real domain code: unit tests of the interpreter run without a database or Temporal.
 */
export function fakeEffects(): Effects & { calls: Call[]; of(name: string): any[] } {
  const calls: Call[] = [];
  const calendar = createHolidayCalendar();
  const record = (name: string, input: unknown) => calls.push({ name, input: JSON.parse(JSON.stringify(input)) });
  const schedule = (input: any) => {
    if (!input.node.due) return { due: null };
    const r = computeDue(input.node.due, { nodeStartedAt: input.startedAt, stageStartedAt: input.stageStartedAt, variables: input.variables, timeZone: input.timeZone, calendar });
    if (r.status === 'waiting') return { due: null, waitingFor: r.variable };
    return {
      due: {
        dueAt: r.dueAt,
        dueDate: r.dueDate,
        unadjusted: r.unadjusted,
        rolledOver: r.rolledOver,
        provisional: r.provisional,
        reminders: reminderInstants(r.dueAt, input.node.reminders),
        ...(input.node.escalation ? { escalationAt: escalationInstant(r.dueAt, input.node.escalation.after) } : {}),
      },
    };
  };
  const fx: Effects = {
    openTask: async (i) => (record('openTask', i), { ...schedule(i), taskId: `row-${i.instanceId}`, assigneeId: 'user-lead' }),
    rescheduleTask: async (i) => (record('rescheduleTask', i), schedule(i)),
    completeTaskRow: async (i) => void record('completeTaskRow', i),
    closeTaskRows: async (i) => void record('closeTaskRows', i),
    taskAlert: async (i) => void record('taskAlert', i),
    recordStageEntry: async (i) => void record('recordStageEntry', i),
    recordStageExit: async (i) => void record('recordStageExit', i),
    raiseBillingEvent: async (i) => void record('raiseBillingEvent', i),
    sendCaseEmail: async (i) => void record('sendCaseEmail', i),
    requestDocument: async (i) => void record('requestDocument', i),
    setCaseStatus: async (i) => void record('setCaseStatus', i),
    finishCase: async (i) => void record('finishCase', i),
    logCaseEvent: async (i) => void record('logCaseEvent', i),
    switchTemplateVersion: async (i) => void record('switchTemplateVersion', i),
    resolveTimer: async (i) => (record('resolveTimer', i), timerInstant(i)),
  };
  return Object.assign(fx, { calls, of: (name: string) => calls.filter((c) => c.name === name).map((c) => c.input) });
}
