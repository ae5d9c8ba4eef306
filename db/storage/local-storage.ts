import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashMeter } from './meter';
import { StorageError, clampRange, contentKey, type BlobStorage, type ByteRange, type StoredBlob } from './storage';

/**
 * Files under one root directory (DATA_DIR/files by default): `tmp/` for uploads in progress and
 * `sha256/ab/cd/<hex>` for stored objects. The temporary file sits under the same root so that the
 * final rename is atomic: a reader sees a whole object or none. Directories are made as needed.
 */
export function createLocalStorage(root: string): BlobStorage {
  const tmpDir = path.join(root, 'tmp');
  const swept = sweepStale(tmpDir);
  const fileOf = (sha256: string) => path.join(root, ...contentKey(sha256).split('/'));

  /** Opens the object (not-found when absent): the read then serves this file even if it is deleted meanwhile. */
  async function open(sha256: string): Promise<fs.promises.FileHandle> {
    try {
      return await fs.promises.open(fileOf(sha256), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageError('not-found', `no stored object ${sha256}`);
      throw err;
    }
  }

  return {
    async put(body: Readable, { maxBytes }): Promise<StoredBlob> {
      const meter = new HashMeter(maxBytes);
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      // The file is opened before any byte flows: a stream that opens its file lazily could create
      // it after a refusal had already cleaned up (seen on a loaded CI machine).
      const file = await fs.promises.open(tmp, 'wx');
      try {
        // flush: fsync before close, so the renamed file is on disk when put() answers.
        await pipeline(body, meter, fs.createWriteStream('', { fd: file, flush: true }));
        const stored = meter.result();
        const target = fileOf(stored.sha256);
        if (await exists(target)) {
          await fs.promises.rm(tmp, { force: true });
        } else {
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          // Two puts of the same content may race here: each rename replaces identical bytes.
          await fs.promises.rename(tmp, target);
        }
        return stored;
      } catch (err) {
        await file.close().catch(() => undefined); // already closed by the stream, unless it never started
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
    },

    async get(sha256: string, range?: ByteRange): Promise<Readable> {
      const handle = await open(sha256);
      try {
        const bounds = range ? clampRange(range, (await handle.stat()).size) : {};
        return handle.createReadStream(bounds);
      } catch (err) {
        await handle.close();
        throw err;
      }
    },

    async has(sha256: string): Promise<boolean> {
      return exists(fileOf(sha256));
    },

    async size(sha256: string): Promise<number> {
      const handle = await open(sha256);
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    },

    async delete(sha256: string): Promise<void> {
      await fs.promises.rm(fileOf(sha256), { force: true });
    },

    async close(): Promise<void> {
      await swept;
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Half-written uploads of a process that died (kill -9, power cut): removed once they are a day old. */
export const STALE_UPLOAD_MS = 24 * 3_600_000;

async function sweepStale(tmpDir: string): Promise<void> {
  const entries = await fs.promises.readdir(tmpDir).catch(() => [] as string[]);
  const cutoff = Date.now() - STALE_UPLOAD_MS;
  for (const name of entries) {
    const file = path.join(tmpDir, name);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(file, { force: true }).catch(() => undefined);
  }
}
