import type { Page } from 'playwright-core';
import { uiDistDir } from '../../cli/runtime/ui-build';
import { startTestApp, type TestApp } from '../helpers/app';
import { screenshot, pick } from '../helpers/browser';
import { signIn, signInOk as signInChecked, startUiStack, type UiStack } from '../helpers/ui-stack';

let stack: UiStack;
let app: TestApp;
let tdb: UiStack['tdb'];

beforeAll(async () => {
  stack = await startUiStack('e2e');
  ({ app, tdb } = stack);
});
afterAll(() => stack?.close());

const newPage = (): Promise<{ page: Page; errors: string[] }> => stack.newPage();
const signInOk = (page: Page, email: string) => signInChecked(page, email, stack.debugLog);

describe('the UI shell in Chromium', () => {
  it('signs a partner in (zh-CN), switches to English, guards sections and signs out', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/cases`);
    await page.waitForURL(/\/login\?redirect=(%2F|\/)cases$/);
    expect(await page.locator('h1').innerText()).toBe('登录律程');
    await page.locator('[data-test=demo-hint]', { hasText: 'partner@demo.lexflow' }).waitFor();
    await screenshot(page, '01-login-zh');

    await signIn(page, 'partner@demo.lexflow', 'wrong-password');
    await page.locator('[data-test=login-error]').waitFor();
    expect(await page.locator('[data-test=login-error]').innerText()).toContain('邮箱或密码错误');

    await signInOk(page, 'partner@demo.lexflow');
    await page.waitForURL(`${app.url}/cases`);
    await page.locator('[data-test=cases-table]').waitFor();
    await page.locator('[data-test=nav-billing]').click();
    await page.locator('[data-test=invoice-list]').waitFor();
    expect(await page.locator('h1').innerText()).toBe('账单与收款');
    await page.locator('[data-test=nav-dashboard]').click();
    await page.locator('[data-test=greeting]').waitFor();
    expect(await page.locator('[data-test=greeting]').innerText()).toBe('王建国，您好');
    // The partner's 工作台 shows the firm's tiles; the system status is for administrators.
    await page.locator('[data-test=tile-stages]').waitFor();
    expect(await page.locator('[data-test=system-status]').count()).toBe(0);
    expect(await page.locator('[data-test=firm-name]').innerText()).toBe('律程示范律师事务所');
    // A partner sees the firm's sections but not administration.
    expect(await page.locator('[data-test=nav-templates]').count()).toBe(1);
    expect(await page.locator('[data-test=nav-admin]').count()).toBe(0);
    await screenshot(page, '02-dashboard-zh');

    await page.locator('[data-test=locale-switch]').click();
    await pick(page.locator('[data-test=locale-en]'));
    await page.locator('[data-test=greeting]', { hasText: 'Hello, 王建国' }).waitFor();
    expect(await page.locator('[data-test=nav-cases]').innerText()).toBe('Cases');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.locator('[data-test=greeting]', { hasText: 'Hello, 王建国' }).waitFor();
    expect(await page.locator('[data-test=firm-name]').innerText()).toBe('LexFlow Demo Law Firm');
    await screenshot(page, '03-dashboard-en');
    expect((await tdb.db('users').where({ email: 'partner@demo.lexflow' }).first()).locale).toBe('en');

    await page.goto(`${app.url}/admin`);
    await page.locator('[data-test=forbidden]').waitFor();
    expect(await page.locator('[data-test=forbidden]').innerText()).toContain('Not allowed');

    await page.goto(`${app.url}/no/such/page`);
    await page.locator('[data-test=not-found]').waitFor();

    await page.goto(`${app.url}/`);
    await page.locator('[data-test=user-menu]').click();
    await pick(page.locator('[data-test=logout]'));
    await page.waitForURL(/\/login\?signedOut=1/);
    expect(await page.locator('[data-test=login-notice]').innerText()).toBe('You have signed out');
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/login/);
    expect(errors).toEqual([]);
  });

  it('keeps a client in the portal and an admin reads the audit log', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${app.url}/login`);
    await signInOk(page, 'client@demo.lexflow');
    await page.waitForURL(`${app.url}/portal`);
    expect(await page.locator('[data-test=portal-welcome]').innerText()).toBe('刘洋，欢迎使用客户门户');
    expect(await page.locator('[data-test=nav]').count()).toBe(0);
    await screenshot(page, '04-portal-zh');
    await page.goto(`${app.url}/clients`);
    await page.waitForURL(`${app.url}/portal`);
    await page.locator('[data-test=user-menu]').click();
    await pick(page.locator('[data-test=logout]'));
    await page.waitForURL(/\/login/);

    await signInOk(page, 'admin@demo.lexflow');
    await page.waitForURL(`${app.url}/`);
    await page.locator('[data-test=nav-audit]').click();
    const table = page.locator('[data-test=audit-table]');
    await table.locator('tbody tr', { hasText: '系统管理员 登录' }).first().waitFor();
    expect(await table.innerText()).not.toContain('/api/v1');
    await screenshot(page, '05-audit-log-zh');
    expect(errors).toEqual([]);
  });

  it('sends a user whose session ended elsewhere back to sign in', async () => {
    const { page } = await newPage();
    await page.goto(`${app.url}/login`);
    await signInOk(page, 'li.ming@demo.lexflow');
    await page.waitForURL(`${app.url}/`);
    await tdb.db('sessions').delete();
    await page.locator('[data-test=locale-switch]').click();
    await pick(page.locator('[data-test=locale-en]'));
    await page.waitForURL(/\/login\?expired=1/);
    expect(await page.locator('[data-test=login-notice]').innerText()).toContain('session has expired');
  });

  it('shows no demo logins on the sign-in page of a production install', async () => {
    const production = await startTestApp(tdb.db, { config: { mode: 'production' }, uiDir: uiDistDir() });
    try {
      const { page } = await newPage();
      const info = page.waitForResponse((r) => r.url().endsWith('/api/v1/info'));
      await page.goto(`${production.url}/login`);
      expect(await (await info).json()).toMatchObject({ mode: 'production' });
      await page.locator('h1', { hasText: '登录律程' }).waitFor();
      await page.waitForTimeout(300);
      expect(await page.locator('[data-test=demo-hint]').count()).toBe(0);
    } finally {
      await production.close();
    }
  });
});
