import type { Db } from '../db/connection';
import { enqueueMailOnce } from '../db/repositories/email-outbox';
import { insertNotificationsOnce } from '../db/repositories/notifications';
import { preferencesOf } from '../db/repositories/preferences';
import { quietUntil } from '../domain/notifications';
import type { Text } from '../domain/notification-texts';

export interface Recipient {
  id: string | null;
  email: string | null;
  locale: string;
}

export interface NotifyDeps {
  db: Db;
  /** The firm's time zone: quiet hours are read on its clock. */
  timeZone: string;
}

/**
 * One in-app notification per user and, when `email`, one queued mail per address — each
 * idempotent on `key`, so a retried activity notifies nobody twice. A user who turned mail off
 * gets none; mail that falls in a user's quiet hours waits in the outbox until they end.
 */
export async function notify(
  deps: NotifyDeps,
  n: {
    key: string;
    kind: string;
    recipients: Recipient[];
    caseId: string | null;
    taskId?: string | null;
    scheduledFor?: Date | null;
    email: boolean;
    /** The title and body in a recipient's language. */
    text: (lang: string) => Text;
    link: string | null;
    /** When the notice is raised (the workflow's clock); quiet hours are judged against it. */
    at?: number;
  },
): Promise<void> {
  const { db } = deps;
  await insertNotificationsOnce(
    db,
    n.recipients
      .filter((r): r is Recipient & { id: string } => r.id !== null)
      .map((r) => {
        const text = n.text(r.locale);
        return {
          userId: r.id,
          caseId: n.caseId,
          taskId: n.taskId ?? null,
          kind: n.kind,
          title: text.title,
          body: text.body,
          link: n.link,
          key: n.key,
          scheduledFor: n.scheduledFor ?? null,
        };
      }),
  );
  if (!n.email) return;
  const prefs = await preferencesOf(
    db,
    n.recipients.flatMap((r) => (r.id ? [r.id] : [])),
  );
  const at = n.at ?? n.scheduledFor?.getTime() ?? Date.now();
  for (const r of n.recipients) {
    if (!r.email) continue;
    const p = r.id ? prefs.get(r.id) : undefined;
    if (p && !p.emailEnabled) continue;
    const until = p ? quietUntil(at, { start: p.quietStart, end: p.quietEnd }, deps.timeZone) : null;
    const text = n.text(r.locale);
    await enqueueMailOnce(db, {
      key: `${n.key}:${r.email}`,
      toUserId: r.id,
      toAddress: r.email,
      subject: text.title,
      textBody: text.body,
      sendAfter: until ? new Date(until) : null,
    });
  }
}
