import type { Db } from '../../db/connection';
import { storedFirmLogo } from '../../db/repositories/settings';
import { isStorageError, readObject, type BlobStorage } from '../../db/storage';

/**
 * The logo an invoice's letterhead draws. An issued invoice keeps the one it was issued with (its
 * frozen issuer names its sha256; none for those issued before logos), so its PDF made again is the
 * filed document's bytes even after the firm changes its logo; a draft shows the firm's current one.
 */
export async function letterheadLogo(db: Db, storage: BlobStorage, frozenIssuer: unknown): Promise<Buffer | null> {
  const sha256 = frozenIssuer ? (frozenIssuer as { logo?: string | null }).logo : (await storedFirmLogo(db))?.sha256;
  if (!sha256) return null;
  try {
    return await readObject(storage, sha256);
  } catch (err) {
    // Bytes gone from the storage: the bill without its logo, rather than no bill.
    if (isStorageError(err, 'not-found')) return null;
    throw err;
  }
}

/** The firm's current logo as an issued invoice freezes it (its content address). */
export async function currentLogoKey(db: Db): Promise<string | null> {
  return (await storedFirmLogo(db))?.sha256 ?? null;
}
