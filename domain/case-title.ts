/**
 * The title a case is suggested at intake, written as Chinese firms docket matters: the client
 * "诉" the other side, then the 案由 ("刘洋诉南京信达建设有限公司股权转让纠纷"). Names in Latin
 * letters on both sides read as "A v. B, cause". The lawyer may always type another title.
 */
export interface TitleParts {
  client: string;
  opposing: string[];
  causeOfAction?: string;
  practiceArea?: string;
}

const LATIN = /^[\p{Script=Latin}\d\s.,&'()-]+$/u;

export function suggestCaseTitle(p: TitleParts): string {
  const client = p.client.trim();
  const opposing = p.opposing.map((n) => n.trim()).filter(Boolean);
  const cause = (p.causeOfAction ?? '').trim();
  if (!client) return '';
  const other = opposing.length ? `${opposing[0]}${opposing.length > 1 ? '等' : ''}` : '';
  if (LATIN.test(client) && (!opposing.length || LATIN.test(opposing[0]))) {
    const others = opposing.length > 1 ? ' et al.' : '';
    return [opposing.length ? `${client} v. ${opposing[0]}${others}` : client, cause].filter(Boolean).join(', ');
  }
  switch (p.practiceArea) {
    case 'criminal':
      return `${client}${cause ? `涉嫌${cause.replace(/罪$/, '')}` : ''}案`;
    case 'arbitration':
      return `${client}${other ? `与${other}` : ''}${cause}仲裁案`;
    case 'non_litigation':
      return `${client}${cause}`;
    default:
      return `${client}${other ? `诉${other}` : ''}${cause}`;
  }
}
