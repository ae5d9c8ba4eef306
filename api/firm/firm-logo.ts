import { Readable } from 'node:stream';
import type { Db } from '../../db/connection';
import { putFirmLogo, storedFirmLogo, type StoredFirmLogo } from '../../db/repositories/settings';
import { isStorageError, readObject, type BlobStorage } from '../../db/storage';
import { AppError } from '../app-error';

/** A letterhead logo is a small image: 512 KiB is plenty for print at invoice size. */
export const LOGO_MAX_BYTES = 512 * 1024;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** The image type from the file's first bytes, never from what the client says it is. */
export function logoMime(head: Buffer): StoredFirmLogo['mime'] | null {
  if (head.subarray(0, PNG.length).equals(PNG)) return 'image/png';
  if (head.subarray(0, JPEG.length).equals(JPEG)) return 'image/jpeg';
  return null;
}

const tooLarge = () =>
  new AppError('file-too-large', `the logo is larger than ${LOGO_MAX_BYTES / 1024} KiB`, { limitBytes: LOGO_MAX_BYTES });

/**
 * The upload's bytes, bounded before they are all read: a Content-Length past the limit is refused
 * unread, and the count stops a body that says nothing (chunked) or lies. Past the limit the rest is
 * let through unkept, so the client reads the 413 instead of a reset connection.
 */
export function readLogoBody(body: Readable, contentLength: string | undefined): Promise<Buffer> {
  if (contentLength !== undefined && Number(contentLength) > LOGO_MAX_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    const onData = (part: Buffer) => {
      total += part.length;
      if (total <= LOGO_MAX_BYTES) return void parts.push(part);
      body.off('data', onData);
      body.resume();
      reject(tooLarge());
    };
    body.on('data', onData);
    body.once('end', () => resolve(Buffer.concat(parts)));
    body.once('error', reject);
  });
}

/** The logo as the settings answers show it. */
export function logoView(logo: StoredFirmLogo | null) {
  return logo ? { url: `/api/v1/firm/logo?v=${logo.sha256.slice(0, 12)}`, mime: logo.mime, size: logo.size } : null;
}

/**
 * Checks the image, stores it by its content and makes it the firm's logo. The old logo's bytes stay:
 * storage is content-addressed, so the same bytes may also be a document's, and deleting them here
 * could take a case file with them.
 */
export async function replaceFirmLogo(db: Db, storage: BlobStorage, bytes: Buffer): Promise<StoredFirmLogo> {
  if (!bytes.length) throw new AppError('validation-error', 'the logo is empty (0 bytes)');
  const mime = logoMime(bytes);
  if (!mime) throw new AppError('unsupported-media-type', 'the logo is not a PNG or JPEG image (its first bytes say otherwise)');
  const stored = await storage.put(Readable.from([bytes]), { maxBytes: LOGO_MAX_BYTES });
  const logo: StoredFirmLogo = { sha256: stored.sha256, mime, size: stored.size };
  await db.transaction((trx) => putFirmLogo(trx, logo));
  return logo;
}

/** Removes the firm's logo (none set: nothing to do, so a retried delete is harmless); its bytes stay, as above. */
export async function removeFirmLogo(db: Db): Promise<StoredFirmLogo | null> {
  return db.transaction(async (trx) => {
    const before = await storedFirmLogo(trx);
    if (before) await putFirmLogo(trx, null);
    return before;
  });
}

/** The logo's bytes and type, or null when the firm has none (or its bytes are gone). */
export async function firmLogoBytes(db: Db, storage: BlobStorage): Promise<{ bytes: Buffer; mime: string; sha256: string } | null> {
  const logo = await storedFirmLogo(db);
  if (!logo) return null;
  try {
    return { bytes: await readObject(storage, logo.sha256), mime: logo.mime, sha256: logo.sha256 };
  } catch (err) {
    if (isStorageError(err, 'not-found')) return null;
    throw err;
  }
}
