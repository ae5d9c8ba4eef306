import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import { makeDocx } from '../helpers/document-fixtures';
import { screenshot, pick } from '../helpers/browser';
import { openDocumentsTab as openTab, partnerCase, previewPanel } from '../helpers/documents-ui';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The documents UI against the real API (issue 15): a partner uploads a PDF and a DOCX to a case
 * (a bar per file), previews both in the side panel (the PDF drawn page by page, only near the
 * visible area), comments on page 2 of the PDF at the clicked point, uploads a new version of the
 * DOCX and restores the first one; the same screens at 1280 and 390 px, in Chinese and English.
 */
let stack: UiStack;
let caseId: string;

/** A real three-page PDF (pdfkit), so pdf.js has pages to draw and a page 2 to comment on. */
function threePagePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60 });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    for (let n = 1; n <= 3; n++) {
      if (n > 1) doc.addPage();
      doc.fontSize(22).text(`Evidence bundle - page ${n}`);
      doc.moveDown().fontSize(12).text('Purchase contract, delivery notes and the unpaid balance. '.repeat(12));
    }
    doc.end();
  });
}

beforeAll(async () => {
  stack = await startUiStack('documents-ui');
  caseId = await partnerCase(stack, { title: '星河科技诉蓝海软件买卖合同纠纷', court: '上海市浦东新区人民法院' });
}, 90_000);
afterAll(() => stack?.close());

const panel = previewPanel;

const openDocumentsTab = (page: Page) => openTab(page, stack, caseId);

