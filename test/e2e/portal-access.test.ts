import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Portal accounts in the browser (issue 17 point 1): a lawyer invites the client's contact from the
 * client profile; the link from the outbox mail, opened on a phone (390×844), sets a password and
 * lands in the portal; the profile then shows the account with its last sign-in; the spent link
 * says so; revoking the account from the profile signs the client out at once. Screenshots: the card (desktop, zh-CN and en) and the accept page (390 px, zh-CN and en).
 */
let stack: UiStack;
let clientId: string;
const CLIENT = '苏州明远机械有限公司';
const EMAIL = 'chen.jing@mingyuan.example';

beforeAll(async () => {
  stack = await startUiStack('portal-access-ui');
  const lawyer = new HttpClient(stack.app.url);
  expect((await lawyer.login('li.ming@demo.lexflow')).status).toBe(200);
  clientId = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: CLIENT })).body.id;
  const contact = await lawyer.post(`/api/v1/clients/${clientId}/contacts`, {
    name: '陈静',
    title: '法务经理',
    email: EMAIL,
    isPrimary: true,
  });
  expect(contact.status).toBe(201);
}, 180_000);
afterAll(async () => stack?.close());

it('a lawyer invites the contact; the link on a phone sets a password and opens the portal', async () => {
  const { page: desk, errors: deskErrors } = await stack.newPage({ width: 1280, height: 900 });
  await desk.goto(`${stack.app.url}/login`);
  await signInOk(desk, 'li.ming@demo.lexflow', stack.debugLog);
  await desk.goto(`${stack.app.url}/clients/${clientId}`);
  await desk.locator('[data-test=tab-portal]').click();
  await desk.locator('[data-test=portal-empty]').waitFor();
  await screenshot(desk, 'portal-access-card-empty-zh');

  // The dialog offers the client's one contact, name and email filled in.
  await desk.locator('[data-test=portal-invite]').click();
  await expect(desk.locator('[data-test=portal-invite-name] input').inputValue()).resolves.toBe('陈静');
  await expect(desk.locator('[data-test=portal-invite-email] input').inputValue()).resolves.toBe(EMAIL);
  await screenshot(desk, 'portal-access-invite-dialog-zh');
  await desk.locator('[data-test=portal-invite-send]').click();
  const row = desk.locator(`[data-test="portal-invitation-${EMAIL}"]`);
  await row.waitFor();
  await expect(row.innerText()).resolves.toContain('待接受');
  await screenshot(desk, 'portal-access-card-zh');
  await switchLocale(desk, 'en');
  await expect(row.innerText()).resolves.toContain('Pending');
  await screenshot(desk, 'portal-access-card-en');

  const mail = await stack.tdb.db('email_outbox').where({ to_address: EMAIL }).first('text_body');
  const link = /\S+\/portal\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)![0];
  expect(link.startsWith(stack.app.url)).toBe(true);

  const { page: phone, errors: phoneErrors } = await stack.newPage({ width: 390, height: 844 });
  await phone.goto(link);
  await phone.locator('[data-test=accept-greeting]').getByText('陈静').waitFor();
  await expect(phone.locator('[data-test=accept-invitation]').innerText()).resolves.toContain(CLIENT);
  await expect(phone.locator('[data-test=accept-email]').innerText()).resolves.toContain(EMAIL);
  await screenshot(phone, 'portal-accept-390-zh');
  await switchLocale(phone, 'en');
  await phone.locator('[data-test=accept-greeting]').getByText('Hello').waitFor();
  await screenshot(phone, 'portal-accept-390-en');
  await switchLocale(phone, 'zh-CN');

  // The rule is checked on sending: too short, then the email's user name, then two different passwords.
  const password = phone.locator('[data-test=accept-password] input');
  const repeat = phone.locator('[data-test=accept-repeat] input');
  await password.fill('short');
  await repeat.fill('short');
  await phone.locator('[data-test=accept-submit]').click();
  await phone.getByText('密码至少需要 10 个字符').waitFor();
  await password.fill('chen.jing-2026!');
  await repeat.fill('chen.jing-2026!');
  await phone.locator('[data-test=accept-submit]').click();
  await phone.getByText('密码不能包含邮箱用户名（chen.jing）').waitFor();
  await password.fill('Mingyuan#Portal26');
  await repeat.fill('Mingyuan#Portal2');
  await phone.locator('[data-test=accept-submit]').click();
  await phone.getByText('两次输入的密码不一致').waitFor();
  await screenshot(phone, 'portal-accept-390-rules-zh');
  await repeat.fill('Mingyuan#Portal26');
  await phone.locator('[data-test=accept-submit]').click();
  await phone.waitForURL((u) => u.pathname === '/portal', { timeout: 20_000 });
  const me = await phone.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
  expect(me).toMatchObject({ email: EMAIL, role: 'client' });
  await screenshot(phone, 'portal-after-accept-390-zh');

  // The spent link says so, and offers to sign in.
  const { page: again, errors: againErrors } = await stack.newPage({ width: 390, height: 844 });
  await again.goto(link);
  await again.locator('[data-test=accept-problem]').getByText('此邀请链接已被使用').waitFor();
  await again.locator('[data-test=accept-sign-in]').waitFor();
  await screenshot(again, 'portal-accept-390-used-zh');

  // The profile shows the account, signed in just now.
  await desk.reload();
  await desk.locator('[data-test=tab-portal]').click();
  const account = desk.locator(`[data-test="portal-account-${EMAIL}"]`);
  await account.waitFor();
  await expect(account.innerText()).resolves.toMatch(/Active[\s\S]*Last sign-in/);
  await screenshot(desk, 'portal-access-card-account-en');
  await desk.setViewportSize({ width: 390, height: 844 });
  await screenshot(desk, 'portal-access-card-390-en');

  // Revoking (confirmed) takes effect at once: the client's next request is 401.
  await account.locator('[data-test=portal-revoke]').click();
  await desk.locator('[data-test=confirm-ok]').click();
  await account.getByText('Revoked', { exact: true }).waitFor();
  await expect(phone.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).resolves.toBe(401);
  await screenshot(desk, 'portal-access-card-revoked-390-en');
  expect([...deskErrors, ...phoneErrors, ...againErrors]).toEqual([]);
}, 180_000);
