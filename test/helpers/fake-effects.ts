import { createHolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { dryRunEffects } from '../../workflows/case/dry-run';

/** The dry-run effects with a helper to list the inputs of one kind of call (and a fixed assignee). */
export function fakeEffects() {
  const fx = dryRunEffects(createHolidayCalendar());
  const openTask = fx.openTask;
  fx.openTask = async (i) => ({ ...(await openTask(i)), taskId: `row-${i.instanceId}`, assigneeId: 'user-lead' });
  return Object.assign(fx, { of: (name: string) => fx.calls.filter((c) => c.name === name).map((c) => c.input) });
}
