import type { Page } from 'playwright-core';
import { HttpClient } from '../helpers/app';
import { screenshot, switchLocale } from '../helpers/browser';
import { eventually } from '../helpers/engine';
import { signInOk, startUiStack, type UiStack } from '../helpers/ui-stack';

/**
 * Every staff page a lawyer lives in works on a phone (issue 18, item 7): at 390 px nothing is wider
 * than the screen — lists are cards, the case page's tabs scroll —, in both languages.
 */
let stack: UiStack;
let caseId: string;

beforeAll(async () => {
  stack = await startUiStack('phone');
  const api = new HttpClient(stack.app.url);
  await api.login('li.ming@demo.lexflow');
  const users = await stack.tdb.db('users').select('id', 'email');
  const id = (who: string) => users.find((u) => u.email === `${who}@demo.lexflow`)!.id as string;
  const client = (await stack.tdb.db('clients').where({ name: '上海星河科技有限公司' }).first()).id;
  const c = await api.post('/api/v1/cases', {
    title: '上海星河科技有限公司诉杭州蓝海软件有限公司技术服务合同纠纷',
    clientId: client,
    practiceArea: 'civil',
    caseType: 'first_instance',
    causeOfAction: '技术服务合同纠纷',
    court: '上海市浦东新区人民法院',
    leadLawyerId: id('li.ming'),
    parties: [{ role: 'opposing', kind: 'organisation', name: '杭州蓝海软件有限公司' }],
  });
  expect(c.status).toBe(201);
  caseId = c.body.id;
  await eventually(async () => (await stack.tdb.db('tasks').where({ case_id: caseId })).length > 0);
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const event = await api.post('/api/v1/calendar/events', {
    caseId,
    kind: 'hearing',
    title: '开庭 · 第十法庭',
    startsAt: `${day}T09:30:00+08:00`,
    endsAt: `${day}T11:30:00+08:00`,
    location: '上海市浦东新区人民法院 第十法庭',
    attendeeIds: [id('li.ming')],
  });
  expect(event.status).toBe(201);
}, 90_000);
afterAll(() => stack?.close());

/** How far the page is wider than the screen, and which elements stick out (for the failure message). */
async function overflow(page: Page) {
  // Runs in the page: the root element's own document is where the elements are.
  return page.locator('html').evaluate((root) => {
    const width = root.clientWidth;
    const wide = [...root.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length > 0)
      .filter((el) => !el.closest('.v-slide-group__content, .v-table__wrapper, .v-navigation-drawer, .v-overlay-container'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { extra: root.scrollWidth - width, wide };
  });
}

describe('staff pages on a phone (390 × 844)', () => {
  it.each(['zh-CN', 'en'] as const)(
    'case list, case page, tasks and calendar fit the screen (%s)',
    async (locale) => {
      const { page, errors } = await stack.newPage({ width: 390, height: 844 });
      await page.goto(`${stack.app.url}/login`);
      await signInOk(page, 'li.ming@demo.lexflow', stack.debugLog);
      if (locale === 'en') await switchLocale(page, 'en');
      const pages: Array<[string, string, string]> = [
        ['cases', '/cases', '[data-test=case-total]'],
        ['case', `/cases/${caseId}`, '[data-test=open-tasks]'],
        ['tasks', '/tasks', '[data-test=task-total]'],
        ['calendar', '/calendar', '[data-test=cal-today]'],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(`${stack.app.url}${path}`);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await screenshot(page, `phone-${name}-${locale}`);
        expect({ page: name, ...(await overflow(page)) }).toEqual({ page: name, extra: 0, wide: [] });
      }
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
