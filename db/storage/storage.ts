import type { Readable } from 'node:stream';

/**
 * The one storage interface of LexFlow's files (documents and their versions). Objects are named by
 * the sha256 of their bytes, so the same content is stored once and an object never changes once
 * written; what a file means (its name, case, version) lives in the database, not here.
 */
export interface BlobStorage {
  /**
   * Streams `body` to a temporary object while hashing it, then moves it to its content address.
   * Past `maxBytes` it stops reading and keeps nothing (StorageError 'too-large'). Putting content
   * that is already stored returns the same sha256 and stores nothing new.
   */
  put(body: Readable, options: { maxBytes: number }): Promise<StoredBlob>;
  /** The object's bytes, all of them or an inclusive byte range (HTTP Range semantics: `end` past the size is clamped). */
  get(sha256: string, range?: ByteRange): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** Byte length of the stored object (StorageError 'not-found' when absent). */
  size(sha256: string): Promise<number>;
  /** Removes the object; deleting an absent one succeeds, so a retried delete is harmless. */
  delete(sha256: string): Promise<void>;
  /** Releases what the adapter holds open (the S3 client's sockets). */
  close(): Promise<void>;
}

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** Inclusive, zero-based, like an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * Everything a caller must tell apart, by code: the API maps not-found to 404, too-large to 413,
 * bad-range to 416 and bad-key (a string that is no sha256) to 400. Any other error is a fault of
 * the storage itself (disk, network) and propagates as it is.
 */
export type StorageErrorCode = 'not-found' | 'too-large' | 'bad-range' | 'bad-key';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The content address `sha256/ab/cd/<hex>`: two levels of 256 folders keep any one folder small on a
 * file system. Refusing anything but 64 lowercase hex digits is also what keeps a caller's string
 * from naming a path outside the store.
 */
export function contentKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new StorageError('bad-key', 'not a sha256 (64 lowercase hex digits)');
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Refuses a range that is not 0 ≤ start ≤ end (integers) before any storage is asked. */
export function checkRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
    throw new StorageError('bad-range', 'a range is 0 ≤ start ≤ end');
  }
}

/** Checks a range against the object's size (start beyond the last byte: 'bad-range') and clamps its end. */
export function clampRange(range: ByteRange, size: number): Required<ByteRange> {
  checkRange(range);
  if (range.start >= size) throw new StorageError('bad-range', `the range starts at ${range.start}, past the object's ${size} bytes`);
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}

/** A stored object's bytes, whole (for files read into memory on purpose: templates, extraction). */
export async function readObject(storage: BlobStorage, sha256: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await storage.get(sha256)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
