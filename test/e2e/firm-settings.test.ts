import { pick, screenshot, switchLocale } from '../helpers/browser';
import { makePng } from '../helpers/document-fixtures';
import { eventually } from '../helpers/engine';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * The firm settings page and a staff profile (issue 18, item 1): an admin names the firm, is told
 * a wrong 统一社会信用代码 is wrong before saving, sets the civil case-number pattern and sees the
 * next number, grants a capability; then sets a lawyer's licence number, practice area and
 * supervisor — in Chinese and English, at desktop and phone width.
 */
let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('e2e-firm');
}, 180_000);
afterAll(() => stack?.close());

const year = new Date().getFullYear();
/** Whether the stored grants are exactly these. */
const grants = async (names: string[]) =>
  JSON.stringify((await stack.tdb.db('settings').where({ key: 'capabilities' }).first())?.value) === JSON.stringify(names);

it('an admin edits the firm settings and a lawyer’s profile', async () => {
  const { db } = stack.tdb;
  const { page, errors } = await stack.newPage();
  await page.goto(`${stack.app.url}/login`);
  await signInOk(page, 'admin@demo.lexflow', stack.debugLog);
  await page.locator('[data-test=nav-admin]').click();
  await page.locator('[data-test=open-firm-settings]').click();
  await page.getByRole('heading', { name: '律所设置' }).waitFor();

  await page.locator('[data-test=firm-name] input').fill('北京律程律师事务所');
  await page.locator('[data-test=firm-address] input').fill('北京市朝阳区建国路 1 号');
  const uscc = page.locator('[data-test=firm-uscc] input');
  await uscc.fill('91110108551385082R');
  await page.getByText('校验码不正确或格式不对').waitFor();
  expect(await page.locator('[data-test=firm-save]').isDisabled()).toBe(true);
  await uscc.fill('91110108551385082Q');
  await page.getByText('校验码不正确或格式不对').waitFor({ state: 'detached' });

  const civil = page.locator('[data-test=pattern-civil]');
  await civil.locator('[data-test=pattern-prefix] input').fill('京民');
  await civil.locator('[data-test=pattern-digits]').click();
  await pick(page.locator('.v-overlay .v-list-item', { hasText: /^3$/ }));
  await civil.locator('[data-test=pattern-preview]', { hasText: `${year}京民001` }).waitFor();
  await page.locator('[data-test=firm-save]').click();
  await page.getByText('律所设置已保存').waitFor();
  // The snackbar shows once the PATCH has answered: the row is there.
  expect((await db('settings').where({ key: 'firm' }).first())?.value).toMatchObject({
    name: '北京律程律师事务所',
    uscc: '91110108551385082Q',
    caseNumbers: { civil: { prefix: '京民', digits: 3 } },
  });

  const cap = page.locator('[data-test="capability-assistant.draftTemplates"]');
  await cap.getByText('律师助理可以新建流程模板并保存草稿').waitFor();
  await cap.locator('input').check();
  await eventually(async () => grants(['assistant.draftTemplates']));
  await screenshot(page, 'firm-settings-zh-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'firm-settings-zh-390');
  await switchLocale(page, 'en');
  await page.getByRole('heading', { name: 'Firm settings' }).waitFor();
  await cap.getByText('Assistants may create process templates').waitFor();
  await screenshot(page, 'firm-settings-en-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'firm-settings-en-1280');
  // Revoking asks first.
  await cap.locator('input').uncheck();
  await page.locator('[data-test=confirm-revoke]').click();
  await eventually(async () => grants([]));

  const li = (await db('users').where({ email: 'li.ming@demo.lexflow' }).first('id')).id as string;
  const zhang = (await db('users').where({ email: 'zhang.ting@demo.lexflow' }).first('id')).id as string;
  await page.goto(`${stack.app.url}/people/${li}`);
  await page.locator('[data-test=profile-name]', { hasText: '李明' }).waitFor();
  await page.locator('[data-test=profile-licence] input').fill('1110120181');
  await page.getByText('A licence number is 17 digits').waitFor();
  await page.locator('[data-test=profile-licence] input').fill('11101201810123456');
  await page.locator('[data-test=profile-supervisor]').click();
  await pick(page.locator('.v-overlay .v-list-item', { hasText: '张婷' }));
  await page.locator('[data-test=area-civil]').click();
  await page.locator('[data-test=area-arbitration]').click();
  await page.locator('[data-test=profile-firm-default] input').uncheck();
  await page.locator('[data-test=day-sat] input[type=checkbox]').check();
  await page.locator('[data-test=profile-save]').click();
  await page.getByText('Profile saved').waitFor();
  const row = await db('staff_profiles').where({ user_id: li }).first();
  expect(row).toMatchObject({ licence_no: '11101201810123456', supervisor_id: zhang, practice_areas: ['civil', 'arbitration'] });
  expect(row.working_hours.sat).toEqual({ start: '09:00', end: '18:00' });
  await screenshot(page, 'staff-profile-en-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'staff-profile-en-390');
  await switchLocale(page, 'zh-CN');
  await page.getByText('使用律所默认工作时间').waitFor();
  await screenshot(page, 'staff-profile-zh-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'staff-profile-zh-1280');
  expect(errors).toEqual([]);
}, 180_000);

it('an assistant the firm lets draft templates finds the library and saves a draft, but is offered no publishing', async () => {
  const { page, errors } = await stack.newPage();
  await page.goto(`${stack.app.url}/login`);
  await signInOk(page, 'assistant@demo.lexflow', stack.debugLog);
  // Without the grant: no library in the menu, and its address is refused.
  await page.locator('[data-test=nav-dashboard]').waitFor();
  expect(await page.locator('[data-test=nav-templates]').count()).toBe(0);
  await stack.tdb
    .db('settings')
    .insert({ key: 'capabilities', value: JSON.stringify(['assistant.draftTemplates']) })
    .onConflict('key')
    .merge();
  await page.reload();
  await page.locator('[data-test=nav-templates]').click();
  await page.locator('[data-test=new-template]').waitFor();
  expect(await page.locator('[data-test^=archive-]').count()).toBe(0);
  await page.locator('[data-test^=design-]').first().click();
  await page.locator('[data-test=save]').waitFor();
  expect(await page.locator('[data-test=publish]').count()).toBe(0);
  expect(await page.locator('[data-test=heatmap-toggle]').count()).toBe(0);
  await screenshot(page, 'firm-capability-assistant-designer-zh-1280');
  expect(errors).toEqual([]);
}, 120_000);

it('an admin uploads the firm logo, sees it on the page and in the drawer, and removes it after confirming', async () => {
  const { page, errors } = await stack.newPage();
  await page.goto(`${stack.app.url}/login`);
  await signInOk(page, 'admin@demo.lexflow', stack.debugLog);
  await page.goto(`${stack.app.url}/admin/firm`);
  await page.getByRole('heading', { name: '律所设置' }).waitFor();
  await page.locator('[data-test=logo-none]').waitFor();
  const file = page.locator('[data-test=logo-file]');
  // Too big is told before anything is sent; a text file named .png is refused by the server.
  await file.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.concat([makePng(), Buffer.alloc(520 * 1024)]) });
  await page.locator('[data-test=logo-error]', { hasText: '512 KiB' }).waitFor();
  await file.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('only text, named .png') });
  await page.locator('[data-test=logo-error]').waitFor();
  expect((await stack.tdb.db('settings').where({ key: 'firmLogo' }).first())?.value ?? null).toBeNull();

  const png = makePng(120, 40, [0xc0, 0x39, 0x2b]);
  await file.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await page.locator('[data-test=logo-preview]').waitFor();
  await page.locator('[data-test=drawer-logo]').waitFor();
  // The drawer's image has loaded the uploaded bytes: 120 × 40 pixels.
  const size = await page.locator('html').evaluate(async (root) => {
    const img = root.querySelector('[data-test=drawer-logo]') as unknown as {
      decode(): Promise<void>;
      naturalWidth: number;
      naturalHeight: number;
    };
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  });
  expect(size).toEqual([120, 40]);
  expect((await stack.tdb.db('settings').where({ key: 'firmLogo' }).first())?.value).toMatchObject({ mime: 'image/png', size: png.length });
  await screenshot(page, 'firm-logo-zh-1280');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('[data-test=logo-preview]').scrollIntoViewIfNeeded();
  await screenshot(page, 'firm-logo-zh-390');
  // On a phone the drawer opens from the menu button, with the logo at its head.
  await page.locator('.v-app-bar-nav-icon').click();
  await page.locator('[data-test=drawer-logo]').waitFor({ state: 'visible' });
  await screenshot(page, 'firm-logo-drawer-zh-390');
  await page.locator('.v-navigation-drawer__scrim').click({ position: { x: 370, y: 400 } });
  await page.locator('[data-test=nav].v-navigation-drawer--active').waitFor({ state: 'detached' });
  await switchLocale(page, 'en');
  await page.getByText('Logo and letterhead').waitFor();
  await screenshot(page, 'firm-logo-en-390');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'firm-logo-en-1280');

  await page.locator('[data-test=logo-remove]').click();
  await page.locator('[data-test=confirm-dialog]', { hasText: 'Remove the logo' }).waitFor();
  await page.locator('[data-test=confirm-ok]').click();
  await page.locator('[data-test=logo-none]').waitFor();
  await page.locator('[data-test=drawer-logo]').waitFor({ state: 'detached' });
  expect((await stack.tdb.db('settings').where({ key: 'firmLogo' }).first())?.value).toBeNull();
  expect(errors).toEqual([]);
}, 120_000);
