import mammoth from 'mammoth';

/**
 * The text of a .docx with mammoth (paragraphs separated by blank lines). A .docx is a zip, and a
 * small zip can unpack to gigabytes: the sizes its central directory declares are summed first and
 * a file that would unpack past `maxUnpackedBytes` is refused before anything is inflated.
 */
export async function readDocxText(bytes: Uint8Array, maxUnpackedBytes: number): Promise<string> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (zipUnpackedSize(buffer) > maxUnpackedBytes) throw new Error('the document unpacks to more than the size allowed');
  const result = await mammoth.extractRawText({ buffer });
  return result.value;
}

/** Sum of the uncompressed sizes in a zip's central directory (ZIP64 entries count as too large). */
export function zipUnpackedSize(zip: Buffer): number {
  const EOCD = 0x06054b50;
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const size = zip.readUInt32LE(offset + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return total;
}
