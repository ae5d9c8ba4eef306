import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The closing note of `npm run bench:api`: this run's closed-loop figures beside a baseline recorded
 * before a change (bench/api-baseline.json, or the file BENCH_API_BASELINE names), so one run
 * prints before and after. The baseline is a run of an older commit on the same machine: its load
 * is told with it, since this machine is shared and its figures move with what else runs.
 */
export interface ClosedResult {
  name: string;
  p95: number;
  rps: number;
  cpu?: { api: number; pg: number };
}

interface Baseline {
  commit: string;
  recorded: string;
  note: string;
  closed: Array<{ name: string; p95: number; rps: number; cpuApi: number; cpuPg: number }>;
}

export function closingNote(results: ClosedResult[], say: (s: string) => void): void {
  const file = process.env.BENCH_API_BASELINE ?? path.join(__dirname, 'api-baseline.json');
  if (!fs.existsSync(file)) return;
  const base = JSON.parse(fs.readFileSync(file, 'utf8')) as Baseline;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  say('');
  say(`Before (${base.commit}, ${base.recorded}: ${base.note}) → this run (load average now ${load}), closed loop:`);
  say(`${'scenario'.padEnd(46)} ${'p95 before → now'.padStart(22)} ${'req/s'.padStart(13)}  CPU/request (API + PostgreSQL) before → now`);
  for (const r of results) {
    const b = base.closed.find((x) => x.name === r.name);
    if (!b || !r.cpu) continue;
    const before = b.cpuApi + b.cpuPg;
    const now = r.cpu.api + r.cpu.pg;
    say(
      `${r.name.padEnd(46)} ${`${b.p95.toFixed(1)} → ${r.p95.toFixed(1)} ms`.padStart(22)} ${`${b.rps} → ${r.rps.toFixed(0)}`.padStart(13)}  ` +
        `${before.toFixed(1)} → ${now.toFixed(1)} ms (${((now / before) * 100).toFixed(0)} %)`,
    );
  }
}
