import { AppError } from '../app-error';

/** What a client is told to wait while the engine is away (the same as for a database outage). */
export const ENGINE_RETRY_AFTER_SECONDS = 5;

/** The 503 of an engine that is away; `detail` says what it means for the request. */
export function engineUnavailable(detail = 'the process engine is unavailable; try again shortly', cause?: unknown): AppError {
  return new AppError('service-unavailable', detail, { retryAfterSeconds: ENGINE_RETRY_AFTER_SECONDS }, { cause });
}

export interface EngineBreaker {
  /** Resolves when a call may go to Temporal; throws the 503 (nothing sent) while it is known to be down. */
  admit(): Promise<void>;
  /** A call found Temporal unreachable or silent: the health check decides whether it is down. */
  failed(): void;
  /** What a health check run elsewhere (GET /health) said. */
  record(healthy: boolean): void;
  readonly open: boolean;
}

/**
 * A small circuit breaker fed by the health check. A call that fails as unavailable starts a
 * check; while the check says Temporal is down, calls fail at once with 503 + Retry-After instead
 * of each waiting out its deadline. A call after `probeIntervalMs` waits for a fresh check (at
 * most the probe's own deadline) and goes through when it passes, so the API is back without a
 * spurious 503. Only the frontend's health opens it: a missing worker (queries and updates time
 * out, the frontend answers) never does.
 */
export function engineBreaker(check: () => Promise<boolean>, probeIntervalMs = 1_000, now = () => Date.now()): EngineBreaker {
  let open = false;
  let lastProbeAt = -Infinity;
  let probing: Promise<boolean> | null = null;

  const record = (ok: boolean) => {
    open = !ok;
    lastProbeAt = now();
  };
  const probe = (): Promise<boolean> => {
    probing ??= check()
      .catch(() => false)
      .then((ok) => (record(ok), ok))
      .finally(() => (probing = null));
    return probing;
  };

  return {
    async admit() {
      if (!open) return;
      const ok = probing ? await probing : now() - lastProbeAt >= probeIntervalMs ? await probe() : false;
      if (!ok) throw engineUnavailable();
    },
    failed() {
      if (!open) void probe();
    },
    record,
    get open() {
      return open;
    },
  };
}
