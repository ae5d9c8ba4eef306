/**
 * npm run bench:docs — the documents section under load. Loads BENCH_DOCS_COUNT (default 20,000)
 * documents of ~3 pages of Chinese legal text (BENCH_DOCS_PDF_SHARE 0.7 PDF, the rest DOCX; see
 * docs-data.ts for what is shared) onto BENCH_DOCS_CASES (2,000) cases of the demo firm in an
 * embedded PostgreSQL, then prints, each beside its baseline:
 * 1. extraction throughput of the worker's indexer (`indexPending`) in 1, 2 … processes
 *    (BENCH_DOCS_INDEXERS "1,4,2": BENCH_DOCS_PHASE 1,000 documents each, the last phase the rest),
 *    against `extractText` alone;
 * 2. search latency over HTTP (`lexflow api` as a child process) for frequent, planted and rare
 *    words, partner (firm-wide) and lawyer (own cases), one user at a time and BENCH_DOCS_USERS (20)
 *    at a working pace, BENCH_DOCS_SECONDS (10) each, against the plain SQL tsvector query;
 * 3. upload of one BENCH_DOCS_UPLOAD_MIB (100) MiB file, streamed, with the API's peak RSS, against
 *    the same bytes written by storage.put and by a plain file write.
 * Asserts nothing (a benchmark, not a test). BENCH_DOCS_EXPLAIN=1 prints the search's plans;
 * BENCH_DOCS_KEEP=1 keeps the loaded database and files (their folder is printed) for a closer look, and
 * BENCH_DOCS_REUSE=<that folder> runs parts 2 and 3 again on them without loading anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashPassword } from '../api/identity';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { shippedTemplatesDir } from '../cli/runtime/paths';
import { freePort } from '../cli/runtime/ports';
import { createDb, migrateLatest, type Db } from '../db/connection';
import { searchDocuments } from '../db/repositories/document-text';
import { seedDemoFirm } from '../db/seeds/demo';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { createStorage, type BlobStorage } from '../db/storage';
import { documentScope } from '../domain/policy';
import { queryWords, tsQueryText } from '../domain/search/segment';
import { loadCases } from './api-data';
import { PAGES, PLANTED, extractionBaseline, indexPhase, indexedCounts, indexerChild, loadDocuments, makeCorpus } from './docs-data';
import { rssMiB, startApiProcess, summary } from './support';

const COUNT = Number(process.env.BENCH_DOCS_COUNT ?? 20_000);
const CASES = Number(process.env.BENCH_DOCS_CASES ?? 2_000);
const PDF_SHARE = Number(process.env.BENCH_DOCS_PDF_SHARE ?? 0.7);
const DISTINCT_PDFS = Number(process.env.BENCH_DOCS_DISTINCT_PDFS ?? 300);
/** Indexer processes per phase (BENCH_DOCS_INDEXERS): each phase but the last takes BENCH_DOCS_PHASE documents, the last the rest. */
const INDEXERS = (process.env.BENCH_DOCS_INDEXERS ?? '1,4,2').split(',').map(Number);
const PHASE_DOCS = Number(process.env.BENCH_DOCS_PHASE ?? 1_000);
const BASELINE_DOCS = Number(process.env.BENCH_DOCS_BASELINE ?? 400);
const USERS = Number(process.env.BENCH_DOCS_USERS ?? 20);
/** Requests per second of thinking each user makes at a working pace (BENCH_DOCS_USER_RATE). */
const USER_RATE = Number(process.env.BENCH_DOCS_USER_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_DOCS_SECONDS ?? 10);
const UPLOAD_MIB = Number(process.env.BENCH_DOCS_UPLOAD_MIB ?? 100);
const MIB = 1024 * 1024;
const TARGET_P95_MS = 100;
const say = (s: string) => process.stdout.write(`${s}\n`);
/** Pads to `n` terminal columns: a Chinese character takes two. */
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (/[\u2e80-\uffef]/.test(c) ? 2 : 1), 0)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rate = (n: number, seconds: number) => (n / seconds).toFixed(1).padStart(8);

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
 * `users` people each doing `job` (true: answered well) for SECONDS: back to back, or at a working
 * pace — each thinks a random while (exponential, mean 1/USER_RATE s) before the next request, so
 * requests meet by chance as real users' do.
 */
async function measure(job: (i: number) => Promise<boolean>, users: number, pace: boolean) {
  const times: number[] = [];
  let bad = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      let i = u;
      if (pace) await sleep(Math.random() * (1000 / USER_RATE));
      while (Date.now() < until) {
        const t0 = performance.now();
        if (!(await job(i++))) bad++;
        times.push(performance.now() - t0);
        if (pace) await sleep(-Math.log(1 - Math.random()) * (1000 / USER_RATE));
      }
    }),
  );
  return { ...summary(times), rps: times.length / SECONDS, bad };
}

