import { closing, narrativeParties, numbered, partiesTable, row } from './parts';
import { body, heading, para, table, tag, title } from './wordml';

/**
 * The three shipped complaints. The 要素式 ones follow the skeleton of the SPC model texts
 * (法〔2024〕46号, 法〔2025〕82号): 当事人信息, 诉讼请求和依据, 约定管辖和诉讼保全, 事实与理由 as
 * element rows, 证据清单, 此致; the narrative one follows CPL 124 and the 2016 court document styles.
 */
const NOTE =
  '说明：为了方便您更好地参加诉讼，保护您的合法权利，请填写本表。1.起诉时需向人民法院提交证明您身份的材料；2.本表所列内容是您提起诉讼以及人民法院查明案件事实所需，请务必如实填写；3.本表所涉内容系针对一般买卖、借贷案件，有些内容可能与您的案件无关，您认为与案件无关的项目可以填“无”或不填。';

/** 约定管辖和诉讼保全 and the closing element rows shared by both 要素式 forms. */
function jurisdictionTable(): string {
  return table([row('约定管辖', '{jurisdiction}'), row('诉讼保全', '{preservation}'), row('是否愿意先行调解', '{mediation}')]);
}

function evidenceAndClose(): string {
  return [heading('证据清单'), numbered('evidence'), closing('具状人（签字、盖章）：{plaintiffNames}')].join('');
}

export function complaintSale(): string {
  return [
    title('民事起诉状'),
    para('（买卖合同纠纷）', { align: 'center' }),
    para('案由：{case.causeOfAction}'),
    para(NOTE, { size: 21 }),
    heading('当事人信息'),
    partiesTable(),
    heading('诉讼请求和依据'),
    table([
      row('1. 给付价款（元）', '人民币{principal}元'),
      row('2. 迟延给付价款的利息（违约金）', '{lateInterest}'),
      row('3. 是否要求继续履行或解除合同', '{continueOrTerminate}'),
      row('4. 赔偿因卖方/买方违约所受的损失', '{losses}'),
      row('5. 是否主张实现债权的费用', '{costs}'),
      row('6. 其他请求', '{otherClaims}'),
      row('7. 标的总额', '人民币{case.amountInDispute}元'),
      row('8. 请求依据', '{basis}'),
    ]),
    heading('约定管辖和诉讼保全'),
    jurisdictionTable(),
    heading('事实与理由'),
    table([
      row('1. 合同的签订情况（名称、编号、签订时间、地点等）', '{contractSigning}'),
      row('2. 签订主体', '{contractParties}'),
      row('3. 买卖标的物情况（名称、规格、数量、单价等）', '{goods}'),
      row('4. 合同约定的价格及支付方式', '{priceTerms}'),
      row('5. 合同约定的交货时间、地点、方式', '{deliveryTerms}'),
      row('6. 合同约定的质量标准及检验方式、质量异议期限', '{qualityTerms}'),
      row('7. 合同约定的违约金（定金）', '{breachTerms}'),
      row('8. 实际交货情况及验收情况', '{performance}'),
      row('9. 价款支付情况', '{payment}'),
      row('10. 欠付价款数额及计算方式', '{arrears}'),
      row('11. 催收情况', '{demands}'),
      row('12. 其他需要说明的内容（可另附页）', '{otherFacts}'),
    ]),
    evidenceAndClose(),
  ].join('');
}

export function complaintLoan(): string {
  return [
    title('民事起诉状'),
    para('（民间借贷纠纷）', { align: 'center' }),
    para('案由：{case.causeOfAction}'),
    para(NOTE, { size: 21 }),
    heading('当事人信息'),
    partiesTable(),
    heading('诉讼请求和依据'),
    table([
      row('1. 本金（元）', '人民币{principal}元'),
      row('2. 利息', '{interest}'),
      row('3. 是否要求提前还款或解除合同', '{acceleration}'),
      row('4. 是否主张担保权利', '{security}'),
      row('5. 是否主张实现债权的费用', '{costs}'),
      row('6. 其他请求', '{otherClaims}'),
      row('7. 标的总额', '人民币{case.amountInDispute}元'),
      row('8. 请求依据', '{basis}'),
    ]),
    heading('约定管辖和诉讼保全'),
    jurisdictionTable(),
    heading('事实与理由'),
    table([
      row('1. 合同签订情况（名称、编号、签订时间、地点）', '{loanContract}'),
      row('2. 签订主体', '{contractParties}'),
      row('3. 借款金额', '人民币{loanAmount}元'),
      row('4. 借款期限', '{loanTerm}'),
      row('5. 借款利率', '{agreedRate}'),
      row('6. 借款提供时间、方式、金额', '{disbursement}'),
      row('7. 还款情况', '{repayment}'),
      row('8. 是否存在逾期还款', '{overdue}'),
      row('9. 担保情况（保证人、抵押物、质物）', '{guarantee}'),
      row('10. 其他需要说明的内容（可另附页）', '{otherFacts}'),
    ]),
    evidenceAndClose(),
  ].join('');
}

export function complaintNarrative(): string {
  return [
    title('民事起诉状'),
    para('案由：{case.causeOfAction}'),
    narrativeParties(),
    para('委托诉讼代理人：{lawyer.name}，{firm.name}律师，执业证号：{lawyer.licenceNo}，联系电话：{lawyer.phone}。', { align: 'both' }),
    heading('诉讼请求：'),
    numbered('claims'),
    heading('事实与理由：'),
    body('{facts}'),
    heading('证据和证据来源，证人姓名和住所：'),
    numbered('evidence'),
    closing('起诉人（签名或盖章）：{plaintiffNames}'),
    tag(''),
    para('附：本起诉状副本{copies}份'),
  ].join('');
}
