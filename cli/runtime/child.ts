import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** A long-running helper process (PostgreSQL, Temporal) whose output goes to a log file. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines it printed (for error messages). */
  tail(): string[];
  exited(): boolean;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Sends `signal`, waits up to `graceMs`, then SIGKILL; resolves when the process is gone. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<void>;
}

const live = new Set<ServiceProcess>();
let exitHookInstalled = false;

/** If this Node process dies without a clean shutdown, its helpers die with it. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of live) if (!s.exited()) s.child.kill('SIGKILL');
  });
}

export function spawnService(opts: {
  command: string;
  args: string[];
  logFile: string;
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
}): ServiceProcess {
  installExitHook();
  const log = fs.createWriteStream(opts.logFile, { flags: 'a' });
  // Own process group: a Ctrl-C in the terminal reaches LexFlow, which stops helpers in order.
  const child = spawn(opts.command, opts.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    uid: opts.uid,
    gid: opts.gid,
    env: opts.env ?? process.env,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      live.delete(service);
      log.end();
      for (const l of exitListeners) l(code, signal);
      resolve();
    });
    child.on('error', (err) => {
      keep(Buffer.from(`spawn failed: ${err.message}\n`));
      if (child.pid === undefined) {
        done = true;
        live.delete(service);
        for (const l of exitListeners) l(null, null);
        resolve();
      }
    });
  });
  const service: ServiceProcess = {
    child,
    pid: child.pid ?? -1,
    tail: () => [...lines],
    exited: () => done,
    onExit: (l) => exitListeners.push(l),
    async stop(signal, graceMs) {
      if (done) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitPromise;
      clearTimeout(timer);
    },
  };
  live.add(service);
  return service;
}
