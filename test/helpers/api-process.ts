import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../cli/runtime/paths';
import { freePort } from '../../cli/runtime/ports';
import { testEnv } from '../environment';
import { eventually } from './engine';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it is gone. */
  stop(): Promise<void>;
}

/** Starts the API as a child process (test/helpers/api-child.ts) and waits until it listens. */
export async function startApiProcess(o: {
  databaseUrl: string;
  taskQueue: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<ApiProcess> {
  const port = o.port ?? (await freePort());
  // node itself with tsx as a loader (no wrapper process), so a kill reaches the API and nothing is orphaned.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'test', 'helpers', 'api-child.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: o.databaseUrl,
      TEMPORAL_ADDRESS: testEnv('temporalAddress'),
      TASK_QUEUE: o.taskQueue,
      PORT: String(port),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | NodeJS.Signals | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  await eventually(async () => {
    if (gone()) throw new Error(`the API process exited before it listened:\n${out}`);
    return out.includes('api ready');
  }, 60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => out,
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
