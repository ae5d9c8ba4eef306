import type { Page } from 'playwright-core';
import { screenshot, pick } from '../helpers/browser';
import { chineseLegalText, makePdf } from '../helpers/document-fixtures';
import { openDocumentsTab as openTab, partnerCase, previewPanel } from '../helpers/documents-ui';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The documents UI's search and generation against the real API (issue 15, items 4, 6, 7): a PDF
 * whose page 2 alone holds a rare word is uploaded on a case and, once the worker's indexer has
 * read it, found by that word in the 文档 section — highlighted passage, a chip for page 2 that
 * opens the preview scrolled to page 2, filters that narrow it away and an empty state that clears
 * them; then a 授权委托书 is generated from the case's template form (required fields checked
 * first) and opens in the preview with the client's name. Desktop and phone, Chinese and English.
 */
let stack: UiStack;
let caseId: string;
const WORD = '鹦鹉螺号货轮';
const CLIENT = '上海星河科技有限公司';
const PDF_NAME = '海运提单及往来函件.pdf';

beforeAll(async () => {
  stack = await startUiStack('documents-generate-ui');
  caseId = await partnerCase(stack, { title: '星河科技诉远洋物流海上货物运输合同纠纷', court: '上海海事法院' });
}, 90_000);
afterAll(() => stack?.close());

const panel = previewPanel;

const openDocumentsTab = (page: Page) => openTab(page, stack, caseId);

/** How far page `n`'s top is below the top of the panel's scroller (px): near 0 when the panel shows that page. */
async function pageOffset(page: Page, n: number): Promise<number> {
  return panel(page)
    .locator(`[data-test=pdf-page-${n}]`)
    .evaluate((el) => el.getBoundingClientRect().top - el.closest('[data-scroll]')!.getBoundingClientRect().top);
}

