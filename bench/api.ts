/**
 * npm run bench:api — loads BENCH_API_CASES (default 100,000) cases with their parties, teams and
 * tags into an embedded PostgreSQL, then measures the case list, its filters and full-text search
 * over HTTP with autocannon at BENCH_API_CONNECTIONS (20) concurrent users for BENCH_API_SECONDS
 * (10) each — closed loop (every user sends its next request as soon as the last answers: the
 * machine saturates), one user at a time (the service time), and the users at a working pace
 * (each reads an answer and thinks before the next). Prints p50/p95/p99 and requests/s; asserts
 * nothing (a benchmark, not a test). BENCH_API_DATA keeps the loaded PostgreSQL between runs;
 * BENCH_API_TABLES picks the tables (closed,single,working). Closes with the closed-loop figures beside
 * a baseline recorded before a change (bench/api-baseline.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { hashPassword } from '../api/identity';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { shippedTemplatesDir } from '../cli/runtime/paths';
import { freePort } from '../cli/runtime/ports';
import { createDb, migrateLatest } from '../db/connection';
import { seedDemoFirm } from '../db/seeds/demo';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { loadCases } from './api-data';
import { apiScenarios, type Scenario } from './api-scenarios';
import { closingNote } from './api-baseline';
import { cpuMs, rssMiB, startApiProcess, summary } from './support';

const CASES = Number(process.env.BENCH_API_CASES ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 20);
/** How often each user asks in the working-pace table: requests per second of thinking (BENCH_API_USER_RATE). */
const USER_RATE = Number(process.env.BENCH_API_USER_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
/** Which tables to measure (BENCH_API_TABLES, comma-separated): closed, single, working. */
const TABLES = (process.env.BENCH_API_TABLES ?? 'closed,single,working').split(',');
const say = (s: string) => process.stdout.write(`${s}\n`);

async function loginCookie(url: string, email: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'lexflow-demo' }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
  return r.headers.get('set-cookie')!.split(';')[0];
}

/**
 * People at work: each of `users` sends a request, reads the answer, and thinks for a random
 * while (exponential, mean 1/rate seconds) before the next one — so requests meet each other by
 * chance, as real users' do, rather than all at once (autocannon's overallRate fires them in step).
 */
