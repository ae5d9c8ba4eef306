import type { Page } from 'playwright-core';
import { extractText } from '../../activities/documents/extract';
import { makePdf } from '../../db/factories/pdf-document';
import { formatFen } from '../../domain/money';
import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale, pick } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The billing UI against the real API (issue 16): li.ming's case has a fixed fee (30 % due on
 * signing), an approved hour of time and an approved rebillable court fee with its receipt; finance
 * builds an invoice from those three draft lines in the browser, issues it, opens the PDF, records a
 * partial payment; the invoice, the case's finance tab and the receivables ageing show what is owed.
 */
let stack: UiStack;
let caseId: string;
let caseNumber: string;
const CLIENT = '上海星河科技有限公司';
const PAID_FEN = 500_000;

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

beforeAll(async () => {
  stack = await startUiStack('billing-ui');
  const [partner, lawyer, finance] = [
    await client('partner@demo.lexflow'),
    await client('li.ming@demo.lexflow'),
    await client('finance@demo.lexflow'),
  ];
  const users = await stack.tdb.db('users').select('id', 'email');
  const liMing = users.find((u) => u.email === 'li.ming@demo.lexflow')!.id as string;
  const clientId = (await stack.tdb.db('clients').where({ name: CLIENT }).first()).id as string;
  const created = ok(
    await partner.post('/api/v1/cases', {
      title: '星河科技诉蓝海软件服务合同纠纷',
      clientId,
      practiceArea: 'civil',
      caseType: 'first_instance',
      court: '上海市浦东新区人民法院',
      leadLawyerId: liMing,
    }),
    201,
  );
  caseId = created.body.id;
  caseNumber = created.body.number;
  // The second instalment is tied to a stage of the case's template: wait for the run's stages.
  let stages: Array<{ id: string }> = [];
  for (let i = 0; i < 40 && !stages.length; i++) {
    const p = await lawyer.get(`/api/v1/cases/${caseId}/progress`);
    stages = p.status === 200 ? (p.body.stages ?? []) : [];
    if (!stages.length) await new Promise((r) => setTimeout(r, 500));
  }
  expect(stages.length).toBeGreaterThan(1);
  ok(
    await lawyer.put(`/api/v1/cases/${caseId}/fee-arrangement`, {
      components: [
        {
          kind: 'fixed',
          amountFen: 3_000_000,
          instalments: [
            { label: '签约时支付', percentBp: 3000, stageId: null },
            { label: '判决后支付', percentBp: 7000, stageId: stages[stages.length - 1].id },
          ],
        },
      ],
    }),
  );
  const entry = ok(await lawyer.post('/api/v1/time-entries', { caseId, workDate: today(), minutes: 60, narrative: '起草起诉状' }), 201);
  ok(await partner.post(`/api/v1/time-entries/${entry.body.id}/approve`, {}));
  const receipt = ok(
    await lawyer.upload(
      `/api/v1/cases/${caseId}/documents`,
      [{ name: '诉讼费收据.pdf', data: await makePdf(['诉讼费收据', '金额：人民币贰仟壹佰捌拾元整']), type: 'application/pdf' }],
      { category: 'finance' },
    ),
    201,
  );
  const expense = ok(
    await lawyer.post(`/api/v1/cases/${caseId}/expenses`, {
      category: 'court_fee',
      amountFen: 218_000,
      spentOn: today(),
      paidBy: 'firm',
      receiptDocumentId: receipt.body.items[0].id,
      rebillable: true,
    }),
    201,
  );
  ok(await finance.post(`/api/v1/expenses/${expense.body.id}/approve`, {}));
}, 120_000);
afterAll(() => stack?.close());

async function pickCase(page: Page, field: string, number: string) {
  await page.locator(`[data-test=${field}] input`).fill(number);
  await pick(page.locator('.v-overlay .v-list-item', { hasText: number }).first());
}

