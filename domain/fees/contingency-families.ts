import { text, type LocalText } from './arith';

/**
 * The case families in which 风险代理 is forbidden, and how each is recognised: in the 案由 as a
 * person typed it (Chinese, matched by the words of the 《民事案件案由规定》 names) and in the
 * case-type key (snake_case English, matched by whole words so real_estate is not an estate).
 * Order matters: the first family that matches is the one named (刑事赔偿 is state compensation, not
 * criminal; 同居关系子女抚养 is marriage).
 */
export type ContingencyBanCode =
  | 'criminal'
  | 'administrative'
  | 'state-compensation'
  | 'collective'
  | 'marriage'
  | 'succession'
  | 'social-security'
  | 'family-support'
  | 'pension-relief'
  | 'work-injury'
  | 'labour-remuneration'
  | 'no-property';

export interface BanFamily {
  code: ContingencyBanCode;
  /** 第十二条 (forbidden outright) or 第十一条 (the exceptions to property-related civil matters). */
  article: 11 | 12;
  name: LocalText;
  /** Words of the 案由 that put a case in the family. */
  cause: RegExp;
  /** Word sequences of the case-type key (split on '_') that put a case in the family. */
  caseType: readonly (readonly string[])[];
}

const words = (...keys: string[]): string[][] => keys.map((k) => k.split('_'));

export const BAN_FAMILIES: readonly BanFamily[] = [
  {
    code: 'state-compensation',
    article: 12,
    name: text('国家赔偿案件', 'state compensation'),
    cause: /国家赔偿|行政赔偿|刑事赔偿|司法赔偿/,
    caseType: words(
      'state_compensation',
      'national_compensation',
      'judicial_compensation',
      'criminal_compensation',
      'administrative_compensation',
    ),
  },
  {
    code: 'criminal',
    article: 12,
    name: text('刑事诉讼案件', 'criminal proceedings'),
    // 刑事附带民事 is part of the criminal proceedings even when filed as a civil matter.
    cause: /刑事/,
    caseType: words('criminal'),
  },
  {
    code: 'administrative',
    article: 12,
    name: text('行政诉讼案件', 'administrative litigation'),
    cause: /行政诉讼|行政协议/,
    caseType: words('administrative'),
  },
  {
    code: 'collective',
    article: 12,
    name: text('群体性诉讼案件', 'collective (group) litigation'),
    cause: /群体性|集团诉讼|代表人诉讼/,
    caseType: words('collective', 'class_action', 'group_litigation', 'mass_litigation', 'representative_action'),
  },
  {
    code: 'marriage',
    article: 11,
    name: text('婚姻家庭案件', 'marriage and family'),
    // 夫妻财产, not 夫妻: a creditor's loan claim against a couple (夫妻共同债务) is not a marriage case.
    // 监护权, not 监护: 监护人责任纠纷 is a tort claim.
    cause: /离婚|婚约|婚姻|婚内|夫妻财产|同居关系|彩礼|亲子关系|收养|监护权|探望权|分家析产/,
    caseType: words(
      'divorce',
      'marriage',
      'marital',
      'matrimonial',
      'betrothal',
      'bride_price',
      'cohabitation',
      'paternity',
      'parentage',
      'adoption',
      'guardianship',
      'visitation',
      'family_property',
      'family_dispute',
      'family_law',
      'spousal_property',
    ),
  },
  {
    code: 'succession',
    article: 11,
    name: text('继承案件', 'succession (inheritance)'),
    cause: /继承|(?<!文化)遗产|遗嘱|遗赠/,
    caseType: words(
      'inheritance',
      'succession',
      'estate',
      'will',
      'wills',
      'testament',
      'testamentary',
      'bequest',
      'probate',
      'heir',
      'heirs',
    ),
  },
  {
    code: 'social-security',
    article: 11,
    name: text('请求给予社会保险待遇或者最低生活保障待遇的案件', 'claims for social insurance benefits or minimum living allowance'),
    cause: /社会保险|社保|保险待遇|最低生活保障|(?<![降减])低保/,
    caseType: words('social_insurance', 'social_security', 'minimum_living', 'subsistence', 'dibao', 'pension_benefit', 'pension_benefits'),
  },
  {
    code: 'family-support',
    article: 11,
    name: text('请求给予赡养费、抚养费、扶养费的案件', 'claims for support of parents, children or a spouse'),
    cause: /赡养|抚养|扶养/,
    caseType: words(
      'alimony',
      'child_support',
      'spousal_support',
      'elderly_support',
      'parental_support',
      'support_payment',
      'support_payments',
      'child_maintenance',
      'spousal_maintenance',
      'custody',
    ),
  },
  {
    code: 'pension-relief',
    article: 11,
    name: text('请求给予抚恤金、救济金的案件', 'claims for survivor pensions or relief payments'),
    cause: /抚恤|救济金/,
    caseType: words('survivor_pension', 'survivor_benefit', 'survivor_benefits', 'bereavement', 'relief_payment', 'relief_benefit'),
  },
  {
    code: 'work-injury',
    article: 11,
    name: text('请求给予工伤赔偿的案件', 'claims for work-injury compensation'),
    // 职业病 is a 工伤 (《工伤保险条例》第十四条); a traffic accident or 提供劳务者受害 is not.
    cause: /工伤|工亡|职业病/,
    caseType: words(
      'work_injury',
      'work_injuries',
      'workplace_injury',
      'occupational_injury',
      'occupational_disease',
      'industrial_injury',
      'employment_injury',
      'work_related_injury',
      'workers_compensation',
    ),
  },
  {
    code: 'labour-remuneration',
    article: 11,
    name: text('请求支付劳动报酬的案件', 'claims for labour remuneration (wages)'),
    // 劳动报酬 is pay for employment: 劳务报酬 (a civil service contract) and 经济补偿金 (severance) are not wages.
    cause: /劳动报酬|工资|欠薪|薪酬|薪资|加班费/,
    caseType: words(
      'wage',
      'wages',
      'salary',
      'salaries',
      'overtime',
      'labor_remuneration',
      'labour_remuneration',
      'back_pay',
      'unpaid_pay',
    ),
  },
];

/** Whether the key's words contain the sequence (real_estate is not the word estate). */
export function keyHasWords(caseType: string, sequence: readonly string[]): boolean {
  const keyWords = caseType.toLowerCase().split('_');
  for (let i = 0; i + sequence.length <= keyWords.length; i++) {
    if (sequence.every((w, j) => keyWords[i + j] === w) && !(sequence[0] === 'estate' && keyWords[i - 1] === 'real')) return true;
  }
  return false;
}