async function working(url: string, cookie: string, paths: string[], users: number, rate: number) {
  const times: number[] = [];
  let bad = 0;
  const until = Date.now() + SECONDS * 1000;
  const user = async (u: number) => {
    let i = u;
    await new Promise((r) => setTimeout(r, Math.random() * (1000 / rate)));
    while (Date.now() < until) {
      const t0 = performance.now();
      const r = await fetch(url + paths[i++ % paths.length], { headers: { cookie } });
      await r.arrayBuffer();
      times.push(performance.now() - t0);
      if (r.status !== 200) bad++;
      await new Promise((res) => setTimeout(res, -Math.log(1 - Math.random()) * (1000 / rate)));
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  const lat = summary(times);
  return { p50: lat.p50, p95: lat.p95, p99: lat.p99, rps: times.length / SECONDS, total: times.length, bad };
}

async function run(url: string, cookie: string, s: Scenario, connections: number, pids: { api: number; pg: number }, pace?: number) {
  // Each path once first: every answer must be 200, and the totals show what is measured.
  const totals: number[] = [];
  for (const p of s.paths) {
    const r = await fetch(url + p, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`${s.name}: ${p} answered ${r.status} ${await r.text()}`);
    totals.push(((await r.json()) as { total?: number }).total ?? 1);
  }
  if (pace) return { ...s, ...(await working(url, cookie, s.paths, connections, pace)), totals, cpu: undefined };
  // Every response time, so p95 is exact (autocannon's own summary stops at p90 and p97.5).
  const times: number[] = [];
  // Where the machine's CPU goes per request: the API process, PostgreSQL (its backends), the load tool.
  const cpu0 = { api: cpuMs(pids.api), pg: cpuMs(pids.pg, true), tool: process.cpuUsage() };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: SECONDS, headers: { cookie }, requests: s.paths.map((p) => ({ method: 'GET' as const, path: p })) },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  const tool = process.cpuUsage(cpu0.tool);
  const per = (ms: number) => ms / Math.max(1, times.length);
  const cpu = {
    api: per(cpuMs(pids.api) - cpu0.api),
    pg: per(cpuMs(pids.pg, true) - cpu0.pg),
    tool: per((tool.user + tool.system) / 1000),
  };
  const lat = summary(times);
  const bad = result.non2xx + result.errors + result.timeouts;
  return { ...s, p50: lat.p50, p95: lat.p95, p99: lat.p99, rps: result.requests.average, total: times.length, bad, totals, cpu };
}

async function main() {
  // BENCH_API_DATA: a PostgreSQL data directory kept between runs (loaded once), for tuning.
  const keep = process.env.BENCH_API_DATA;
  const tmp = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-api-'));
  fs.mkdirSync(tmp, { recursive: true });
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    say(
      `LexFlow API benchmark: ${CASES.toLocaleString('en-US')} cases, ${CONNECTIONS} concurrent users, ${SECONDS} s per scenario, ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`,
    );
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'lexflow' });
    stops.push(pg.stop);
    const db = createDb(pg.url, { poolMax: 20 });
    stops.push(() => db.destroy());
    await migrateLatest(db);
    const loaded = Number((await db('cases').count('* as n').first())?.n ?? 0) >= CASES;
    if (!loaded) {
      await ensureShippedTemplates(db, shippedTemplatesDir());
      await seedDemoFirm(db, hashPassword);
      await loadCases(db, CASES, say);
      // Write the load out now, so its checkpoint does not land in the middle of a measurement.
      await db.raw('checkpoint');
    } else say(`reusing the ${CASES.toLocaleString('en-US')} cases loaded in ${tmp}`);
    const tagId = (await db('tags').where({ name: '重大案件' }).first('id')).id as string;
    const leadId = (await db('users').where({ email: 'staff3@bench.lexflow' }).first('id')).id as string;

    // The API runs as its own process (lexflow api), as deployed, so the load tool does not share
    // its event loop. The list endpoints never reach Temporal: its address is a port nobody serves.
    // No per-user limit on expensive routes: the load shares a few logins (the limit would answer 429s).
    const api = await startApiProcess({ DATABASE_URL: pg.url, RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0' });
    stops.push(api.stop);
    const pids = { api: api.pid, pg: pg.pid };
    const server = { url: api.url };
    const cookies: Record<string, string> = {
      partner: await loginCookie(server.url, 'partner@demo.lexflow'),
      lawyer: await loginCookie(server.url, 'staff3@bench.lexflow'),
    };
    const scenarios = apiScenarios(tagId, leadId);
    const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
    const table = async (title: string, connections = CONNECTIONS, pace?: number) => {
      say('');
      say(title);
      say(
        `${'scenario'.padEnd(46)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'req/s'.padStart(8)}  matches (per path)`,
      );
      const results: Array<Awaited<ReturnType<typeof run>>> = [];
      for (const s of scenarios) {
        const r = await run(server.url, cookies[s.who], s, connections, pids, pace);
        results.push(r);
        const cpu =
          r.cpu && connections > 1
            ? `  cpu/request: API ${r.cpu.api.toFixed(1)}, PostgreSQL ${r.cpu.pg.toFixed(1)}, load tool ${r.cpu.tool.toFixed(1)} ms`
            : '';
        say(
          `${s.name.padEnd(46)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${r.rps.toFixed(0).padStart(8)}  ${r.totals.join(' / ')}${r.bad ? `  (${r.bad} failed)` : ''}${cpu}`,
        );
      }
      const worst = (kind: Scenario['kind']) => Math.max(...results.filter((r) => r.kind === kind).map((r) => r.p95));
      say(
        `worst p95: lists ${worst('list').toFixed(1)} ms, filtered lists ${worst('filter').toFixed(1)} ms (target < 50 ms), full text ${worst('fulltext').toFixed(1)} ms (target < 100 ms)`,
      );
      if (pace || connections === 1) return results;
      // What the machine can do at most, whatever the latency: its CPUs over the CPU each request takes.
      const ceiling = (kind: Scenario['kind']) =>
        Math.min(
          ...results
            .filter((r) => r.kind === kind)
            .map((r) => (r.cpu ? (os.cpus().length * 1000) / (r.cpu.api + r.cpu.pg + r.cpu.tool) : Infinity)),
        );
      say(
        `CPU ceiling (${os.cpus().length} CPUs / CPU per request): session only ${ceiling('floor').toFixed(0)} req/s, lists ${ceiling('list').toFixed(0)}, filtered ${ceiling('filter').toFixed(0)}, full text ${ceiling('fulltext').toFixed(0)}; ` +
          `${connections} users back to back under 50 ms need more than ${(connections / 0.05).toFixed(0)} req/s`,
      );
      return results;
    };
    const closed = TABLES.includes('closed')
      ? await table(
          `Closed loop: ${CONNECTIONS} users, each sending its next request as soon as the last is answered (saturates the machine)`,
        )
      : [];
    if (TABLES.includes('single')) await table('One user at a time (the service time of each request, nothing queued)', 1);
    // People read what they get before asking again: the same users at a working pace.
    if (TABLES.includes('working'))
      await table(
        `${CONNECTIONS} users at a working pace: each reads an answer, then thinks ${(1 / USER_RATE).toFixed(1)} s on average before the next request`,
        CONNECTIONS,
        USER_RATE,
      );
    const mem = rssMiB(api.pid!);
    say(`API process RSS ${mem.rss.toFixed(0)} MiB (peak ${mem.peak.toFixed(0)} MiB)`);
    closingNote(closed, say);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
