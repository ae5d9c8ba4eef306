import type { Db } from '../db/connection';
import { enqueueMailOnce } from '../db/repositories/email-outbox';
import { insertNotificationsOnce } from '../db/repositories/notifications';
import { message, type MessageKind } from './messages';

export interface Recipient {
  id: string | null;
  email: string | null;
  locale: string;
}

/**
 * One in-app notification per user and, when `email`, one queued mail per address — each
 * idempotent on `key`, so a retried activity notifies nobody twice. The outbox sends the mail.
 */
export async function notify(
  db: Db,
  n: {
    key: string;
    kind: MessageKind;
    recipients: Recipient[];
    caseId: string;
    taskId?: string | null;
    scheduledFor?: Date | null;
    email: boolean;
    context: Parameters<typeof message>[2];
  },
): Promise<void> {
  await insertNotificationsOnce(
    db,
    n.recipients
      .filter((r): r is Recipient & { id: string } => r.id !== null)
      .map((r) => {
        const text = message(n.kind, r.locale, n.context);
        return {
          userId: r.id,
          caseId: n.caseId,
          taskId: n.taskId ?? null,
          kind: n.kind,
          title: text.title,
          body: text.body,
          link: n.context.link,
          key: n.key,
          scheduledFor: n.scheduledFor ?? null,
        };
      }),
  );
  if (!n.email) return;
  for (const r of n.recipients) {
    if (!r.email) continue;
    const text = message(n.kind, r.locale, n.context);
    await enqueueMailOnce(db, { key: `${n.key}:${r.email}`, toUserId: r.id, toAddress: r.email, subject: text.title, textBody: text.body });
  }
}
