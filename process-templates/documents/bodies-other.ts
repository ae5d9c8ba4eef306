import { closing, numbered, partySentences } from './parts';
import { body, heading, para, right, tag, title } from './wordml';

/**
 * 民事答辩状 (CPL 128), 代理词 (上海律协 format guidance), 授权委托书 (CPL 61–62, with the special
 * powers written out: 全权代理 without them is general authority only, 民诉解释 第89条) and the
 * 律师事务所函 with its 函号.
 */
export function defence(): string {
  return [
    title('民事答辩状'),
    para('案号：{case.number}', { align: 'right' }),
    para('答辩人：{client.block}', { align: 'both' }),
    para('委托诉讼代理人：{lawyer.name}，{firm.name}律师，执业证号：{lawyer.licenceNo}，联系电话：{lawyer.phone}。', { align: 'both' }),
    partySentences('plaintiffs', '被答辩人'),
    body('答辩人因{plaintiffNames}诉{defendantNames}{case.causeOfAction}一案，现提出答辩意见如下：'),
    heading('一、答辩事项（对原告诉讼请求的确认或者异议）'),
    body('{claimsReply}'),
    heading('二、事实和理由（对起诉状事实与理由的确认或者异议）'),
    body('{factsReply}'),
    heading('证据清单'),
    numbered('evidence'),
    closing('答辩人（签字、盖章）：{client.name}'),
  ].join('');
}

export function agencyOpinion(): string {
  return [
    title('{plaintiffNames}诉{defendantNames}{case.causeOfAction}一案代理词'),
    para('案号：{case.number}', { align: 'right' }),
    para('尊敬的审判长、审判员：'),
    body(
      '{firm.name}接受本案{client.roleZh}{client.name}的委托，指派我担任其诉讼代理人，参加本案诉讼。代理人通过庭前阅卷、调查取证及参加庭审，对本案事实已有充分了解。现根据本案事实和相关法律规定，发表代理意见如下：',
    ),
    tag('{#opinions}'),
    body('{noZh}、{text}'),
    tag('{/opinions}'),
    body('{conclusion}'),
    body('以上代理意见，恳请合议庭充分考虑并予以采纳。'),
    closing('代理人：{firm.name}　{lawyer.name}律师（执业证号：{lawyer.licenceNo}）'),
  ].join('');
}

export function powerOfAttorney(): string {
  return [
    title('授权委托书'),
    tag('{#client.isPerson}'),
    para(
      '委托人：{client.name}，{client.gender}，{client.birthDate}出生，{client.idType}号码：{client.idNumber}，住{client.address}，联系电话：{client.phone}。',
      { align: 'both' },
    ),
    tag('{/client.isPerson}'),
    tag('{#client.isOrg}'),
    para('委托人：{client.name}，统一社会信用代码：{client.creditCode}，住所地：{client.address}。', { align: 'both' }),
    para('法定代表人：{client.legalRep}，职务：{client.legalRepTitle}，联系电话：{client.phone}。', { align: 'both' }),
    tag('{/client.isOrg}'),
    para('受托人：{lawyer.name}，{firm.name}律师，执业证号：{lawyer.licenceNo}，联系电话：{lawyer.phone}，地址：{firm.address}。', {
      align: 'both',
    }),
    body(
      '现委托上列受托人在{plaintiffNames}诉{defendantNames}{case.causeOfAction}一案（案号：{case.number}，{case.court}）的{instance}程序中，作为委托人的诉讼代理人。',
    ),
    body('代理人的代理权限为：{powers}。'),
    tag('{#powers_general}'),
    body(
      '一般代理的权限：代为起诉或应诉，提交证据，申请调查取证，参加庭审、进行质证和辩论，代为签收法律文书。不包括代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉。',
    ),
    tag('{/powers_general}'),
    tag('{#powers_special}'),
    body('特别授权的权限：除一般代理的权限外，代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉。'),
    tag('{/powers_special}'),
    body('委托期限：{term}。'),
    para(''),
    right('委托人（签名或盖章）：{client.name}'),
    right('{today}'),
  ].join('');
}

export function firmLetter(): string {
  return [
    title('{firm.name}'),
    para('函', { align: 'center', bold: true, size: 32 }),
    para('{letterNo}', { align: 'right' }),
    para('{recipient}：'),
    body(
      '根据《中华人民共和国民事诉讼法》第六十一条、《中华人民共和国律师法》第二十八条的规定，本所接受{client.name}的委托，指派{lawyer.name}律师（执业证号：{lawyer.licenceNo}）担任{plaintiffNames}诉{defendantNames}{case.causeOfAction}一案（案号：{case.number}）中{client.name}的{agentRole}。',
    ),
    body('特此函告。'),
    para(''),
    para('附：授权委托书一份'),
    para(''),
    right('{firm.name}（盖章）'),
    right('{today}'),
    para('联系人：{lawyer.name}　　联系电话：{lawyer.phone}'),
    para('地址：{firm.address}　　电话：{firm.phone}'),
  ].join('');
}
