import type { Page } from 'playwright-core';
import { HttpClient } from './app';
import type { UiStack } from './ui-stack';

/** The documents browser tests' case: the demo partner leads it for 上海星河科技有限公司, 李明 on the team. */
export async function partnerCase(stack: UiStack, c: { title: string; court: string }): Promise<string> {
  const api = new HttpClient(stack.app.url);
  await api.login('partner@demo.lexflow');
  const users = await stack.tdb.db('users').select('id', 'email');
  const id = (who: string) => users.find((u) => u.email === `${who}@demo.lexflow`)!.id as string;
  const client = (await stack.tdb.db('clients').where({ name: '上海星河科技有限公司' }).first()).id;
  const r = await api.post('/api/v1/cases', {
    title: c.title,
    clientId: client,
    practiceArea: 'civil',
    caseType: 'first_instance',
    court: c.court,
    leadLawyerId: id('partner'),
    team: [{ userId: id('li.ming'), role: 'lawyer' }],
  });
  if (r.status !== 201) throw new Error(`the test case was not opened: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export const previewPanel = (page: Page) => page.locator('[data-test=doc-preview-panel]');

export async function openDocumentsTab(page: Page, stack: UiStack, caseId: string): Promise<void> {
  await page.goto(`${stack.app.url}/cases/${caseId}`);
  await page.locator('[data-test=tab-documents]').click();
  await page.locator('[data-test=case-documents]').waitFor();
}
