import type { Db } from '../connection';

export interface NewNotification {
  userId: string;
  caseId: string | null;
  taskId: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  key: string;
  scheduledFor: Date | null;
}

/** Idempotent per (key, user). Returns the users that got a new row (a retry returns none). */
export async function insertNotificationsOnce(db: Db, items: NewNotification[]): Promise<string[]> {
  if (!items.length) return [];
  const rows = await db('notifications')
    .insert(
      items.map((n) => ({
        user_id: n.userId,
        case_id: n.caseId,
        task_id: n.taskId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        key: n.key,
        scheduled_for: n.scheduledFor,
      })),
    )
    .onConflict(['key', 'user_id'])
    .ignore()
    .returning('user_id');
  return rows.map((r: { user_id: string }) => r.user_id);
}

export interface NotificationRow {
  id: string;
  userId: string;
  caseId: string | null;
  taskId: string | null;
  kind: string;
  title: string;
  key: string;
  scheduledFor: Date | null;
  createdAt: Date;
}

export async function listNotifications(db: Db, q: { userId?: string; caseId?: string; kind?: string }): Promise<NotificationRow[]> {
  const rows = await db('notifications')
    .modify((b) => {
      if (q.userId) b.where('user_id', q.userId);
      if (q.caseId) b.where('case_id', q.caseId);
      if (q.kind) b.where('kind', q.kind);
    })
    .orderBy('id');
  return rows.map((r: Record<string, any>) => ({
    id: String(r.id),
    userId: r.user_id as string,
    caseId: r.case_id as string | null,
    taskId: r.task_id as string | null,
    kind: r.kind as string,
    title: r.title as string,
    key: r.key as string,
    scheduledFor: r.scheduled_for as Date | null,
    createdAt: r.created_at as Date,
  }));
}
