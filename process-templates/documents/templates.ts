import type { TemplateField } from '../../domain/documents/template-fields';

/**
 * The shipped document templates: one `<key>.docx` beside this file each, written by build.ts from
 * the sources in bodies-*.ts. The fields are what the lawyer fills in the form generated before a
 * document is made; everything else comes from the case (domain/documents/template-fields.ts).
 */
export const DOCUMENT_KINDS = ['complaint', 'defence', 'agency-opinion', 'power-of-attorney', 'letter'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type ShippedDocumentTemplate = { key: string; nameZh: string; nameEn: string; kind: DocumentKind; fields: TemplateField[] };

const text = (key: string, labelZh: string, labelEn: string, required = false): TemplateField => ({
  key,
  labelZh,
  labelEn,
  type: 'text',
  required,
});
const area = (key: string, labelZh: string, labelEn: string, required = false): TemplateField => ({
  key,
  labelZh,
  labelEn,
  type: 'textarea',
  required,
});
const money = (key: string, labelZh: string, labelEn: string, required = false): TemplateField => ({
  key,
  labelZh,
  labelEn,
  type: 'money',
  required,
});
const list = (key: string, labelZh: string, labelEn: string, required = false): TemplateField => ({
  key,
  labelZh,
  labelEn,
  type: 'list',
  required,
});

const BASIS: TemplateField = {
  key: 'basis',
  labelZh: '请求依据',
  labelEn: 'Grounds of the claims',
  type: 'select',
  required: true,
  options: [
    { value: 'contract', labelZh: '合同约定', labelEn: 'The contract' },
    { value: 'law', labelZh: '法律规定', labelEn: 'The law' },
    { value: 'both', labelZh: '合同约定及法律规定', labelEn: 'The contract and the law' },
  ],
};
/** 约定管辖和诉讼保全, and the closing items every 要素式 complaint has. */
const JURISDICTION_AND_EVIDENCE: TemplateField[] = [
  area('jurisdiction', '约定管辖（有无仲裁/法院管辖约定，合同条款及内容）', 'Agreed jurisdiction (clause and content)'),
  area('preservation', '诉讼保全（是否已诉前保全、保全法院及日期，是否申请诉讼保全）', 'Preservation of property'),
  text('mediation', '是否愿意先行调解', 'Willing to mediate first'),
  area('otherFacts', '其他需要说明的内容', 'Anything else to state'),
  list('evidence', '证据清单（名称、来源、证明内容）', 'Evidence (name, source, what it proves)'),
];

export const SHIPPED_DOCUMENT_TEMPLATES: readonly ShippedDocumentTemplate[] = [
  {
    key: 'complaint-elements-sale',
    nameZh: '民事起诉状（要素式·买卖合同纠纷）',
    nameEn: 'Civil complaint, element form: sale contract dispute',
    kind: 'complaint',
    fields: [
      money('principal', '欠付价款本金（元）', 'Unpaid price (principal)', true),
      area('lateInterest', '逾期付款利息/违约金（标准、起止日期、计算方式）', 'Late-payment interest or penalty'),
      text('continueOrTerminate', '是否要求继续履行或解除合同', 'Performance or termination sought'),
      text('losses', '赔偿损失（数额及计算方式）', 'Damages'),
      text('costs', '实现债权的费用（律师费、保全费等）', 'Costs of enforcing the claim'),
      area('otherClaims', '其他请求', 'Other claims'),
      BASIS,
      area('contractSigning', '合同签订情况（名称、编号、签订时间、地点）', 'The contract (name, number, date, place)', true),
      text('contractParties', '签订主体', 'Parties to the contract'),
      area('goods', '买卖标的物情况（名称、规格、数量、单价）', 'The goods (name, specification, quantity, unit price)', true),
      area('priceTerms', '约定的价款及支付方式、期限', 'Agreed price and payment terms'),
      area('deliveryTerms', '约定的交货时间、地点、方式', 'Agreed delivery'),
      text('qualityTerms', '约定的质量标准及检验期限', 'Agreed quality and inspection'),
      text('breachTerms', '约定的违约责任', 'Agreed liability for breach'),
      area('performance', '实际交付及验收情况', 'Delivery and acceptance'),
      area('payment', '价款支付情况', 'Payments made'),
      area('arrears', '欠付价款数额及计算方式', 'Amount unpaid and how it is computed'),
      area('demands', '催收情况', 'Demands for payment'),
      ...JURISDICTION_AND_EVIDENCE,
    ],
  },
  {
    key: 'complaint-elements-loan',
    nameZh: '民事起诉状（要素式·民间借贷纠纷）',
    nameEn: 'Civil complaint, element form: private lending dispute',
    kind: 'complaint',
    fields: [
      money('principal', '借款本金（元）', 'Principal', true),
      area('interest', '利息（利率、截至日期，是否请求支付至实际清偿之日止）', 'Interest (rate, up to when)'),
      text('acceleration', '是否要求提前还款或解除合同', 'Acceleration or termination sought'),
      text('security', '是否主张担保权利（内容）', 'Security rights claimed'),
      text('costs', '是否主张实现债权的费用（明细）', 'Costs of enforcing the claim'),
      area('otherClaims', '其他请求', 'Other claims'),
      BASIS,
      area('loanContract', '借款合同签订情况（名称、编号、签订时间、地点）', 'The loan agreement (name, number, date, place)', true),
      text('contractParties', '签订主体（出借人、借款人）', 'Lender and borrower'),
      money('loanAmount', '约定借款金额（元）', 'Agreed loan amount'),
      text('loanTerm', '约定借款期限', 'Agreed term'),
      text('agreedRate', '约定利率/利息及逾期利率', 'Agreed interest and default rate'),
      area('disbursement', '借款提供情况（时间、方式、金额）', 'Disbursement (date, method, amount)', true),
      area('repayment', '还款情况', 'Repayments'),
      area('overdue', '逾期未还款情况', 'Default'),
      area('guarantee', '担保情况（保证人、抵押物、质物）', 'Guarantees and collateral'),
      ...JURISDICTION_AND_EVIDENCE,
    ],
  },
  {
    key: 'complaint-narrative',
    nameZh: '民事起诉状（叙述式）',
    nameEn: 'Civil complaint, narrative form',
    kind: 'complaint',
    fields: [
      list('claims', '诉讼请求', 'Claims', true),
      area('facts', '事实与理由', 'Facts and reasons', true),
      list('evidence', '证据和证据来源，证人姓名和住所', 'Evidence, its source, witnesses'),
      text('copies', '起诉状副本份数', 'Copies of the complaint'),
    ],
  },
  {
    key: 'defence',
    nameZh: '民事答辩状',
    nameEn: 'Statement of defence',
    kind: 'defence',
    fields: [
      area('claimsReply', '答辩事项（对原告诉讼请求的确认或者异议）', 'Reply to each claim', true),
      area('factsReply', '事实和理由（对起诉状事实与理由的确认或者异议）', 'Reply to the facts and reasons', true),
      list('evidence', '证据清单', 'Evidence'),
    ],
  },
  {
    key: 'agency-opinion',
    nameZh: '代理词',
    nameEn: 'Agent’s statement of opinion',
    kind: 'agency-opinion',
    fields: [
      list('opinions', '代理意见（每条一段）', 'Points of the opinion, one per item', true),
      area('conclusion', '结论及请求', 'Conclusion'),
    ],
  },
  {
    key: 'power-of-attorney',
    nameZh: '授权委托书',
    nameEn: 'Power of attorney',
    kind: 'power-of-attorney',
    fields: [
      {
        key: 'instance',
        labelZh: '代理审级',
        labelEn: 'Stage of the proceedings',
        type: 'select',
        required: true,
        options: [
          { value: 'first', labelZh: '一审', labelEn: 'First instance' },
          { value: 'second', labelZh: '二审', labelEn: 'Second instance' },
          { value: 'retrial', labelZh: '再审', labelEn: 'Retrial' },
          { value: 'enforcement', labelZh: '执行', labelEn: 'Enforcement' },
        ],
      },
      {
        key: 'powers',
        labelZh: '代理权限',
        labelEn: 'Authority',
        type: 'select',
        required: true,
        options: [
          { value: 'general', labelZh: '一般代理', labelEn: 'General authority' },
          { value: 'special', labelZh: '特别授权', labelEn: 'Special authority (CPL 62)' },
        ],
      },
      text('term', '委托期限', 'Term of the authority', true),
    ],
  },
  {
    key: 'firm-letter',
    nameZh: '律师事务所函',
    nameEn: 'Law firm letter',
    kind: 'letter',
    fields: [
      {
        key: 'agentRole',
        labelZh: '律师身份',
        labelEn: 'The lawyer acts as',
        type: 'select',
        required: true,
        options: [
          { value: 'agent', labelZh: '诉讼代理人', labelEn: 'Litigation agent' },
          { value: 'arbitrationAgent', labelZh: '仲裁代理人', labelEn: 'Arbitration agent' },
          { value: 'defender', labelZh: '辩护人', labelEn: 'Defence counsel' },
        ],
      },
      text('recipient', '致函单位', 'Addressed to', true),
    ],
  },
];
