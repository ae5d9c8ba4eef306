/**
 * Plain text files of unknown encoding: UTF-8 when the bytes are valid UTF-8, UTF-16 when a byte
 * order mark says so, otherwise GB18030 (a superset of GBK and GB2312, what Chinese Windows editors
 * save as "ANSI"). A charset named in the MIME type other than UTF-8 wins when the runtime knows it
 * (uploads are often labelled utf-8 by whatever sent them, so that label alone is not believed).
 * Only the first `maxChars * 4` bytes are decoded (no character takes more in these encodings), so a
 * huge file costs no more than the budget.
 */
export function decodePlainText(bytes: Uint8Array, maxChars: number, charset?: string): string {
  const head = bytes.subarray(0, Math.min(bytes.length, maxChars * 4));
  const partial = head.length < bytes.length;
  const named = charset ? decoderFor(charset) : undefined;
  if (named && named.encoding !== 'utf-8') return named.decode(head, { stream: partial });
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head, { stream: partial });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head, { stream: partial });
  try {
    // stream: a cut in the middle of the last character is not an error, that character is just left out.
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: partial });
  } catch {
    return new TextDecoder('gb18030').decode(head, { stream: partial });
  }
}

function decoderFor(charset: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(charset.trim().toLowerCase());
  } catch {
    return undefined;
  }
}
