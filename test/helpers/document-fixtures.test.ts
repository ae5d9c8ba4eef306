import { fontRuns } from '../../db/factories/pdf-fonts';
import { woffToSfnt } from '../../db/factories/woff';
import { chineseLegalText, makeDocx, makePdf } from './document-fixtures';

describe('document fixtures', () => {
  it('chineseLegalText is the same for one seed, different for another, and plants a word on the page asked', () => {
    expect(chineseLegalText(42, 3)).toEqual(chineseLegalText(42, 3));
    expect(chineseLegalText(42, 3)).not.toEqual(chineseLegalText(43, 3));
    const planted = chineseLegalText(42, 3, { plant: [{ page: 3, word: '独角兽条款' }] });
    expect(planted.map((page) => page.includes('独角兽条款'))).toEqual([false, false, true]);
    expect(planted.join('')).toMatch(/民间借贷|买卖合同/);
  });

  it('makeDocx gives the same bytes for the same paragraphs (a zip, PK header)', () => {
    const a = makeDocx(['甲方', '乙方']);
    expect(a.subarray(0, 2).toString()).toBe('PK');
    expect(a.equals(makeDocx(['甲方', '乙方']))).toBe(true);
  });

  it('draws each character in a subset that covers it and refuses one that none covers', () => {
    const runs = fontRuns('借款A1元');
    expect(runs.map((r) => r.text).join('')).toBe('借款A1元');
    // Chinese characters are spread over ~100 subsets: one run per change of subset, A1 together in one.
    expect(runs.map((r) => r.text)).toEqual(['借', '款', 'A1', '元']);
    expect(new Set(runs.map((r) => r.subset.name)).size).toBe(4);
    expect(() => fontRuns('\u{10FFFD}')).toThrow(/no glyph/);
  });

  it('makePdf fails for text it could not draw rather than making a PDF that extracts wrong', async () => {
    await expect(makePdf(['正常文字\u{10FFFD}'])).rejects.toThrow(/no glyph/);
  });

  it('woffToSfnt refuses bytes that are not WOFF', () => {
    expect(() => woffToSfnt(Buffer.from('OTTO0000'))).toThrow(/WOFF/);
  });
});
