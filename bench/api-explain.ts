/**
 * npm run bench:api:explain — the query plans behind `npm run bench:api`: every list and search
 * scenario's paths are run through the case list's repository (searchCases, as the route calls it,
 * with the viewer's list scope), each statement it sends is captured and run again under
 * EXPLAIN (ANALYZE, BUFFERS). Prints per path the statements, their execution time and buffers, the
 * plan's costliest nodes and any Seq Scan, and the CPU time its PostgreSQL backend spends on it
 * (run REPEAT times: on a shared machine a plan's timings vary more than the CPU it takes);
 * BENCH_API_EXPLAIN_PLANS=<file> writes the plans in full.
 * Needs the database of a `BENCH_API_DATA=<dir> npm run bench:api` run (it loads nothing itself).
 */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ZCaseListQuery } from '../api/contracts/directory';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { freePort } from '../cli/runtime/ports';
import { createDb, migrateLatest } from '../db/connection';
import { searchCases } from '../db/repositories/case-list';
import { listScope, viewerOf } from '../domain/policy';
import type { Role } from '../domain/roles';
import { apiScenarios } from './api-scenarios';
import { cpuMs } from './support';

/** How often each statement is run again to measure the CPU its backend spends on it (BENCH_API_EXPLAIN_REPEAT). */
const REPEAT = Number(process.env.BENCH_API_EXPLAIN_REPEAT ?? 50);

const say = (s: string) => process.stdout.write(`${s}\n`);

/** A statement as knex sent it: PostgreSQL's `$n` placeholders and their values. */
interface Captured {
  sql: string;
  bindings: unknown[];
}

/** The plan's lines worth reading at a glance: the slowest nodes, and every sequential scan. */
function highlights(plan: string[]): string[] {
  const timed = plan
    .map((line) => ({
      line: line.trim(),
      ms: Number(
        /actual time=[\d.]+\.\.([\d.]+) rows=[\d.]+ loops=(\d+)/
          .exec(line)
          ?.slice(1)
          .reduce((a, b) => String(Number(a) * Number(b))) ?? 0,
      ),
    }))
    .filter((x) => x.ms > 0 && !x.line.startsWith('Planning') && !x.line.startsWith('Execution'));
  const top = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 3);
  // (An empty table's scan, cost 0..0, is no finding.)
  const seq = plan.filter((l) => l.includes('Seq Scan') && !l.includes('cost=0.00..0.00')).map((l) => l.trim());
  return [...top.map((t) => `${t.ms.toFixed(1).padStart(7)} ms  ${t.line.slice(0, 150)}`), ...seq.map((l) => `  SEQ  ${l.slice(0, 150)}`)];
}

async function main() {
  const dir = process.env.BENCH_API_DATA;
  if (!dir || !fs.existsSync(path.join(dir, 'pg')))
    throw new Error('set BENCH_API_DATA to the folder of a `BENCH_API_DATA=<dir> npm run bench:api` run');
  const pgs = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'lexflow' });
  const db = createDb(pgs.url, { poolMax: 2 });
  // The plans of this checkout's schema (its migrations, if the data was loaded by an older one).
  await migrateLatest(db);
  // A connection of the pool itself, so the plans are made under the API's own session settings.
  const client = (await db.client.acquireConnection()) as pg.Client;
  const backend = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
  const out: string[] = [];
  try {
    const tagId = (await db('tags').where({ name: '重大案件' }).first('id')).id as string;
    const leadId = (await db('users').where({ email: 'staff3@bench.lexflow' }).first('id')).id as string;
    const people: Record<string, { id: string; role: Role }> = {
      partner: await db('users').where({ email: 'partner@demo.lexflow' }).first('id', 'role'),
      lawyer: await db('users').where({ id: leadId }).first('id', 'role'),
    };
    let captured: Captured[] = [];
    db.on('query', (q: Captured) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] }));
    for (const s of apiScenarios(tagId, leadId).filter((x) => x.kind !== 'floor')) {
      say(`\n${s.name} (${s.who})`);
      for (const p of s.paths) {
        const query = ZCaseListQuery.parse(Object.fromEntries(new URL(p, 'http://x').searchParams));
        const { page, pageSize, sort, order, ...filters } = query;
        const scope = listScope(viewerOf(people[s.who]), 'case.list');
        // Twice: the first warms the caches and the segmenter; the second is the one captured.
        await searchCases(db, scope, filters, { sort, order, limit: pageSize, offset: (page - 1) * pageSize });
        captured = [];
        await searchCases(db, scope, filters, { sort, order, limit: pageSize, offset: (page - 1) * pageSize });
        const statements = captured;
        say(`  ${p.replace('/api/v1/cases?pageSize=25', '…').slice(0, 110)}: ${statements.length} statement(s)`);
        for (const st of statements) {
          const r = await client.query(`explain (analyze, buffers) ${st.sql}`, st.bindings);
          const plan = r.rows.map((row: Record<string, string>) => row['QUERY PLAN']);
          const exec = plan.find((l) => l.startsWith('Execution Time')) ?? '';
          const planning = plan.find((l) => l.startsWith('Planning Time')) ?? '';
          const buffers = plan.find((l) => l.trim().startsWith('Buffers'))?.trim() ?? '';
          const cpu0 = cpuMs(backend);
          for (let i = 0; i < REPEAT; i++) await client.query(st.sql, st.bindings);
          const cpu = (cpuMs(backend) - cpu0) / REPEAT;
          say(`    backend CPU ${cpu.toFixed(2)} ms per run; ${exec}; ${planning}; ${buffers}`);
          for (const h of highlights(plan)) say(`      ${h}`);
          out.push(`-- ${s.name}: ${p}`, `-- ${st.sql}`, `-- ${JSON.stringify(st.bindings)}`, ...plan, '');
        }
      }
    }
    if (process.env.BENCH_API_EXPLAIN_PLANS) fs.writeFileSync(process.env.BENCH_API_EXPLAIN_PLANS, out.join('\n'));
  } finally {
    await db.client.releaseConnection(client);
    await db.destroy();
    await pgs.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
