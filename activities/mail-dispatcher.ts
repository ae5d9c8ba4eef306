import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/connection';
import { dispatchPending } from '../db/repositories/email-outbox';

/**
 * Sends the mail outbox through SMTP (nodemailer): claims pending rows with row locks, sends,
 * marks them sent with the server's message id. A mail is queued once (idempotent key) and sent
 * once; a failure is retried on the next round, up to five attempts. Without SMTP the outbox
 * simply keeps the mail for administrators to read.
 */
export function startMailDispatcher(o: { db: Db; smtpUrl: string; from: string; logger: Logger; everyMs?: number }): {
  stop(): Promise<void>;
  runOnce(): Promise<{ sent: number; failed: number }>;
} {
  const transport = nodemailer.createTransport(o.smtpUrl);
  const runOnce = () =>
    dispatchPending(o.db, 20, async (mail) => {
      try {
        const info = await transport.sendMail({
          from: o.from,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.textBody,
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
