import { body, cell, para, right, table, tag, type Cell } from './wordml';

/**
 * The blocks several shipped templates share: parties (as sentences for the narrative forms, as
 * table rows for the 要素式 forms), a numbered list field, and the 此致 closing with signature and
 * date. Loop and condition tags stand alone in their paragraph, or open in a row's first cell and
 * close in its last, so docxtemplater repeats the paragraph or the row.
 */
export const LABEL_WIDTH = 2400;
export const VALUE_WIDTH = 6444;

/** 原告：… per party, as the sentence of its particulars. */
export function partySentences(loop: string, label: string): string {
  return [tag(`{#${loop}}`), para(`${label}：{block}`, { align: 'both' }), tag(`{/${loop}}`)].join('');
}

/** The narrative forms' party section: plaintiffs, defendants, third parties (none: nothing is printed). */
export const narrativeParties = (): string =>
  partySentences('plaintiffs', '原告') + partySentences('defendants', '被告') + partySentences('thirdParties', '第三人');

/** One table row per party of a loop: the person or the organisation lines of the 要素式 当事人信息. */
export function partyRows(loop: string, label: string): Cell[][] {
  return [
    [
      cell(LABEL_WIDTH, `{#${loop}}${label}（{no}）`),
      cell(
        VALUE_WIDTH,
        tag('{#isPerson}'),
        '姓名：{name}　　性别：{gender}',
        '出生日期：{birthDate}　　民族：{ethnicity}',
        '住所地（户籍所在地）：{address}',
        '证件类型：{idType}　　证件号码：{idNumber}',
        '联系电话：{phone}',
        tag('{/isPerson}'),
        tag('{#isOrg}'),
        '名称：{name}',
        '住所地（主要办事机构所在地）：{address}',
        '法定代表人/主要负责人：{legalRep}　　职务：{legalRepTitle}',
        '统一社会信用代码：{creditCode}',
        '联系电话：{phone}',
        tag('{/isOrg}'),
        tag(`{/${loop}}`),
      ),
    ],
  ];
}

/** 委托诉讼代理人 and 送达地址 rows: the firm's lawyer, served at the firm. */
export function agentRows(): Cell[][] {
  return [
    [
      cell(LABEL_WIDTH, '委托诉讼代理人'),
      cell(
        VALUE_WIDTH,
        '姓名：{lawyer.name}　　单位：{firm.name}',
        '职务：律师　　执业证号：{lawyer.licenceNo}',
        '联系电话：{lawyer.phone}',
      ),
    ],
    [
      cell(LABEL_WIDTH, '送达地址（所填信息除书面特别声明更改外，适用于案件一审、二审、再审所有后续程序）'),
      cell(VALUE_WIDTH, '地址：{firm.address}', '收件人：{lawyer.name}　　电话：{lawyer.phone}'),
    ],
  ];
}

/** A label | value row of the 要素式 tables. */
export const row = (label: string, value: string): Cell[] => [cell(LABEL_WIDTH, label), cell(VALUE_WIDTH, value)];

/** A whole 当事人信息 table: the client's side and the other side, each party with its block. */
export const partiesTable = (): string =>
  table([...partyRows('plaintiffs', '原告'), ...agentRows(), ...partyRows('defendants', '被告'), ...partyRows('thirdParties', '第三人')]);

/** A list field as numbered paragraphs: `1. …`. */
export const numbered = (key: string): string => [tag(`{#${key}}`), body(`{no}. {text}`), tag(`{/${key}}`)].join('');

/** 此致 / the court / the signer / the date. */
export function closing(signer: string, court = '{case.court}'): string {
  return [para('此致', { indent: true }), para(court), para(''), right(`${signer}`), right('{today}')].join('');
}
