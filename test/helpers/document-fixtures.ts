/**
 * Real documents with Chinese text for the document tests, the browser tests and `npm run bench:docs`.
 * The generators live in db/factories/ (the demo seed at `npm start` uses them too, and db/ is what
 * ships: the seed may not depend on test/); this is the one place tests import them from, together
 * with the broken inputs only tests need.
 */
import zlib from 'node:zlib';
import { makePdf } from '../../db/factories/pdf-document';

export { makePdf, makeScannedPdf, makeLargePdf, type PdfOptions } from '../../db/factories/pdf-document';
export { makeDocx } from '../../db/factories/docx-document';
export { chineseLegalText, type LegalTextOptions } from '../../db/factories/legal-text';

/** A PDF cut off after its first bytes, as a failed upload or a broken mail attachment leaves it. */
export async function makeCorruptPdf(): Promise<Buffer> {
  const whole = await makePdf(['这份文件在传输中被截断。']);
  return whole.subarray(0, Math.floor(whole.length / 3));
}

let gbkTable: Map<string, number> | undefined;

/**
 * Node has a GB18030 decoder but no encoder: the table is the decoder run backwards over every
 * two-byte code (lead 81–FE, trail 40–FE without 7F), which is the whole of GBK.
 */
function gbkCodes(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) codes.push((lead << 8) | trail);
  const bytes = Buffer.alloc(codes.length * 2);
  codes.forEach((code, i) => bytes.writeUInt16BE(code, i * 2));
  const chars = [...new TextDecoder('gb18030').decode(bytes)];
  if (chars.length !== codes.length) throw new Error('GB18030 decoder did not map every two-byte code to one character');
  gbkTable = new Map();
  chars.forEach((char, i) => {
    if (!gbkTable!.has(char)) gbkTable!.set(char, codes[i]);
  });
  return gbkTable;
}

/** Text as a Chinese Windows editor saves it ("ANSI" = GBK): 中文 is D6 D0 CE C4 there, not UTF-8. */
export function gbkBytes(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const code = gbkCodes().get(char);
      if (code === undefined) throw new Error(`GBK has no code for U+${cp.toString(16)}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return Buffer.from(out);
}

/**
 * A valid PNG of `width`×`height` pixels of one RGB colour, made here (zlib) so tests need no image
 * files: a logo to upload, to draw on an invoice and to see in the app.
 */
export function makePng(width = 1, height = 1, rgb: [number, number, number] = [0x1f, 0x4e, 0x8c]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
