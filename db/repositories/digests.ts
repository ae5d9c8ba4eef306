import type { Db } from '../connection';

export interface DigestLine {
  title: string;
  titleEn: string | null;
  caseNumber: string;
  at: Date | null;
  dueDate: string | null;
  link: string;
}

export interface DigestContent {
  hearings: DigestLine[];
  dueToday: DigestLine[];
  overdue: DigestLine[];
}

/**
 * What a user's day holds: hearings (hearing tasks due and hearing events attended) and tasks
 * due that day (firm time, [dayStart, dayEnd)), and open tasks overdue before it.
 */
export async function digestContent(
  db: Db,
  userId: string,
  day: { dayStart: Date; dayEnd: Date },
  link: (caseId: string, taskId?: string) => string,
): Promise<DigestContent> {
  const tasks = await db('tasks as t')
    .join('cases as c', 'c.id', 't.case_id')
    .where({ 't.assignee_id': userId, 't.status': 'open' })
    .where('t.due_at', '<=', day.dayEnd)
    .orderBy('t.due_at')
    .select('t.id', 't.case_id', 't.title', 't.title_en', 't.kind', 't.due_at', 't.due_date', 'c.number');
  const events = await db('calendar_events as e')
    .join('calendar_event_attendees as a', 'a.event_id', 'e.id')
    .leftJoin('cases as c', 'c.id', 'e.case_id')
    .where({ 'a.user_id': userId, 'e.kind': 'hearing' })
    .where('e.starts_at', '>=', day.dayStart)
    .where('e.starts_at', '<', day.dayEnd)
    .orderBy('e.starts_at')
    .select('e.id', 'e.case_id', 'e.title', 'e.starts_at', 'c.number');
  const line = (t: Record<string, any>): DigestLine => ({
    title: t.title,
    titleEn: t.title_en,
    caseNumber: t.number,
    at: null,
    dueDate: t.due_date,
    link: link(t.case_id, t.id),
  });
  // A date-based task is due at the end of its day: today's fall in (dayStart, dayEnd].
  const today = tasks.filter((t: Record<string, any>) => t.due_at > day.dayStart);
  return {
    hearings: [
      ...events.map((e: Record<string, any>) => ({
        title: e.title,
        titleEn: null,
        caseNumber: e.number ?? '',
        at: e.starts_at,
        dueDate: null,
        link: e.case_id ? link(e.case_id) : link(''),
      })),
      ...today.filter((t: Record<string, any>) => t.kind === 'hearing').map(line),
    ],
    dueToday: today.filter((t: Record<string, any>) => t.kind !== 'hearing').map(line),
    overdue: tasks.filter((t: Record<string, any>) => t.due_at <= day.dayStart).map(line),
  };
}

/** Records that a user's digest for a day was made (once); false when it already had been. */
export async function recordDigest(db: Db, userId: string, localDate: string, items: number): Promise<boolean> {
  const rows = await db('digests')
    .insert({ user_id: userId, local_date: localDate, items })
    .onConflict(['user_id', 'local_date'])
    .ignore()
    .returning('user_id');
  return rows.length === 1;
}

export async function listDigests(db: Db) {
  const rows = await db('digests')
    .orderBy(['local_date', 'user_id'])
    .select(db.raw('to_char(local_date, \'YYYY-MM-DD\') as "localDate"'), 'user_id as userId', 'items', 'created_at as createdAt');
  return rows as Array<{ localDate: string; userId: string; items: number; createdAt: Date }>;
}
