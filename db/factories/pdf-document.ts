import PDFDocument from 'pdfkit';
import { fontRuns, subsetBytes, subsetFor, type FontSubset } from './pdf-fonts';

/**
 * Real PDFs with Chinese text, made in code for tests, the document benchmark and the demo seed.
 * Every run of characters is drawn in the Noto Sans SC subset that covers it (pdf-fonts.ts), and
 * lines are laid out here, character by character, so a wrap never splits a run's font choice and
 * the page's text comes back from pdf.js in reading order: the paragraphs of the string, with a
 * line break where a long paragraph wrapped.
 */
export interface PdfOptions {
  /** Font size in points (default 12). */
  fontSize?: number;
  /** Document title in the PDF's metadata. */
  title?: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 72;

/** Collects pdfkit's stream into one Buffer; fixed dates keep the same input the same bytes. */
function startDocument(title?: string) {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: false,
    info: { Title: title ?? '', CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, finished };
}

/** Registers a subset with this document the first time one of its characters is drawn. */
function fontUser(doc: PDFKit.PDFDocument, size: number) {
  const registered = new Set<string>();
  return (subset: FontSubset) => {
    if (!registered.has(subset.name)) {
      doc.registerFont(subset.name, subsetBytes(subset));
      registered.add(subset.name);
    }
    return doc.font(subset.name).fontSize(size);
  };
}

/** Closing punctuation never starts a line (Chinese typesetting); it may hang into the right margin instead. */
const NO_LINE_START = new Set('，。、；：？！）》」』】”’…%,.;:?!)');

/** Splits a paragraph into lines no wider than `width`, measuring each character in its own subset. */
function wrap(paragraph: string, width: number, measure: (char: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const char of paragraph) {
    const w = measure(char);
    if (line && used + w > width && !NO_LINE_START.has(char)) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += char;
    used += w;
  }
  lines.push(line);
  return lines;
}

/** Draws one page's text from the top margin; text that would run past the bottom is cut off, never an extra page. */
function drawPage(doc: PDFKit.PDFDocument, text: string, size: number, use: (s: FontSubset) => PDFKit.PDFDocument) {
  doc.addPage();
  const width = A4.width - 2 * MARGIN;
  const lineHeight = size * 1.6;
  const widths = new Map<string, number>();
  const measure = (char: string) => {
    let w = widths.get(char);
    if (w === undefined) {
      const subset = subsetFor(char);
      w = subset ? use(subset).widthOfString(char) : 0;
      widths.set(char, w);
    }
    return w;
  };
  let y = MARGIN;
  for (const paragraph of text.split('\n')) {
    for (const line of wrap(paragraph, width, measure)) {
      if (y + lineHeight > A4.height - MARGIN) return;
      let x = MARGIN;
      for (const run of fontRuns(line)) {
        use(run.subset).text(run.text, x, y, { lineBreak: false });
        x += use(run.subset).widthOfString(run.text);
      }
      y += lineHeight;
    }
  }
}

/** A PDF with one A4 page per string, each with a real text layer (ToUnicode maps) that extracts back to the string. */
export async function makePdf(pages: readonly string[], opts: PdfOptions = {}): Promise<Buffer> {
  const { doc, finished } = startDocument(opts.title);
  const size = opts.fontSize ?? 12;
  const use = fontUser(doc, size);
  for (const text of pages) drawPage(doc, text, size, use);
  doc.end();
  return finished;
}

/**
 * What a scanner makes: pages that carry only drawings (a grey "photo" of lines of text) and no
 * text layer at all, so extraction finds nothing and OCR would be the only way in.
 */
export async function makeScannedPdf(pageCount = 1): Promise<Buffer> {
  const { doc, finished } = startDocument('scan');
  for (let p = 0; p < pageCount; p++) {
    doc.addPage();
    doc.rect(MARGIN - 10, MARGIN - 10, A4.width - 2 * MARGIN + 20, A4.height - 2 * MARGIN + 20).fill('#f4f1ea');
    for (let line = 0; line < 30; line++) {
      const y = MARGIN + line * 22;
      for (let x = MARGIN; x < A4.width - MARGIN - 14; x += 14 + ((line * 7 + x) % 5)) doc.rect(x, y, 11, 11).fill('#555555');
    }
  }
  doc.end();
  return finished;
}

/** A long PDF (the preview pages through it): page n says 第 n 页 and one line of legal prose. */
export async function makeLargePdf(pageCount: number): Promise<Buffer> {
  const pages = Array.from({ length: pageCount }, (_, i) => `第 ${i + 1} 页\n本页为长篇证据材料的一部分，载明借款合同的履行情况。`);
  return makePdf(pages, { title: `large-${pageCount}` });
}