/** Waits until the worker's indexer has read the current version's text (it runs every 300 ms in the UI stack). */
async function waitIndexed(name: string) {
  for (let i = 0; i < 100; i++) {
    const row = await stack.tdb
      .db('documents as d')
      .join('document_versions as v', function () {
        this.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version');
      })
      .where({ 'd.case_id': caseId, 'd.name': name })
      .first('v.text_status');
    if (row?.text_status === 'text') return;
    if (row && row.text_status !== 'pending') throw new Error(`${name} was indexed as ${row.text_status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not indexed within 20 s`);
}

/** Waits until page `n` is at the top of the panel (within a few pixels), failing with where it stayed. */
async function waitPageAtTop(page: Page, n: number) {
  let offset = NaN;
  for (let i = 0; i < 50; i++) {
    offset = await pageOffset(page, n);
    if (Math.abs(offset) < 40) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`page ${n} stayed ${offset} px from the top of the preview`);
}

/** Types words in the 文档 search and waits for the list that answers them (not the recent documents shown before). */
async function search(page: Page, words: string) {
  await page.locator('[data-test=doc-search] input').fill(words);
  await page.locator(`[data-test=search-heading][data-answered="${words}"]`).waitFor();
}

/** Switches the language and, when it changed, waits until it is saved as the user's (a reload would bring back the old one). */
async function setLocale(page: Page, locale: 'zh-CN' | 'en') {
  // The switch names the language shown (<html lang> is not reliable: a reload leaves index.html's).
  if ((await page.locator('[data-test=locale-switch]').innerText()).trim() === (locale === 'en' ? 'English' : '简体中文')) return;
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/auth/me'));
  await page.locator('[data-test=locale-switch]').click();
  await pick(page.locator(`[data-test=locale-${locale}]`));
  expect((await saved).status()).toBe(200);
}

async function pickField(page: Page, field: string, option: string) {
  await page.locator(`[data-test=gen-field-${field}] .v-field`).click();
  await pick(page.locator('.v-overlay--active .v-list-item', { hasText: option }));
}

describe('documents: search and generation in the browser', () => {
  it('finds a PDF by a Chinese word on its page 2, opens the preview at that page, and filters', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 800 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await openDocumentsTab(page);
    const pdf = await makePdf(chineseLegalText(15, 3, { plant: [{ page: 2, word: WORD }] }));
    await page.locator('[data-test=upload-input]').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: pdf });
    await page.locator(`[data-test="doc-${PDF_NAME}"]`).waitFor();
    await waitIndexed(PDF_NAME);

    await page.locator('[data-test=nav-documents]').click();
    await page.locator('[data-test=document-search]').waitFor();
    await search(page, WORD);
    const hit = page.locator(`[data-test="hit-${PDF_NAME}"]`);
    await hit.waitFor();
    await page.locator('[data-test=document-search]', { hasText: '找到 1 个文档' }).waitFor();
    // The passage is from page 2 and the word in it is marked (jieba may cut it in parts: together they are the word).
    const marked = (await hit.locator('[data-test=hit-snippet] mark').allInnerTexts()).join('');
    expect(marked).toContain(WORD);
    expect(await hit.locator('[data-test=hit-snippet]').innerText()).toContain(`另查明，${WORD}与本案有关`);
    expect(await hit.locator('[data-test^=hit-page-]').allInnerTexts()).toEqual(['第 2 页']);
    await screenshot(page, 'documents-search-01-hit-zh-1280');

    await hit.locator('[data-test=hit-page-2]').click();
    await panel(page).locator('[data-test=pdf-page-2] canvas').waitFor();
    await waitPageAtTop(page, 2);
    expect(await pageOffset(page, 1)).toBeLessThan(-200);
    expect(await panel(page).locator('[data-target]').getAttribute('data-test')).toBe('pdf-page-2');
    await screenshot(page, 'documents-search-02-page2-zh-1280');
    await panel(page).locator('[data-test=preview-close]').click();

    // Filters narrow the answer: a PDF is no Word document; the empty state offers to clear them.
    await page.locator('[data-test=doc-type-filter] .v-field').click();
    await pick(page.locator('.v-overlay--active .v-list-item', { hasText: 'Word 文档' }));
    await page.locator('[data-test=search-empty]', { hasText: '没有符合这些筛选条件的文档' }).waitFor();
    expect(await hit.count()).toBe(0);
    await screenshot(page, 'documents-search-03-filtered-empty-zh-1280');
    await page.locator('[data-test=search-clear-filters]').click();
    await hit.waitFor();
    await search(page, '这个词不在任何文档里的鲸鱼座');
    await page.locator('[data-test=search-empty]', { hasText: '没有找到匹配的文档' }).waitFor();

    // English, then a phone.
    await setLocale(page, 'en');
    await search(page, WORD);
    expect(await hit.locator('[data-test=hit-page-2]').innerText()).toBe('Page 2');
    await screenshot(page, 'documents-search-04-hit-en-1280');
    expect(errors).toEqual([]);

    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'partner@demo.lexflow', stack.debugLog);
    await phone.page.goto(`${stack.app.url}/documents`);
    await search(phone.page, WORD); // in English: the language chosen above is the user's
    await screenshot(phone.page, 'documents-search-05-hit-en-390');
    await setLocale(phone.page, 'zh-CN');
    await phone.page.locator(`[data-test="hit-${PDF_NAME}"] [data-test=hit-page-2]`, { hasText: '第 2 页' }).click();
    await panel(phone.page).locator('[data-test=pdf-page-2] canvas').waitFor();
    await waitPageAtTop(phone.page, 2);
    await screenshot(phone.page, 'documents-search-06-page2-zh-390');
    expect(phone.errors).toEqual([]);
  }, 120_000);

  it('generates a 授权委托书 from the template form and opens it in the preview', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 800 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await setLocale(page, 'zh-CN'); // the language is kept per user: the test before may have left English
    await openDocumentsTab(page);
    await page.locator('[data-test=generate-open]').click();
    await page.locator('[data-test=template-power-of-attorney]', { hasText: '授权委托书' }).waitFor();
    await screenshot(page, 'documents-generate-01-templates-zh-1280');
    await page.locator('[data-test=template-power-of-attorney]').click();

    // Nothing filled: the required fields say so, and nothing is sent.
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/documents/generate') && posts++);
    await page.locator('[data-test=generate-submit]').click();
    await page.locator('[data-test=gen-field-term]', { hasText: '此项为必填项' }).waitFor();
    await page.locator('[data-test=gen-field-instance]', { hasText: '此项为必填项' }).waitFor();
    expect(posts).toBe(0);
    await screenshot(page, 'documents-generate-02-required-zh-1280');

    await pickField(page, 'instance', '一审');
    await pickField(page, 'powers', '特别授权');
    await page.locator('[data-test=gen-field-term] input').fill('自本委托书签署之日起至本案一审终结');
    await screenshot(page, 'documents-generate-03-filled-zh-1280');
    await page.locator('[data-test=generate-submit]').click();

    await panel(page).locator('[data-test=docx-view] article', { hasText: '授权委托书' }).waitFor();
    await panel(page).locator('[data-test=docx-view] article', { hasText: CLIENT }).waitFor();
    await panel(page).locator('[data-test=docx-view] article', { hasText: '代理人的代理权限为：特别授权' }).waitFor();
    expect(posts).toBe(1);
    const generated = await stack.tdb.db('documents').where({ case_id: caseId, source: 'generated' });
    expect(generated).toHaveLength(1);
    expect(generated[0].category_key).toBe('pleadings');
    expect(await panel(page).locator('[data-test=preview-name]').innerText()).toBe(generated[0].name);
    await screenshot(page, 'documents-generate-04-preview-zh-1280');
    await panel(page).locator('[data-test=preview-close]').click();
    await page.locator(`[data-test="doc-${generated[0].name}"]`).waitFor();
    expect(errors).toEqual([]);

    // A phone in English: the dialog takes the screen, labels and options in English.
    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'partner@demo.lexflow', stack.debugLog);
    await setLocale(phone.page, 'en');
    await openDocumentsTab(phone.page);
    await phone.page.locator('[data-test=generate-open]', { hasText: 'Generate from template' }).click();
    await phone.page.locator('[data-test=template-power-of-attorney]', { hasText: 'Power of attorney' }).click();
    await screenshot(phone.page, 'documents-generate-05-form-en-390');
    await pickField(phone.page, 'instance', 'Second instance');
    await pickField(phone.page, 'powers', 'General authority');
    await phone.page.locator('[data-test=generate-submit]').click();
    await phone.page.locator('[data-test=gen-field-term]', { hasText: 'This field is required' }).waitFor();
    await phone.page.locator('[data-test=gen-field-term] input').fill('至本案二审终结');
    await screenshot(phone.page, 'documents-generate-06-filled-en-390');
    await phone.page.locator('[data-test=generate-submit]').click();
    await panel(phone.page).locator('[data-test=docx-view] article', { hasText: '代理人的代理权限为：一般代理' }).waitFor();
    expect(Math.round((await panel(phone.page).boundingBox())!.width)).toBe(390);
    await screenshot(phone.page, 'documents-generate-07-preview-en-390');
    expect(await stack.tdb.db('documents').where({ case_id: caseId, source: 'generated' }).count({ n: '*' })).toEqual([{ n: '2' }]);
    expect(phone.errors).toEqual([]);
  }, 120_000);

  it('fills a 要素式 complaint: money typed in yuan reaches the document as the amount, list rows added and removed', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 800 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await setLocale(page, 'en');
    await openDocumentsTab(page);
    await page.locator('[data-test=generate-open]').click();
    await page.locator('[data-test=template-complaint-elements-sale]').click();
    const principal = page.locator('[data-test=gen-field-principal]');
    await principal.locator('input').fill('12万');
    await pickField(page, 'basis', 'The contract and the law');
    await page
      .locator('[data-test=gen-field-contractSigning] textarea')
      .first()
      .fill('《设备买卖合同》，编号XH-2025-018，2025年3月1日于上海签订');
    await page.locator('[data-test=gen-field-goods] textarea').first().fill('服务器机柜 20 台，单价人民币 6,000 元');
    const evidence = page.locator('[data-test=gen-field-evidence]');
    await evidence.locator('[data-test=gen-row-0] input').fill('《设备买卖合同》原件，证明双方买卖关系');
    await evidence.locator('[data-test=gen-row-add]').click();
    await evidence.locator('[data-test=gen-row-1] input').fill('误填的一行');
    await evidence.locator('[data-test=gen-row-add]').click();
    await evidence.locator('[data-test=gen-row-2] input').fill('送货签收单，证明货物已交付');
    await evidence.locator('[data-test=gen-row-remove-1]').click();
    const rows = evidence.locator('[data-test^=gen-row-] input');
    expect(await rows.count()).toBe(2);
    expect([await rows.nth(0).inputValue(), await rows.nth(1).inputValue()]).toEqual([
      '《设备买卖合同》原件，证明双方买卖关系',
      '送货签收单，证明货物已交付',
    ]);
    await page.locator('[data-test=generate-submit]').click();
    await principal.locator('.v-messages', { hasText: 'Enter an amount in yuan' }).waitFor();
    // Sent from the foot of a 23-field form: the field in question is brought into view.
    const viewport = page.viewportSize()!;
    for (let i = 0; ; i++) {
      const box = (await principal.boundingBox())!;
      if (box.y >= 0 && box.y + box.height <= viewport.height) break;
      if (i === 50) throw new Error(`the marked amount field stayed out of view at y = ${box.y}`);
      await page.waitForTimeout(100);
    }
    await screenshot(page, 'documents-generate-08-complaint-amount-en-1280');
    await principal.locator('input').fill('120000.5');
    await page.locator('[data-test=generate-submit]').click();
    const article = panel(page).locator('[data-test=docx-view] article');
    await article.filter({ hasText: '120,000.50' }).waitFor();
    await article.filter({ hasText: '送货签收单，证明货物已交付' }).waitFor();
    expect(await article.innerText()).not.toContain('误填的一行');
    await screenshot(page, 'documents-generate-09-complaint-preview-en-1280');
    expect(errors).toEqual([]);
  }, 90_000);
});
