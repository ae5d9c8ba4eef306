import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { pick, screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Issue 17, point 2 in the designer: a stage's "客户门户 / Client portal" group — shown to the client,
 * the names and descriptions a client reads, notify on entry (only for a shown stage) — each edit a
 * command (undo brings it back), and what is set is in the exported BPMN as lexflow attributes.
 */
let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('designer-client');
}, 60_000);
afterAll(() => stack?.close());

const entry = (page: Page, id: string) => page.locator(`#bio-properties-panel-${id}`);

async function selectStage(page: Page, id: string) {
  // A stage is selected by its frame (its middle belongs to the tasks inside); a click on it selected toggles it off.
  if (await page.locator(`.djs-element.selected[data-element-id="${id}"]`).count()) return;
  await page
    .locator(`.djs-element[data-element-id="${id}"]`)
    .first()
    .click({ position: { x: 12, y: 12 } });
  await page.locator(`.djs-element.selected[data-element-id="${id}"]`).first().waitFor();
}

async function openClientGroup(page: Page) {
  const group = page.locator('[data-group-id="group-lexflow-client"]');
  await group.waitFor();
  if (!(await group.locator('.bio-properties-panel-group-entries.open').count()))
    await group.locator('.bio-properties-panel-group-header').click();
  return group;
}

async function fill(page: Page, id: string, value: string) {
  await entry(page, id).fill(value);
  await entry(page, id).press('Tab');
}

async function exportedXml(page: Page): Promise<string> {
  await page.locator('[data-test=export]').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export-bpmn]').click()]);
  return fs.readFileSync((await file.path())!, 'utf8');
}

const stageTag = (xml: string, id: string) => new RegExp(`<bpmn:subProcess id="${id}"[^>]*>`).exec(xml)?.[0] ?? '';

