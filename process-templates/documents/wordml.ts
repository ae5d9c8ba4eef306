import PizZip from 'pizzip';

/**
 * A small writer of WordprocessingML, enough for court documents: paragraphs (centred bold titles,
 * first-line indent, right-aligned signature lines), bordered tables, an A4 page, 仿宋 四号 body and
 * a 小二 bold title. The shipped templates are written with it so each .docx is reproducible from
 * readable source (build.ts), and every `{tag}` sits in one run, where docxtemplater reads it whole.
 */
export type ParaOptions = { align?: 'center' | 'right' | 'both'; bold?: boolean; size?: number; indent?: boolean; font?: string };

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function runProps(o: ParaOptions): string {
  const props = [
    o.font ? `<w:rFonts w:ascii="${o.font}" w:eastAsia="${o.font}" w:hAnsi="${o.font}"/>` : '',
    o.bold ? '<w:b/><w:bCs/>' : '',
    o.size ? `<w:sz w:val="${o.size}"/><w:szCs w:val="${o.size}"/>` : '',
  ].join('');
  return props ? `<w:rPr>${props}</w:rPr>` : '';
}

/** One paragraph holding one run of text. */
export function para(text: string, o: ParaOptions = {}): string {
  const pPr = [o.align ? `<w:jc w:val="${o.align}"/>` : '', o.indent ? '<w:ind w:firstLineChars="200" w:firstLine="560"/>' : ''].join('');
  const run = text === '' ? '' : `<w:r>${runProps(o)}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${run}</w:p>`;
}

/** The document title: centred, bold, 小二 (18 pt), 黑体 as the 上海律协 guidance asks for 代理词. */
export const title = (text: string): string => para(text, { align: 'center', bold: true, size: 36, font: '黑体' });
/** A section heading inside the body: bold. */
export const heading = (text: string): string => para(text, { bold: true });
/** Body text with the customary two-character first-line indent. */
export const body = (text: string): string => para(text, { indent: true, align: 'both' });
/** A tag alone in its paragraph (a loop or condition boundary: docxtemplater drops the paragraph). */
export const tag = (text: string): string => para(text);
/** Signature and date lines, right-aligned. */
export const right = (text: string): string => para(text, { align: 'right' });

/** A table cell: its paragraphs (strings are plain paragraphs), a width in twentieths of a point. */
export type Cell = { paras: readonly string[]; width?: number; span?: number };
export const cell = (width: number, ...paras: string[]): Cell => ({ width, paras: paras.map((t) => (t.startsWith('<w:p') ? t : para(t))) });

function cellXml(c: Cell): string {
  const props = [
    c.width ? `<w:tcW w:w="${c.width}" w:type="dxa"/>` : '',
    c.span ? `<w:gridSpan w:val="${c.span}"/>` : '',
    '<w:vAlign w:val="center"/>',
  ].join('');
  return `<w:tc><w:tcPr>${props}</w:tcPr>${c.paras.length ? c.paras.join('') : para('')}</w:tc>`;
}

const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('');

/** A full-width table with single borders; the grid is given by the first row's widths. */
export function table(rows: readonly (readonly Cell[])[]): string {
  const grid = rows[0].map((c) => `<w:gridCol w:w="${c.width ?? 2000}"/>`).join('');
  const tblPr = `<w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>`;
  return `<w:tbl>${tblPr}<w:tblGrid>${grid}</w:tblGrid>${rows.map((r) => `<w:tr>${r.map(cellXml).join('')}</w:tr>`).join('')}</w:tbl>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`;
const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="440" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;
/** A4 portrait, the margins of the 2016 court document styles (3.7 / 3.5 / 2.8 / 2.6 cm, rounded). */
const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>';

/** The document body wrapped as word/document.xml. */
export function documentXml(content: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}"><w:body>${content}${SECTION}</w:body></w:document>`;
}

/** A fixed timestamp on every entry, so the same source always gives the same bytes. */
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

/** The parts of a .docx, in package order. */
export function docxParts(content: string): Record<string, string> {
  return {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': PACKAGE_RELS,
    'word/document.xml': documentXml(content),
    'word/_rels/document.xml.rels': DOCUMENT_RELS,
    'word/styles.xml': STYLES,
  };
}

/** The .docx bytes of a body. */
export function docx(content: string): Uint8Array {
  const zip = new PizZip();
  for (const [name, xml] of Object.entries(docxParts(content))) zip.file(name, xml, { date: FIXED_DATE, createFolders: false });
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}
