import { addMonths, civilDateAt, endOfDay, isCivilDate } from './civil-date';
import { variableDate } from './due-rules';
import { fixedDurationMs, parseIsoDuration } from './iso-duration';

/** A BPMN timer: a duration from when it is armed, a fixed date/instant, or a date held in a case variable. */
export type TimerInput = {
  spec: { kind: 'duration'; duration: string } | { kind: 'date'; date: string } | { kind: 'variable'; variable: string };
  armedAt: number;
  variables: Readonly<Record<string, unknown>>;
  timeZone: string;
};

/** When a timer fires: a duration from when it was armed, a fixed instant, or a date variable (24:00 of it). */
export function timerInstant(input: TimerInput): number | null {
  const { spec, armedAt, timeZone } = input;
  if (spec.kind === 'duration') {
    const d = parseIsoDuration(spec.duration)!;
    const fixed = fixedDurationMs({ ...d, years: 0, months: 0 })!;
    if (!d.years && !d.months) return armedAt + fixed;
    // Calendar months: the same wall-clock time on the same day n months later, in the firm's zone.
    const from = civilDateAt(armedAt, timeZone);
    const target = addMonths(from, d.years * 12 + d.months);
    return armedAt + (endOfDay(target, timeZone) - endOfDay(from, timeZone)) + fixed;
  }
  const value = spec.kind === 'date' ? spec.date : input.variables[spec.variable];
  if (typeof value !== 'string') return null;
  if (isCivilDate(value)) return endOfDay(value, timeZone);
  const date = variableDate(value, timeZone);
  return date ? Date.parse(value) : null;
}
