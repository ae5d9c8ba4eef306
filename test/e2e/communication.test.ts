import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The staff side of client communication in the browser against the real API (issue 17): the
 * client (刘洋, portal API) writes on the case's thread; 李明 asks for documents in the 沟通 tab, the
 * client uploads one through the portal API, 李明 previews and accepts it (filed in 证据材料),
 * replies to the message (the client sees the reply and the team's read receipt), and logs a call
 * with a follow-up task and a time entry, found again by a Chinese word. Desktop zh-CN and 390 px en.
 */
let stack: UiStack;
let caseId: string;
let portal: HttpClient;
let lawyer: HttpClient;
let clientId: string;

const ok = <T extends { status: number; body: unknown }>(r: T, status = 200): T => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

beforeAll(async () => {
  stack = await startUiStack('communication-ui');
  lawyer = new HttpClient(stack.app.url);
  expect((await lawyer.login('li.ming@demo.lexflow')).status).toBe(200);
  portal = new HttpClient(stack.app.url);
  expect((await portal.login('client@demo.lexflow')).status).toBe(200);
  const users = await stack.tdb.db('users').select('id', 'email');
  const liMing = users.find((u) => u.email === 'li.ming@demo.lexflow')!.id as string;
  // The demo portal user acts for the demo client 刘洋.
  clientId = (await stack.tdb.db('clients').where({ name: '刘洋' }).first()).id as string;
  caseId = ok(
    await lawyer.post('/api/v1/cases', {
      title: '刘洋诉赵强民间借贷纠纷',
      clientId,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: liMing,
      parties: [{ role: 'opposing', kind: 'person', name: '赵强' }],
    }),
    201,
  ).body.id;
  ok(await portal.post(`/api/v1/portal/cases/${caseId}/messages`, { body: '律师您好，借条原件在我这里，需要什么时候交给您？' }), 201);
}, 120_000);
afterAll(() => stack?.close());

describe('the case communication tab', () => {
  it('asks for documents, accepts the client\u2019s upload, replies, and logs a call with a task and time', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/cases/${caseId}`);
    await page.locator('[data-test=tab-communication]').click();
    const thread = page.locator('[data-test=message-thread]');
    await thread.locator('[data-test=message-body]', { hasText: '借条原件在我这里' }).waitFor();

    // 请客户提供材料
    await page.locator('[data-test=ask-documents]').click();
    const dialog = page.locator('[data-test=request-dialog]');
    await dialog.locator('[data-test=request-title] input').fill('借款证据');
    await dialog.locator('[data-test=request-item-0] input').fill('身份证复印件');
    await dialog.locator('[data-test=request-add-item]').click();
    await dialog.locator('[data-test=request-item-1] input').fill('借条原件照片');
    await screenshot(page, 'communication-01-ask-zh-1280');
    await dialog.locator('[data-test=request-save]').click();
    await page.locator('[data-test=case-requests]').getByText('借条原件照片').waitFor();
    const requests = ok(await lawyer.get(`/api/v1/cases/${caseId}/document-requests`)).body.items;
    expect(requests.map((r: { title: string; items: string[] }) => [r.title, r.items])).toEqual([
      ['借款证据', ['身份证复印件', '借条原件照片']],
    ]);

    // The client uploads through the portal; the lawyer previews and accepts it.
    const upload = ok(
      await portal.upload(`/api/v1/portal/document-requests/${requests[0].id}/files`, [{ name: '借条照片.pdf', data: pdf('借条') }]),
      201,
    );
    const fileId = upload.body.request.uploads[0].id as string;
    await page.reload();
    await page.locator('[data-test=tab-communication]').click();
    const pending = page.locator(`[data-test=pending-${fileId}]`);
    await pending.waitFor();
    await screenshot(page, 'communication-02-pending-zh-1280');
    await pending.locator('[data-test=pending-preview]').click();
    const preview = page.locator('[data-test=doc-preview-panel]');
    await preview.locator('[data-test=preview-name]', { hasText: '借条照片.pdf' }).waitFor();
    await screenshot(page, 'communication-02b-preview-zh-1280');
    await preview.locator('[data-test=preview-close]').click();
    await preview.waitFor({ state: 'detached' });
    await pending.locator('[data-test=pending-accept]').click();
    await page.locator('[data-test=no-pending]').waitFor();
    await page.locator(`[data-test=request-${requests[0].id}] [data-test=request-status]`, { hasText: '已完成' }).waitFor();
    const doc = ok(await lawyer.get(`/api/v1/documents/${fileId}`)).body;
    expect(doc.category).toBe('evidence');

    // Reply: the client sees it, and the team's read receipt on their message.
    await thread.locator('[data-test=message-draft] textarea').fill('请在下周一前将借条原件送到律所，我们当面核对。');
    await thread.locator('[data-test=message-send]').click();
    await thread.locator('[data-test=message-body]', { hasText: '下周一前' }).waitFor();
    const mine = ok(await portal.get(`/api/v1/portal/cases/${caseId}/messages`)).body.items;
    expect(mine.map((m: { body: string }) => m.body)).toEqual([
      '律师您好，借条原件在我这里，需要什么时候交给您？',
      '请在下周一前将借条原件送到律所，我们当面核对。',
    ]);
    expect(mine[0].readByTeamAt).not.toBeNull();
    ok(await portal.post(`/api/v1/portal/cases/${caseId}/messages/read`));
    await page.reload();
    await page.locator('[data-test=tab-communication]').click();
    await thread.locator('[data-test=read-receipt]', { hasText: '客户已读' }).waitFor();

    // A call into the log, with a follow-up task and a time entry.
    const log = page.locator('[data-test=communication-log]');
    await log.locator('[data-test=log-add]').click();
    const add = page.locator('[data-test=communication-dialog]');
    await add.locator('[data-test=log-participants] input').fill('李明、刘洋');
    await add.locator('[data-test=log-duration] input').fill('20');
    await add.locator('[data-test=log-summary] textarea').fill('电话确认借条原件下周一交付，客户补充说明转账记录在微信中');
    await add.locator('[data-test=log-follow-up] input').check();
    await add.locator('[data-test=log-follow-up-title] input').fill('核对借条原件');
    await add.locator('[data-test=log-time-entry] input').check();
    await screenshot(page, 'communication-03-log-dialog-zh-1280');
    await add.locator('[data-test=log-save]').click();
    await log.locator('[data-test=log-summary-text]', { hasText: '转账记录' }).waitFor();
    const entries = ok(await lawyer.get(`/api/v1/cases/${caseId}/communications?kind=phone`)).body.items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ durationMinutes: 20, participants: '李明、刘洋' });
    expect(entries[0].followUpTaskId).toBeTruthy();
    expect(entries[0].timeEntryId).toBeTruthy();
    // Searching the log in Chinese.
    await log.locator('[data-test=log-search] input').fill('转账');
    await log.locator('[data-test=log-search] input').press('Enter');
    // The search has answered once the messages (which do not mention it) are gone from the list.
    await log.locator('[data-test=log-summary-text]', { hasText: '借条原件在我这里' }).waitFor({ state: 'detached' });
    expect(await log.locator('[data-test=log-items] .v-list-item').count()).toBe(1);
    await screenshot(page, 'communication-04-tab-zh-1280');

    // The client profile shows the same log, across the client's cases.
    await page.goto(`${stack.app.url}/clients/${clientId}`);
    await page.locator('[data-test=tab-communications]').click();
    const profileLog = page.locator('[data-test=communication-log]');
    await profileLog.locator('[data-test=log-summary-text]', { hasText: '转账记录' }).waitFor();
    expect(await profileLog.locator('[data-test=log-items] .v-list-item').count()).toBe(3);
    await screenshot(page, 'communication-04b-client-log-zh-1280');

    // The same tab on a phone, in English.
    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'li.ming@demo.lexflow', stack.debugLog);
    await phone.page.goto(`${stack.app.url}/cases/${caseId}`);
    await switchLocale(phone.page, 'en');
    await phone.page.locator('[data-test=tab-communication]').click();
    await phone.page.locator('[data-test=read-receipt]', { hasText: 'Read by the client' }).waitFor();
    await screenshot(phone.page, 'communication-05-thread-en-390');
    await phone.page.locator('[data-test=case-requests]').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'communication-06-requests-en-390');
    await phone.page.locator('[data-test=communication-log]').scrollIntoViewIfNeeded();
    await phone.page.locator('[data-test=log-summary-text]').first().waitFor();
    await screenshot(phone.page, 'communication-07-log-en-390');
    await phone.page.locator('[data-test=log-add]').click();
    await phone.page.locator('[data-test=communication-dialog]').waitFor();
    await screenshot(phone.page, 'communication-08-log-dialog-en-390');
    const width = await phone.page.locator('html').evaluate((el) => el.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect([...errors, ...phone.errors]).toEqual([]);
  }, 240_000);
});
