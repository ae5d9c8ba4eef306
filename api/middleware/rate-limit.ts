import { AppError } from '../app-error';

/**
 * Per-process request limits. Counters live in this API process's memory: with several API
 * processes each allows the limit, which is what a limit on expensive reads needs (it protects
 * this process's CPU and the database from one user's loop), and costs no database round trip.
 */

/** The classes of routes a route spec may name in `rateLimit`. */
export const RATE_LIMIT_CLASSES = ['expensive'] as const;
export type RateLimitClass = (typeof RATE_LIMIT_CLASSES)[number];

/** A fixed-window counter per key: `limit` hits per `windowMs`; 0 turns it off. */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; answers the seconds to wait when this hit is over the limit, else 0. */
  hit(key: string): number {
    if (this.limit <= 0) return 0;
    const t = this.now();
    const start = t - (t % this.windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size > 10_000) this.forgetOld(start);
      w = { start, hits: 0 };
      this.windows.set(key, w);
    }
    w.hits++;
    return w.hits > this.limit ? Math.max(1, Math.ceil((start + this.windowMs - t) / 1000)) : 0;
  }

  private forgetOld(current: number) {
    for (const [k, w] of this.windows) if (w.start !== current) this.windows.delete(k);
  }
}

/** Throws the 429 problem when a limiter refuses `key`. */
export function assertWithinLimit(limiter: WindowLimiter, key: string, what: string): void {
  const wait = limiter.hit(key);
  if (wait > 0) {
    throw new AppError('rate-limited', `Too many ${what}; try again in ${wait} s`, { retryAfterSeconds: wait });
  }
}

/**
 * At most `active` jobs at a time and `queued` waiting; beyond that a caller is refused at once
 * (429 + Retry-After) instead of waiting in an unbounded queue. Bounds the CPU that password
 * hashing may take, so a flood of sign-ins leaves the rest of the API answering.
 */
export class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly active: number,
    readonly queued: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.active) {
      if (this.waiting.length >= this.queued) {
        throw new AppError('rate-limited', 'Too many sign-ins at once; try again in a moment', { retryAfterSeconds: 1 });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
