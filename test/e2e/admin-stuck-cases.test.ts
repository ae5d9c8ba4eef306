import { screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';
import { insertTestCase } from '../helpers/engine';
import { insertCaseOpening, noteOpeningFailure } from '../../db/repositories/case-openings';

/**
 * The admin page's stuck-cases card (issue 13): its empty state in both languages, at desktop and
 * phone width — and (issue 14) the saved cases still waiting for their workflow to start.
 */
let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('e2e-stuck');
});
afterAll(() => stack?.close());

it('shows the stuck-cases card with its empty state, in Chinese and English, on a phone too', async () => {
  const { caseId } = await insertTestCase(stack.tdb.db);
  const opening = await insertCaseOpening(stack.tdb.db, { caseId, kind: 'open', input: { caseId } });
  await noteOpeningFailure(stack.tdb.db, caseId, opening, 'the process engine did not start the case');
  const { page, errors } = await stack.newPage();
  await page.goto(`${stack.app.url}/login`);
  await signInOk(page, 'admin@demo.lexflow', stack.debugLog);
  await page.locator('[data-test=nav-admin]').click();
  const card = page.locator('[data-test=stuck-cases]');
  await card.getByText('卡住的案件').waitFor();
  await card.getByText(/运行中的案件流程正常/).waitFor();
  await card.locator('[data-test=pending-openings]', { hasText: '1 件已保存的案件正在等待启动流程' }).waitFor();
  await card.locator(`[data-test=pending-${caseId}]`, { hasText: '已尝试启动失败 1 次' }).waitFor();
  await screenshot(page, 'stuck-cases-zh-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'stuck-cases-zh-390');
  await switchLocale(page, 'en');
  await card.getByText('Stuck cases').waitFor();
  await card.getByText(/running cases run normally/).waitFor();
  await card.locator('[data-test=pending-openings]', { hasText: 'waiting for their process to start' }).waitFor();
  await screenshot(page, 'stuck-cases-en-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'stuck-cases-en-1280');
  expect(errors).toEqual([]);
});
