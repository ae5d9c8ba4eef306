import { simpleParser } from 'mailparser';
import * as OTPAuth from 'otpauth';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { startMailDispatcher } from '../../activities/mail-dispatcher';
import { pick, screenshot, switchLocale } from '../helpers/browser';
import { signIn, signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * People and accounts in the browser (issue 18 point 1): an admin invites a lawyer from the People
 * page; the lawyer opens the link from the invitation mail (sent by the outbox's dispatcher to a real
 * SMTP listener and read there), sets a password,
 * turns on two-factor sign-in in the account-security dialog (the code computed here from the
 * secret the page shows), signs out, signs in with password + code and sees the dashboard.
 * Screenshots: the People page at 1280 and 390 px in zh-CN and en, the accept page, the TOTP step.
 */
let stack: UiStack;
let smtp: SMTPServer;
const received: Array<{ to: string; subject: string; text: string }> = [];
beforeAll(async () => {
  stack = await startUiStack('people-ui');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream).then((m) => {
        received.push({ to: (Array.isArray(m.to) ? m.to[0] : m.to)!.text, subject: m.subject ?? '', text: m.text ?? '' });
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
}, 180_000);
afterAll(async () => {
  await new Promise<void>((r) => smtp?.close(() => r()));
  await stack?.close();
});

/** What `lexflow worker` does every few seconds: send the outbox's mail over SMTP. */
async function deliverMail() {
  const dispatcher = startMailDispatcher({
    db: stack.tdb.db,
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`,
    from: 'LexFlow <no-reply@lexflow.test>',
    logger: pino({ level: 'silent' }),
    everyMs: 60_000,
  });
  try {
    await dispatcher.runOnce();
  } finally {
    await dispatcher.stop();
  }
}

const EMAIL = 'zhou.yang@example.com';
const PASSWORD = 'Bamboo river 2026';

it('an admin invites a lawyer, who sets a password, enrols TOTP and signs in with a code', async () => {
  const { page: desk, errors } = await stack.newPage({ width: 1280, height: 900 });
  await desk.goto(`${stack.app.url}/login`);
  await signInOk(desk, 'admin@demo.lexflow', stack.debugLog);
  await desk.goto(`${stack.app.url}/people`);
  await desk.locator('[data-test=person-row]').first().waitFor();
  await desk.locator('[data-test=invite-open]').click();
  await desk.locator('[data-test=invite-name] input').fill('周扬');
  await desk.locator('[data-test=invite-email] input').fill(EMAIL);
  await desk.locator('[data-test=invite-send]').click();
  await desk.locator('[data-test=person-row]', { hasText: EMAIL }).waitFor();
  await expect(desk.locator('[data-test=person-row]', { hasText: EMAIL }).innerText()).resolves.toContain('已邀请');
  await screenshot(desk, 'people-page-zh');
  await switchLocale(desk, 'en');
  await expect(desk.locator('[data-test=person-row]', { hasText: EMAIL }).innerText()).resolves.toContain('Invited');
  await screenshot(desk, 'people-page-en');

  const { page: adminPhone } = await stack.newPage({ width: 390, height: 844 });
  await adminPhone.goto(`${stack.app.url}/login`);
  await signInOk(adminPhone, 'admin@demo.lexflow', stack.debugLog);
  await adminPhone.goto(`${stack.app.url}/people`);
  await adminPhone.locator('[data-test=person-card]').first().waitFor();
  await screenshot(adminPhone, 'people-page-phone-zh');
  await switchLocale(adminPhone, 'en');
  await screenshot(adminPhone, 'people-page-phone-en');

  await deliverMail();
  const mail = received.find((m) => m.to === EMAIL)!;
  expect(mail.subject).toContain('邀请您加入律程');
  const link = /\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];

  const { page, errors: lawyerErrors } = await stack.newPage({ width: 390, height: 844 });
  await page.goto(link);
  await page.locator('[data-test=new-password] input').fill(PASSWORD);
  await page.locator('[data-test=repeat-password] input').fill(PASSWORD);
  await screenshot(page, 'people-accept-phone-zh');
  await page.locator('[data-test=accept-submit]').click();
  await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('[data-test=user-menu]').click();
  await pick(page.locator('[data-test=open-security]'));
  await page.locator('[data-test=enable-totp]').click();
  const secret = (await page.locator('[data-test=totp-secret-text]').innerText()).replace(/\s+/g, '');
  await page.locator('[data-test=totp-qr]').waitFor();
  await screenshot(page, 'people-security-enrol-zh');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  await page.locator('[data-test=enrol-code] input').fill(totp.generate());
  await page.locator('[data-test=enrol-confirm]').click();
  await page.locator('[data-test=recovery-codes]').waitFor();
  await page.locator('[data-test=security-close]').click();

  await page.locator('[data-test=user-menu]').click();
  await pick(page.locator('[data-test=logout]'));
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
  await signIn(page, EMAIL, PASSWORD);
  await page.locator('[data-test=totp-code] input').waitFor();
  await screenshot(page, 'people-totp-step-zh');
  // The enrolment's code is spent (a code signs in once): the next period's code, which the clock window takes.
  await page.locator('[data-test=totp-code] input').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.locator('[data-test=totp-submit]').click();
  await page.waitForURL((u) => u.pathname === '/', { timeout: 20_000 });
  await expect(page.locator('[data-test=user-menu]').innerText()).resolves.toContain('周扬');
  // The 工作台 of a lawyer with no cases yet: its tiles say what to do.
  await page.locator('[data-test=greeting]').waitFor();
  await screenshot(page, 'people-dashboard-zh');
  expect(errors).toEqual([]);
  expect(lawyerErrors).toEqual([]);
}, 180_000);
