import { addDays, civilDateAt, daysBetween, isCivilDate, zonedTimeToInstant } from './deadlines/civil-date';

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

/** The kinds of hearing a calendar event can be; stable codes, stored and sent over the API. */
export const HEARING_TYPES = ['court_session', 'pretrial', 'mediation', 'judgment', 'meeting'] as const;
export type HearingType = (typeof HEARING_TYPES)[number];

/** Labels for server-written text (the iCalendar feed); the UI has its own in its catalogues. */
export const HEARING_TYPE_LABELS: Record<'zh-CN' | 'en', Record<HearingType, string>> = {
  'zh-CN': { court_session: '开庭', pretrial: '庭前会议', mediation: '调解', judgment: '宣判', meeting: '会见' },
  en: {
    court_session: 'Court session',
    pretrial: 'Pre-trial conference',
    mediation: 'Mediation',
    judgment: 'Judgment',
    meeting: 'Detention visit',
  },
};

/**
 * "<type> · <case number> · <courtroom>" (开庭 · 2026民0003 · 第十法庭): what a hearing is called on
 * a calendar. The parts that are missing are left out; the courtroom is data, shown as entered.
 */
export function hearingTitle(typeLabel: string, caseNumber: string | null, courtroom: string | null): string {
  return [typeLabel, caseNumber, courtroom].filter((p): p is string => !!p).join(' · ');
}

/**
 * Where an event showing a case date variable moves when the variable changes. A date-time:
 * it starts then, as long as before. A date: the same wall-clock span on the new firm-local day
 * (whole days: the firm's zones keep no summer time); already on that day, it stays.
 */
export function movedSpan(
  e: { startsAt: Date; endsAt: Date; allDay: boolean },
  value: string,
  type: 'date' | 'datetime',
  timeZone: string,
): { startsAt: Date; endsAt: Date } | null {
  const length = e.endsAt.getTime() - e.startsAt.getTime();
  if (type === 'datetime') {
    const at = Date.parse(value);
    if (Number.isNaN(at) || at === e.startsAt.getTime()) return null;
    return { startsAt: new Date(at), endsAt: new Date(at + length) };
  }
  if (!isCivilDate(value)) return null;
  const days = daysBetween(civilDateAt(e.startsAt.getTime(), timeZone), value);
  if (days === 0) return null;
  const shift = days * 86_400_000;
  return { startsAt: new Date(e.startsAt.getTime() + shift), endsAt: new Date(e.endsAt.getTime() + shift) };
}
