import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { buildDocumentTemplate } from '../../process-templates/documents/build';
import { screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The admin page's document cards (issue 15): an admin adds a category (finance sees it) and
 * uploads a firm .docx template — one with a misspelt placeholder is refused naming it, the fixed
 * one is listed; in both languages, at desktop and phone width.
 */
let stack: UiStack;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-templates-'));
beforeAll(async () => {
  stack = await startUiStack('e2e-doc-admin');
});
afterAll(async () => {
  await stack?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function template(body: string, name: string): string {
  const zip = new PizZip(Buffer.from(buildDocumentTemplate('power-of-attorney')));
  const xml = zip.file('word/document.xml')!.asText();
  zip.file('word/document.xml', xml.replace(/<w:body>[\s\S]*<\/w:body>/, `<w:body><w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body>`));
  const file = path.join(dir, name);
  fs.writeFileSync(file, zip.generate({ type: 'nodebuffer' }));
  return file;
}

it('adds a category and a firm template, refusing a misspelt placeholder by name', async () => {
  const { page, errors } = await stack.newPage();
  await page.goto(`${stack.app.url}/login`);
  await signInOk(page, 'admin@demo.lexflow', stack.debugLog);
  await page.locator('[data-test=nav-admin]').click();
  const categories = page.locator('[data-test=category-admin]');
  await categories.getByText('证据材料').waitFor();
  await categories.locator('[data-test=category-name-zh] input').fill('鉴定材料');
  await categories.getByLabel('英文名称').fill('Expert reports');
  await categories.locator('[data-test=category-key] input').fill('expert-reports');
  await categories.locator('[data-test=category-add]').click();
  await categories.getByText('鉴定材料').waitFor();
  expect(await stack.tdb.db('document_categories').where({ key: 'expert-reports' }).first()).toMatchObject({ name_en: 'Expert reports' });

  const templates = page.locator('[data-test=template-admin]');
  await templates.getByText('授权委托书').waitFor();
  await templates.getByLabel('中文名称').fill('律师费催告函');
  await templates.getByLabel('英文名称').fill('Fee reminder');
  await templates.locator('[data-test=template-key] input').fill('fee-reminder');
  await templates
    .locator('[data-test=template-file] input[type=file]')
    .setInputFiles(template('致{client.name}：请就{case.titel}一案支付律师费。', 'bad.docx'));
  await templates.locator('[data-test=template-add]').click();
  await templates.locator('[data-test=template-problem]', { hasText: 'case.titel' }).waitFor();
  await screenshot(page, 'documents-admin-zh-1280');
  await templates
    .locator('[data-test=template-file] input[type=file]')
    .setInputFiles(template('致{client.name}：请就{case.title}一案支付律师费。', 'good.docx'));
  await templates.locator('[data-test=template-add]').click();
  await templates.getByText('律师费催告函').waitFor();
  expect(await stack.tdb.db('document_templates').where({ key: 'fee-reminder' }).first()).toMatchObject({ name_zh: '律师费催告函' });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'documents-admin-zh-390');
  await switchLocale(page, 'en');
  await templates.getByText('Document templates').waitFor();
  await screenshot(page, 'documents-admin-en-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'documents-admin-en-1280');
  expect(errors).toEqual([]);
});
