import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese word segmentation for full-text search (jieba, search mode: 有限公司 also yields 有限 and
 * 公司), with a small legal dictionary so terms such as 诉前财产保全 and 股权代持 stay whole.
 * Tokens go into a `simple` tsvector; queries are segmented the same way, so both sides agree.
 */
const LEGAL_TERMS = [
  '诉前财产保全',
  '财产保全',
  '证据保全',
  '先予执行',
  '股权代持',
  '股权转让',
  '民间借贷',
  '买卖合同',
  '建设工程施工合同',
  '劳动争议',
  '劳动仲裁',
  '离婚纠纷',
  '继承纠纷',
  '知识产权',
  '商标侵权',
  '著作权侵权',
  '不正当竞争',
  '合同纠纷',
  '侵权责任',
  '借款合同',
  '租赁合同',
  '股东知情权',
  '公司解散',
  '破产清算',
  '强制执行',
  '执行异议',
  '再审申请',
  '管辖权异议',
  '取保候审',
  '审查起诉',
  '认罪认罚',
  '行政复议',
  '行政诉讼',
  '政府信息公开',
  '尽职调查',
  '法律意见书',
  '律师函',
  '授权委托书',
  '起诉状',
  '答辩状',
  '上诉状',
  '代理词',
  '判决书',
  '裁定书',
  '调解书',
  '仲裁裁决',
  '仲裁委员会',
  '人民法院',
  '中级人民法院',
  '高级人民法院',
  '统一社会信用代码',
];
/** Bump when the dictionary or the token rules change: rows indexed with an older version are re-indexed. */
export const SEGMENTER_VERSION = 1;

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(LEGAL_TERMS.map((w) => `${w} 2000 n`).join('\n')));
  }
  return jieba;
}

/** Loads the dictionary now (about 0.2 s), so the first search after a start does not wait for it. */
export function warmSegmenter(): void {
  segmenter();
}

const WORD = /[\p{L}\p{N}]/u;

/** Search tokens of a text: lower-cased words, whole and in their search-mode parts; no punctuation, no duplicates. */
export function searchTokens(text: string): string[] {
  const clean = text.normalize('NFKC').toLowerCase();
  if (!clean.trim()) return [];
  const seen = new Set<string>();
  const j = segmenter();
  for (const token of [...j.cut(clean, true), ...j.cutForSearch(clean, true)]) {
    const t = token.trim();
    if (t && WORD.test(t) && t.length <= 60) seen.add(t);
  }
  return [...seen];
}

/** One word of a query: found as itself, or as all of its parts (买卖合同 = 买卖 + 合同). */
export interface QueryWord {
  word: string;
  parts: string[];
}

export function queryWords(query: string): QueryWord[] {
  const clean = query.normalize('NFKC').toLowerCase();
  const j = segmenter();
  const words = new Map<string, QueryWord>();
  for (const token of j.cut(clean, true)) {
    const word = token.trim();
    if (!word || !WORD.test(word) || words.has(word)) continue;
    const parts = [...new Set(j.cutForSearch(word, true).map((p) => p.trim()))].filter((p) => p && p !== word && WORD.test(p));
    words.set(word, { word, parts });
  }
  return [...words.values()].slice(0, 12);
}

/** A token as a tsquery/tsvector lexeme literal (quoted, quotes and backslashes escaped). */
export function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A tsvector literal of already-segmented tokens (never re-parsed by PostgreSQL), each group with
 * its weight: A for the title and number, B for names (client, parties), D for the rest. ts_rank
 * then puts a case whose title matches above one that only mentions the word in a note.
 */
export function tsvectorLiteral(groups: { A?: string[]; B?: string[]; D?: string[] }): string {
  const parts: string[] = [];
  let position = 0;
  for (const weight of ['A', 'B', 'D'] as const) {
    for (const token of groups[weight] ?? []) {
      // Positions stop at 16383; past it, the token keeps the last one.
      position = Math.min(position + 1, 16383);
      parts.push(`${lexeme(token)}:${position}${weight === 'D' ? '' : weight}`);
    }
  }
  return parts.join(' ');
}

/** The tsquery text for `to_tsquery('simple', …)`: every word of the query must match. */
export function tsQueryText(words: QueryWord[]): string {
  return words
    .map(({ word, parts }) => {
      // Parts that are themselves words of the dictionary only; single characters would match too much.
      const fine = parts.filter((p) => p.length > 1);
      return fine.length > 1 ? `(${lexeme(word)} | (${fine.map(lexeme).join(' & ')}))` : lexeme(word);
    })
    .join(' & ');
}

/** Where the query's words (or their parts) occur in a text, for highlighting: sorted, merged ranges. */
export function matchRanges(text: string, words: QueryWord[]): Array<[number, number]> {
  // Lower case keeps offsets (NFKC may not), so the ranges index the text as given.
  const hay = text.toLowerCase();
  const needles = [...new Set(words.flatMap((w) => [w.word, ...w.parts.filter((p) => p.length > 1)]))].sort((a, b) => b.length - a.length);
  const ranges: Array<[number, number]> = [];
  for (const n of needles) {
    for (let i = hay.indexOf(n); i >= 0; i = hay.indexOf(n, i + n.length)) ranges.push([i, i + n.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** A Chinese character or full-width punctuation: no space or line break belongs between two of them. */
const CJK = '\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef';
const WRAPPED = new RegExp(`([${CJK}])(?<![。！？])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK}])`, 'g');

/**
 * Text as written, not as laid out: a PDF breaks a Chinese paragraph into lines wherever the page
 * ends, so 依据 can arrive as 依\n据 — a word neither segmentation nor highlighting would find.
 * Line breaks between two Chinese characters are removed, unless a sentence ended (。！？); others
 * (between paragraphs, in Latin text) stay.
 */
export function unwrapLines(text: string): string {
  return text.replace(WRAPPED, '$1');
}
