import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import PizZip from 'pizzip';
import { documentTemplateParts } from '../../process-templates/documents/build';
import { SHIPPED_DOCUMENT_TEMPLATES } from '../../process-templates/documents/templates';
import { caseTemplateData, fillTemplate, SAMPLE_CASE, validateTemplate, ZTemplateFields, BLANK } from './index';

const dir = path.join(__dirname, '..', '..', 'process-templates', 'documents');
const read = (key: string) => new Uint8Array(fs.readFileSync(path.join(dir, `${key}.docx`)));
const rawText = async (bytes: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

/** What the lawyer typed in the form, per field type (a realistic sale-contract case). */
function formFor(key: string): Record<string, unknown> {
  const t = SHIPPED_DOCUMENT_TEMPLATES.find((x) => x.key === key)!;
  const form: Record<string, unknown> = {};
  for (const f of t.fields) {
    if (f.type === 'money') form[f.key] = 35_680_050;
    else if (f.type === 'date') form[f.key] = '2026-02-01';
    else if (f.type === 'select') form[f.key] = f.options!.at(-1)!.value;
    else if (f.type === 'list') form[f.key] = [`${f.key}-第一项`, `${f.key}-第二项`];
    else form[f.key] = `${f.key}：已填写`;
  }
  return form;
}

describe.each(SHIPPED_DOCUMENT_TEMPLATES.map((t) => [t.key, t] as const))('shipped document template %s', (key, t) => {
  it('declares valid fields, validates clean, and equals what its source builds', () => {
    expect(ZTemplateFields.safeParse(t.fields).success).toBe(true);
    const result = validateTemplate(read(key), t.fields);
    expect(result).toMatchObject({ ok: true });
    const zip = new PizZip(read(key));
    for (const [part, xml] of Object.entries(documentTemplateParts(key))) expect(zip.file(part)?.asText()).toBe(xml);
  });

  it('fills from a case with two plaintiffs and a company defendant', async () => {
    const data = caseTemplateData({ ...SAMPLE_CASE, fields: t.fields, form: formFor(key) });
    const out = await rawText(fillTemplate(read(key), data));
    for (const expected of ['北京明德律师事务所', '买卖合同纠纷', '11101201810123456', '北京恒远商贸有限公司', '张伟'])
      expect(out).toContain(expected);
    if (t.kind !== 'defence') expect(out).toContain('李娜');
    if (t.kind !== 'letter') expect(out).toContain('北京市朝阳区人民法院');
    expect(out).not.toMatch(/undefined|null|\{|\}/);
    // Every declared text field's value reached the document.
    for (const f of t.fields.filter((x) => x.type === 'text' || x.type === 'textarea')) expect(out).toContain(`${f.key}：已填写`);
    for (const f of t.fields.filter((x) => x.type === 'list')) expect(out).toContain(`${f.key}-第二项`);
  });
});

describe('shipped documents, their particular content', () => {
  const fill = async (key: string, form: Record<string, unknown>, input = SAMPLE_CASE) => {
    const t = SHIPPED_DOCUMENT_TEMPLATES.find((x) => x.key === key)!;
    return rawText(fillTemplate(read(key), caseTemplateData({ ...input, fields: t.fields, form })));
  };

  it('the 要素式 complaint shows each party block with the right kind of rows', async () => {
    const out = await fill('complaint-elements-sale', { principal: 35_680_050 });
    expect(out).toContain('人民币356,800.50元');
    expect(out).toContain('证件号码：110105198511024321');
    expect(out).toContain('统一社会信用代码：91110108MA01ABCD2X');
    expect(out).toContain('法定代表人/主要负责人：王强');
    expect(out).toContain('第三人（1）');
    expect(out).toContain(`{lateInterest}`.replace('{lateInterest}', BLANK)); // an empty field is a blank line
  });

  it('the power of attorney lists the special powers only under 特别授权', async () => {
    const special = await fill('power-of-attorney', { instance: 'second', powers: 'special', term: '至本案二审终结' });
    expect(special).toContain('代理人的代理权限为：特别授权');
    expect(special).toContain('代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉');
    expect(special).toContain('二审程序');
    const general = await fill('power-of-attorney', { instance: 'first', powers: 'general', term: '至本案一审终结' });
    expect(general).toContain('代理人的代理权限为：一般代理');
    expect(general).not.toContain('特别授权的权限');
  });

  it('the firm letter carries its letter number and the lawyer’s licence number', async () => {
    const out = await fill('firm-letter', { agentRole: 'agent', recipient: '北京市朝阳区人民法院' });
    expect(out).toContain('（2026）京明律民字第12号');
    expect(out).toContain('指派陈静律师（执业证号：11101201810123456）');
    expect(out).toContain('诉讼代理人');
  });

  it('a missing value renders as a blank line, never undefined', async () => {
    const out = await fill('defence', {}, { ...SAMPLE_CASE, case: { title: '无案号案件' }, leadLawyer: null, client: null });
    expect(out).toContain(`案号：${BLANK}`);
    expect(out).toContain(`执业证号：${BLANK}`);
    expect(out).not.toMatch(/undefined|null/);
  });
});
