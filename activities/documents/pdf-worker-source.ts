/**
 * The PDF reader thread (pdf-text.ts), as plain JavaScript in a string: it must reach Node as
 * written, because a compiler turning its `import()` into `require()` (swc in jest does) would
 * break the one way to load the ESM-only unpdf there. workerData: unpdfUrl, cMapUrl?,
 * standardFontDataUrl?. Each message { data, maxChars, maxPages } is answered with
 * { ok: true, pages: string[], pageCount } or { ok: false, error }, one document at a time.
 */
export const PDF_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const unpdf = import(workerData.unpdfUrl);
async function read(job) {
  const { getDocumentProxy } = await unpdf;
  const options = { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 };
  if (workerData.cMapUrl) Object.assign(options, { cMapUrl: workerData.cMapUrl, cMapPacked: true });
  if (workerData.standardFontDataUrl) options.standardFontDataUrl = workerData.standardFontDataUrl;
  const pdf = await getDocumentProxy(job.data, options);
  try {
    const pages = [];
    let chars = 0;
    const last = Math.min(pdf.numPages, job.maxPages);
    for (let number = 1; number <= last && chars < job.maxChars; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      page.cleanup();
      let text = '';
      for (const item of content.items) if (item.str != null) text += item.str + (item.hasEOL ? '\\n' : '');
      pages.push(text);
      chars += text.length;
    }
    return { pages, pageCount: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}
parentPort.on('message', (job) =>
  read(job).then(
    (result) => parentPort.postMessage({ ok: true, ...result }),
    (err) => parentPort.postMessage({ ok: false, error: String((err && err.message) || err) }),
  ),
);
`;
