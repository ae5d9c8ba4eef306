/**
 * npm run bench:engine — N cases (BENCH_CASES, default 500) on the Temporal dev server, each driven
 * through every stage of the due-diligence template by the HTTP API with BENCH_CONCURRENCY (20)
 * cases in flight, then BENCH_SERIAL_CASES (20) one at a time; each beside the same task completions
 * as plain SQL transactions. Then BENCH_LIVE_CASES (0: skipped) live cases with armed reminders
 * (engine-live.ts). Prints figures and where the CPU went; asserts nothing (a benchmark, not a test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { driveCases } from './engine-drive';
import { liveCasesScenario } from './engine-live';
import { startApi, startEngineStack, startWorkerProcess, signedInCaller, type EngineStack } from './engine-stack';
import { cpuMs, fmt, rssMiB } from './support';
import { sqlBaseline } from './engine-sql';

const CASES = Number(process.env.BENCH_CASES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SERIAL_CASES = Number(process.env.BENCH_SERIAL_CASES ?? 20);
const LIVE_CASES = Number(process.env.BENCH_LIVE_CASES ?? 0);
const say = (s: string) => process.stdout.write(`${s}\n`);

/** CPU time per process since `cpu0`: Temporal server, worker, this process (API + load tool), PostgreSQL. */
function cpuSplit(stack: EngineStack, workerPid: number) {
  const read = () => ({
    temporal: cpuMs(stack.temporal.pid),
    worker: cpuMs(workerPid),
    api: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    postgres: cpuMs(stack.pg.pid, true),
  });
  const cpu0 = read();
  return (calls: number, seconds: number) => {
    const now = read();
    const parts = (Object.keys(now) as Array<keyof typeof now>).map((k) => {
      const ms = now[k] - cpu0[k];
      return `${k} ${(ms / calls).toFixed(1)} ms/call (${((ms / 1000 / seconds) * 100).toFixed(0)}% of a core)`;
    });
    return `  CPU per completion     ${parts.join(', ')}  [load ${os.loadavg()[0].toFixed(1)}]`;
  };
}

async function scenario(stack: EngineStack, workerPid: number, url: string, cases: number, concurrency: number) {
  const caller = await signedInCaller(url, stack.db);
  const cpu = cpuSplit(stack, workerPid);
  const r = await driveCases(caller.call, caller, cases, concurrency);
  const cpuLine = cpu(r.completions, r.seconds);
  const sql = await sqlBaseline(stack.db, cases, concurrency, r.completions / cases);
  const sqlRate = sql.completions / sql.seconds;
  const rate = r.completions / r.seconds;
  say('');
  say(`${cases} cases, ${concurrency} in flight — durable engine (API → Temporal update → worker → activities → PostgreSQL)`);
  say(`  cases completed        ${cases} in ${r.seconds.toFixed(1)} s  →  ${(cases / r.seconds).toFixed(2)} cases/s`);
  say(`  completeTask calls     ${r.completions}  →  ${rate.toFixed(1)} /s`);
  say(
    `  completeTask latency   p50 ${fmt(r.complete.p50)}  p95 ${fmt(r.complete.p95)}  p99 ${fmt(r.complete.p99)}  max ${fmt(r.complete.max)}`,
  );
  say(`  open case latency      p50 ${fmt(r.create.p50)}  p95 ${fmt(r.create.p95)}  p99 ${fmt(r.create.p99)}`);
  say(cpuLine);
  say(
    `  plain SQL, same run    ${sql.completions} in ${sql.seconds.toFixed(1)} s  →  ${sqlRate.toFixed(1)} /s;  p50 ${fmt(sql.latency.p50)}  p95 ${fmt(sql.latency.p95)}  p99 ${fmt(sql.latency.p99)}`,
  );
  say(
    `  overhead of durability p50 ×${(r.complete.p50 / sql.latency.p50).toFixed(1)}, p95 ×${(r.complete.p95 / sql.latency.p95).toFixed(1)}, throughput ÷${(sqlRate / rate).toFixed(1)}`,
  );
}

async function main() {
  say(
    `LexFlow engine benchmark: ${CASES} cases, ${CONCURRENCY} in flight, ${os.cpus().length} CPUs, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const stack = await startEngineStack(say);
  try {
    const worker = await startWorkerProcess(stack);
    const url = await startApi(stack);
    if (CASES > 0) await scenario(stack, worker.pid, url, CASES, CONCURRENCY);
    if (SERIAL_CASES > 0) await scenario(stack, worker.pid, url, SERIAL_CASES, 1);
    const closed = await stack.db('cases').where({ status: 'closed' }).count('* as n').first();
    const mem = rssMiB(worker.pid);
    say('');
    say(`  ${closed?.n} cases closed in the database; worker RSS ${mem.rss.toFixed(0)} MiB now, ${mem.peak.toFixed(0)} MiB peak`);
    say(`  Temporal SQLite file   ${(fs.statSync(path.join(stack.tmp, 'temporal.db')).size / 1024 / 1024).toFixed(1)} MiB`);
    if (LIVE_CASES > 0) await liveCasesScenario(stack, LIVE_CASES, worker.pid, say);
  } catch (err) {
    // Said before the stack stops: stopping can end the process (a retry timer on the closed connection).
    process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
    process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
