import {
  chineseLegalText,
  gbkBytes,
  makeCorruptPdf,
  makeDocx,
  makeLargePdf,
  makePdf,
  makeScannedPdf,
} from '../../test/helpers/document-fixtures';
import { cleanText } from './clean-text';
import { DOCX_MIME, extractText } from './extract';

/** Line breaks where a PDF line wrapped are layout, not text: pages are compared without white space. */
const squash = (text: string) => text.replace(/\s+/g, '');
const PLANTED = '鹦鹉螺号';

describe('extractText: PDF', () => {
  const pages = chineseLegalText(7, 3, { plant: [{ page: 2, word: PLANTED }] });

  it('gives back the text of each page of a generated Chinese PDF, the planted word on page 2 only', async () => {
    const result = await extractText(await makePdf(pages), 'application/pdf');
    expect(result.status).toBe('text');
    expect(result.pageCount).toBe(3);
    expect(result.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(result.pages.map((p) => squash(p.text))).toEqual(pages.map(squash));
    expect(result.pages.map((p) => p.text.includes(PLANTED))).toEqual([false, true, false]);
    expect(result.truncated).toBeUndefined();
  });

  it('keeps the paragraphs of a page as lines', async () => {
    const result = await extractText(await makePdf(['第一段：民间借贷。\n第二段：买卖合同。']), 'application/pdf');
    expect(result.pages[0].text.trim()).toBe('第一段：民间借贷。\n第二段：买卖合同。');
  });

  it('says no-text for a scanned PDF (drawings only), with its page count', async () => {
    expect(await extractText(await makeScannedPdf(2), 'application/pdf')).toEqual({ status: 'no-text', pages: [], pageCount: 2 });
  });

  it('fails with a short reason, without throwing, for a truncated PDF and for zero bytes', async () => {
    for (const bytes of [await makeCorruptPdf(), new Uint8Array(0), Buffer.from('%PDF-1.7\n这不是 PDF')]) {
      const result = await extractText(bytes, 'application/pdf');
      expect(result).toMatchObject({ status: 'failed', pages: [], pageCount: null });
      expect(result.error).toMatch(/\S/);
      expect(result.error!.length).toBeLessThanOrEqual(200);
    }
  });

  it('reads a 500-page PDF to the end, and stops at the page and character limits', async () => {
    const large = await makeLargePdf(500);
    const whole = await extractText(large, 'application/pdf');
    expect(whole).toMatchObject({ status: 'text', pageCount: 500 });
    expect(whole.pages).toHaveLength(500);
    expect(whole.pages[249].text).toContain('第 250 页');

    const fewPages = await extractText(large, 'application/pdf', { maxPages: 10 });
    expect(fewPages).toMatchObject({ status: 'text', pageCount: 500, truncated: true });
    expect(fewPages.pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const fewChars = await extractText(large, 'application/pdf', { maxChars: 100 });
    expect(fewChars).toMatchObject({ status: 'text', truncated: true });
    expect(fewChars.pages.reduce((n, p) => n + p.text.length, 0)).toBe(100);
  });

  it('fails rather than runs on past its time limit', async () => {
    const result = await extractText(await makeLargePdf(500), 'application/pdf', { timeoutMs: 1 });
    expect(result).toMatchObject({ status: 'failed', error: expect.stringMatching(/too long/) });
  });

  it('leaves the caller its bytes (pdf.js is handed a copy)', async () => {
    const bytes = new Uint8Array(await makePdf(['证据目录']));
    const before = Buffer.from(bytes).toString('base64');
    await extractText(bytes, 'application/pdf');
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });
});

describe('extractText: DOCX', () => {
  it('reads a generated .docx back as page 1, markup characters escaped and restored', async () => {
    const paragraphs = ['<甲方> & “乙方” 签订《借款合同》', ...chineseLegalText(3, 2)];
    const result = await extractText(makeDocx(paragraphs), DOCX_MIME);
    expect(result).toMatchObject({ status: 'text', pageCount: null });
    expect(result.pages).toHaveLength(1);
    expect(result.pages[0].page).toBe(1);
    expect(squash(result.pages[0].text)).toBe(squash(paragraphs.join('')));
  });

  it('says no-text for an empty document and fails for bytes that are no zip', async () => {
    expect((await extractText(makeDocx([]), DOCX_MIME)).status).toBe('no-text');
    expect(await extractText(new Uint8Array(0), DOCX_MIME)).toMatchObject({ status: 'failed', error: expect.stringMatching(/zip/) });
    expect((await extractText(await makePdf(['不是 Word']), DOCX_MIME)).status).toBe('failed');
  });
});

describe('extractText: plain text', () => {
  it('decodes UTF-8, UTF-8 with a byte order mark, and GBK as Chinese Windows saves it', async () => {
    const text = '民间借贷纠纷\n判决如下：被告偿还借款。';
    const utf8 = Buffer.from(text, 'utf8');
    for (const [bytes, mime] of [
      [utf8, 'text/plain'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'text/markdown'],
      [gbkBytes(text), 'text/plain; charset=utf-8'],
      [gbkBytes(text), 'text/csv'],
    ] as const) {
      expect(await extractText(bytes, mime)).toEqual({ status: 'text', pages: [{ page: 1, text }], pageCount: null });
    }
    expect(gbkBytes('中文').toString('hex')).toBe('d6d0cec4');
  });

  it('takes a charset named in the MIME type, and says no-text for an empty or blank file', async () => {
    const big5 = Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]); // 中文 in Big5
    expect((await extractText(big5, 'text/plain; charset=big5')).pages[0].text).toBe('中文');
    expect(await extractText(new Uint8Array(0), 'text/plain')).toEqual({ status: 'no-text', pages: [], pageCount: null });
    expect((await extractText(Buffer.from(' \n\t '), 'text/plain')).status).toBe('no-text');
  });

  it('drops NUL, turns CRLF into LF and cuts at maxChars without splitting a character', async () => {
    const result = await extractText(Buffer.from('甲\u0000乙\r\n丙', 'utf8'), 'text/plain');
    expect(result.pages[0].text).toBe('甲乙\n丙');
    const cut = await extractText(Buffer.from('𠀀'.repeat(10), 'utf8'), 'text/plain', { maxChars: 5 });
    expect(cut).toMatchObject({ status: 'text', truncated: true, pages: [{ page: 1, text: '𠀀𠀀' }] });
  });
});

describe('extractText: other types', () => {
  it('says unsupported for a type with no text reader', async () => {
    expect(await extractText(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toEqual({
      status: 'unsupported',
      pages: [],
      pageCount: null,
    });
  });

  it('cleans unpaired surrogates and NUL (which pdf.js yields for unmapped glyphs) but keeps pairs', () => {
    expect(cleanText('a\uD800b\uDC00c\u0000d😀')).toBe('abcd😀');
  });
});
