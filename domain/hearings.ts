import { addDays, isCivilDate, zonedTimeToInstant } from './deadlines/civil-date';

/**
 * Hearing dates a completed task recorded: outputs of type date or datetime whose name says
 * hearing (hearingAt, secondHearingAt …). A date is an all-day hearing on that firm-local day;
 * a date-time a two-hour slot from then.
 */
export function hearingOutputs(
  spec: unknown[],
  outputs: Record<string, unknown>,
  timeZone: string,
): Array<{ name: string; startsAt: Date; endsAt: Date; allDay: boolean }> {
  const found: Array<{ name: string; startsAt: Date; endsAt: Date; allDay: boolean }> = [];
  for (const o of spec as Array<{ name?: string; type?: string }>) {
    if (!o.name || !/hearing/i.test(o.name) || (o.type !== 'date' && o.type !== 'datetime')) continue;
    const v = outputs[o.name];
    if (typeof v !== 'string') continue;
    if (isCivilDate(v)) {
      found.push({
        name: o.name,
        startsAt: new Date(zonedTimeToInstant(v, 0, 0, timeZone)),
        endsAt: new Date(zonedTimeToInstant(addDays(v, 1), 0, 0, timeZone)),
        allDay: true,
      });
    } else if (!Number.isNaN(Date.parse(v))) {
      const start = Date.parse(v);
      found.push({ name: o.name, startsAt: new Date(start), endsAt: new Date(start + 2 * 3_600_000), allDay: false });
    }
  }
  return found;
}
