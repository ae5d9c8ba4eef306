import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { spawnService } from './child';
import { StartupError } from './errors';
import { processAlive, processCommandLine } from './paths';
import { assertPortFree, waitUntil } from './ports';

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  binary: string;
  port: number;
  /** Web UI port; omitted: headless. */
  uiPort?: number;
  /** Persistent SQLite file; omitted: in memory (tests). */
  dbFile?: string;
  namespace: string;
  logFile: string;
  /** Records the server's pid, so a run that was killed can clean up after itself. */
  pidFile?: string;
  portHint?: string;
  say?: (line: string) => void;
}

async function answers(address: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1000 });
    await connection.withDeadline(Date.now() + 1500, () => connection!.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

/** A dev server started by an earlier run that was killed before it could stop it. */
async function stopOrphan(pidFile: string, say: (l: string) => void) {
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  fs.rmSync(pidFile, { force: true });
  if (!(pid > 0 && processAlive(pid) && processCommandLine(pid).includes('start-dev'))) return;
  say(`stopping a Temporal dev server left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  if (!(await waitUntil(async () => !processAlive(pid), 15_000))) process.kill(pid, 'SIGKILL');
}

/**
 * Spawns `temporal server start-dev` on 127.0.0.1 and waits until it answers (up to 60 s, more
 * forgiving than the SDK launcher's 5 s). stop() sends SIGTERM so SQLite is closed cleanly.
 */
export async function startTemporalDevServer(o: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const say = o.say ?? (() => undefined);
  const hint = o.portHint ?? 'Stop it, or set TEMPORAL_PORT / TEMPORAL_UI_PORT.';
  if (o.pidFile) await stopOrphan(o.pidFile, say);
  await assertPortFree(o.port, 'Temporal dev server', hint);
  if (o.uiPort) await assertPortFree(o.uiPort, 'Temporal web UI', hint);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.port), '--namespace', o.namespace];
  args.push('--log-level', 'warn', '--log-format', 'json');
  if (o.uiPort) args.push('--ui-port', String(o.uiPort));
  else args.push('--headless');
  if (o.dbFile) {
    // The dev server does not create the folder of its database file.
    fs.mkdirSync(path.dirname(o.dbFile), { recursive: true });
    // WAL with synchronous=NORMAL: committed state survives a crash of the process; only an OS
    // crash can lose the last moments. The dev server's single shard is otherwise bound by fsyncs.
    args.push('--db-filename', o.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const proc = spawnService({ command: o.binary, args, logFile: o.logFile });
  if (o.pidFile) fs.writeFileSync(o.pidFile, String(proc.pid));
  const address = `127.0.0.1:${o.port}`;
  const ready = await waitUntil(async () => proc.exited() || (await answers(address)), 60_000, 250);
  if (!ready || proc.exited()) {
    await proc.stop('SIGKILL', 1000);
    if (o.pidFile) fs.rmSync(o.pidFile, { force: true });
    const last = proc.tail().pop() ?? 'no output';
    throw new StartupError(`the Temporal dev server did not start (${last.trim().slice(0, 300)}); see ${o.logFile}`);
  }
  return {
    address,
    uiUrl: o.uiPort ? `http://127.0.0.1:${o.uiPort}` : undefined,
    pid: proc.pid,
    stop: async () => {
      await proc.stop('SIGTERM', 15_000);
      if (o.pidFile) fs.rmSync(o.pidFile, { force: true });
    },
  };
}
