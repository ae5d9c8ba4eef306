import fs from 'node:fs';

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
