import mammoth from 'mammoth';
import PizZip from 'pizzip';
import { createActivities } from '../activities';
import { buildDocumentTemplate } from '../process-templates/documents/build';
import { SHIPPED_DOCUMENT_TEMPLATES } from '../process-templates/documents/templates';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';

/**
 * Documents made from templates (issue 15, item 6): a lawyer generates a 授权委托书 from the case
 * and a form; the engine's generateDocument step makes a real .docx once however often it runs; an
 * admin's .docx template is checked and refused with the problem named.
 */
let stack: ApiStack;
let caseId: string;

const textOf = async (bytes: Buffer) => (await mammoth.extractRawText({ buffer: bytes })).value;

beforeAll(async () => {
  stack = await startApiStack('document-generation', { historical: 0 });
  ({ caseId } = await openRestingCase(stack, { client: '北京星河贸易有限公司', title: '买卖合同纠纷' }));
  await stack.as['li.ming'].patch(`/api/v1/cases/${caseId}`, { court: '北京市朝阳区人民法院', causeOfAction: '买卖合同纠纷' });
}, 120_000);
afterAll(async () => stack?.close());

it('generates a 授权委托书 with special powers from the case and the form, filed under 法律文书', async () => {
  const lawyer = stack.as['li.ming'];
  const missing = await lawyer.post(`/api/v1/cases/${caseId}/documents/generate`, { templateKey: 'power-of-attorney' });
  expect(missing.status).toBe(400);
  const r = await lawyer.post(`/api/v1/cases/${caseId}/documents/generate`, {
    templateKey: 'power-of-attorney',
    form: { instance: 'first', powers: 'special', term: '至本案一审终结' },
  });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({
    category: 'pleadings',
    source: 'generated',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
  const text = await textOf((await lawyer.download(`/api/v1/documents/${r.body.id}/content`)).bytes);
  for (const expected of [
    '授权委托书',
    '北京星河贸易有限公司',
    '对方',
    '买卖合同纠纷',
    '特别授权',
    '代为承认、放弃、变更诉讼请求',
    '至本案一审终结',
  ]) {
    expect(text).toContain(expected);
  }
  expect(text).not.toMatch(/undefined|null|\{/);
});

it('numbers firm letters per year', async () => {
  const lawyer = stack.as['li.ming'];
  const letters = [];
  for (let i = 0; i < 2; i++) {
    const r = await lawyer.post(`/api/v1/cases/${caseId}/documents/generate`, {
      templateKey: 'firm-letter',
      form: { agentRole: 'agent', recipient: '北京市朝阳区人民法院' },
    });
    expect(r.status).toBe(201);
    letters.push(await textOf((await lawyer.download(`/api/v1/documents/${r.body.id}/content`)).bytes));
  }
  const year = new Date().getFullYear();
  expect(letters[0]).toMatch(new RegExp(`（${year}）.*第1号`));
  expect(letters[1]).toMatch(new RegExp(`（${year}）.*第2号`));
});

it('makes the generateDocument step’s document once, however often the activity runs', async () => {
  const { requestDocument } = createActivities({ db: stack.tdb.db, storage: stack.app.storage });
  const input = { caseId, key: `case-${caseId}:gen-complaint:1`, template: 'complaint-narrative' };
  await requestDocument(input);
  await requestDocument(input);
  const docs = await stack.tdb.db('documents').where({ case_id: caseId, source: 'generated' }).whereLike('generation_key', 'engine:%');
  expect(docs).toHaveLength(1);
  const text = await textOf((await stack.as['li.ming'].download(`/api/v1/documents/${docs[0].id}/content`)).bytes);
  for (const expected of ['民事起诉状', '北京星河贸易有限公司', '北京市朝阳区人民法院', '买卖合同纠纷']) expect(text).toContain(expected);
  await expect(requestDocument({ ...input, key: 'other', template: 'no-such-template' })).rejects.toMatchObject({ nonRetryable: true });
});

describe('an admin’s template check', () => {
  const fields = JSON.stringify(SHIPPED_DOCUMENT_TEMPLATES.find((t) => t.key === 'power-of-attorney')!.fields);
  const check = (data: Buffer) => stack.as.admin.upload('/api/v1/document-templates/check', [{ name: 't.docx', data }], { fields });

  it('lists the placeholders of a good template', async () => {
    const r = await check(Buffer.from(buildDocumentTemplate('power-of-attorney')));
    expect(r.status).toBe(200);
    expect(r.body.placeholders).toEqual(expect.arrayContaining(['case.causeOfAction', 'lawyer.name']));
  });

  it('refuses an unknown placeholder naming it, and a corrupt .docx, with 422', async () => {
    const zip = new PizZip(Buffer.from(buildDocumentTemplate('power-of-attorney')));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{case.causeOfAction}', '{case.nmber}'));
    const unknown = await check(zip.generate({ type: 'nodebuffer' }));
    expect([unknown.status, unknown.body.code]).toEqual([422, 'document-template-invalid']);
    expect(unknown.body.detail).toContain('case.nmber');
    const corrupt = await check(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 7)]));
    expect([corrupt.status, corrupt.body.code]).toEqual([422, 'document-template-invalid']);
    expect(
      (await stack.as['li.ming'].upload('/api/v1/document-templates/check', [{ name: 't.docx', data: Buffer.from('x') }])).status,
    ).toBe(403);
  });
});