describe('invoicing a case in the browser', () => {
  it('builds, issues, prints and part-pays an invoice; the case and the ageing show what is owed', async () => {
    const finance = await client('finance@demo.lexflow');
    const drafts = ok(await finance.get(`/api/v1/cases/${caseId}/invoice-lines`)).body.items as Array<{
      source: string;
      amountFen: number;
    }>;
    expect(drafts.map((l) => l.source).sort()).toEqual(['expense', 'instalment', 'time_entry']);
    const totalFen = drafts.reduce((s, l) => s + l.amountFen, 0);
    const owedFen = totalFen - PAID_FEN;

    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'finance@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/billing`);
    await page.locator('[data-test=invoice-list]').waitFor();
    await page.locator('[data-test=new-invoice]').click();
    await pickCase(page, 'new-invoice-case', caseNumber);
    for (const source of ['instalment', 'time_entry', 'expense']) await page.locator(`[data-test=pick-line-${source}] input`).check();
    await page.locator('[data-test=new-invoice-total]', { hasText: formatFen(totalFen, 'zh-CN') }).waitFor();
    await screenshot(page, 'billing-01-new-invoice-zh-1280');
    await page.locator('[data-test=new-invoice-create]').click();

    const detail = page.locator('[data-test=invoice-detail]');
    await detail.locator('[data-test=invoice-total]', { hasText: formatFen(totalFen, 'zh-CN') }).waitFor();
    await detail.locator('[data-test=invoice-issue]').click();
    await detail.locator('[data-test=invoice-status]', { hasText: '已开具' }).waitFor();
    const issued = ok(await finance.get(`/api/v1/invoices?caseId=${caseId}`)).body.items[0];
    expect(issued.number).toBeTruthy();
    await detail.locator('[data-test=invoice-title]', { hasText: issued.number }).waitFor();
    await screenshot(page, 'billing-02-issued-zh-1280');

    // The PDF link opens the server's bill in a new tab: read it back as the browser would fetch it.
    const pdfLink = detail.locator('[data-test=invoice-pdf]');
    expect(await pdfLink.getAttribute('target')).toBe('_blank');
    const pdf = await page.request.get(`${stack.app.url}${await pdfLink.getAttribute('href')}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    const text = await extractText(await pdf.body(), 'application/pdf');
    const all = text.pages.map((p) => p.text).join('\n');
    expect(all).toContain(CLIENT);
    expect(all.replace(/\s/g, '')).toContain(formatFen(totalFen, 'zh-CN').replace('¥', ''));

    await detail.locator('[data-test=invoice-pay]').click();
    await page.locator('[data-test=payment-amount] input').fill('5000');
    await page.locator('[data-test=payment-save]').click();
    await detail.locator('[data-test=invoice-status]', { hasText: '部分付款' }).waitFor();
    await detail.locator('[data-test=invoice-outstanding]', { hasText: formatFen(owedFen, 'zh-CN') }).waitFor();
    await screenshot(page, 'billing-03-part-paid-zh-1280');
    await detail.locator('[data-test=invoice-close]').click();

    await page.goto(`${stack.app.url}/cases/${caseId}`);
    await page.locator('[data-test=tab-finance]').click();
    await page.locator('[data-test=figure-outstanding]', { hasText: formatFen(owedFen, 'zh-CN') }).waitFor();
    await screenshot(page, 'billing-04-case-finance-zh-1280');

    await page.goto(`${stack.app.url}/billing`);
    await page.locator('[data-test=tab-receivables]').click();
    await page.locator('[data-test=bucket-0-30] [data-test=bucket-amount]', { hasText: formatFen(owedFen, 'zh-CN') }).waitFor();
    await screenshot(page, 'billing-05-ageing-zh-1280');
    expect(await page.locator('[data-test=ageing-xlsx]').getAttribute('href')).toBe('/api/v1/reports/receivables-ageing.xlsx?lang=zh-CN');
    const sheet = await page.request.get(`${stack.app.url}/api/v1/reports/receivables-ageing.csv?lang=zh-CN`);
    expect(await sheet.text()).toContain(`"逾期 0-30 天","1","${(owedFen / 100).toFixed(2)}"`);
    // The lead's billing and collection this month, in the revenue report (from the rollup).
    await page.locator('[data-test=tab-revenue]').click();
    const leadRow = page.locator('[data-test=revenue-table] tr', { hasText: '李明' });
    await leadRow
      .filter({ hasText: formatFen(totalFen, 'zh-CN') })
      .filter({ hasText: formatFen(5_000_00, 'zh-CN') })
      .waitFor();
    await page.locator('[data-test=revenue-chart] canvas').waitFor();
    expect(await page.locator('[data-test=revenue-xlsx]').getAttribute('href')).toMatch(/lawyer-revenue\.xlsx\?/);
    await screenshot(page, 'billing-05b-revenue-zh-1280');
    // Finance keeps the firm's invoice settings: the issuer's taxpayer ID, printed on later bills.
    await page.locator('[data-test=tab-settings]').click();
    await page.locator('[data-test=settings-tax-id] input').fill('91110105MA01E2E00X');
    await page.locator('[data-test=settings-save]').click();
    await page.getByText('开票设置已保存').waitFor();
    expect((await finance.get('/api/v1/billing/settings')).body.issuer.taxId).toBe('91110105MA01E2E00X');
    await screenshot(page, 'billing-05c-settings-zh-1280');

    // The same screens on a phone, in English.
    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'finance@demo.lexflow', stack.debugLog);
    await phone.page.goto(`${stack.app.url}/billing`);
    await switchLocale(phone.page, 'en');
    await phone.page.locator(`[data-test="invoice-row-${issued.number}"]`, { hasText: 'Partly paid' }).waitFor();
    await screenshot(phone.page, 'billing-06-list-en-390');
    await phone.page.locator(`[data-test="invoice-row-${issued.number}"]`).click();
    await phone.page.locator('[data-test=invoice-outstanding]', { hasText: formatFen(owedFen, 'en') }).waitFor();
    await screenshot(phone.page, 'billing-07-detail-en-390');
    await phone.page.locator('[data-test=invoice-close]').click();
    await phone.page.locator('[data-test=tab-receivables]').click();
    await phone.page.locator('[data-test=bucket-0-30]').waitFor();
    await screenshot(phone.page, 'billing-08-ageing-en-390');
    await phone.page.locator('[data-test=tab-revenue]').click();
    await phone.page.locator('[data-test=revenue-table] tr', { hasText: formatFen(totalFen, 'en') }).waitFor();
    await screenshot(phone.page, 'billing-08b-revenue-en-390');
    await phone.page.goto(`${stack.app.url}/cases/${caseId}`);
    await phone.page.locator('[data-test=tab-finance]').click();
    await phone.page.locator('[data-test=figure-outstanding]', { hasText: formatFen(owedFen, 'en') }).waitFor();
    await screenshot(phone.page, 'billing-09-case-finance-en-390');
    expect([...errors, ...phone.errors]).toEqual([]);
  }, 180_000);
});
