import { caseTemplateData, type TemplateCaseInput, type TemplateData } from './case-data';
import { DocumentTemplateError, openTemplate, problemsOf } from './docx';
import type { TemplateField } from './template-fields';

/**
 * Filling a template: the .docx bytes in, a new .docx out, with the data of caseTemplateData (or
 * sampleData for an admin's preview). A template that does not open or render throws a
 * DocumentTemplateError listing its problems, never a raw docxtemplater error.
 */
export function fillTemplate(bytes: Uint8Array, data: TemplateData): Uint8Array {
  const opened = openTemplate(bytes);
  if (!opened.ok) throw new DocumentTemplateError(opened.problems);
  try {
    opened.doc.render(data);
  } catch (error) {
    throw new DocumentTemplateError(problemsOf(error));
  }
  return opened.doc.toUint8Array({ compression: 'DEFLATE' });
}

/** A realistic, fictional case: two plaintiffs, one company defendant, a third party. */
export const SAMPLE_CASE: TemplateCaseInput = {
  case: {
    number: '（2026）京0105民初1234号',
    title: '张伟、李娜诉北京恒远商贸有限公司买卖合同纠纷',
    causeOfAction: '买卖合同纠纷',
    court: '北京市朝阳区人民法院',
    amountInDisputeFen: 35_680_050,
    practiceArea: 'civil',
    openedAt: '2026-03-02',
  },
  client: {
    role: 'plaintiff',
    kind: 'person',
    name: '张伟',
    gender: 'male',
    birthDate: '1982-06-15',
    ethnicity: '汉族',
    idType: 'resident-id',
    idNumber: '110105198206151234',
    address: '北京市朝阳区建国路88号院3号楼502室',
    phone: '13800138000',
  },
  parties: [
    {
      role: 'plaintiff',
      kind: 'person',
      name: '张伟',
      gender: 'male',
      birthDate: '1982-06-15',
      ethnicity: '汉族',
      idType: 'resident-id',
      idNumber: '110105198206151234',
      address: '北京市朝阳区建国路88号院3号楼502室',
      phone: '13800138000',
    },
    {
      role: 'plaintiff',
      kind: 'person',
      name: '李娜',
      gender: 'female',
      birthDate: '1985-11-02',
      ethnicity: '回族',
      idType: 'resident-id',
      idNumber: '110105198511024321',
      address: '北京市朝阳区建国路88号院3号楼502室',
      phone: '13900139000',
    },
    {
      role: 'defendant',
      kind: 'org',
      name: '北京恒远商贸有限公司',
      address: '北京市海淀区中关村大街27号1008室',
      creditCode: '91110108MA01ABCD2X',
      legalRep: '王强',
      legalRepTitle: '总经理',
      phone: '010-62345678',
    },
    {
      role: 'third-party',
      kind: 'org',
      name: '上海顺达物流有限公司',
      address: '上海市浦东新区张江路100号',
      creditCode: '91310115MA1H2EFG3Y',
      legalRep: '赵敏',
      legalRepTitle: '执行董事',
      phone: '021-58881234',
    },
  ],
  leadLawyer: { name: '陈静', licenceNo: '11101201810123456', phone: '13700137000' },
  firm: { name: '北京明德律师事务所', address: '北京市东城区东长安街1号东方广场W1座10层', phone: '010-85181234', letterPrefix: '京明律' },
  letterNo: '（2026）京明律民字第12号',
  today: '2026-03-05',
};

/** An example value for a declared form field, so a preview shows every placeholder filled. */
function sampleValue(field: TemplateField, today: string): unknown {
  switch (field.type) {
    case 'date':
      return today;
    case 'money':
      return 10_000_000;
    case 'select':
      return field.options?.[field.options.length - 1]?.value;
    case 'list':
      return [`${field.labelZh}（示例一）`, `${field.labelZh}（示例二）`];
    default:
      return `${field.labelZh}（示例）`;
  }
}

/** Placeholder data of the sample case, with example values for the template's own form fields. */
export function sampleData(fields: readonly TemplateField[] = []): TemplateData {
  const form = Object.fromEntries(fields.map((f) => [f.key, sampleValue(f, SAMPLE_CASE.today)]));
  return caseTemplateData({ ...SAMPLE_CASE, fields, form });
}
