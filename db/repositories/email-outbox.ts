import type { Db } from '../connection';

export interface OutboxMail {
  id: string;
  key: string;
  toAddress: string;
  subject: string;
  textBody: string;
  attempts: number;
  /** Files in storage to attach: read by sha256 when the mail is sent. */
  attachments: MailAttachment[];
}

export interface MailAttachment {
  sha256: string;
  name: string;
  mime: string;
}

/** Idempotent on key: the same mail queued twice (a retried activity) is queued once. */
export async function enqueueMailOnce(
  db: Db,
  m: {
    key: string;
    toUserId: string | null;
    toAddress: string;
    subject: string;
    textBody: string;
    sendAfter?: Date | null;
    attachments?: MailAttachment[];
  },
): Promise<boolean> {
  const rows = await db('email_outbox')
    .insert({
      key: m.key,
      to_user_id: m.toUserId,
      to_address: m.toAddress,
      subject: m.subject,
      text_body: m.textBody,
      send_after: m.sendAfter ?? null,
      attachments: JSON.stringify(m.attachments ?? []),
    })
    .onConflict('key')
    .ignore()
    .returning('id');
  return rows.length === 1;
}

/**
 * Claims up to `limit` pending mails for sending inside `fn` (row locks, SKIP LOCKED: several
 * dispatchers never claim the same mail). `fn` returns, per mail, sent (with message id) or an error.
 */
export async function dispatchPending(
  db: Db,
  limit: number,
  fn: (mail: OutboxMail) => Promise<{ messageId: string } | { error: string }>,
  maxAttempts = 5,
): Promise<{ sent: number; failed: number }> {
  return db.transaction(async (trx) => {
    const rows = await trx('email_outbox')
      .where({ status: 'pending' })
      .where((b) => b.whereNull('send_after').orWhere('send_after', '<=', trx.fn.now()))
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    let sent = 0;
    let failed = 0;
    for (const r of rows) {
      const mail: OutboxMail = {
        id: String(r.id),
        key: r.key,
        toAddress: r.to_address,
        subject: r.subject,
        textBody: r.text_body,
        attempts: r.attempts,
        attachments: r.attachments ?? [],
      };
      const result = await fn(mail);
      if ('messageId' in result) {
        await trx('email_outbox')
          .where({ id: r.id })
          .update({ status: 'sent', sent_at: trx.fn.now(), message_id: result.messageId, attempts: r.attempts + 1 });
        sent++;
      } else {
        const attempts = r.attempts + 1;
        await trx('email_outbox')
          .where({ id: r.id })
          .update({ attempts, last_error: result.error.slice(0, 500), status: attempts >= maxAttempts ? 'failed' : 'pending' });
        failed++;
      }
    }
    return { sent, failed };
  });
}

export async function listOutbox(
  db: Db,
  q: { status?: string } = {},
): Promise<Array<{ key: string; toAddress: string; subject: string; textBody: string; status: string; sendAfter: Date | null }>> {
  const rows = await db('email_outbox')
    .modify((b) => q.status && b.where('status', q.status))
    .orderBy('id');
  return rows.map((r: Record<string, any>) => ({
    key: r.key as string,
    toAddress: r.to_address as string,
    subject: r.subject as string,
    textBody: r.text_body as string,
    status: r.status as string,
    sendAfter: r.send_after as Date | null,
  }));
}

export interface OutboxRow {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sendAfter: Date | null;
  sentAt: Date | null;
}

/** The outbox for administrators, newest first: what was (or will be) mailed to whom. */
export async function outboxPage(
  db: Db,
  q: { status?: string; limit: number; offset: number },
): Promise<{ items: OutboxRow[]; total: number }> {
  const base = () => db('email_outbox').modify((b) => q.status && b.where('status', q.status));
  const [{ n }] = await base().count({ n: '*' });
  const rows = await base().orderBy('id', 'desc').limit(q.limit).offset(q.offset);
  return {
    total: Number(n),
    items: rows.map((r: Record<string, any>) => ({
      id: String(r.id),
      toAddress: r.to_address,
      subject: r.subject,
      textBody: r.text_body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      sendAfter: r.send_after,
      sentAt: r.sent_at,
    })),
  };
}
