import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { scheduleTask } from '../../domain/deadlines/task-schedule';
import { timerInstant } from '../../domain/deadlines/timer-instant';
import type { Effects } from './interpreter';

export interface RecordedCall {
  name: keyof Effects;
  input: any;
}

/**
 * The interpreter's effects without a database: every call is recorded, and due dates and timers
 * are computed by the same domain code the activities use. Runs a template "on paper" — the
 * designer's simulation — and drives the interpreter in unit tests.
 */
export function dryRunEffects(calendar: HolidayCalendar): Effects & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const record = (name: keyof Effects, input: unknown) => calls.push({ name, input: JSON.parse(JSON.stringify(input)) });
  const fx: Effects = {
    openTask: async (i) => (
      record('openTask', i),
      { ...scheduleTask(i.node, { ...i, calendar }), taskId: `task-${i.instanceId}`, assigneeId: null }
    ),
    rescheduleTask: async (i) => (record('rescheduleTask', i), scheduleTask(i.node, { ...i, calendar })),
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
  return Object.assign(fx, { calls });
}
