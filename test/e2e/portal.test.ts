import type { Page } from 'playwright-core';
import { makePdf } from '../../db/factories/pdf-document';
import { formatFen } from '../../domain/money';
import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The client portal in the browser at phone size (issue 17): the demo client 刘洋 (client@demo.lexflow)
 * has a case whose lawyer shared a document, a deadline and a hearing and whose invoice finance
 * issued; the client sees the stage stepper with the current stage, downloads and previews the
 * document, opens the invoice PDF — in Chinese and English, at 390 px and 1280 px, with nothing wider
 * than the screen. The portal is installable: the manifest is served and parsed, the service worker
 * registers, and offline a navigation shows the offline page.
 */
let stack: UiStack;
let caseId: string;
let invoiceId: string;
let dueFen: number;
let currentStage: string;
let doneStage: string;
const TITLE = '刘洋诉王强民间借贷纠纷';

async function client(email: string): Promise<HttpClient> {
  const c = new HttpClient(stack.app.url);
  expect((await c.login(email)).status).toBe(200);
  return c;
}
const ok = <T extends { status: number; body: unknown }>(r: T, status = 200): T => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const inDays = (n: number, hour = 2) => {
  const d = new Date(Date.now() + n * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

beforeAll(async () => {
  stack = await startUiStack('portal-ui');
  const [partner, lawyer, finance] = [
    await client('partner@demo.lexflow'),
    await client('li.ming@demo.lexflow'),
    await client('finance@demo.lexflow'),
  ];
  const users = await stack.tdb.db('users').select('id', 'email');
  const liMing = users.find((u) => u.email === 'li.ming@demo.lexflow')!.id as string;
  // The demo seed makes 刘洋 a client with a portal account acting for that client.
  const clientId = (await stack.tdb.db('clients').where({ name: '刘洋' }).first()).id as string;
  const created = ok(
    await partner.post('/api/v1/cases', {
      title: TITLE,
      clientId,
      practiceArea: 'civil',
      caseType: 'first_instance',
      court: '上海市黄浦区人民法院',
      leadLawyerId: liMing,
    }),
    201,
  );
  caseId = created.body.id;
  for (let i = 0; i < 40; i++) {
    const p = await lawyer.get(`/api/v1/cases/${caseId}/progress`);
    if (p.status === 200 && p.body.openTasks?.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  // One stage behind it: the stepper shows a done stage and the current one.
  ok(await lawyer.post(`/api/v1/cases/${caseId}/advance`, { reason: '法院已当场立案' }));
  const progress = ok(await lawyer.get(`/api/v1/cases/${caseId}/progress`)).body;
  // The client reads each stage under its client label (the template's lexflow:clientLabel), not the firm's name for it.
  const { model } = await stack.tdb
    .db('process_template_versions as v')
    .join('cases as c', 'c.template_version_id', 'v.id')
    .where('c.id', caseId)
    .first('v.model');
  const clientName = (s: { id: string; name: string }) => model.nodes[s.id]?.client?.label ?? s.name;
  currentStage = clientName(progress.stages.find((s: { status: string }) => s.status === 'active'));
  doneStage = clientName(progress.stages.find((s: { status: string }) => s.status === 'skipped' || s.status === 'done'));
  const upload = ok(
    await lawyer.upload(
      `/api/v1/cases/${caseId}/documents`,
      [{ name: '起诉状.pdf', data: await makePdf(['民事起诉状', '原告：刘洋', '被告：王强']), type: 'application/pdf' }],
      { category: 'pleadings' },
    ),
    201,
  );
  ok(await lawyer.patch(`/api/v1/documents/${upload.body.items[0].id}`, { clientVisible: true }));
  ok(
    await lawyer.upload(
      `/api/v1/cases/${caseId}/documents`,
      [{ name: '内部办案笔记.pdf', data: await makePdf(['内部']), type: 'application/pdf' }],
      {
        category: 'pleadings',
      },
    ),
    201,
  );
  const event = (e: Record<string, unknown>) =>
    lawyer.post('/api/v1/calendar/events', { caseId, attendeeIds: [liMing], location: null, ...e }).then((r) => ok(r, 201));
  await event({
    kind: 'hearing',
    title: '第一次开庭',
    startsAt: inDays(14).toISOString(),
    endsAt: inDays(14, 4).toISOString(),
    location: '第五法庭',
  });
  await event({
    kind: 'deadline',
    title: '举证期限届满',
    allDay: true,
    startsAt: inDays(7, -8).toISOString(),
    endsAt: inDays(8, -8).toISOString(),
    clientVisible: true,
  });
  await event({ kind: 'meeting', title: '团队内部讨论', startsAt: inDays(3).toISOString(), endsAt: inDays(3, 3).toISOString() });
  // Not shared yet: the lawyer shares it in the browser (the event dialog's switch).
  await event({ kind: 'deadline', title: '缴纳诉讼费', startsAt: inDays(2).toISOString(), endsAt: inDays(2, 3).toISOString() });
  const entry = ok(await lawyer.post('/api/v1/time-entries', { caseId, workDate: today(), minutes: 90, narrative: '起草起诉状' }), 201);
  ok(await partner.post(`/api/v1/time-entries/${entry.body.id}/approve`, {}));
  const line = ok(await finance.get(`/api/v1/cases/${caseId}/invoice-lines`)).body.items.find(
    (l: { invoiceId: string | null }) => !l.invoiceId,
  );
  invoiceId = ok(await finance.post('/api/v1/invoices', { caseId, lineIds: [line.id] }), 201).body.id;
  dueFen = ok(await finance.post(`/api/v1/invoices/${invoiceId}/issue`, {})).body.totalFen;
}, 180_000);
afterAll(() => stack?.close());

async function noOverflow(page: Page, width: number) {
  const scroll = await page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
  );
  expect(scroll).toBeLessThanOrEqual(width);
}

describe('the client portal in the browser', () => {
  it('shows 刘洋 the stepper with the current stage, a shared document to download and preview, and the invoice PDF, at 390 px', async () => {
    const { page, errors } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'client@demo.lexflow', stack.debugLog);
    await page.waitForURL((u) => u.pathname === '/portal');
    const card = page.locator(`[data-test=portal-case-card][data-id="${caseId}"]`);
    await card.locator('[data-test=portal-case-stage]', { hasText: currentStage }).waitFor();
    await noOverflow(page, 390);
    await screenshot(page, 'portal-01-home-zh-390');

    await card.click();
    await page.waitForURL(`**/portal/cases/${caseId}`);
    const stepper = page.locator('[data-test=portal-stepper]');
    await stepper.waitFor();
    expect(await stepper.getAttribute('data-direction')).toBe('vertical');
    await stepper.locator('[data-test=stage-current]', { hasText: currentStage }).waitFor();
    await stepper.locator('[data-test=stage-done]', { hasText: doneStage }).waitFor();
    await page.locator('[data-test=portal-hearings-item]', { hasText: '第一次开庭' }).filter({ hasText: '第五法庭' }).waitFor();
    await page.locator('[data-test=portal-deadlines-item]', { hasText: '举证期限届满' }).waitFor();
    expect(await page.getByText('团队内部讨论').count()).toBe(0);
    expect(await page.getByText('缴纳诉讼费').count()).toBe(0);
    await noOverflow(page, 390);
    await screenshot(page, 'portal-02-case-zh-390');

    await page.locator('[data-test=portal-tab-documents]').click();
    const doc = page.locator('[data-test=portal-document]', { hasText: '起诉状.pdf' });
    await doc.waitFor();
    expect(await page.locator('[data-test=portal-document]').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), doc.locator('[data-test=portal-document-download]').click()]);
    expect(download.suggestedFilename()).toBe('起诉状.pdf');
    const bytes = await download.createReadStream().then(async (s) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await noOverflow(page, 390);
    await screenshot(page, 'portal-03-documents-zh-390');
    await doc.locator('[data-test=portal-document-preview]').click();
    const panel = page.locator('[data-test=doc-preview-panel]');
    await panel.locator('[data-test=preview-name]', { hasText: '起诉状.pdf' }).waitFor();
    await panel.locator('canvas').first().waitFor();
    expect(await panel.locator('[data-test=preview-tab-comments]').count()).toBe(0);
    await screenshot(page, 'portal-04-preview-zh-390');
    await panel.locator('[data-test=preview-close]').click();
    await panel.waitFor({ state: 'detached' });

    await page.locator('[data-test=portal-tab-invoices]').click();
    const invoice = page.locator(`[data-test=portal-invoice][data-id="${invoiceId}"]`);
    await invoice.locator('[data-test=portal-invoice-status]', { hasText: '待付款' }).waitFor();
    await invoice.locator('[data-test=portal-invoice-due]', { hasText: formatFen(dueFen, 'zh-CN') }).waitFor();
    const pdfLink = invoice.locator('[data-test=portal-invoice-pdf]');
    expect(await pdfLink.getAttribute('target')).toBe('_blank');
    const pdf = await page.request.get(`${stack.app.url}${await pdfLink.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await noOverflow(page, 390);
    await screenshot(page, 'portal-05-invoices-zh-390');

    await switchLocale(page, 'en');
    await invoice.locator('[data-test=portal-invoice-status]', { hasText: 'Awaiting payment' }).waitFor();
    await noOverflow(page, 390);
    await screenshot(page, 'portal-06-invoices-en-390');
    await page.locator('[data-test=portal-tab-progress]').click();
    await page.locator('[data-test=portal-hearings]').waitFor();
    await noOverflow(page, 390);
    await screenshot(page, 'portal-07-case-en-390');
    await page.locator('[data-test=portal-tab-documents]').click();
    await doc.waitFor();
    await screenshot(page, 'portal-08-documents-en-390');
    await page.locator('[data-test=portal-back]').click();
    await card.waitFor();
    await noOverflow(page, 390);
    await screenshot(page, 'portal-09-home-en-390');
    expect(errors).toEqual([]);
  }, 180_000);

  it('lets the lawyer show a deadline to the client, and lays the stepper out in a row on a desktop, in both languages', async () => {
    const lawyer = await stack.newPage({ width: 1280, height: 900 });
    await lawyer.page.goto(`${stack.app.url}/login`);
    await signInOk(lawyer.page, 'li.ming@demo.lexflow', stack.debugLog);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(inDays(2));
    await lawyer.page.goto(`${stack.app.url}/calendar?date=${day}&view=agenda`);
    await lawyer.page.locator('[data-test="agenda-缴纳诉讼费"]').click();
    const dialog = lawyer.page.locator('[data-test=event-dialog]');
    const share = dialog.locator('[data-test=event-client-visible] input');
    await share.waitFor();
    expect(await share.isChecked()).toBe(false);
    await share.check();
    await screenshot(lawyer.page, 'portal-00-lawyer-shares-deadline-zh-1280');
    await dialog.locator('[data-test=event-save]').click();
    await dialog.waitFor({ state: 'detached' });
    expect(lawyer.errors).toEqual([]);

    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'client@demo.lexflow', stack.debugLog);
    await page.locator(`[data-test=portal-case-card][data-id="${caseId}"]`).waitFor();
    // The first test left 刘洋's language at English (it is kept with the account).
    await switchLocale(page, 'zh-CN');
    await screenshot(page, 'portal-10-home-zh-1280');
    await page.goto(`${stack.app.url}/portal/cases/${caseId}`);
    const stepper = page.locator('[data-test=portal-stepper]');
    await stepper.locator('[data-test=stage-current]', { hasText: currentStage }).waitFor();
    expect(await stepper.getAttribute('data-direction')).toBe('horizontal');
    await page.locator('[data-test=portal-deadlines-item]', { hasText: '缴纳诉讼费' }).waitFor();
    await noOverflow(page, 1280);
    await screenshot(page, 'portal-11-case-zh-1280');
    await switchLocale(page, 'en');
    await page.getByText('Hearings').first().waitFor();
    await screenshot(page, 'portal-12-case-en-1280');
    await page.locator('[data-test=portal-tab-invoices]').click();
    await page.locator('[data-test=portal-invoice]').waitFor();
    await screenshot(page, 'portal-13-invoices-en-1280');
    // Another client's case (or none) is not there for 刘洋.
    await page.goto(`${stack.app.url}/portal/cases/00000000-0000-4000-8000-000000000000`);
    await page.locator('[data-test=portal-case-missing]').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('is installable: the manifest is served and parsed, the service worker registers, and offline a navigation shows the offline page', async () => {
    const { page } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'client@demo.lexflow', stack.debugLog);
    // A page loaded under /portal (the sign-in page moved there without loading): the worker's scope is its own.
    await page.goto(`${stack.app.url}/portal`);
    await page.locator(`[data-test=portal-case-card][data-id="${caseId}"]`).waitFor();
    type Win = {
      document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
      fetch(u: string): Promise<{ status: number; headers: { get(n: string): string | null }; json(): Promise<unknown> }>;
      navigator: { serviceWorker: { ready: Promise<{ scope: string; active: { state: string } | null }>; controller: unknown } };
    };
    const manifest = await page.evaluate(async () => {
      const w = globalThis as unknown as Win;
      const href = w.document.querySelector('link[rel="manifest"]')?.getAttribute('href');
      const r = await w.fetch(href!);
      const body = (await r.json()) as { icons: Array<{ src: string; sizes: string; purpose: string }> };
      const icons = await Promise.all(
        body.icons.map(async (i) => {
          const f = await w.fetch(i.src);
          return { ...i, status: f.status, type: f.headers.get('content-type') };
        }),
      );
      return { href, status: r.status, type: r.headers.get('content-type'), body, icons };
    });
    expect(manifest).toMatchObject({
      href: '/manifest.webmanifest',
      status: 200,
      body: { name: '律程客户门户', start_url: '/portal', display: 'standalone', theme_color: expect.stringMatching(/^#/) },
    });
    expect(manifest.type).toMatch(/^application\/manifest\+json/);
    expect(manifest.icons.map((i) => [i.sizes, i.purpose, i.status, i.type])).toEqual([
      ['192x192', 'any', 200, 'image/png'],
      ['512x512', 'any', 200, 'image/png'],
      ['512x512', 'maskable', 200, 'image/png'],
    ]);
    const sw = await page.evaluate(async () => {
      const r = await (globalThis as unknown as Win).navigator.serviceWorker.ready;
      return { scope: r.scope, state: r.active?.state };
    });
    expect(sw).toEqual({ scope: `${stack.app.url}/portal`, state: 'activated' });
    // The page the worker keeps; no API answer is among what it caches.
    const cached = await page.evaluate(async () => {
      const c = globalThis as unknown as {
        caches: { keys(): Promise<string[]>; open(k: string): Promise<{ keys(): Promise<Array<{ url: string }>> }> };
      };
      const all: string[] = [];
      for (const k of await c.caches.keys()) for (const r of await (await c.caches.open(k)).keys()) all.push(new URL(r.url).pathname);
      return all.sort();
    });
    expect(cached).toEqual(['/icon-192.png', '/offline.html']);

    await page.context().setOffline(true);
    await page.goto(`${stack.app.url}/portal/cases/${caseId}`);
    await page.locator('[data-test=offline-zh]').waitFor();
    await page.locator('[data-test=offline-en]', { hasText: 'You are offline' }).waitFor();
    await noOverflow(page, 390);
    await screenshot(page, 'portal-14-offline-390');
    await page.context().setOffline(false);
  }, 120_000);
});
