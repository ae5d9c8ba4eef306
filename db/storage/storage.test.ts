import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { motoClient, startMoto, type MotoServer } from '../../test/helpers/moto';
import { createStorage, isStorageError, type BlobStorage, type StorageErrorCode } from './index';

/**
 * One contract, two adapters: the local file system and S3. The S3 run talks to a real
 * S3-compatible server started here: moto in server mode, because it is the one such server
 * reachable from this project's machines and CI (a PyPI package, installed on demand into
 * .tools/venv; MinIO and the like ship their binaries from their own sites). Each run also lists
 * what its store holds behind the adapter's back, so "nothing left behind" is seen, not assumed.
 */
interface Harness {
  storage: BlobStorage;
  /** Every stored thing: file paths under the root, or the bucket's keys and its open multipart uploads. */
  contents(): Promise<string[]>;
  close(): Promise<void>;
}

const MIB = 1024 * 1024;

async function localHarness(): Promise<Harness> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-files-'));
  const storage = createStorage({ kind: 'local', root });
  return {
    storage,
    contents: async () =>
      (await fs.promises.readdir(root, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile())
        .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
        .sort(),
    close: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

let moto: MotoServer | undefined;
async function s3Harness(): Promise<Harness> {
  moto ??= await startMoto();
  const { endpoint, bucket, region, credentials } = moto;
  const storage = createStorage({ kind: 's3', bucket, endpoint, region, credentials, forcePathStyle: true });
  const inspector = motoClient(moto);
  return {
    storage,
    async contents() {
      const objects = await inspector.send(new ListObjectsV2Command({ Bucket: bucket }));
      const uploads = await inspector.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
      return [...(objects.Contents ?? []).map((o) => o.Key!), ...(uploads.Uploads ?? []).map((u) => `multipart upload of ${u.Key}`)].sort();
    },
    async close() {
      inspector.destroy();
      await storage.close();
    },
  };
}

afterAll(async () => {
  await moto?.stop();
});

/** `total` random bytes in 64 KiB chunks, made as they are read, with the sha256 they add up to. */
function randomStream(total: number, failAfter?: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  function* chunks() {
    for (let sent = 0; sent < total;) {
      if (failAfter !== undefined && sent >= failAfter) throw new Error('the client went away');
      const chunk = randomBytes(Math.min(64 * 1024, total - sent));
      hash.update(chunk);
      sent += chunk.length;
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), sha256: () => hash.digest('hex') };
}

const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const keyOf = (sha256: string) => `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function storageError(promise: Promise<unknown>): Promise<StorageErrorCode | 'resolved' | string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return isStorageError(err) ? err.code : `other error: ${(err as Error).message}`;
  }
}

describe.each([
  ['the local file system', localHarness],
  ['S3 (a moto server)', s3Harness],
])('file storage on %s', (_name, makeHarness) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  }, 180_000);
  afterAll(async () => h?.close());
  afterEach(async () => {
    for (const key of await h.contents()) if (key.startsWith('sha256/')) await h.storage.delete(key.split('/').pop()!);
  });

  it('streams a 12 MiB upload in and out, stored at its sha256 address', async () => {
    const source = randomStream(12 * MIB);
    const stored = await h.storage.put(source.stream, { maxBytes: 200 * MIB });
    expect(stored).toEqual({ sha256: source.sha256(), size: 12 * MIB });
    expect(await h.contents()).toEqual([keyOf(stored.sha256)]);
    expect(await h.storage.has(stored.sha256)).toBe(true);
    expect(await h.storage.size(stored.sha256)).toBe(12 * MIB);
    expect(sha256Of(await readAll(await h.storage.get(stored.sha256)))).toBe(stored.sha256);
  });

  it('stores the same content once, however it was chunked', async () => {
    const data = randomBytes(3 * MIB + 17);
    const first = await h.storage.put(Readable.from([data]), { maxBytes: 10 * MIB });
    const chunked = [data.subarray(0, 1000), data.subarray(1000, 2 * MIB), data.subarray(2 * MIB)];
    const second = await h.storage.put(Readable.from(chunked), { maxBytes: 10 * MIB });
    expect(second).toEqual(first);
    expect(first.sha256).toBe(sha256Of(data));
    expect(await h.contents()).toEqual([keyOf(first.sha256)]);
  });

  it('stores an empty file and an upload of exactly maxBytes', async () => {
    const empty = await h.storage.put(Readable.from([]), { maxBytes: 10 });
    expect(empty).toEqual({ sha256: sha256Of(Buffer.alloc(0)), size: 0 });
    expect((await readAll(await h.storage.get(empty.sha256))).length).toBe(0);
    const exact = randomBytes(MIB);
    expect(await h.storage.put(Readable.from([exact]), { maxBytes: MIB })).toEqual({ sha256: sha256Of(exact), size: MIB });
  });

  it('refuses an upload past maxBytes and keeps nothing of it (no object, no temporary file, no open multipart upload)', async () => {
    // 7 MiB: past one 5 MiB part, so the S3 run has started a multipart upload when it is refused.
    const source = randomStream(12 * MIB);
    expect(await storageError(h.storage.put(source.stream, { maxBytes: 7 * MIB }))).toBe('too-large');
    expect(await h.contents()).toEqual([]);
    expect(await storageError(h.storage.put(Readable.from([randomBytes(11)]), { maxBytes: 10 }))).toBe('too-large');
    expect(await h.contents()).toEqual([]);
  });

  it('keeps nothing of an upload whose source fails midway (a client that went away)', async () => {
    const source = randomStream(12 * MIB, 6 * MIB);
    await expect(h.storage.put(source.stream, { maxBytes: 200 * MIB })).rejects.toThrow('the client went away');
    expect(await h.contents()).toEqual([]);
  });

  it('serves byte ranges with HTTP semantics', async () => {
    const data = randomBytes(MIB);
    const { sha256 } = await h.storage.put(Readable.from([data]), { maxBytes: MIB });
    const range = async (start: number, end?: number) => readAll(await h.storage.get(sha256, { start, end }));
    expect((await range(100, 199)).equals(data.subarray(100, 200))).toBe(true);
    expect((await range(0, 0)).equals(data.subarray(0, 1))).toBe(true);
    expect((await range(MIB - 10)).equals(data.subarray(MIB - 10))).toBe(true);
    // An end past the last byte is clamped; a start past it is refused.
    expect((await range(MIB - 5, MIB + 1000)).equals(data.subarray(MIB - 5))).toBe(true);
    expect(await storageError(h.storage.get(sha256, { start: MIB }))).toBe('bad-range');
    expect(await storageError(h.storage.get(sha256, { start: 10, end: 9 }))).toBe('bad-range');
    expect(await storageError(h.storage.get(sha256, { start: -1 }))).toBe('bad-range');
  });

  it('answers a missing object with not-found, and a string that is no sha256 with bad-key', async () => {
    const missing = sha256Of(Buffer.from('never stored'));
    expect(await storageError(h.storage.get(missing))).toBe('not-found');
    expect(await storageError(h.storage.get(missing, { start: 0, end: 10 }))).toBe('not-found');
    expect(await storageError(h.storage.size(missing))).toBe('not-found');
    expect(await h.storage.has(missing)).toBe(false);
    for (const bad of ['abc', '../../../etc/passwd', missing.toUpperCase(), `${missing}/..`]) {
      expect(await storageError(h.storage.get(bad))).toBe('bad-key');
    }
  });

  it('deletes an object, and a second delete of it succeeds', async () => {
    const data = randomBytes(1000);
    const { sha256 } = await h.storage.put(Readable.from([data]), { maxBytes: MIB });
    const other = await h.storage.put(Readable.from([randomBytes(1000)]), { maxBytes: MIB });
    await h.storage.delete(sha256);
    expect(await h.storage.has(sha256)).toBe(false);
    expect(await storageError(h.storage.get(sha256))).toBe('not-found');
    await h.storage.delete(sha256);
    expect(await h.contents()).toEqual([keyOf(other.sha256)]);
  });
});

describe('file storage on a loaded machine', () => {
  it('keeps no temporary file when the refusal comes before the file system has opened it', async () => {
    // On a busy CI machine the open of the temporary file waited behind other work, the refusal's
    // clean-up ran first, and the file appeared afterwards. Here the open is made slow on purpose.
    const h = await localHarness();
    const realOpen = fs.open;
    const open = jest.spyOn(fs, 'open').mockImplementation(((...args: unknown[]) => {
      setTimeout(() => (realOpen as (...a: unknown[]) => void)(...args), 50);
    }) as typeof fs.open);
    try {
      expect(await storageError(h.storage.put(Readable.from([randomBytes(11)]), { maxBytes: 10 }))).toBe('too-large');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await h.contents()).toEqual([]);
    } finally {
      open.mockRestore();
      await h.close();
    }
  });
});

describe('file storage after a crash', () => {
  it('removes half-written uploads a day old when it starts, and leaves a fresh one (another upload in progress)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-files-'));
    fs.mkdirSync(path.join(root, 'tmp'));
    const old = path.join(root, 'tmp', 'dead-upload');
    const fresh = path.join(root, 'tmp', 'live-upload');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(fresh, 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    const storage = createStorage({ kind: 'local', root });
    await storage.close();
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual(['live-upload']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
