import { normalizeIdNumber, normalizeName } from './normalize';
import { matchRanges, queryWords, searchTokens, tsQueryText, unwrapLines } from './segment';

describe('name normal forms for conflict checks', () => {
  it.each([
    ['上海星河科技有限公司', '上海星河科技'],
    ['上海 星河科技（集团）股份有限公司', '上海星河科技'],
    ['北京华信建设工程有限责任公司', '北京华信建设工程'],
    ['ＡＣＭＥ Co., Ltd.', 'acme'],
    ['Acme Trading Company Limited', 'acmetrading'],
    ['Zhang  San', 'zhangsan'],
    ['张三', '张三'],
    ['有限公司', '有限公司'],
    ['深圳市鹏程贸易有限公司', '深圳鹏程贸易'],
    ['广东省深圳市鹏程贸易有限公司', '广东深圳鹏程贸易'],
    ['市北物业有限公司', '市北物业'],
    ['张市', '张市'],
  ])('%s → %s', (name, norm) => expect(normalizeName(name)).toBe(norm));

  it('identity numbers compare without spaces, dashes or case', () => {
    expect(normalizeIdNumber(' 91310115ma1k3xyz8b ')).toBe('91310115MA1K3XYZ8B');
    expect(normalizeIdNumber('3101-0419 8805 120034')).toBe('310104198805120034');
    expect(normalizeIdNumber('')).toBeNull();
  });
});

describe('Chinese segmentation for full-text search', () => {
  const doc = '星河科技诉华信建设买卖合同纠纷，涉及股权代持与诉前财产保全。Acme Co., Ltd.';

  it('indexes whole words and their parts, legal terms kept whole, no punctuation', () => {
    const tokens = searchTokens(doc);
    for (const t of ['合同', '买卖', '纠纷', '股权代持', '诉前财产保全', '财产', 'acme']) expect(tokens).toContain(t);
    expect(tokens).not.toContain('，');
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('a query word matches as itself or as all of its parts', () => {
    const words = queryWords('买卖合同');
    expect(words).toEqual([{ word: '买卖合同', parts: expect.arrayContaining(['买卖', '合同']) }]);
    expect(tsQueryText(words)).toBe("('买卖合同' | ('买卖' & '合同'))");
    expect(tsQueryText(queryWords('合同'))).toBe("'合同'");
    expect(tsQueryText(queryWords("O'Brien 股权代持"))).toBe(
      "'o' & 'brien' & '股权代持'".replace("'o' & 'brien'", tsQueryText(queryWords("O'Brien"))),
    );
  });

  it('every token a query needs is among the document tokens', () => {
    const tokens = new Set(searchTokens(doc));
    for (const q of ['合同', '买卖合同', '股权代持', '财产保全', '华信']) {
      for (const w of queryWords(q))
        expect(tokens.has(w.word) || w.parts.filter((p) => p.length > 1).every((p) => tokens.has(p))).toBe(true);
    }
  });

  it('finds the ranges to highlight, merged and in order', () => {
    const text = '买卖合同纠纷：合同约定';
    expect(matchRanges(text, queryWords('合同'))).toEqual([
      [2, 4],
      [7, 9],
    ]);
    expect(matchRanges(text, queryWords('买卖合同'))).toEqual([
      [0, 4],
      [7, 9],
    ]);
  });
});

describe('text laid out on a page', () => {
  it('joins a Chinese word a PDF line break split, and keeps breaks between paragraphs and Latin words', () => {
    expect(unwrapLines('原告的诉讼请求缺乏事实依\n据，请求驳回。')).toBe('原告的诉讼请求缺乏事实依据，请求驳回。');
    expect(unwrapLines('第一段。\r\n  第二段')).toBe('第一段。\r\n  第二段');
    expect(unwrapLines('依据，\r\n  第二行')).toBe('依据，第二行');
    expect(unwrapLines('purchase\ncontract')).toBe('purchase\ncontract');
    expect(unwrapLines('金额：100\n元')).toBe('金额：100\n元');
    expect(searchTokens(unwrapLines('事实依\n据'))).toContain('依据');
  });
});
