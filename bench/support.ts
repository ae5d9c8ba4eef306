import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../cli/runtime/paths';
import { freePort, waitUntil } from '../cli/runtime/ports';

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summary(values: number[]) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: Math.max(...values),
  };
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function rssMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const TICK_MS = 10; // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ)

/**
 * CPU time (user + system) a process has used so far, in ms; `withChildren`: with its children's,
 * those still running and those that have ended (PostgreSQL backends come and go with the pool).
 */
export function cpuMs(pid: number, withChildren = false): number {
  const own = (p: number | string) => {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS, ended: (Number(f[13]) + Number(f[14])) * TICK_MS };
    } catch {
      return { ppid: -1, ms: 0, ended: 0 };
    }
  };
  const self = own(pid);
  let total = self.ms + (withChildren ? self.ended : 0);
  if (withChildren) for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) if (own(p).ppid === pid) total += own(p).ms;
  return total;
}

/** Runs `count` jobs with at most `concurrency` in flight. */
export async function pool<T>(count: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await job(i);
      }
    }),
  );
  return results;
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/**
 * `lexflow api` as its own process, as deployed (the load tool does not share its event loop), on
 * a free port of 127.0.0.1; Temporal at a port nobody serves (what the benchmarks measure never
 * reaches it). Resolves once it listens.
 */
export async function startApiProcess(env: Record<string, string>): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const api = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'cli', 'lexflow.ts'), 'api'], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      CI: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  api.stdout!.on('data', (d) => (out += d));
  const stop = async () => {
    if (api.exitCode !== null) return;
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  };
  try {
    await waitUntil(async () => out.includes('API listening'), 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}`, pid: api.pid!, stop };
}
