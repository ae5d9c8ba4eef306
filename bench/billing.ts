/**
 * npm run bench:billing — the finance reports and invoice PDFs under load. Loads BENCH_BILLING_CASES
 * (default 100,000) cases of the demo firm (68 lead lawyers) in an embedded PostgreSQL with a year of
 * money: BENCH_BILLING_ENTRIES (8) approved time entries per case, two invoices per case issued over
 * the year (three lines each; most paid, some in part, some open), their payments. Then prints, each
 * beside its baseline in the same run:
 * 1. GET /reports/lawyer-revenue (twelve months, read from the revenue_months rollup) and GET
 *    /reports/receivables-ageing over HTTP (`lexflow api` as a child process), one user at a time and
 *    BENCH_BILLING_USERS (20) at a working pace, BENCH_BILLING_SECONDS (10) each, target p95 < 200 ms,
 *    against the same sums computed from the rows in SQL, and the ageing report's SQL alone;
 * 2. invoice PDFs per second (renderInvoicePdf, 3 and 30 lines), against a one-page Chinese PDF from
 *    the test factory (the same fonts and pdfkit).
 * Asserts nothing (a benchmark, not a test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../api/identity';
import { renderInvoicePdf } from '../api/billing/invoice-pdf';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { shippedTemplatesDir } from '../cli/runtime/paths';
import { freePort } from '../cli/runtime/ports';
import { createDb, migrateLatest, type Db } from '../db/connection';
import { makePdf } from '../db/factories/pdf-document';
import { lawyerMonthlyRevenueFromRows, openReceivables } from '../db/repositories/invoices';
import { seedDemoFirm } from '../db/seeds/demo';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { splitVat } from '../domain/fees';
import { loadCases } from './api-data';
import { startApiProcess, summary } from './support';

const CASES = Number(process.env.BENCH_BILLING_CASES ?? 100_000);
const ENTRIES = Number(process.env.BENCH_BILLING_ENTRIES ?? 8);
const USERS = Number(process.env.BENCH_BILLING_USERS ?? 20);
const USER_RATE = Number(process.env.BENCH_BILLING_USER_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_BILLING_SECONDS ?? 10);
const TARGET_P95_MS = 200;
const say = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(10);

/** A year of money on every case, in bulk SQL (the rows a year of the app would write). */
async function loadMoney(db: Db, today: string) {
  const t0 = performance.now();
  const creator = (await db('users').where({ role: 'finance' }).first('id')).id;
  await db.raw(
    `insert into time_entries (case_id, user_id, work_date, minutes, billable, narrative, status, rate_fen, value_fen)
     select c.id, c.lead_lawyer_id, ?::date - ((hashtext(c.id::text || g) & 1023) % 365), 30 + (g * 6) % 120, g % 4 <> 0, '工作记录', 'approved', 200000, (30 + (g * 6) % 120) * 200000 / 60
       from cases c cross join generate_series(1, ?) g`,
    [today, ENTRIES],
  );
  await db.raw(
    `insert into invoices (number, case_id, client_id, status, vat_rate_bp, issued_on, due_on, net_fen, tax_fen, total_fen, paid_fen, created_by)
     select to_char(d, 'YYYY') || '-' || lpad((row_number() over (partition by to_char(d, 'YYYY') order by c.id, g))::text, 7, '0'),
            c.id, c.client_id, s, 600, d, d + 30, 0, 0, t, case s when 'paid' then t when 'partly_paid' then t / 2 else 0 end, ?
       from (select c.*, g, ?::date - ((hashtext(c.id::text || 'i' || g) & 1023) % 365) as d,
                    (100000 + (hashtext(c.id::text || 't' || g) & 65535) * 100)::bigint as t,
                    (array['paid', 'paid', 'paid', 'partly_paid', 'issued'])[1 + (hashtext(c.id::text || 's' || g) & 4)] as s
               from cases c cross join generate_series(1, 2) g) c`,
    [creator, today],
  );
  await db.raw(
    `insert into invoice_lines (case_id, source_kind, source_key, invoice_id, item_name, amount_fen, net_fen, tax_fen)
     select i.case_id, 'manual', 'bench:' || i.id || ':' || k, i.id, '*鉴证咨询服务*法律服务费',
            case k when 3 then i.total_fen - 2 * (i.total_fen / 3) else i.total_fen / 3 end, null, null
       from invoices i cross join generate_series(1, 3) k`,
  );
  await db.raw(
    `with p as (
       insert into payments (client_id, amount_fen, method, received_on, reference, created_by)
       select client_id, paid_fen, 'bank', issued_on + 12, id::text, ? from invoices where paid_fen > 0
       returning id, reference)
     insert into payment_allocations (payment_id, invoice_id, amount_fen)
     select p.id, i.id, i.paid_fen from p join invoices i on i.id::text = p.reference`,
    [creator],
  );
  await db.raw('vacuum analyze time_entries, invoices, invoice_lines, payments, payment_allocations');
  const [t, i, p] = await Promise.all(
    ['time_entries', 'invoices', 'payments'].map(async (x) => Number((await db(x).count({ n: '*' }))[0].n)),
  );
  say(
    `money: ${t.toLocaleString('en-US')} time entries, ${i.toLocaleString('en-US')} invoices (3 lines each), ${p.toLocaleString('en-US')} payments in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function measure(job: () => Promise<boolean>, users: number, pace: boolean) {
  const times: number[] = [];
  let bad = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: users }, async () => {
      if (pace) await sleep(Math.random() * (1000 / USER_RATE));
      while (Date.now() < until) {
        const t0 = performance.now();
        if (!(await job())) bad++;
        times.push(performance.now() - t0);
        if (pace) await sleep(-Math.log(1 - Math.random()) * (1000 / USER_RATE));
      }
    }),
  );
  return { ...summary(times), rps: times.length / SECONDS, bad };
}

async function reportsBench(db: Db, url: string, today: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'finance@demo.lexflow', password: 'lexflow-demo' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const get = async (p: string) => {
    const r = await fetch(url + p, { headers: { cookie } });
    await r.arrayBuffer();
    return r.status === 200;
  };
  const to = today.slice(0, 7);
  const [y, m] = to.split('-').map(Number);
  const from = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  const sample = (await (await fetch(`${url}/api/v1/reports/lawyer-revenue`, { headers: { cookie } })).json()) as { rows: unknown[] };
  say('');
  say(`1. Finance reports over HTTP (the revenue report: ${sample.rows.length} lawyer-months)`);
  for (const [title, users, pace] of [
    ['One user at a time', 1, false],
    [`${USERS} users at a working pace (each thinks ${(1 / USER_RATE).toFixed(1)} s on average)`, USERS, true],
  ] as const) {
    say('');
    say(title);
    say(`${'what'.padEnd(58)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'req/s'.padStart(7)}  p95 vs target`);
    const line = (what: string, r: Awaited<ReturnType<typeof measure>>, target: boolean) =>
      say(
        `${what.padEnd(58)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${r.rps.toFixed(1).padStart(7)}  ${target ? `${r.p95 < TARGET_P95_MS ? 'ok' : 'OVER'} (< ${TARGET_P95_MS})` : ''}${r.bad ? `  (${r.bad} failed)` : ''}`,
      );
    line('GET /reports/lawyer-revenue (12 months)', await measure(() => get('/api/v1/reports/lawyer-revenue'), users, pace), true);
    line(
      '  baseline: the same sums from the rows, SQL alone',
      await measure(async () => Boolean(await lawyerMonthlyRevenueFromRows(db, { fromMonth: from, toMonth: to })), users, pace),
      false,
    );
    line('GET /reports/receivables-ageing', await measure(() => get('/api/v1/reports/receivables-ageing'), users, pace), true);
    line('  baseline: its SQL alone (openReceivables)', await measure(async () => Boolean(await openReceivables(db)), users, pace), false);
  }
}

function invoiceInput(lines: number) {
  const items = Array.from({ length: lines }, (_, i) => {
    const inclusiveFen = 1_000_000 + i * 12_345;
    return {
      itemName: '*鉴证咨询服务*法律服务费',
      description: `第${i + 1}期律师服务费（民间借贷纠纷一审）`,
      inclusiveFen,
      ...splitVat(inclusiveFen, 600),
    };
  });
  const sum = (k: 'netFen' | 'taxFen' | 'inclusiveFen') => items.reduce((s, l) => s + l[k], 0);
  return {
    number: '2026-0001',
    kind: 'invoice' as const,
    status: 'issued' as const,
    issuedOn: '2026-12-03',
    dueOn: '2027-01-02',
    issuer: {
      name: '律程示范律师事务所',
      taxId: '91110105MA01DEMO0X',
      address: '北京市朝阳区建国路 88 号',
      phone: '010-6500 0000',
      bankName: '招商银行北京分行',
      bankAccount: '1109 0000 0000 0001',
    },
    client: { name: '上海明诚贸易有限公司', taxId: '91310000MA1FL00000', address: '上海市浦东新区世纪大道 100 号' },
    caseRef: { number: '2026民0001', title: '买卖合同纠纷' },
    vatRateBp: 600,
    lines: items,
    totals: {
      netFen: sum('netFen'),
      taxFen: sum('taxFen'),
      inclusiveFen: sum('inclusiveFen'),
      disbursementFen: 0,
      totalDueFen: sum('inclusiveFen'),
    },
    paidFen: 0,
    outstandingFen: sum('inclusiveFen'),
  };
}

async function pdfBench() {
  say('');
  say('2. Invoice PDFs, one process, back to back');
  const rate = async (make: () => Promise<Buffer>) => {
    let n = 0;
    let bytes = 0;
    const until = performance.now() + Math.min(SECONDS, 5) * 1000;
    const t0 = performance.now();
    while (performance.now() < until) {
      bytes += (await make()).length;
      n++;
    }
    const s = (performance.now() - t0) / 1000;
    return `${(n / s).toFixed(1).padStart(8)} /s   ${(bytes / n / 1024).toFixed(0).padStart(5)} KiB each`;
  };
  say(`${'renderInvoicePdf, 3 lines'.padEnd(58)} ${await rate(() => renderInvoicePdf(invoiceInput(3)))}`);
  say(`${'renderInvoicePdf, 30 lines (2 pages)'.padEnd(58)} ${await rate(() => renderInvoicePdf(invoiceInput(30)))}`);
  say(
    `${'  baseline: makePdf, one page of Chinese text (factory)'.padEnd(58)} ${await rate(() => makePdf(['民事判决书\n原告上海明诚贸易有限公司诉被告买卖合同纠纷一案，本院依法审理。'.repeat(4)]))}`,
  );
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-billing-'));
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    say(`LexFlow billing benchmark: ${CASES.toLocaleString('en-US')} cases, ${os.cpus().length} CPUs, Node ${process.version}`);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'lexflow' });
    stops.push(pg.stop);
    const db = createDb(pg.url, { poolMax: 20 });
    stops.push(() => db.destroy());
    await migrateLatest(db);
    await ensureShippedTemplates(db, shippedTemplatesDir());
    await seedDemoFirm(db, hashPassword);
    const t0 = performance.now();
    await loadCases(db, CASES, () => undefined);
    say(`cases: ${CASES.toLocaleString('en-US')} loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await loadMoney(db, today);
    const api = await startApiProcess({ DATABASE_URL: pg.url, DATA_DIR: path.join(tmp, 'data'), RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0' });
    stops.push(api.stop);
    await reportsBench(db, api.url, today);
    await pdfBench();
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
