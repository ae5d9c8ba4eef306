/** The scenarios of `npm run bench:api` (bench/api.ts) and its query plans (bench/api-explain.ts): the same paths for both. */

export interface Scenario {
  name: string;
  kind: 'floor' | 'list' | 'filter' | 'fulltext';
  who: 'partner' | 'lawyer';
  paths: string[];
}

/** `tagId`: the tag 重大案件; `leadId`: the lawyer staff3@bench.lexflow (the lawyer who signs in). */
export function apiScenarios(tagId: string, leadId: string): Scenario[] {
  const q = (s: string) => encodeURIComponent(s);
  const L = '/api/v1/cases?pageSize=25';
  return [
    { name: 'floor: GET /auth/me (session only)', kind: 'floor', who: 'partner', paths: ['/api/v1/auth/me'] },
    { name: 'list, newest first (partner: all cases)', kind: 'list', who: 'partner', paths: [L, `${L}&page=2`, `${L}&page=40`] },
    { name: 'list, own cases only (lawyer)', kind: 'list', who: 'lawyer', paths: [L, `${L}&status=active`, `${L}&page=3`] },
    {
      name: 'filter area + status + priority',
      kind: 'filter',
      who: 'partner',
      paths: [
        `${L}&practiceArea=civil&status=active&priority=high`,
        `${L}&practiceArea=arbitration&status=closed`,
        `${L}&practiceArea=criminal&priority=urgent&sort=number&order=asc`,
      ],
    },
    {
      name: 'filter lead + tag + opened range',
      kind: 'filter',
      who: 'partner',
      paths: [
        `${L}&leadLawyerId=${leadId}&tagId=${tagId}`,
        `${L}&openedFrom=2024-01-01&openedTo=2024-06-30&tagId=${tagId}`,
        `${L}&leadLawyerId=${leadId}&status=active&sort=priority`,
      ],
    },
    {
      name: 'filter court + stage + closed range',
      kind: 'filter',
      who: 'partner',
      paths: [
        `${L}&court=${q('浦东新区')}`,
        `${L}&stage=${q('庭审')}&practiceArea=civil`,
        `${L}&closedFrom=2025-01-01&closedTo=2025-12-31`,
      ],
    },
    {
      name: 'filter, lawyer (own cases) + area',
      kind: 'filter',
      who: 'lawyer',
      paths: [`${L}&practiceArea=civil&status=closed`, `${L}&tagId=${tagId}`, `${L}&openedFrom=2020-01-01&sort=title&order=asc`],
    },
    {
      name: 'full text, 2-char 合同 (common, relevance)',
      kind: 'fulltext',
      who: 'partner',
      paths: [`${L}&q=${q('合同')}&sort=relevance`, `${L}&q=${q('合同')}&sort=relevance&page=2`],
    },
    {
      name: 'full text, words + filters',
      kind: 'fulltext',
      who: 'partner',
      paths: [
        `${L}&q=${q('冷链仓储')}&sort=relevance`,
        `${L}&q=${q('财产保全')}&practiceArea=civil&sort=relevance`,
        `${L}&q=${q('鉴定意见')}&status=active&sort=openedOn`,
      ],
    },
    {
      name: 'full text, party name / English / number',
      kind: 'fulltext',
      who: 'partner',
      paths: [`${L}&q=${q('鹏程')}&sort=relevance`, `${L}&q=acceptance&sort=relevance`, `${L}&q=${q('2023民0012')}`],
    },
    {
      name: 'full text, lawyer (own cases)',
      kind: 'fulltext',
      who: 'lawyer',
      paths: [`${L}&q=${q('合同')}&sort=relevance`, `${L}&q=${q('律师函')}&sort=relevance`],
    },
  ];
}
