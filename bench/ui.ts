/**
 * npm run bench:ui — how the pages load in a real Chromium (Debian's, headless): login, case list,
 * case page, designer and reports, each on a cold cache (a new browser context) and warm (the same
 * context loading it again), against `lexflow api` serving the built UI on a scratch PostgreSQL
 * (the demo firm and BENCH_UI_CASES cases). Two servers side by side in one run: "before" with
 * HTTP_COMPRESSION=false (what main served: plain files, the same caching) and "after" (br/gzip).
 * Prints per page and load: JS bytes and all bytes transferred (as on the wire, headers included),
 * requests, and time to interactive — the page's own content visible and every request but the live
 * notification stream finished (the median of BENCH_UI_RUNS runs). Then the JS each first screen
 * fetches, from the build manifest. Asserts nothing (a benchmark, not a test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { hashPassword } from '../api/identity';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { shippedTemplatesDir } from '../cli/runtime/paths';
import { freePort } from '../cli/runtime/ports';
import { ensureUiBuilt, uiDistDir } from '../cli/runtime/ui-build';
import { FIRST_SCREEN_JS_BUDGET, FIRST_SCREENS, screenJs } from '../cli/runtime/ui-budget';
import { createDb, migrateLatest } from '../db/connection';
import { seedDemoFirm } from '../db/seeds/demo';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { loadCases } from './api-data';
import { percentile, startApiProcess } from './support';

const CASES = Number(process.env.BENCH_UI_CASES ?? 500);
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const say = (s: string) => process.stdout.write(`${s}\n`);

interface PageSpec {
  name: string;
  path: string;
  /** What shows that the page is there: its own content, not the shell around it. */
  ready: string;
  signedIn: boolean;
}

interface Load {
  jsBytes: number;
  totalBytes: number;
  requests: number;
  tti: number;
}

/**
 * Records what a page fetches through the DevTools protocol: bytes as received on the wire
 * (encodedDataLength: headers and the body as encoded; 0 for the memory cache), per resource type.
 */
