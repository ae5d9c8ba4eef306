import { screenshot, pick } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('deadlines');
}, 60_000);
afterAll(() => stack?.close());

describe('the deadline calculator', () => {
  it('counts a statutory appeal period over 国庆 and ten working days over a 调休 Saturday, with the reasons', async () => {
    const { page, errors } = await stack.newPage({ width: 1400, height: 900 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
    await page.locator('[data-test=nav-deadlines]').click();

    await page.locator('[data-test=deadline-from] input').fill('2026-09-22');
    await page.locator('[data-test=deadline-period] input').fill('不服判决');
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '不服判决上诉期' }).first());
    await page.locator('[data-test=deadline-compute]').click();
    await page.locator('[data-test=deadline-due]', { hasText: '2026-10-08' }).waitFor();
    const result = await page.locator('[data-test=deadline-result]').innerText();
    expect(result).toContain('名义届满日 2026-10-07 为休息日，顺延至 2026-10-08');
    expect(result).toContain('《民事诉讼法》(2023) 第171条');
    expect(result).toContain('判决书送达');
    await screenshot(page, 'deadlines-01-appeal');

    await page.locator('[data-test=mode-custom]').click();
    await page.locator('[data-test=deadline-from] input').fill('2026-09-28');
    await page.locator('[data-test=deadline-amount] input').fill('10');
    await page.locator('[data-test=deadline-unit]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '工作日' }));
    await page.locator('[data-test=deadline-compute]').click();
    await page.locator('[data-test=deadline-due]', { hasText: '2026-10-16' }).waitFor();
    expect(await page.locator('[data-test=deadline-reason]').innerText()).toContain('无需顺延');
    expect(await page.locator('[data-test=deadline-provisional]').count()).toBe(0);

    await page.locator('[data-test=deadline-from] input').fill('2026-12-20');
    await page.locator('[data-test=deadline-amount] input').fill('15');
    await page.locator('[data-test=deadline-unit]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: /^日$/ }));
    await page.locator('[data-test=deadline-compute]').click();
    await page.locator('[data-test=deadline-due]', { hasText: '2027-01-04' }).waitFor();
    await page.locator('[data-test=deadline-provisional]').waitFor();
    await screenshot(page, 'deadlines-02-provisional');
    expect(errors).toEqual([]);
  });

  it('lets an administrator enter a newly announced holiday, which the calculator then follows', async () => {
    const { page, errors } = await stack.newPage({ width: 1400, height: 1000 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'admin@demo.lexflow', stack.debugLog);
    await page.locator('[data-test=nav-admin]').click();
    const card = page.locator('[data-test=holiday-admin]');
    await card.waitFor();
    expect(await card.locator('[data-test=holiday-coverage]').innerText()).toContain('2026');
    await card.locator('[data-test=holiday-date] input').fill('2027-01-04');
    await card.locator('[data-test=holiday-add]').click();
    await card.locator('[data-test=holiday-overrides]', { hasText: '2027-01-04' }).waitFor();
    await screenshot(page, 'deadlines-03-holiday-admin');

    await page.locator('[data-test=nav-deadlines]').click();
    await page.locator('[data-test=mode-custom]').click();
    await page.locator('[data-test=deadline-from] input').fill('2026-12-20');
    await page.locator('[data-test=deadline-amount] input').fill('15');
    await page.locator('[data-test=deadline-compute]').click();
    await page.locator('[data-test=deadline-due]', { hasText: '2027-01-05' }).waitFor();
    expect(await page.locator('[data-test=deadline-provisional]').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
