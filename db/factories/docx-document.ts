import PizZip from 'pizzip';

/**
 * A minimal valid .docx (Office Open XML, WordprocessingML) built from its four required parts, so
 * tests, the benchmark and the demo seed get real Word files without a template on disk. Word,
 * LibreOffice, mammoth and docx-preview open it; one `w:p` per paragraph, a line break inside a
 * paragraph as `w:br`.
 */
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`;

const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

/** XML 1.0 allows neither these control characters nor unpaired surrogates: dropped, like Word does on save. */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** East Asian text marked zh-CN so Word picks a Chinese font; xml:space keeps leading and doubled spaces. */
function paragraphXml(paragraph: string): string {
  const runs = paragraph
    .split('\n')
    .map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`)
    .join('<w:br/>');
  return `<w:p><w:r><w:rPr><w:lang w:eastAsia="zh-CN"/></w:rPr>${runs}</w:r></w:p>`;
}

function documentXml(paragraphs: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.map(paragraphXml).join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>`;
}

function coreXml(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(title)}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created></cp:coreProperties>`;
}

/** A .docx with one paragraph per string (a `\n` inside one is a line break). Same input, same bytes. */
export function makeDocx(paragraphs: readonly string[], opts: { title?: string } = {}): Buffer {
  const zip = new PizZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  zip.file('[Content_Types].xml', CONTENT_TYPES, { date });
  zip.file('_rels/.rels', PACKAGE_RELS, { date });
  zip.file('word/document.xml', documentXml(paragraphs), { date });
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS, { date });
  zip.file('docProps/core.xml', coreXml(opts.title ?? ''), { date });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
