import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { StorageConfig } from '../db/storage';

/**
 * Configuration is read once from the environment, validated, frozen. Every other module receives
 * the parts it needs as arguments; nothing else reads process.env.
 *
 * Ports: PORT (default 3000) is the only one a person has to choose. The embedded PostgreSQL and
 * the Temporal dev server derive theirs from it, so two checkouts started with different PORTs
 * run side by side (3000 → pg 5433, temporal 7233, temporal UI 8233; 3001 → 5434, 7234, 8234).
 */
const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const MIB = 1024 * 1024;
/** 5 GiB: the largest object S3 copies in one request (db/storage/s3-storage.ts moves an upload so). */
const MAX_UPLOAD_BYTES = 5 * 1024 * MIB;

const ZEnv = z.object({
  LEXFLOW_MODE: z.enum(['demo', 'production']).default('demo'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.url().optional(),
  EMBEDDED_PG_PORT: port.optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('lexflow'),
  TEMPORAL_PORT: port.optional(),
  TEMPORAL_UI_PORT: port.optional(),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(200).max(60_000).optional(),
  TEMPORAL_UPDATE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('LexFlow <no-reply@lexflow.local>'),
  FIRM_TIMEZONE: z.string().min(1).default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: bool.optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_ACCOUNT_MAX_PER_HOUR: z.coerce.number().int().min(10).max(100_000).default(100),
  LOGIN_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  TRUST_PROXY: z.string().default('loopback'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3-63 lowercase letters, digits, dots, dashes)')
    .optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64 (openssl rand -base64 32)')
    .optional(),
  HTTP_COMPRESSION: bool.default(true),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_UPLOAD_BYTES)
    .default(200 * MIB),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: the peers whose X-Forwarded-For is believed — a hop count, or a comma-separated
 * list of addresses, CIDR ranges and Express's names (loopback, linklocal, uniquelocal); "none"
 * trusts no one. Trusting every peer ("true") would let any client choose its own address.
 */
function parseTrustProxy(raw: string): string[] | number {
  const v = raw.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'none' || v === 'false') return [];
  const entries = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split('/');
    const ok =
      extra === undefined &&
      (PROXY_NAMES.has(entry) ||
        (isIP(addr) !== 0 && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (isIP(addr) === 4 ? 32 : 128)))));
    if (!ok) throw new ConfigError(`TRUST_PROXY: "${entry}" is not an address, a CIDR range, loopback, linklocal or uniquelocal`);
  }
  return entries;
}

export type Mode = 'demo' | 'production';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** Absent: the embedded PostgreSQL is started (demo mode only). */
  databaseUrl?: string;
  embeddedPgPort: number;
  /** Absent: the Temporal dev server is started (demo mode only). */
  temporalAddress?: string;
  temporalNamespace: string;
  taskQueue: string;
  temporalPort: number;
  temporalUiPort: number;
  temporalCliPath?: string;
  /**
   * The API's deadlines for Temporal: a short call (query, start, describe) and a case update (which
   * waits for the workflow's activities). Absent: the engine's defaults (api/engine/connection.ts).
   */
  temporalBudgets: { callMs?: number; updateMs?: number };
  smtpUrl?: string;
  mailFrom: string;
  firmTimezone: string;
  logLevel: string;
  cookieSecure: boolean;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-ins one account may try per hour from all addresses together. */
  loginAccountMaxPerHour: number;
  /** Password checks run at once (argon2 takes a core each); more wait briefly or get 429. */
  loginConcurrency: number;
  /** Requests per minute one user may make to one expensive route (0: no limit). */
  rateLimitExpensivePerMinute: number;
  /** Express `trust proxy`: hop count or the trusted proxies' addresses. */
  trustProxy: string[] | number;
  /** Where files live: DATA_DIR/files, or the S3 bucket when S3_BUCKET is set (db/storage). */
  storage: StorageConfig;
  /** The largest file one upload may store. */
  uploadMaxBytes: number;
  /** SECRETS_KEY (seals TOTP secrets); absent in demo mode: DATA_DIR/secrets.key (cli/runtime/secrets-key.ts). */
  secretsKey?: Buffer;
  /** br/gzip for JSON answers and the built UI's files (off: bench:ui's baseline). */
  compression: boolean;
}

export class ConfigError extends Error {}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Files go to DATA_DIR/files unless S3_BUCKET names a bucket. Any other S3_* variable without a
 * bucket, or one half of a key pair, is a mistake told at boot rather than files silently kept on
 * one machine's disk.
 */
function storageConfig(e: z.infer<typeof ZEnv>, dataDir: string): StorageConfig {
  const s3Set = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const).filter(
    (k) => e[k] !== undefined,
  );
  if (!e.S3_BUCKET) {
    if (s3Set.length)
      throw new ConfigError(`${s3Set[0]} is set but S3_BUCKET is not: set the bucket, or unset S3_* to keep files in DATA_DIR`);
    return { kind: 'local', root: path.join(dataDir, 'files') };
  }
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither: the SDK finds credentials itself)');
  }
  return {
    kind: 's3',
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    // S3-compatible servers (MinIO …) answer at endpoint/bucket; AWS itself prefers bucket.endpoint.
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
  };
}

/** Parses an environment (default: process.env) into a frozen Config or throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Readonly<Config> {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.LEXFLOW_MODE === 'production') {
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'PUBLIC_URL', 'SECRETS_KEY'] as const) {
      if (!e[key]) throw new ConfigError(`${key} is required when LEXFLOW_MODE=production`);
    }
  }
  if (!isTimeZone(e.FIRM_TIMEZONE)) throw new ConfigError(`FIRM_TIMEZONE: unknown time zone "${e.FIRM_TIMEZONE}"`);
  const temporalPort = e.TEMPORAL_PORT ?? e.PORT + 4233;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  return Object.freeze({
    mode: e.LEXFLOW_MODE,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.EMBEDDED_PG_PORT ?? e.PORT + 2433,
    temporalAddress: e.TEMPORAL_ADDRESS,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    temporalPort,
    temporalUiPort: e.TEMPORAL_UI_PORT ?? temporalPort + 1000,
    temporalCliPath: e.TEMPORAL_CLI_PATH,
    temporalBudgets: { callMs: e.TEMPORAL_CALL_TIMEOUT_MS, updateMs: e.TEMPORAL_UPDATE_TIMEOUT_MS },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    firmTimezone: e.FIRM_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    // A cookie marked Secure is never sent over http: the default follows the public URL.
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https:'),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginAccountMaxPerHour: e.LOGIN_ACCOUNT_MAX_PER_HOUR,
    loginConcurrency: e.LOGIN_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)),
    rateLimitExpensivePerMinute: e.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
    trustProxy,
    storage: storageConfig(e, dataDir),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    secretsKey: e.SECRETS_KEY ? Buffer.from(e.SECRETS_KEY, 'base64') : undefined,
    compression: e.HTTP_COMPRESSION,
  });
}
