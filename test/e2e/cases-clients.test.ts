import { seedDemoCases } from '../../db/seeds/demo-cases';
import { screenshot, pick } from '../helpers/browser';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

let stack: UiStack;
beforeAll(async () => {
  stack = await startUiStack('intake');
  // The firm's closed history: 深圳市鹏程贸易有限公司 was the other side in one of its cases.
  await seedDemoCases(stack.tdb.db, null, { historical: 12, now: new Date('2026-11-29T00:00:00Z') });
}, 60_000);
afterAll(() => stack?.close());

describe('intake: client, conflict check, case, search', () => {
  it('creates a client, finds the planted conflict, records a waiver, opens the case and finds it by a Chinese word of its description', async () => {
    const { page, errors } = await stack.newPage({ width: 1440, height: 950 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);

    // 1. A new client.
    await page.locator('[data-test=nav-clients]').click();
    await page.locator('[data-test=new-client]').click();
    await page.locator('[data-test=client-name] input').fill('深圳鹏程贸易有限公司');
    await page.locator('[data-test=client-id-number] input').fill('91440300MA5NEW0001');
    await page.locator('[data-test=client-save]').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await page.locator('[data-test=client-title]', { hasText: '深圳鹏程贸易有限公司' }).waitFor();
    await screenshot(page, 'intake-01-client');

    // 2. The intake: the new client and the other side, then the conflict check.
    await page.locator('[data-test=nav-cases]').click();
    await page.locator('[data-test=new-case]').click();
    await page.locator('[data-test=case-client] input[type=text]').fill('鹏程');
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '深圳鹏程贸易有限公司' }));
    await page.locator('[data-test=add-opposing]').click();
    await page.locator('[data-test=party-name-opposing] input').fill('东莞宏达电子有限公司');
    await page.locator('[data-test=intake-next]').click();
    const result = page.locator('[data-test=conflict-result-conflict]');
    await result.waitFor();
    const hits = page.locator('[data-test=conflict-hits]');
    const conflictRow = hits.locator('[data-test=hit-conflict]').first();
    expect(await conflictRow.innerText()).toContain('深圳市鹏程贸易有限公司');
    expect(await conflictRow.innerText()).toContain('对方当事人');
    expect(await conflictRow.innerText()).toMatch(/20\d\d民\d{4}/);
    expect(await page.locator('[data-test=intake-next]').isDisabled()).toBe(true);
    await screenshot(page, 'intake-02-conflict-found');

    // A partner records the waiver (informed consent); then the intake may go on.
    await page.locator('[data-test=decision-waived]').click();
    await page.locator('[data-test=decision-note] textarea').fill('原案已结案，双方书面知情同意');
    await page.locator('[data-test=decision-save]').click();
    await page.locator('[data-test=conflict-decision]').waitFor();
    await page.locator('[data-test=intake-next]:not([disabled])').click();

    // 3. The details.
    await page.locator('[data-test=case-title] input').fill('鹏程贸易诉宏达电子买卖合同纠纷');
    await page.locator('[data-test=case-area]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '民事' }));
    await page.getByRole('combobox', { name: '案件类型' }).fill('first_instance');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=case-cause] input').fill('买卖合同纠纷');
    await page.locator('[data-test=case-court] input').fill('深圳市龙岗区人民法院');
    await page.locator('[data-test=case-description] textarea').fill('被告采购的冷链仓储设备验收后拒付尾款，涉及质保金争议。');
    await screenshot(page, 'intake-03-details');
    await page.locator('[data-test=case-create]').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.locator('[data-test=case-title]', { hasText: '鹏程贸易诉宏达电子买卖合同纠纷' }).waitFor();
    await page.locator('[data-test=open-tasks] [data-test^=task-]').first().waitFor();
    await screenshot(page, 'intake-04-case');
    const caseRow = await stack.tdb.db('cases').where({ title: '鹏程贸易诉宏达电子买卖合同纠纷' }).first();
    const check = await stack.tdb.db('conflict_checks').where({ id: caseRow.conflict_check_id }).first();
    expect(check).toMatchObject({ result: 'conflict', decision: 'waived', case_id: caseRow.id });

    // 4. Found again by a word of its description, highlighted.
    await page.locator('[data-test=nav-cases]').click();
    await page.locator('[data-test=case-search] input').fill('冷链');
    const row = page.locator(`[data-test="case-row-${caseRow.number}"]`);
    await row.locator('mark', { hasText: '冷链' }).waitFor();
    await page.locator('[data-test=case-total]', { hasText: '共 1 件' }).waitFor();
    expect(await page.locator('[data-test=cases-table] tbody tr').count()).toBe(1);
    expect(await row.locator('[data-test=case-snippet]').innerText()).toContain('冷链仓储设备');
    await screenshot(page, 'intake-05-search');
    await row.click();
    await page.waitForURL(new RegExp(`/cases/${caseRow.id}$`));

    // The parties tab lists both sides; the timeline has the check.
    await page.locator('[data-test=tab-parties]').click();
    // The tab loads its parties when it opens: wait for the row rather than read the table at once.
    await page.locator('[data-test=parties] tr', { hasText: '东莞宏达电子有限公司' }).waitFor();
    expect(await page.locator('[data-test=parties]').innerText()).toContain('东莞宏达电子有限公司');
    await page.locator('[data-test=tab-timeline]').click();
    await page.locator('[data-test=timeline-conflictCheck]').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('intake with a client not yet on record (issue 18, item 8)', () => {
  it('checks the new client before it exists, keeps nothing of a declined intake, and suggests the title from the parties and 案由', async () => {
    const clientsNamed = async (name: string) => stack.tdb.db('clients').where({ name }).pluck('id');
    const { page, errors } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.app.url}/login`);
    await signInOk(page, 'partner@demo.lexflow', stack.debugLog);
    const newClientIntake = async (name: string, opposing: string) => {
      await page.goto(`${stack.app.url}/cases`);
      await page.locator('[data-test=new-case]').click();
      await page.locator('[data-test=intake-new-client]').click();
      await page.locator('[data-test=client-kind-person]').click();
      await page.locator('[data-test=client-name] input').fill(name);
      await page.locator('[data-test=client-save]').click();
      await page.locator('[data-test=intake-new-client-chip]', { hasText: name }).waitFor();
      await page.locator('[data-test=add-opposing]').click();
      await page.locator('[data-test=party-name-opposing] input').fill(opposing);
      await page.locator('[data-test=intake-next]').click();
    };

    // Declined: 深圳市鹏程贸易有限公司 was the other side of a closed case, so acting for it is a conflict.
    await newClientIntake('深圳市鹏程贸易有限公司', '东莞宏达电子有限公司');
    await page.locator('[data-test=conflict-result-conflict]').waitFor();
    await screenshot(page, 'intake-05-new-client-conflict-390');
    await page.locator('[data-test=decision-declined]').click();
    await page.locator('[data-test=decision-save]').click();
    await page.locator('[data-test=conflict-decision]').waitFor();
    expect(await page.locator('[data-test=intake-next]').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await clientsNamed('深圳市鹏程贸易有限公司')).toEqual([]);

    // Clear: the new client is not found as a match of itself; the title follows the parties and 案由.
    await newClientIntake('欧阳明远', '南京信达建设有限公司');
    await page.locator('[data-test=conflict-result-clear]').waitFor();
    await page.locator('[data-test=intake-next]:not([disabled])').click();
    await page.locator('[data-test=case-area]').click();
    await pick(page.locator('.v-overlay .v-list-item', { hasText: '民事' }));
    await page.getByRole('combobox', { name: '案件类型' }).fill('first_instance');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=case-cause] input').fill('股权转让纠纷');
    expect(await page.locator('[data-test=case-title] input').inputValue()).toBe('欧阳明远诉南京信达建设有限公司股权转让纠纷');
    await screenshot(page, 'intake-06-title-suggested-390');
    expect(await clientsNamed('欧阳明远')).toEqual([]);
    await page.locator('[data-test=case-create]').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.locator('[data-test=case-title]', { hasText: '欧阳明远诉南京信达建设有限公司股权转让纠纷' }).waitFor();
    const [clientId] = await clientsNamed('欧阳明远');
    expect(await stack.tdb.db('cases').where({ client_id: clientId }).pluck('title')).toEqual([
      '欧阳明远诉南京信达建设有限公司股权转让纠纷',
    ]);
    expect(errors).toEqual([]);
  }, 120_000);
});
