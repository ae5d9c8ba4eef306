import { HttpClient } from '../helpers/app';
import { pick, screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Privacy in the browser (issue 18, item 2): 李明 sees his client's 身份证号 masked, reveals it with
 * the eye button (shown, then masked again when hidden); 王建国 (partner) opens the audit log,
 * filters by that client and reads the sentence of the reveal — desktop zh-CN, phone (390 px) en.
 */
let stack: UiStack;
let clientId: string;
const ID = '110101199003071234';
const MASK = '1101**********1234';

beforeAll(async () => {
  stack = await startUiStack('audit-privacy-ui');
  const lawyer = new HttpClient(stack.app.url);
  expect((await lawyer.login('li.ming@demo.lexflow')).status).toBe(200);
  const c = await lawyer.post('/api/v1/clients', { kind: 'person', name: '周慧敏', idNumber: ID, phone: '139 0000 0001' });
  expect(c.status).toBe(201);
  clientId = c.body.id;
}, 120_000);
afterAll(() => stack?.close());

describe('masked identity numbers and the audit log', () => {
  it('a lawyer reveals a client’s 身份证号; the partner finds the reveal in the audit log (1280 zh-CN, 390 en)', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/clients/${clientId}`);
    const value = page.locator('[data-test=id-number-value]');
    await value.getByText(MASK).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(ID);
    await page.locator('[data-test=id-number-reveal]').click();
    await value.getByText(ID).waitFor();
    await screenshot(page, 'audit-privacy-01-revealed-zh-1280');
    await page.locator('[data-test=id-number-reveal]').click();
    await value.getByText(MASK).waitFor();

    // Editing without touching the number keeps it.
    await page.locator('[data-test=client-edit]').click();
    const dialog = page.locator('[data-test=client-dialog]');
    expect(await dialog.locator('[data-test=client-id-number] input').inputValue()).toBe(MASK);
    await dialog.locator('[data-test=client-save]').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await stack.tdb.db('clients').where({ id: clientId }).first('id_number')).id_number).toBe(ID);
    expect(errors).toEqual([]);

    const partner = await stack.newPage({ width: 1280, height: 900 });
    await partner.page.goto(`${stack.app.url}/login`);
    await signInOk(partner.page, 'partner@demo.lexflow', stack.debugLog);
    await partner.page.locator('[data-test=nav-audit]').click();
    await partner.page.locator('[data-test=audit-table] tbody tr').first().waitFor();
    await partner.page.locator('[data-test=audit-subject] input').fill('周慧敏');
    await pick(partner.page.locator('.v-overlay .v-list-item', { hasText: '周慧敏' }).first());
    const table = partner.page.locator('[data-test=audit-table]');
    await table.locator('[data-test=audit-sentence]', { hasText: '李明 查看了客户 周慧敏 的完整证件号码' }).waitFor();
    const text = await table.innerText();
    expect(text).toContain('李明 查看了客户 周慧敏');
    expect(text).toContain('李明 新建了客户 周慧敏');
    expect(text).not.toMatch(/\/api\/v1|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toContain(ID);
    await screenshot(partner.page, 'audit-privacy-02-audit-log-zh-1280');
    const download = partner.page.waitForEvent('download');
    await partner.page.locator('[data-test=audit-export]').click();
    const csv = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of csv) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain('李明 查看了客户 周慧敏 的完整证件号码');
    expect(partner.errors).toEqual([]);

    // The phone, in English: cards, the same filter from the client page's "activity log" link.
    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'partner@demo.lexflow', stack.debugLog);
    await switchLocale(phone.page, 'en');
    await phone.page.goto(`${stack.app.url}/clients/${clientId}`);
    await phone.page.locator('[data-test=id-number-value]').getByText(MASK).waitFor();
    await screenshot(phone.page, 'audit-privacy-03-client-en-390');
    await phone.page.locator('[data-test=audit-link]').click();
    await phone.page.waitForURL(/\/audit\?/);
    const card = phone.page.locator('[data-test=audit-row]', { hasText: 'revealed the full ID number of the client 周慧敏' }).first();
    await card.waitFor();
    expect(await card.innerText()).toContain('李明 revealed the full ID number of the client 周慧敏');
    const width = await phone.page.locator('html').evaluate((el) => el.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'audit-privacy-04-audit-log-en-390');
    expect(phone.errors).toEqual([]);
  }, 240_000);

  it('the case page answers "who looked at this file" for the partner, not for the lawyer (1280 zh-CN, 390 en)', async () => {
    const lawyer = new HttpClient(stack.app.url);
    await lawyer.login('li.ming@demo.lexflow');
    const me = (await lawyer.get('/api/v1/auth/me')).body.id as string;
    const c = await lawyer.post('/api/v1/cases', {
      title: '周慧敏诉南京信达建设有限公司股权转让纠纷',
      clientId,
      practiceArea: 'civil',
      caseType: 'first_instance',
      causeOfAction: '股权转让纠纷',
      leadLawyerId: me,
      parties: [{ role: 'opposing', kind: 'organisation', name: '南京信达建设有限公司' }],
    });
    expect(c.status).toBe(201);
    const caseId = c.body.id as string;
    expect((await lawyer.get(`/api/v1/cases/${caseId}`)).status).toBe(200);

    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/cases/${caseId}`);
    await page.locator('[data-test=tab-team]').click();
    await page.locator('[data-test=team]').waitFor();
    expect(await page.locator('[data-test=case-viewers]').count()).toBe(0);
    expect(errors).toEqual([]);

    const partner = await stack.newPage({ width: 1280, height: 900 });
    await partner.page.goto(`${stack.app.url}/login`);
    await signInOk(partner.page, 'partner@demo.lexflow', stack.debugLog);
    // The first test left the partner in English (the language is the user's own setting).
    await switchLocale(partner.page, 'zh-CN');
    await partner.page.goto(`${stack.app.url}/cases/${caseId}`);
    await partner.page.locator('[data-test=tab-team]').click();
    const viewers = partner.page.locator('[data-test=case-viewers]');
    await viewers.locator('[data-test=case-viewer]', { hasText: '李明' }).waitFor();
    // The partner's own opening of the page is a viewing too.
    await partner.page.reload();
    await partner.page.locator('[data-test=tab-team]').click();
    await viewers.locator('[data-test=case-viewer]', { hasText: '王建国' }).waitFor();
    await viewers
      .locator('[data-test=case-viewer]', { hasText: '李明' })
      .getByText(/律师 · 查看 \d+ 次/)
      .waitFor();
    await screenshot(partner.page, 'audit-privacy-05-case-viewers-zh-1280');
    expect(partner.errors).toEqual([]);

    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'partner@demo.lexflow', stack.debugLog);
    await switchLocale(phone.page, 'en');
    await phone.page.goto(`${stack.app.url}/cases/${caseId}`);
    await phone.page.locator('[data-test=tab-team]').click();
    await phone.page.locator('[data-test=case-viewers]').getByText('Who has viewed this case').waitFor();
    expect(await phone.page.locator('[data-test=case-viewers]').innerText()).toMatch(/Lawyer · viewed (once|\d+ times)/);
    expect(await phone.page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone.page, 'audit-privacy-06-case-viewers-en-390');
    expect(phone.errors).toEqual([]);
  }, 240_000);
});