describe('the designer: how the client portal shows a stage', () => {
  it('shows the shipped labels, edits names, descriptions and notify through the command stack, and exports them', async () => {
    const { page, errors } = await stack.newPage({ width: 1500, height: 950 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates`);
    await page.locator('[data-test=new-template]').click();
    await page.locator('[data-test=template-name] input').fill('本所民事一审（门户）');
    await page.locator('[data-test=template-key] input').fill('civil-portal');
    await page.locator('[data-test=template-source]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '复制：民事诉讼一审' }));
    await page.locator('[data-test=template-create]').click();
    await page.waitForURL(/\/templates\/civil-portal\/edit$/);

    // The shipped filing stage is shown as 法院立案 and does not notify; the evidence stage does.
    await selectStage(page, 'Stage_Filing');
    await openClientGroup(page);
    expect(await entry(page, 'lexflow-clientShown').isChecked()).toBe(true);
    expect(await entry(page, 'lexflow-clientLabel').inputValue()).toBe('法院立案');
    expect(await entry(page, 'lexflow-clientLabelEn').inputValue()).toBe('Filing with the court');
    expect(await entry(page, 'lexflow-notifyClient').isChecked()).toBe(false);
    expect(await entry(page, 'lexflow-notifyClient').isDisabled()).toBe(false);

    // Rename it for the client, describe it, tell the client on entry.
    await fill(page, 'lexflow-clientLabel', '向法院起诉');
    await fill(page, 'lexflow-clientLabelEn', 'Suing in court');
    await fill(page, 'lexflow-clientDescription', '律师向法院递交起诉状。');
    await entry(page, 'lexflow-notifyClient').check();
    await screenshot(page, 'designer-client-01-desktop-zh');
    let tag = stageTag(await exportedXml(page), 'Stage_Filing');
    expect(tag).toContain('lexflow:clientLabel="向法院起诉"');
    expect(tag).toContain('lexflow:clientLabelEn="Suing in court"');
    expect(tag).toContain('lexflow:clientDescription="律师向法院递交起诉状。"');
    expect(tag).toContain('lexflow:notifyClient="true"');

    // A name cleared is flagged on the field (the compiler refuses notify without a name).
    await fill(page, 'lexflow-clientLabel', '');
    await page.locator('[data-entry-id="lexflow-clientLabel"] .bio-properties-panel-error', { hasText: '请填写客户看到的名称' }).waitFor();
    await page.locator('[data-test=problem-count]').waitFor();
    await page.locator('[data-test=undo]').click();
    await page.locator('[data-test=problem-count]').waitFor({ state: 'detached' });
    expect(await entry(page, 'lexflow-clientLabel').inputValue()).toBe('向法院起诉');

    // Not shown: every client attribute goes in one command; notify cannot be ticked; one undo brings all back.
    await entry(page, 'lexflow-clientShown').uncheck();
    await entry(page, 'lexflow-clientLabel').waitFor({ state: 'detached' });
    expect(await entry(page, 'lexflow-notifyClient').isDisabled()).toBe(true);
    expect(await entry(page, 'lexflow-notifyClient').isChecked()).toBe(false);
    tag = stageTag(await exportedXml(page), 'Stage_Filing');
    expect(tag).not.toContain('lexflow:client');
    expect(tag).not.toContain('lexflow:notifyClient');
    await page.locator('[data-test=undo]').click();
    expect(await entry(page, 'lexflow-clientLabel').inputValue()).toBe('向法院起诉');
    expect(await entry(page, 'lexflow-notifyClient').isChecked()).toBe(true);
    await page.locator('[data-test=redo]').click();
    await entry(page, 'lexflow-clientLabel').waitFor({ state: 'detached' });

    // Shown again: named after the stage, as the lawyers call it, to be reworded.
    await entry(page, 'lexflow-clientShown').check();
    expect(await entry(page, 'lexflow-clientLabel').inputValue()).toBe('立案');
    expect(await entry(page, 'lexflow-clientLabelEn').inputValue()).toBe('Filing');
    expect(await entry(page, 'lexflow-notifyClient').isDisabled()).toBe(false);

    await switchLocale(page, 'en');
    await selectStage(page, 'Stage_Evidence');
    await openClientGroup(page);
    expect(await entry(page, 'lexflow-notifyClient').isChecked()).toBe(true);
    await page.locator('[data-group-id="group-lexflow-client"]', { hasText: 'Notify the client on entry' }).waitFor();
    await screenshot(page, 'designer-client-02-desktop-en');
    expect(errors).toEqual([]);
  });

  it('the group works at phone width, in both languages', async () => {
    // The designer page gives its side panel 380 px, so at 390 px the canvas is a sliver (the page's layout):
    // the stage is selected at desktop width, then the window narrowed to a phone's. The panel takes the
    // language when it draws an element, so the language is switched before the stage is selected.
    const { page, errors } = await stack.newPage({ width: 1280, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    await page.goto(`${stack.app.url}/templates/civil-first-instance/edit`);
    await page.locator('.djs-element[data-element-id="Stage_Filing"]').first().waitFor();
    const atPhoneWidth = async (lang: 'zh-CN' | 'en', stageId: string) => {
      await page.setViewportSize({ width: 1280, height: 844 });
      // The partner's language is kept with their account (the test before left it English).
      if ((await page.locator('html').getAttribute('lang')) !== lang) await switchLocale(page, lang);
      // An empty spot of the canvas clears the selection, so the stage is drawn afresh in the language.
      await page.locator('[data-test=canvas]').click({ position: { x: 300, y: 600 } });
      await selectStage(page, stageId);
      await page.setViewportSize({ width: 390, height: 844 });
      const group = await openClientGroup(page);
      await group.scrollIntoViewIfNeeded();
      const box = (await group.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      return group;
    };
    await (await atPhoneWidth('zh-CN', 'Stage_Filing')).locator('text=客户看到的名称').first().waitFor();
    expect(await entry(page, 'lexflow-clientLabel').inputValue()).toBe('法院立案');
    expect(await entry(page, 'lexflow-clientDescription').inputValue()).toContain('等待法院受理');
    await screenshot(page, 'designer-client-03-phone-zh');
    await (await atPhoneWidth('en', 'Stage_Filing')).locator('text=Name the client sees').first().waitFor();
    expect(await entry(page, 'lexflow-clientLabelEn').inputValue()).toBe('Filing with the court');
    await screenshot(page, 'designer-client-04-phone-en');
    expect(errors).toEqual([]);
  });
});