describe('documents on a case', () => {
  it('uploads, previews, comments on page 2, versions and restores, on a desktop and a phone, in both languages', async () => {
    const { page, errors } = await stack.newPage({ width: 1280, height: 800 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await openDocumentsTab(page);
    await page.locator('[data-test=document-table]', { hasText: '拖入文件或点击上传' }).waitFor();
    await screenshot(page, 'documents-01-empty-zh-1280');

    // 1. Two files in one pick; each has its own row and bar (held back a moment so the bar is seen).
    await page.route('**/api/v1/cases/*/documents', async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    const pdf = await threePagePdf();
    const brief = makeDocx(['民事起诉状', '原告：上海星河科技有限公司', '被告：蓝海软件有限公司', '诉讼请求：支付货款人民币 120,000 元']);
    await page.locator('[data-test=upload-input]').setInputFiles([
      { name: '证据目录.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: '起诉状.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: brief },
    ]);
    expect(await page.locator('[data-test=upload-list] [data-test=upload-progress]').count()).toBe(2);
    await screenshot(page, 'documents-02-uploading-zh-1280');
    await page.locator('[data-test="upload-row-证据目录.pdf"] [data-test=upload-done]').waitFor();
    await page.locator('[data-test="upload-row-起诉状.docx"] [data-test=upload-done]').waitFor();
    await page.unroute('**/api/v1/cases/*/documents');
    await page.locator('[data-test="doc-证据目录.pdf"]').waitFor();
    await page.locator('[data-test="doc-起诉状.docx"]').waitFor();
    const rows = await stack.tdb
      .db('documents as d')
      .join('document_versions as v', function () {
        this.on('v.document_id', 'd.id').andOn('v.number', 'd.current_version');
      })
      .where({ 'd.case_id': caseId })
      .select('d.id', 'd.name', 'v.mime');
    expect(rows.map((r) => [r.name, r.mime]).sort()).toEqual([
      ['证据目录.pdf', 'application/pdf'],
      ['起诉状.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    await screenshot(page, 'documents-03-table-zh-1280');

    // 2. The PDF: drawn page by page — page 1 at once, page 3 only once scrolled to.
    await page.locator('[data-test="doc-证据目录.pdf"]').click();
    await panel(page).locator('[data-test=pdf-page-1] canvas').waitFor();
    await panel(page).locator('[data-test=pdf-pages]', { hasText: '共 3 页' }).waitFor();
    expect(await panel(page).locator('[data-test=pdf-page-3] canvas').count()).toBe(0);
    await screenshot(page, 'documents-04-pdf-preview-zh-1280');
    await panel(page).locator('[data-test=pdf-page-3]').scrollIntoViewIfNeeded();
    await panel(page).locator('[data-test=pdf-page-3] canvas').waitFor();

    // 3. A comment anchored on page 2, at the point clicked, mentioning the team's lawyer.
    await panel(page).locator('[data-test=preview-tab-comments]').click();
    await panel(page).locator('[data-test=comment-pick-anchor]').click();
    const page2 = panel(page).locator('[data-test=pdf-page-2]');
    await page2.scrollIntoViewIfNeeded();
    const box = (await page2.boundingBox())!;
    await page2.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
    await panel(page).locator('[data-test=comment-anchor]', { hasText: '第 2 页' }).waitFor();
    await panel(page).locator('[data-test=comment-body] textarea').fill('第二页的送货单缺少签收日期，请补充');
    await panel(page).locator('[data-test=comment-mentions]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '李明' }));
    await page.keyboard.press('Escape');
    await panel(page).locator('[data-test=comment-send]').click();
    await panel(page).locator('[data-test=thread-anchor]', { hasText: '第 2 页' }).waitFor();
    const pdfId = rows.find((r) => r.name === '证据目录.pdf')!.id;
    const comment = await stack.tdb.db('document_comments').where({ document_id: pdfId }).first();
    expect(comment.body).toBe('第二页的送货单缺少签收日期，请补充');
    const anchor = typeof comment.anchor === 'string' ? JSON.parse(comment.anchor) : comment.anchor;
    expect(anchor.page).toBe(2);
    expect(anchor.x).toBeCloseTo(0.25, 1);
    expect(anchor.y).toBeCloseTo(0.5, 1);
    await screenshot(page, 'documents-05-comment-zh-1280');
    await panel(page).locator('[data-test=thread-anchor]').click();
    await panel(page).locator('[data-test=pdf-page-2] [data-test=pdf-marker]').waitFor();
    await screenshot(page, 'documents-06-marker-zh-1280');
    await panel(page).locator('[data-test=preview-close]').click();

    // 4. The DOCX, drawn in the page; then a second version, and the first restored as a third.
    await page.locator('[data-test="doc-起诉状.docx"]').click();
    await panel(page).locator('[data-test=docx-view] article p', { hasText: '原告：上海星河科技有限公司' }).waitFor();
    await screenshot(page, 'documents-07-docx-preview-zh-1280');
    await panel(page).locator('[data-test=preview-tab-versions]').click();
    await panel(page).locator('[data-test=version-note] input').fill('补充诉讼请求');
    await panel(page)
      .locator('[data-test=doc-versions] [data-test=upload-input]')
      .setInputFiles({
        name: '起诉状（修改）.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: makeDocx(['民事起诉状', '原告：上海星河科技有限公司', '诉讼请求：支付货款及逾期利息']),
      });
    await panel(page).locator('[data-test=version-2]').waitFor();
    await panel(page).locator('[data-test=restore-1]').click();
    await page.locator('[data-test=confirm-ok]').click();
    await panel(page).locator('[data-test=version-3]', { hasText: '由第 1 版恢复' }).waitFor();
    const docxId = rows.find((r) => r.name === '起诉状.docx')!.id;
    const versions = await stack.tdb.db('document_versions').where({ document_id: docxId }).orderBy('number').select('number', 'sha256');
    expect(versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(versions[2].sha256).toBe(versions[0].sha256);
    expect(versions[1].sha256).not.toBe(versions[0].sha256);
    await panel(page).locator('[data-test=version-2] input[type=checkbox]').check();
    await panel(page).locator('[data-test=version-1] input[type=checkbox]').check();
    await panel(page).locator('[data-test=version-compare]', { hasText: '补充诉讼请求' }).waitFor();
    await screenshot(page, 'documents-08-versions-zh-1280');
    await panel(page).locator('[data-test=preview-close]').click();

    // 5. Deleted to the recycle bin, and back from the Documents section's bin (a partner sees it).
    await page
      .locator('tr', { has: page.locator('[data-test="doc-起诉状.docx"]') })
      .locator('[data-test=doc-actions]')
      .click();
    await page.locator('[data-test=doc-delete]').click();
    await page.locator('[data-test=confirm-ok]').click();
    await page.locator('[data-test="doc-起诉状.docx"]').waitFor({ state: 'detached' });
    expect((await stack.tdb.db('documents').where({ id: docxId }).first()).deleted_at).not.toBeNull();
    await page.locator('[data-test=nav-documents]').click();
    await page.locator('[data-test=tab-doc-bin]').click();
    await page.locator('[data-test="bin-restore-起诉状.docx"]').waitFor();
    await screenshot(page, 'documents-09-recycle-bin-zh-1280');
    await page.locator('[data-test="bin-restore-起诉状.docx"]').click();
    await page.locator('[data-test=recycle-bin]', { hasText: '回收站是空的' }).waitFor();
    expect((await stack.tdb.db('documents').where({ id: docxId }).first()).deleted_at).toBeNull();
    await openDocumentsTab(page);
    await page.locator('[data-test="doc-起诉状.docx"]').waitFor();

    // 6. English.
    await page.locator('[data-test=locale-switch]').click();
    await pick(page.locator('[data-test=locale-en]'));
    await page.locator('[data-test=document-table] th', { hasText: 'Uploaded by' }).waitFor();
    await screenshot(page, 'documents-10-table-en-1280');
    await page.locator('[data-test="doc-证据目录.pdf"]').click();
    await panel(page).locator('[data-test=pdf-page-1] canvas').waitFor();
    await panel(page).locator('[data-test=preview-tab-comments]').click();
    await panel(page).locator('[data-test=thread-anchor]', { hasText: 'Page 2' }).waitFor();
    await screenshot(page, 'documents-11-comments-en-1280');
    expect(errors).toEqual([]);

    // 7. A phone: the table is a list, the panel takes the whole width.
    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.page.goto(`${stack.app.url}/login`);
    await signInOk(phone.page, 'partner@demo.lexflow', stack.debugLog);
    await openDocumentsTab(phone.page);
    await phone.page.locator('[data-test=document-list] [data-test="doc-证据目录.pdf"]').waitFor();
    await screenshot(phone.page, 'documents-12-list-en-390');
    await phone.page.locator('[data-test=document-list] [data-test="doc-证据目录.pdf"]').click();
    await panel(phone.page).locator('[data-test=pdf-page-1] canvas').waitFor();
    expect(Math.round((await panel(phone.page).boundingBox())!.width)).toBe(390);
    await screenshot(phone.page, 'documents-13-preview-en-390');
    await panel(phone.page).locator('[data-test=preview-close]').click();
    await phone.page.locator('[data-test=locale-switch]').click();
    await pick(phone.page.locator('[data-test=locale-zh-CN]'));
    await phone.page.locator('[data-test=document-list]', { hasText: '证据目录.pdf' }).waitFor();
    await screenshot(phone.page, 'documents-14-list-zh-390');
    await phone.page.locator('[data-test=document-list] [data-test="doc-起诉状.docx"]').click();
    await panel(phone.page).locator('[data-test=docx-view] article p').first().waitFor();
    await screenshot(phone.page, 'documents-15-docx-zh-390');
    expect(phone.errors).toEqual([]);
  }, 180_000);
});
