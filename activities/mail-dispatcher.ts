import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { dispatchPending } from '../db/repositories/email-outbox';
import { readObject, type BlobStorage } from '../db/storage';

/**
 * Sends the mail outbox through SMTP (nodemailer): claims pending rows with row locks, sends,
 * marks them sent with the server's message id. A mail is queued once (idempotent key) and sent
 * once; a failure is retried on the next round, up to five attempts. Without SMTP the outbox
 * simply keeps the mail for administrators to read. Attachments are files in storage (an invoice's
 * PDF), read when the mail is sent; without storage a mail with attachments waits.
 */
export function startMailDispatcher(o: {
  db: Db;
  smtpUrl: string;
  from: string;
  logger: Logger;
  everyMs?: number;
  storage?: BlobStorage;
}): {
  stop(): Promise<void>;
  runOnce(): Promise<{ sent: number; failed: number }>;
} {
  const transport = nodemailer.createTransport(o.smtpUrl);
  const runOnce = () =>
    dispatchPending(o.db, 20, async (mail) => {
      try {
        if (mail.attachments.length && !o.storage) throw new Error('this dispatcher has no file storage for the attachments');
        const attachments = await Promise.all(
          mail.attachments.map(async (a) => ({ filename: a.name, contentType: a.mime, content: await readObject(o.storage!, a.sha256) })),
        );
        const info = await transport.sendMail({
          from: o.from,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.textBody,
          attachments,
          messageId: `<${mail.key.replace(/[^A-Za-z0-9.-]/g, '.')}@lexflow>`,
        });
        return { messageId: info.messageId };
      } catch (err) {
        o.logger.warn({ err: (err as Error).message, outboxId: mail.id }, 'mail not sent; will retry');
        return { error: (err as Error).message };
      }
    });
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    current = runOnce().catch((err: unknown) => o.logger.error({ err }, 'mail dispatch failed'));
  }, o.everyMs ?? 5_000);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
      transport.close();
    },
  };
}