/** The baseline: the same words as one plain query over the pages' tsvector (GIN), ranked, counted — no visibility, joins or snippets. */
const PLAIN_SQL = `select count(*) over () as total, p.version_id, ts_rank(p.tsv, to_tsquery('simple', ?)) as r
  from document_pages p where p.tsv @@ to_tsquery('simple', ?) order by r desc limit 25`;

interface Scenario {
  name: string;
  who: 'partner' | 'lawyer';
  words: string[];
  caseId?: string;
  baseline?: boolean;
}

/** Search latency: each scenario's words over HTTP, one user at a time and USERS at a working pace, beside plain SQL. */
async function searchBench(db: Db, url: string) {
  const cookies = { partner: await loginCookie(url, 'partner@demo.lexflow'), lawyer: await loginCookie(url, 'staff3@bench.lexflow') };
  const busiest = (await db('documents').select('case_id').count({ n: '*' }).groupBy('case_id').orderBy('n', 'desc').first()) as
    { case_id: string } | undefined;
  const scenarios: Scenario[] = [
    { name: 'partner, frequent: 借款 / 原告 判决 / 买卖合同', who: 'partner', words: ['借款', '原告 判决', '买卖合同'], baseline: true },
    {
      name: `partner, planted: ${PLANTED.pdfShared} / ${PLANTED.uncommon}`,
      who: 'partner',
      words: [PLANTED.pdfShared, PLANTED.uncommon],
      baseline: true,
    },
    { name: `partner, rare: ${PLANTED.rare} / 量子纠缠 (none)`, who: 'partner', words: [PLANTED.rare, '量子纠缠'], baseline: true },
    { name: 'partner, one case: 借款 / 判决', who: 'partner', words: ['借款', '判决'], caseId: busiest?.case_id },
    { name: 'lawyer (own cases), frequent: 借款 / 原告 判决', who: 'lawyer', words: ['借款', '原告 判决'] },
    {
      name: `lawyer (own cases), planted: ${PLANTED.pdfShared} / ${PLANTED.rare}`,
      who: 'lawyer',
      words: [PLANTED.pdfShared, PLANTED.rare],
    },
  ];
  const pathOf = (s: Scenario, w: string) =>
    `/api/v1/documents?q=${encodeURIComponent(w)}&pageSize=25${s.caseId ? `&caseId=${s.caseId}` : ''}`;
  const seen = await fetch(`${url}/api/v1/documents?pageSize=1`, { headers: { cookie: cookies.lawyer } });
  say('');
  say(`2. Search (GET /api/v1/documents?q=…, 25 a page); the lawyer sees ${((await seen.json()) as { total: number }).total} documents`);
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  for (const [title, users, pace] of [
    ['One user at a time (the service time, nothing queued)', 1, false],
    [`${USERS} users at a working pace (each thinks ${(1 / USER_RATE).toFixed(1)} s on average between requests)`, USERS, true],
  ] as const) {
    say('');
    say(title);
    say(
      `${'scenario'.padEnd(58)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'req/s'.padStart(7)}  p95 vs target  matches`,
    );
    const line = (name: string, r: Awaited<ReturnType<typeof measure>>, totals: unknown[], target: boolean) =>
      say(
        `${pad(name, 58)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${r.rps.toFixed(1).padStart(7)}  ${(target ? (r.p95 < TARGET_P95_MS ? 'ok' : 'OVER') + ` (< ${TARGET_P95_MS})` : '').padEnd(13)}  ${totals.join(' / ')}${r.bad ? `  (${r.bad} failed)` : ''}`,
      );
    for (const s of scenarios) {
      const paths = s.words.map((w) => pathOf(s, w));
      const totals: number[] = [];
      for (const p of paths) {
        const r = await fetch(url + p, { headers: { cookie: cookies[s.who] } });
        if (r.status !== 200) throw new Error(`${p} answered ${r.status} ${await r.text()}`);
        totals.push(((await r.json()) as { total: number }).total);
      }
      const http = await measure(
        async (i) => {
          const r = await fetch(url + paths[i % paths.length], { headers: { cookie: cookies[s.who] } });
          await r.arrayBuffer();
          return r.status === 200;
        },
        users,
        pace,
      );
      line(s.name, http, totals, true);
      if (!s.baseline) continue;
      const ts = s.words.map((w) => tsQueryText(queryWords(w)));
      const pageTotals = await Promise.all(ts.map(async (t) => (await db.raw(PLAIN_SQL, [t, t])).rows[0]?.total ?? 0));
      const sql = await measure(async (i) => Boolean(await db.raw(PLAIN_SQL, [ts[i % ts.length], ts[i % ts.length]])), users, pace);
      line('  baseline: plain SQL tsvector query (pages)', sql, pageTotals, false);
    }
  }
  if (process.env.BENCH_DOCS_EXPLAIN === '1') await explainSearch(db, ['借款', PLANTED.rare]);
}

