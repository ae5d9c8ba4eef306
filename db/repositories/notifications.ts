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

export interface InboxItem {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  caseId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const toInbox = (r: Record<string, any>): InboxItem => ({
  id: String(r.id),
  userId: r.user_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  caseId: r.case_id,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** A user's notifications, newest first. */
export async function inbox(db: Db, userId: string, q: { unreadOnly: boolean; before?: number; limit: number }): Promise<InboxItem[]> {
  const rows = await db('notifications')
    .where('user_id', userId)
    .modify((b) => {
      if (q.unreadOnly) b.whereNull('read_at');
      if (q.before) b.where('id', '<', q.before);
    })
    .orderBy('id', 'desc')
    .limit(q.limit);
  return rows.map(toInbox);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [{ n }] = await db('notifications').where('user_id', userId).whereNull('read_at').count({ n: '*' });
  return Number(n);
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all'): Promise<number> {
  return db('notifications')
    .where('user_id', userId)
    .whereNull('read_at')
    .modify((b) => ids !== 'all' && b.whereIn('id', ids))
    .update({ read_at: db.fn.now() });
}

/** Notifications written after `afterId` (for every user): what the live stream pushes. */
export async function notificationsAfter(db: Db, afterId: number, limit = 500): Promise<InboxItem[]> {
  return (await db('notifications').where('id', '>', afterId).orderBy('id').limit(limit)).map(toInbox);
}

export async function lastNotificationId(db: Db): Promise<number> {
  const r = await db('notifications').max({ id: 'id' }).first();
  return Number(r?.id ?? 0);
}
