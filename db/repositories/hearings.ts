import type { Db } from '../connection';
import { movedSpan } from '../../domain/hearings';

/**
 * Moves the case's events that show one of `variables` (a hearing the engine put on the calendar
 * from a task's hearingAt …) to the value now recorded, so the calendar and the case's deadlines
 * tell the same date however the date was recorded. Answers how many events moved.
 */
export async function moveCaseVariableEvents(
  db: Db,
  caseId: string,
  variables: Record<string, unknown>,
  timeZone: string,
): Promise<number> {
  const names = Object.keys(variables);
  if (!names.length) return 0;
  return db.transaction(async (trx) => {
    const rows = await trx('calendar_events')
      .where({ case_id: caseId })
      .whereIn('case_variable', names)
      .forUpdate()
      .select('id', 'starts_at', 'ends_at', 'all_day', 'case_variable', 'case_variable_type');
    let moved = 0;
    for (const r of rows) {
      const value = variables[r.case_variable];
      if (typeof value !== 'string') continue;
      const span = movedSpan(
        { startsAt: r.starts_at, endsAt: r.ends_at, allDay: r.all_day },
        value,
        r.case_variable_type ?? 'date',
        timeZone,
      );
      if (!span) continue;
      await trx('calendar_events').where({ id: r.id }).update({ starts_at: span.startsAt, ends_at: span.endsAt, updated_at: trx.fn.now() });
      moved++;
    }
    return moved;
  });
}
