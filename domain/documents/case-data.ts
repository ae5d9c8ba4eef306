import { chineseDate, chineseNumeral, GENDER_ZH, ID_TYPE_ZH, PRACTICE_AREA_ZH, text, word, yuanText } from './format';
import { BLANK } from './docx';
import { optionCondition, type PartyLoop, type TemplateField } from './template-fields';

/**
 * The plain record a caller (the API's preview, the generateDocument activity) assembles from the
 * database for one generation, and its mapping to the placeholder data of template-fields.ts. Kept
 * free of table shapes so domain/ does not depend on db/; dates are ISO dates in the firm's time zone.
 */
export const TEMPLATE_PARTY_ROLES = ['plaintiff', 'defendant', 'third-party', 'other'] as const;
export type TemplatePartyRole = (typeof TEMPLATE_PARTY_ROLES)[number];

export type TemplateParty = {
  role: TemplatePartyRole;
  kind: 'person' | 'org';
  name: string;
  gender?: 'male' | 'female' | null;
  birthDate?: string | null;
  ethnicity?: string | null;
  /** A code of ID_TYPE_ZH (resident-id, passport …) or the document's name as written. */
  idType?: string | null;
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  legalRep?: string | null;
  legalRepTitle?: string | null;
  creditCode?: string | null;
};

export type TemplateCaseInput = {
  case: {
    number?: string | null;
    title: string;
    causeOfAction?: string | null;
    court?: string | null;
    amountInDisputeFen?: number | null;
    practiceArea?: string | null;
    openedAt?: string | null;
  };
  client?: TemplateParty | null;
  parties: readonly TemplateParty[];
  leadLawyer?: { name: string; licenceNo?: string | null; phone?: string | null } | null;
  firm: { name: string; address?: string | null; phone?: string | null; letterPrefix?: string | null };
  /** The template's declared fields: they say how each form value is shown. */
  fields?: readonly TemplateField[];
  /** What the lawyer typed in the generated form, by field key (money in integer fen, dates ISO, lists of strings). */
  form?: Readonly<Record<string, unknown>>;
  letterNo?: string | null;
  /** Today in the firm's time zone, ISO date. */
  today: string;
};

export type TemplateData = Record<string, unknown>;

const ROLE_ZH: Record<TemplatePartyRole, string> = { plaintiff: '原告', defendant: '被告', 'third-party': '第三人', other: '' };

/** One sentence with a party's particulars, in the order CPL 124 lists them (for the narrative forms). */
function partyBlock(x: TemplateParty): string {
  if (x.kind === 'org') {
    return `${x.name}，住所地：${text(x.address)}，统一社会信用代码：${text(x.creditCode)}。法定代表人：${text(x.legalRep)}，职务：${text(x.legalRepTitle)}，联系电话：${text(x.phone)}。`;
  }
  const idType = word(ID_TYPE_ZH, x.idType ?? 'resident-id');
  return `${x.name}，${word(GENDER_ZH, x.gender)}，${chineseDate(x.birthDate)}出生，${text(x.ethnicity)}，${idType}号码：${text(x.idNumber)}，住${text(x.address)}，联系电话：${text(x.phone)}。`;
}

/** A party as loop item / client.*: every field present (blank line when unknown), plus the block. */
export function partyData(x: TemplateParty, no: number): TemplateData {
  const person = x.kind === 'person';
  return {
    no,
    name: text(x.name),
    kind: person ? '自然人' : '法人或其他组织',
    isPerson: person,
    isOrg: !person,
    roleZh: ROLE_ZH[x.role],
    gender: person ? word(GENDER_ZH, x.gender) : BLANK,
    birthDate: person ? chineseDate(x.birthDate) : BLANK,
    ethnicity: person ? text(x.ethnicity) : BLANK,
    idType: person ? word(ID_TYPE_ZH, x.idType ?? 'resident-id') : BLANK,
    idNumber: person ? text(x.idNumber) : BLANK,
    address: text(x.address),
    phone: text(x.phone),
    legalRep: person ? BLANK : text(x.legalRep),
    legalRepTitle: person ? BLANK : text(x.legalRepTitle),
    creditCode: person ? BLANK : text(x.creditCode),
    block: partyBlock(x),
  };
}

const LOOP_ROLE: Record<PartyLoop, TemplatePartyRole> = { plaintiffs: 'plaintiff', defendants: 'defendant', thirdParties: 'third-party' };

/** One form value as its field's type shows it; select fields also set one condition per option. */
function formData(fields: readonly TemplateField[], form: Readonly<Record<string, unknown>>): TemplateData {
  const data: TemplateData = {};
  for (const f of fields) {
    const value = form[f.key];
    if (f.type === 'list') {
      const items = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
      data[f.key] = (items.length ? items : [BLANK]).map((t, i) => ({ no: i + 1, noZh: chineseNumeral(i + 1), text: t }));
    } else if (f.type === 'select') {
      const chosen = f.options?.find((o) => o.value === value);
      data[f.key] = chosen ? chosen.labelZh : BLANK;
      for (const o of f.options ?? []) data[optionCondition(f.key, o.value)] = o.value === chosen?.value;
    } else if (f.type === 'money') {
      data[f.key] = yuanText(typeof value === 'number' ? value : null);
    } else if (f.type === 'date') {
      data[f.key] = chineseDate(typeof value === 'string' ? value : null);
    } else {
      data[f.key] = text(typeof value === 'string' ? value : null);
    }
  }
  return data;
}

/** The placeholder data for one generation: every name of the vocabulary is present, so nothing renders "undefined". */
export function caseTemplateData(input: TemplateCaseInput): TemplateData {
  const c = input.case;
  const loops = Object.fromEntries(
    (Object.keys(LOOP_ROLE) as PartyLoop[]).map((loop) => [
      loop,
      input.parties.filter((x) => x.role === LOOP_ROLE[loop]).map((x, i) => partyData(x, i + 1)),
    ]),
  ) as Record<PartyLoop, TemplateData[]>;
  const names = (loop: PartyLoop) => (loops[loop].length ? loops[loop].map((x) => x.name).join('、') : BLANK);
  return {
    ...formData(input.fields ?? [], input.form ?? {}),
    case: {
      number: text(c.number),
      title: text(c.title),
      causeOfAction: text(c.causeOfAction),
      court: text(c.court),
      amountInDispute: yuanText(c.amountInDisputeFen),
      practiceArea: word(PRACTICE_AREA_ZH, c.practiceArea),
      openedAt: chineseDate(c.openedAt),
    },
    client: input.client ? partyData(input.client, 1) : partyData({ role: 'other', kind: 'person', name: '' }, 1),
    ...loops,
    plaintiffNames: names('plaintiffs'),
    defendantNames: names('defendants'),
    thirdPartyNames: names('thirdParties'),
    lawyer: { name: text(input.leadLawyer?.name), licenceNo: text(input.leadLawyer?.licenceNo), phone: text(input.leadLawyer?.phone) },
    firm: {
      name: text(input.firm.name),
      address: text(input.firm.address),
      phone: text(input.firm.phone),
      letterPrefix: text(input.firm.letterPrefix),
    },
    today: chineseDate(input.today),
    letterNo: text(input.letterNo),
  };
}
