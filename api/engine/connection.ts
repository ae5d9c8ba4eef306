import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

/** How long the API waits for Temporal, per call (config: TEMPORAL_CALL_TIMEOUT_MS, TEMPORAL_UPDATE_TIMEOUT_MS). */
export interface EngineBudgets {
  /** Queries, starts, describes, terminations, lists: short round trips. */
  callMs: number;
  /** A case update, which waits for the workflow to carry the command out (its activities included). */
  updateMs: number;
  /** The health check that tells whether the Temporal frontend answers at all. */
  probeMs: number;
}

/**
 * Short calls answer within 3 s including the database. An update may run its activities and, when
 * a worker dies under it, waits for the workflow task to time out (10 s) and run again on another
 * worker: 30 s covers that failover, so such an update still answers with its result.
 */
export const DEFAULT_ENGINE_BUDGETS: EngineBudgets = { callMs: 2_500, updateMs: 30_000, probeMs: 1_000 };

/** The raw connection and client; the API talks to Temporal only through the engine (api/engine/). */
export interface TemporalHandle {
  connection: Connection;
  client: Client;
  taskQueue: string;
  budgets: EngineBudgets;
}

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * The SDK's retry of UNAVAILABLE and friends, but few attempts (about 1 s in all, instead of ten
 * over ~18 s): an unreachable Temporal is said quickly. Retrying an update is safe (its update id
 * makes the retry the same update). The health check is not retried: it is the breaker's probe and
 * must say "down" at once. Every call also gets a deadline — `callMs` unless the engine set its own
 * (updates, ping) — set once, so it bounds all attempts together.
 */
function boundedRetries(callMs: number): GrpcInterceptor {
  const retry = makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }));
  const once = makeGrpcRetryInterceptor({ retryableDecider: () => false, delayFunction: () => 0 });
  return (options, nextCall) => {
    const bounded = options.deadline ? options : { ...options, deadline: Date.now() + callMs };
    return (options.method_definition.path.startsWith(HEALTH_SERVICE) ? once : retry)(bounded, nextCall);
  };
}

const HEALTH_SERVICE = '/grpc.health.v1.Health/';

/**
 * A lazy connection: the API starts (and answers /health with temporal "error") even while
 * Temporal is down, and connects as soon as it is up. Reconnection backs off to at most 2 s
 * (gRPC's default grows to 2 min), so the API is back within seconds of Temporal.
 */
export function createTemporalHandle(opts: {
  address: string;
  namespace: string;
  taskQueue: string;
  budgets?: { [K in keyof EngineBudgets]?: number | undefined };
}): TemporalHandle {
  const given = Object.entries(opts.budgets ?? {}).filter(([, ms]) => ms !== undefined);
  const budgets: EngineBudgets = { ...DEFAULT_ENGINE_BUDGETS, ...Object.fromEntries(given) };
  const connection = Connection.lazy({
    address: opts.address,
    interceptors: [boundedRetries(budgets.callMs)],
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2_000 },
  });
  const client = new Client({ connection, namespace: opts.namespace });
  return { connection, client, taskQueue: opts.taskQueue, budgets };
}
