/**
 * What a database error means for the caller, told by its codes (socket errno, SQLSTATE, knex's
 * error class), never by reading its message — except pg's one codeless "connection terminated"
 * errors, which it raises as plain Errors when the server goes away mid-query.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE: 08 connection exception, 57P01-03 shutting down / cannot connect now, 53300 too many connections. */
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
const PG_TERMINATED = /^Connection terminated( unexpectedly| due to connection timeout)?$/;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** True when the database could not be reached or went away: a 503 with Retry-After, not a 500. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as ErrorLike;
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || UNAVAILABLE_STATES.test(e.code))) return true;
  if (e.name === 'KnexTimeoutError') return true;
  if (Object.getPrototypeOf(err) === Error.prototype && typeof e.message === 'string' && PG_TERMINATED.test(e.message)) return true;
  // AggregateError (a connect that tried IPv4 and IPv6) and wrapped causes.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** SQLSTATE class 22 (data exception): the values sent cannot be stored — the caller's data, not a fault. */
export function isDataError(err: unknown): boolean {
  const code = (err as ErrorLike | null)?.code;
  return typeof code === 'string' && /^22...$/.test(code);
}
