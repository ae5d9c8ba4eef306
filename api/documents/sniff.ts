import path from 'node:path';
import sanitizeFilename from 'sanitize-filename';
import { storableText } from '../../domain/text';

/** How many leading bytes the type is told from (zip-based formats need their first entries). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Programs are refused whatever their name says (an .exe renamed .pdf): a firm's document store
 * is no place to pass executables around, and a colleague's download would run it.
 */
const REFUSED = new Set([
  'application/x-msdownload',
  'application/x-dosexec',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-msi',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/x-sharedlib',
  'application/vnd.android.package-archive',
  'application/x-apple-diskimage',
]);

export type Sniffed = { ok: true; mime: string } | { ok: false; detected: string };

/**
 * The type of a file from its first bytes (file-type), never from its name. Text that file-type
 * does not name (it knows binary formats) is text/plain when the head is valid UTF-8 or GB18030
 * without control characters; anything else is application/octet-stream (offered for download).
 */
export async function sniffType(head: Uint8Array): Promise<Sniffed> {
  const { fileTypeFromBuffer } = await import('file-type/core');
  const found = head.length ? await fileTypeFromBuffer(head) : undefined;
  if (found) {
    if (REFUSED.has(found.mime) || found.ext === 'exe' || found.ext === 'elf') return { ok: false, detected: found.mime };
    return { ok: true, mime: found.mime };
  }
  // "MZ": a DOS/Windows program header file-type did not recognise in full.
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return { ok: false, detected: 'application/x-msdownload' };
  return { ok: true, mime: looksLikeText(head) ? 'text/plain' : 'application/octet-stream' };
}

function looksLikeText(head: Uint8Array): boolean {
  if (!head.length) return false;
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return false;
  // The head may end inside a multi-byte character: drop up to 3 trailing bytes before decoding.
  for (const cut of [0, 1, 2, 3]) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      /* try the next cut */
    }
  }
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(head.subarray(0, head.length - 1));
    return true;
  } catch {
    return false;
  }
}

/**
 * A file name safe to store and to send back in Content-Disposition: NFC, no path (a name like
 * `../../etc/passwd` keeps only `passwd`), no control or reserved characters, no leading dots, at
 * most 200 characters with its extension kept; empty → "file".
 */
export function cleanFileName(raw: string): string {
  const base = path.posix.basename(path.win32.basename(storableText(raw).normalize('NFC')));
  // Control, zero-width, bidirectional and line/paragraph separators, BOM: nothing that hides or reorders.
  const visible = base.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, '').trim();
  const ext = path.extname(visible).slice(0, 20);
  let stem = visible.slice(0, visible.length - ext.length);
  // At most 200 characters and 240 UTF-8 bytes (file systems stop at 255), the extension kept.
  while (stem && (stem.length + ext.length > 200 || Buffer.byteLength(stem + ext) > 240)) stem = stem.slice(0, -1);
  let name = sanitizeFilename(stem + ext, { replacement: '_' })
    .replace(/^[.\s]+/, '')
    .trim();
  // A Windows device name (CON, NUL …) comes back as the replacement alone: keep the word, made harmless.
  if (/^_*$/.test(name)) {
    const word = stem.replace(/[^\p{L}\p{N}_-]/gu, '');
    name = word ? `_${word}${ext}` : '';
  }
  return name || 'file';
}
