import { z } from 'zod';

/**
 * The vocabulary of document templates: every `{placeholder}` a .docx template may use, where its
 * value comes from, and the form fields a template declares for the lawyer to fill before
 * generating. An admin's upload is checked against this list (scan.ts), so a misspelt tag is refused
 * at upload instead of rendering a blank in a pleading; the UI shows the labels as the reference.
 */
export type PlaceholderInfo = { readonly name: string; readonly labelZh: string; readonly labelEn: string; readonly source: string };

const p = (name: string, labelZh: string, labelEn: string, source: string): PlaceholderInfo => ({ name, labelZh, labelEn, source });

/** One party's block (a 当事人信息 row of the 要素式 forms, CPL 124/128); the same keys for client.* and every loop item. */
export const PARTY_FIELDS: readonly PlaceholderInfo[] = [
  p('name', '姓名/名称', 'Name', 'case party'),
  p('kind', '主体类型（自然人/法人或其他组织）', 'Kind (person / organisation)', 'case party'),
  p('isPerson', '是否自然人（条件）', 'Is a natural person (condition)', 'case party'),
  p('isOrg', '是否法人或其他组织（条件）', 'Is an organisation (condition)', 'case party'),
  p('roleZh', '诉讼地位（原告/被告/第三人）', 'Procedural position (plaintiff / defendant / third party)', 'case party'),
  p('gender', '性别', 'Gender', 'case party (person)'),
  p('birthDate', '出生日期', 'Date of birth', 'case party (person)'),
  p('ethnicity', '民族', 'Ethnicity', 'case party (person)'),
  p('idType', '证件类型', 'ID document type', 'case party (person)'),
  p('idNumber', '证件号码', 'ID document number', 'case party (person)'),
  p('address', '住所地', 'Address (domicile)', 'case party'),
  p('phone', '联系电话', 'Phone', 'case party'),
  p('legalRep', '法定代表人/主要负责人', 'Legal representative', 'case party (organisation)'),
  p('legalRepTitle', '职务', 'Legal representative’s title', 'case party (organisation)'),
  p('creditCode', '统一社会信用代码', 'Unified social credit code', 'case party (organisation)'),
  p('block', '当事人信息（一段文字）', 'Party particulars as one sentence', 'composed from the fields above'),
  p('no', '序号', 'Number in the list', 'position in the loop'),
];

/** The party loops: `{#plaintiffs}…{/plaintiffs}` repeats its paragraph (or table row) per party of that position. */
export const PARTY_LOOPS = ['plaintiffs', 'defendants', 'thirdParties'] as const;
export type PartyLoop = (typeof PARTY_LOOPS)[number];

/** Every scalar placeholder outside loops and form fields. */
export const PLACEHOLDERS: readonly PlaceholderInfo[] = [
  p('case.number', '案号', 'Case number', 'case record'),
  p('case.title', '案件名称', 'Case title', 'case record'),
  p('case.causeOfAction', '案由', 'Cause of action', 'case record'),
  p('case.court', '受理法院', 'Court', 'case record'),
  p('case.amountInDispute', '标的额（元）', 'Amount in dispute (yuan)', 'case record, integer fen shown as yuan'),
  p('case.practiceArea', '业务领域', 'Practice area', 'case record'),
  p('case.openedAt', '立案日期', 'Opened on', 'case record'),
  ...PARTY_FIELDS.filter((f) => f.name !== 'no').map((f) =>
    p(`client.${f.name}`, `委托人${f.labelZh}`, `Client: ${f.labelEn}`, 'the case’s client party'),
  ),
  p('plaintiffNames', '原告名称（顿号分隔）', 'Plaintiffs’ names', 'case parties'),
  p('defendantNames', '被告名称（顿号分隔）', 'Defendants’ names', 'case parties'),
  p('thirdPartyNames', '第三人名称（顿号分隔）', 'Third parties’ names', 'case parties'),
  p('lawyer.name', '承办律师', 'Lead lawyer', 'the case’s lead lawyer'),
  p('lawyer.licenceNo', '律师执业证号', 'Lawyer’s licence number', 'the lead lawyer’s profile'),
  p('lawyer.phone', '律师联系电话', 'Lawyer’s phone', 'the lead lawyer’s profile'),
  p('firm.name', '律师事务所', 'Law firm', 'firm settings'),
  p('firm.address', '律所地址', 'Firm address', 'firm settings'),
  p('firm.phone', '律所电话', 'Firm phone', 'firm settings'),
  p('firm.letterPrefix', '函号字头（如“京律”）', 'Letter-number prefix', 'firm settings'),
  p('today', '今天（中文日期）', 'Today (Chinese date)', 'the firm’s calendar'),
  p('letterNo', '函号', 'Letter number', 'the firm’s letter counter'),
];

export const FIELD_TYPES = ['text', 'textarea', 'date', 'money', 'select', 'list'] as const;

/** Roots a form field may not take: they are the case's own data. */
const RESERVED = new Set([...PLACEHOLDERS.map((x) => x.name.split('.')[0]), ...PARTY_LOOPS, ...PARTY_FIELDS.map((f) => f.name)]);

const ZOption = z.object({
  value: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'an option value is a short code: letters and digits, starting lower-case'),
  labelZh: z.string().min(1),
  labelEn: z.string().min(1),
});

/**
 * One form field a template declares. Its key is the placeholder (`{claims}`); a `list` is a loop
 * whose items have `{no}` (1, 2 …), `{noZh}` (一, 二 …) and `{text}`; a `select` renders its option's Chinese label and gives a
 * condition per option, `{#powers_special}…{/powers_special}`; `money` is integer fen shown as yuan.
 */
export const ZTemplateField = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]*$/, 'a field key is letters and digits, starting lower-case')
      .refine((key) => !RESERVED.has(key), 'this key is a built-in placeholder of the case'),
    labelZh: z.string().min(1),
    labelEn: z.string().min(1),
    type: z.enum(FIELD_TYPES),
    options: z.array(ZOption).min(1).optional(),
    required: z.boolean(),
  })
  .refine((f) => (f.type === 'select') === (f.options !== undefined), {
    message: 'options are given for a select field, and only for one',
  });
export type TemplateField = z.infer<typeof ZTemplateField>;

/** A template's `fields` declaration: keys unique. */
export const ZTemplateFields = z
  .array(ZTemplateField)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, { message: 'field keys must be unique' });

/** The condition tag a select field gives for one option. */
export const optionCondition = (key: string, value: string): string => `${key}_${value}`;

/** The scalar names a template with these fields may use (outside a loop): built-ins, fields and select conditions. */
export function knownScalars(fields: readonly TemplateField[]): Set<string> {
  const names = new Set(PLACEHOLDERS.map((x) => x.name));
  for (const f of fields) {
    if (f.type !== 'list') names.add(f.key);
    for (const o of f.options ?? []) names.add(optionCondition(f.key, o.value));
  }
  return names;
}

/** The loops a template with these fields may use, each with the names its items add to the scope. */
export function knownLoops(fields: readonly TemplateField[]): Map<string, Set<string>> {
  const loops = new Map<string, Set<string>>();
  for (const loop of PARTY_LOOPS) loops.set(loop, new Set(PARTY_FIELDS.map((f) => f.name)));
  for (const f of fields) if (f.type === 'list') loops.set(f.key, new Set(['no', 'noZh', 'text']));
  return loops;
}
