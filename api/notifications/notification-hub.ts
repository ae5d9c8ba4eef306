import type { Logger } from 'pino';
import type { Db } from '../../db/connection';
import { lastNotificationId, notificationsAfter, type InboxItem } from '../../db/repositories/notifications';

type Listener = (n: InboxItem) => void;

/**
 * Fans new notifications out to the live streams of the users they are for. The worker writes
 * notifications in another process, so one query every `everyMs` (for all users together, and
 * only while somebody is listening) picks up what is new since the last look.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private timer: NodeJS.Timeout | undefined;
  private lastId: number | undefined;
  private polling = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly everyMs = 1_500,
  ) {}

  subscribe(userId: string, fn: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(fn);
    this.ensureTimer();
    return () => {
      set.delete(fn);
      if (!set.size) this.listeners.delete(userId);
      if (!this.listeners.size) this.stop();
    };
  }

  private ensureTimer() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.lastId = undefined;
  }

  private async poll() {
    if (this.polling) return;
    this.polling = true;
    try {
      if (this.lastId === undefined) {
        this.lastId = await lastNotificationId(this.db);
        return;
      }
      for (const n of await notificationsAfter(this.db, this.lastId)) {
        this.lastId = Math.max(this.lastId, Number(n.id));
        for (const fn of this.listeners.get(n.userId) ?? []) fn(n);
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'notification poll failed; trying again');
    } finally {
      this.polling = false;
    }
  }
}
