import { screenshot, pick } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The intake in a real browser while the process engine is away (issue 14): the answer "saved,
 * starts by itself" is shown in the user's language, and every attempt of the one intake — the
 * client's own retries and the user's second click — carries the same Idempotency-Key, so the
 * case is opened once. The engine's outage is played by the browser's network layer answering the
 * first three attempts as the API does while Temporal is down; the fourth reaches the real API.
 */
let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('intake-durable');
}, 60_000);
afterAll(() => stack?.close());

describe.each([
  ['zh-CN', 1280, '案件已保存，流程引擎恢复后将自动启动流程'],
  ['en', 390, 'The case is saved; its process starts by itself'],
] as const)('an intake while the engine is away (%s, %i px)', (locale, width, message) => {
  it('says the case is saved, and the second click opens it once with the same key', async () => {
    const { page, errors } = await stack.newPage({ width, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    if (locale === 'en') {
      await page.locator('[data-test=locale-switch]').click();
      await pick(page.locator('[data-test=locale-en]'));
    }
    const keys: string[] = [];
    await page.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length > 3) return route.continue();
      await route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        body: JSON.stringify({ type: '/problems/case-start-pending', title: 'x', status: 503, code: 'case-start-pending' }),
      });
    });

    const title = `引擎停机立案 ${locale}`;
    await page.goto(`${stack.app.url}/cases`);
    await page.locator('[data-test=new-case]').click();
    await page.locator('[data-test=case-client] input[type=text]').fill('星河');
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '上海星河科技有限公司' }));
    await page.locator('[data-test=intake-next]').click();
    await page.locator('[data-test=intake-next]:not([disabled])').click();
    await page.locator('[data-test=case-title] input').fill(title);
    await page.locator('[data-test=case-area]').click();
    await pick(page.locator('.v-overlay .v-list-item').first());
    await page.getByRole('combobox', { name: locale === 'en' ? 'Case type' : '案件类型' }).fill('first_instance');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=case-create]').click();
    await page.locator('[data-test=new-case-error]', { hasText: message }).waitFor({ timeout: 20_000 });
    expect(keys).toHaveLength(3);
    // Saved, not failed: a warning.
    expect(await page.locator('[data-test=new-case-error]').getAttribute('class')).toContain('warning');
    await screenshot(page, `intake-durable-${locale}-${width}`);

    await page.locator('[data-test=case-create]').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(await stack.tdb.db('cases').where({ title })).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