async function recorder(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const open = new Map<string, { type: string; stream: boolean }>();
  let state = { js: 0, total: 0, requests: 0, lastEnd: 0 };
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; type?: string }) => {
    if (!open.has(e.requestId)) state.requests++;
    open.set(e.requestId, { type: e.type ?? 'Other', stream: false });
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { mimeType: string } }) => {
    const r = open.get(e.requestId);
    if (r) Object.assign(r, { type: e.type, stream: e.response.mimeType === 'text/event-stream' });
  });
  const finish = (e: { requestId: string; encodedDataLength?: number }) => {
    const r = open.get(e.requestId);
    if (!r) return;
    const bytes = e.encodedDataLength ?? 0;
    state.total += bytes;
    if (r.type === 'Script') state.js += bytes;
    open.delete(e.requestId);
    state.lastEnd = performance.now();
  };
  cdp.on('Network.loadingFinished', finish);
  cdp.on('Network.loadingFailed', finish);
  return {
    reset() {
      state = { js: 0, total: 0, requests: 0, lastEnd: 0 };
      open.clear();
    },
    /** Waits until no request but a stream has been open for `quietMs`; answers when the last one ended. */
    async settled(quietMs = 500): Promise<number> {
      for (;;) {
        const busy = [...open.values()].some((r) => !r.stream);
        if (!busy && performance.now() - state.lastEnd >= quietMs) return state.lastEnd;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    get state() {
      return state;
    },
  };
}

async function measure(page: Page, rec: Awaited<ReturnType<typeof recorder>>, url: string, spec: PageSpec): Promise<Load> {
  rec.reset();
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(spec.ready).first().waitFor({ state: 'visible', timeout: 60_000 });
  const visible = performance.now();
  const lastEnd = await rec.settled();
  const s = rec.state;
  return { jsBytes: s.js, totalBytes: s.total, requests: s.requests, tti: Math.max(visible, lastEnd) - t0 };
}

async function signedInContext(browser: Browser, base: string, signedIn: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  if (signedIn) {
    // Signed in through the API (the context keeps the cookie), so the cold load is the page's own.
    const r = await context.request.post(`${base}/api/v1/auth/login`, {
      data: { email: 'partner@demo.lexflow', password: 'lexflow-demo' },
    });
    if (!r.ok()) throw new Error(`sign-in: ${r.status()}`);
  }
  return context;
}

/** Cold then warm, RUNS times (each cold in a new context); the medians. */
async function loadTwice(browser: Browser, base: string, spec: PageSpec): Promise<{ cold: Load; warm: Load }> {
  const colds: Load[] = [];
  const warms: Load[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await signedInContext(browser, base, spec.signedIn);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const rec = await recorder(page);
    colds.push(await measure(page, rec, base + spec.path, spec));
    warms.push(await measure(page, rec, base + spec.path, spec));
    if (errors.length) say(`  (${spec.name}: page errors: ${errors.join('; ')})`);
    await context.close();
  }
  const median = (loads: Load[]): Load => ({
    jsBytes: percentile(
      loads.map((l) => l.jsBytes),
      50,
    ),
    totalBytes: percentile(
      loads.map((l) => l.totalBytes),
      50,
    ),
    requests: percentile(
      loads.map((l) => l.requests),
      50,
    ),
    tti: percentile(
      loads.map((l) => l.tti),
      50,
    ),
  });
  return { cold: median(colds), warm: median(warms) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const cell = (l: Load) =>
  `${kb(l.jsBytes).padStart(11)} ${kb(l.totalBytes).padStart(11)} ${String(l.requests).padStart(4)} ${`${l.tti.toFixed(0)} ms`.padStart(8)}`;

async function main() {
  ensureUiBuilt(say);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-ui-'));
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    say(
      `LexFlow UI benchmark: Chromium ${CHROMIUM}, ${RUNS} runs per page (medians), ${CASES} cases, ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'lexflow' });
    stops.push(pg.stop);
    const db = createDb(pg.url, { poolMax: 5 });
    stops.push(() => db.destroy());
    await migrateLatest(db);
    await ensureShippedTemplates(db, shippedTemplatesDir());
    await seedDemoFirm(db, hashPassword);
    await loadCases(db, CASES, () => undefined);
    // A closed case: its page reads the database only (the benchmark's server has no Temporal).
    const kase = await db('cases').where({ status: 'closed' }).orderBy('opened_at', 'desc').first('id');
    const template = await db('process_templates').orderBy('key').first('key');
    const pages: PageSpec[] = [
      { name: 'login', path: '/login', ready: '[data-test=submit]', signedIn: false },
      { name: 'dashboard', path: '/', ready: '[data-test=tiles]', signedIn: true },
      { name: 'case list', path: '/cases', ready: '[data-test=cases-table] tbody tr', signedIn: true },
      { name: 'case page', path: `/cases/${kase.id}`, ready: '[data-test=case-title]', signedIn: true },
      { name: 'designer', path: `/templates/${template.key}/edit`, ready: '.djs-element.djs-shape', signedIn: true },
      { name: 'reports', path: '/reports', ready: '[data-test=report-apply]', signedIn: true },
    ];
    const servers = {
      before: await startApiProcess({ DATABASE_URL: pg.url, HTTP_COMPRESSION: 'false', RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0' }),
      after: await startApiProcess({ DATABASE_URL: pg.url, RATE_LIMIT_EXPENSIVE_PER_MINUTE: '0' }),
    };
    stops.push(servers.before.stop, servers.after.stop);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    stops.push(() => browser.close());

    const head = `${'JS'.padStart(11)} ${'all bytes'.padStart(11)} ${'req'.padStart(4)} ${'TTI'.padStart(8)}`;
    say('');
    say(`${'page'.padEnd(11)} ${'load'.padEnd(5)} │ before (no compression)${' '.repeat(14)}│ after (br/gzip, immutable assets)`);
    say(`${' '.repeat(17)} │ ${head} │ ${head}`);
    for (const spec of pages) {
      // Alternating which server goes first evens out what the machine is doing meanwhile.
      const before = await loadTwice(browser, servers.before.url, spec);
      const after = await loadTwice(browser, servers.after.url, spec);
      say(`${spec.name.padEnd(11)} cold  │ ${cell(before.cold)} │ ${cell(after.cold)}`);
      say(`${''.padEnd(11)} warm  │ ${cell(before.warm)} │ ${cell(after.warm)}`);
    }
    say('');
    say(`JS a cold first screen fetches (build manifest; budget ${kb(FIRST_SCREEN_JS_BUDGET)} compressed):`);
    for (const [screen, modules] of Object.entries(FIRST_SCREENS)) {
      const js = screenJs(uiDistDir(), modules);
      say(`  ${screen.padEnd(10)} ${js.files.length} files: ${kb(js.raw)} raw, ${kb(js.gzip)} gzip, ${kb(js.br)} br`);
    }
    for (const [name, mod] of [
      ['designer', 'src/pages/templates/TemplateDesignerPage.vue'],
      ['reports', 'src/pages/reports/ReportsPage.vue'],
    ]) {
      const js = screenJs(uiDistDir(), [mod]);
      say(
        `  ${name.padEnd(10)} ${js.files.length} files: ${kb(js.raw)} raw, ${kb(js.gzip)} gzip, ${kb(js.br)} br (entry included; loaded only on its page)`,
      );
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