/** EXPLAIN ANALYZE of the statements searchDocuments sends for a partner (captured from knex as it runs them). */
async function explainSearch(db: Db, words: string[]) {
  const partner = await db('users').where({ email: 'partner@demo.lexflow' }).first('id');
  for (const word of words) {
    const sent: Array<{ sql: string; bindings: unknown[] }> = [];
    const listen = (q: { sql: string; bindings: unknown[] }) => sent.push(q);
    db.on('query', listen);
    await searchDocuments(
      db,
      documentScope({ userId: partner.id, role: 'partner' }),
      tsQueryText(queryWords(word)),
      {},
      { limit: 25, offset: 0 },
      'Asia/Shanghai',
    );
    db.removeListener('query', listen);
    for (const q of sent) {
      const plan = await db.raw(`explain (analyze, buffers) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as never);
      say('');
      say(`EXPLAIN ANALYZE, partner, q=${word}:`);
      say(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
  }
}

/** UPLOAD_MIB MiB: a PDF header, then `fill` bytes, in 1 MiB chunks (made as they are sent, never held whole). */
async function* bigFile(fill: number, head = Buffer.alloc(0), tail = Buffer.alloc(0)) {
  yield Buffer.concat([head, Buffer.from('%PDF-1.4\n')]);
  const chunk = Buffer.alloc(MIB, fill);
  for (let sent = 0; sent < UPLOAD_MIB * MIB; sent += MIB) yield chunk;
  yield tail;
}

/** One big upload through the API while its RSS is sampled, beside the same amount of bytes put into storage and written to a file. */
async function uploadBench(db: Db, url: string, api: { pid: number; startedRss: number }, storage: BlobStorage, scratch: string) {
  const apiPid = api.pid;
  const lawyer = await db('users').where({ email: 'staff3@bench.lexflow' }).first('id');
  const caseId = (await db('cases').where({ lead_lawyer_id: lawyer.id }).first('id')).id as string;
  const cookie = await loginCookie(url, 'staff3@bench.lexflow');
  const boundary = '----lexflowbench';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="庭审录像转写.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const before = rssMiB(apiPid).rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(apiPid).rss)), 20);
  let t0 = performance.now();
  const res = await fetch(`${url}/api/v1/cases/${caseId}/documents`, {
    method: 'POST',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: ReadableStream.from(bigFile(0x20, head, Buffer.from(`\r\n--${boundary}--\r\n`))),
    duplex: 'half',
  } as RequestInit);
  const answer = (await res.json()) as { items?: Array<{ size: number; mime: string }> };
  const took = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMiB(apiPid).rss);
  if (res.status !== 201) throw new Error(`upload answered ${res.status} ${JSON.stringify(answer)}`);
  t0 = performance.now();
  await storage.put(Readable.from(bigFile(0x21)), { maxBytes: 2 * UPLOAD_MIB * MIB });
  const put = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const copy = path.join(scratch, 'copy.bin');
  await pipeline(Readable.from(bigFile(0x22)), fs.createWriteStream(copy, { flush: true }));
  const file = (performance.now() - t0) / 1000;
  fs.rmSync(copy);
  const item = answer.items![0];
  say('');
  say(`3. Upload: one ${UPLOAD_MIB} MiB file (stored as ${item.mime}, ${(item.size / MIB).toFixed(1)} MiB)`);
  const row = (what: string, s: number, extra = '') =>
    say(`${pad(what, 58)} ${s.toFixed(2).padStart(7)} s ${(UPLOAD_MIB / s).toFixed(1).padStart(8)} MiB/s  ${extra}`);
  row(
    'POST /api/v1/cases/:id/documents (streamed multipart)',
    took,
    `API RSS ${api.startedRss.toFixed(0)} MiB at start, ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB while streaming (limit < 300 MiB)`,
  );
  row('  baseline: storage.put of the same amount (hash + fsync)', put);
  row('  baseline: plain file write (fsync)', file);
}

/** Part 1: the demo firm, CASES cases and COUNT documents loaded, then indexed by the worker's indexer in phases. */
async function loadAndIndex(db: Db, pg: { url: string; pid: number }, storage: BlobStorage, filesRoot: string) {
  await ensureShippedTemplates(db, shippedTemplatesDir());
  await seedDemoFirm(db, hashPassword);
  await loadCases(db, CASES, () => undefined);
  const corpus = await makeCorpus(storage, COUNT, PDF_SHARE, DISTINCT_PDFS);
  const pdfDocs = corpus.files.filter((f) => f.ext === 'pdf').length;
  say(
    `made ${corpus.distinctPdfs} distinct PDFs (each filed under ~${(pdfDocs / corpus.distinctPdfs).toFixed(0)} documents: same bytes, same text) and ${(COUNT - pdfDocs).toLocaleString('en-US')} unique DOCX in ${corpus.seconds.toFixed(1)} s`,
  );
  const { versionIds, seconds: loadSeconds } = await loadDocuments(db, corpus);
  say(
    `inserted ${versionIds.length.toLocaleString('en-US')} documents + versions in ${loadSeconds.toFixed(1)} s (bulk SQL, ${rate(versionIds.length, loadSeconds).trim()} rows/s)`,
  );

  say('');
  say('1. Extraction throughput (pages: 3 per document, PDF and DOCX alike)');
  say(`${'what'.padEnd(58)} ${'docs'.padStart(7)} ${'s'.padStart(7)} ${'docs/s'.padStart(8)} ${'pages/s'.padStart(8)}  CPU per document`);
  const base = await extractionBaseline(corpus.files, BASELINE_DOCS);
  const row = (what: string, n: number, s: number, extra = '') =>
    say(`${pad(what, 58)} ${String(n).padStart(7)} ${s.toFixed(1).padStart(7)} ${rate(n, s)} ${rate(n * PAGES, s)}  ${extra}`);
  row('baseline: extractText alone, one process, no DB', base.n, base.extract);
  for (const t of ['pdf', 'docx'] as const)
    if (base.byType[t].n) row(`  of which ${t.toUpperCase()}`, base.byType[t].n, base.byType[t].seconds);
  row('baseline: extractText + jieba segmentation, no DB', base.n, base.extract + base.segment);
  const env = { ...process.env, BENCH_DOCS_CHILD_DB: pg.url, BENCH_DOCS_CHILD_FILES: filesRoot, LOG_LEVEL: 'warn' };
  // Every phase but the last indexes PHASE_DOCS documents; the last one all the rest.
  let from = 0;
  for (const [i, n] of INDEXERS.entries()) {
    const slice = versionIds.slice(from, i === INDEXERS.length - 1 ? undefined : from + PHASE_DOCS);
    from += slice.length;
    if (!slice.length) continue;
    const r = await indexPhase(n, slice, env, pg.pid, db);
    row(
      `indexPending, ${n} indexer process${n > 1 ? 'es' : ''} (storage + extract + DB)`,
      r.done,
      r.seconds,
      `indexer ${r.indexerCpuPerDoc.toFixed(1)} ms, PostgreSQL ${r.pgCpuPerDoc.toFixed(1)} ms`,
    );
  }
  const counts = await indexedCounts(db);
  say(`indexed: ${JSON.stringify(counts.byStatus)}, ${counts.pages.toLocaleString('en-US')} page rows`);
  await db.raw('vacuum analyze document_pages, document_versions, documents');
  await db.raw('checkpoint');
}

async function main() {
  const reuse = process.env.BENCH_DOCS_REUSE;
  const tmp = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-docs-'));
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    say(
      `LexFlow documents benchmark: ${COUNT.toLocaleString('en-US')} documents (~${PAGES} pages, ${Math.round(PDF_SHARE * 100)} % PDF) on ${CASES.toLocaleString('en-US')} cases, ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'lexflow' });
    stops.push(pg.stop);
    const db = createDb(pg.url, { poolMax: 20 });
    stops.push(() => db.destroy());
    await migrateLatest(db);
    const dataDir = path.join(tmp, 'data');
    const filesRoot = path.join(dataDir, 'files');
    const storage = createStorage({ kind: 'local', root: filesRoot });
    if (!reuse) await loadAndIndex(db, pg, storage, filesRoot);

    // The API as deployed: its own process, files in DATA_DIR/files, Temporal at a port nobody serves
    // (search and upload never reach it). No per-user limit on expensive routes: all 20 users share one account.
    const api = await startApiProcess({ DATABASE_URL: pg.url, DATA_DIR: dataDir, RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0' });
    stops.push(api.stop);
    const url = api.url;
    const startedRss = rssMiB(api.pid).rss;
    await searchBench(db, url);
    await uploadBench(db, url, { pid: api.pid, startedRss }, storage, tmp);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (process.env.BENCH_DOCS_KEEP === '1' || reuse) say(`kept: ${tmp} (PostgreSQL data in pg/, files in data/files/)`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

(process.argv[2] === 'indexer' ? indexerChild() : main()).catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
