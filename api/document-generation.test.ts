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

describe('a firm’s own template', () => {
  function ownTemplate(body: string): Buffer {
    const zip = new PizZip(Buffer.from(buildDocumentTemplate('power-of-attorney')));
    const xml = zip.file('word/document.xml')!.asText();
    zip.file('word/document.xml', xml.replace(/<w:body>[\s\S]*<\/w:body>/, `<w:body><w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body>`));
    return zip.generate({ type: 'nodebuffer' });
  }
  const meta = { key: 'fee-reminder', nameZh: '律师费催告函', nameEn: 'Fee reminder', kind: 'letter' };
  const fields = JSON.stringify([{ key: 'dueDate', labelZh: '付款期限', labelEn: 'Due by', type: 'date', required: true }]);

  it('is checked, stored, listed, previewed with a sample, used to generate, and archived', async () => {
    const admin = stack.as.admin;
    const bytes = ownTemplate('致{client.name}：关于{case.title}一案，请于{dueDate}前支付律师费。');
    const added = await admin.upload('/api/v1/document-templates', [{ name: 'fee.docx', data: bytes }], { ...meta, fields });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ key: 'fee-reminder', builtin: false });
    expect((await admin.upload('/api/v1/document-templates', [{ name: 'fee.docx', data: bytes }], { ...meta, fields })).status).toBe(409);
    expect(
      (
        await admin.upload('/api/v1/document-templates', [{ name: 'x.docx', data: ownTemplate('{case.nmber}') }], {
          ...meta,
          key: 'bad',
          fields,
        })
      ).status,
    ).toBe(422);
    const list = (await stack.as['li.ming'].get('/api/v1/document-templates')).body.items.map((t: any) => t.key);
    expect(list).toEqual(expect.arrayContaining(['power-of-attorney', 'fee-reminder']));
    const sample = await stack.as['li.ming'].download('/api/v1/document-templates/fee-reminder/sample');
    expect(sample.status).toBe(200);
    expect(await textOf(sample.bytes)).toContain('请于');
    const made = await stack.as['li.ming'].post(`/api/v1/cases/${caseId}/documents/generate`, {
      templateKey: 'fee-reminder',
      form: { dueDate: '2026-12-31' },
    });
    expect(made.status).toBe(201);
    const text = await textOf((await stack.as['li.ming'].download(`/api/v1/documents/${made.body.id}/content`)).bytes);
    expect(text).toContain('致北京星河贸易有限公司');
    expect(text).toContain('2026年12月31日');
    expect((await admin.del('/api/v1/document-templates/power-of-attorney')).status).toBe(409);
    expect((await admin.del('/api/v1/document-templates/fee-reminder')).status).toBe(204);
    expect((await stack.as['li.ming'].get('/api/v1/document-templates')).body.items.map((t: any) => t.key)).not.toContain('fee-reminder');
  });
});
