/**
 * npm run bench:ui — how the pages load in a real Chromium (Debian's, headless): login, dashboard, case list,
 * case page, designer and reports, each on a cold cache (a new browser context) and warm (the same
 * context loading it again), against `lexflow api` serving the built UI on a scratch PostgreSQL
 * (the demo firm and BENCH_UI_CASES cases). Two servers side by side in one run: "before" with
 * HTTP_COMPRESSION=false (what main served: plain files, the same caching) and "after" (br/gzip).
 * Prints per page and load: JS bytes and all bytes transferred (as on the wire, headers included),
 * requests, and time to interactive — the page's own content visible and every request but the live
 * notification stream finished (the median of BENCH_UI_RUNS runs). Then the JS each first screen
 * fetches, from the build manifest. The browser gets a 20/5 Mbit/s, 40 ms link (BENCH_UI_LINK). Asserts
 * nothing (a benchmark, not a test).
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
/**
 * The link the browser is given (BENCH_UI_LINK "down Mbit/s,up Mbit/s,RTT ms", default an office's
 * 20/5 Mbit/s at 40 ms; "none": the bare loopback, where time is all CPU and bytes cost nothing).
 */
const LINK = (process.env.BENCH_UI_LINK ?? '20,5,40').split(',').map(Number);
const LINKED = LINK.length === 3 && LINK.every((n) => Number.isFinite(n));
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
  /** Requests that reached the server (not answered by the browser's cache); revalidations count. */
  network: number;
  tti: number;
}

/**
 * Records what a page fetches through the DevTools protocol: bytes as received on the wire
 * (encodedDataLength: headers and the body as encoded; 0 for the memory cache), per resource type.
 */
async function recorder(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (LINKED) {
    const [down, up, rtt] = LINK;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: rtt,
      downloadThroughput: (down * 1e6) / 8,
      uploadThroughput: (up * 1e6) / 8,
    });
  }
  const open = new Map<string, { type: string; stream: boolean; cached: boolean }>();
  let state = { js: 0, total: 0, requests: 0, network: 0, lastEnd: 0 };
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; type?: string }) => {
    if (!open.has(e.requestId)) state.requests++;
    open.set(e.requestId, { type: e.type ?? 'Other', stream: false, cached: false });
  });
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => {
    const r = open.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { mimeType: string; fromDiskCache?: boolean } }) => {
    const r = open.get(e.requestId);
    if (r)
      Object.assign(r, {
        type: e.type,
        stream: e.response.mimeType === 'text/event-stream',
        cached: r.cached || !!e.response.fromDiskCache,
      });
  });
  const finish = (e: { requestId: string; encodedDataLength?: number }) => {
    const r = open.get(e.requestId);
    if (!r) return;
    const bytes = e.encodedDataLength ?? 0;
    state.total += bytes;
    if (!r.cached) state.network++;
    if (r.type === 'Script') state.js += bytes;
    open.delete(e.requestId);
    state.lastEnd = performance.now();
  };
  cdp.on('Network.loadingFinished', finish);
  cdp.on('Network.loadingFailed', finish);
  return {
    reset() {
      state = { js: 0, total: 0, requests: 0, network: 0, lastEnd: 0 };
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
  return { jsBytes: s.js, totalBytes: s.total, requests: s.requests, network: s.network, tti: Math.max(visible, lastEnd) - t0 };
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
  const at50 = (loads: Load[], key: keyof Load) =>
    percentile(
      loads.map((l) => l[key]),
      50,
    );
  const median = (loads: Load[]): Load => ({
    jsBytes: at50(loads, 'jsBytes'),
    totalBytes: at50(loads, 'totalBytes'),
    requests: at50(loads, 'requests'),
    network: at50(loads, 'network'),
    tti: at50(loads, 'tti'),
  });
  return { cold: median(colds), warm: median(warms) };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const cell = (l: Load) =>
  `${kb(l.jsBytes).padStart(11)} ${kb(l.totalBytes).padStart(11)} ${`${l.requests}/${l.network}`.padStart(7)} ${`${l.tti.toFixed(0)} ms`.padStart(8)}`;

async function main() {
  ensureUiBuilt(say);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-bench-ui-'));
  fs.chmodSync(tmp, 0o755);
  const stops: Array<() => Promise<void>> = [];
  try {
    say(
      `LexFlow UI benchmark: Chromium ${CHROMIUM}, ${LINKED ? `${LINK[0]}/${LINK[1]} Mbit/s at ${LINK[2]} ms RTT` : 'the bare loopback'}, ${RUNS} runs per page (medians), ${CASES} cases, ${os.cpus().length} CPUs, Node ${process.version}`,
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
    const kase = await db('cases').where({ status: 'closed' }).orderBy('created_at', 'desc').first('id');
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

    const head = `${'JS'.padStart(11)} ${'all bytes'.padStart(11)} ${'req/net'.padStart(7)} ${'TTI'.padStart(8)}`;
    say('');
    say('req/net: requests the page made / of them answered by the server, not the browser cache (304s count).');
    say('Over http:// Chromium offers gzip only (br is offered over HTTPS): "after" is gzip here, br behind TLS.');
    say(`${'page'.padEnd(11)} ${'load'.padEnd(5)} │ before (no compression)${' '.repeat(17)}│ after (compressed, immutable assets)`);
    say(`${' '.repeat(17)} │ ${head} │ ${head}`);
    for (const [i, spec] of pages.entries()) {
      // Alternating which server goes first evens out what the machine is doing meanwhile.
      const first = i % 2 ? 'after' : 'before';
      const measured = { [first]: await loadTwice(browser, servers[first].url, spec) } as Record<
        'before' | 'after',
        { cold: Load; warm: Load }
      >;
      const second = first === 'before' ? 'after' : 'before';
      measured[second] = await loadTwice(browser, servers[second].url, spec);
      const { before, after } = measured;
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
