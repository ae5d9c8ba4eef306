import { randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  type HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { HashMeter } from './meter';
import { StorageError, checkRange, contentKey, type BlobStorage, type ByteRange, type StoredBlob } from './storage';

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph …); absent: AWS itself. */
  endpoint?: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (what most S3-compatible servers want). */
  forcePathStyle: boolean;
  /** Absent: the SDK's default chain (environment, instance role …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The smallest part S3 accepts. The uploader holds at most QUEUE_SIZE parts in memory per upload
 * (10 MiB), whatever the file's size; 5 MiB × 10,000 parts is past the 5 GiB a single copy allows,
 * which bounds UPLOAD_MAX_BYTES instead (cli/config.ts).
 */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * A bucket shared by every API process. Uploads stream to `tmp/<uuid>` (multipart past one part)
 * while hashing, then are copied to `sha256/ab/cd/<hex>` and the temporary object deleted; a failed
 * or refused upload aborts its multipart upload. A process killed mid-upload leaves a `tmp/` object
 * or an incomplete multipart upload: give the bucket a lifecycle rule that expires both (README).
 */
export function createS3Storage(config: S3StorageConfig): BlobStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Our own sha256 guards the content; the SDK's default extra checksums are not supported by every S3-compatible server.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;
  const head = (Key: string) => client.send(new HeadObjectCommand({ Bucket, Key }));
  const remove = (Key: string) => client.send(new DeleteObjectCommand({ Bucket, Key }));

  async function headOrNothing(sha256: string): Promise<HeadObjectCommandOutput | undefined> {
    try {
      return await head(contentKey(sha256));
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async function upload(body: Readable, maxBytes: number, Key: string): Promise<StoredBlob> {
    const meter = new HashMeter(maxBytes);
    const flowed = new Promise<Error | null | undefined>((resolve) => pipeline(body, meter, resolve));
    const uploader = new Upload({ client, params: { Bucket, Key, Body: meter }, partSize: PART_SIZE, queueSize: QUEUE_SIZE });
    try {
      await uploader.done();
    } catch (err) {
      meter.destroy();
      // The meter's refusal or the source's own failure is the cause; the uploader only saw its body fail.
      const cause = await flowed;
      throw cause && (cause as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE' ? cause : err;
    }
    await flowed;
    return meter.result();
  }

  return {
    async put(body: Readable, { maxBytes }): Promise<StoredBlob> {
      const tmpKey = `tmp/${randomUUID()}`;
      const stored = await upload(body, maxBytes, tmpKey);
      try {
        if (!(await headOrNothing(stored.sha256))) {
          const CopySource = `${Bucket}/${tmpKey}`;
          await client.send(new CopyObjectCommand({ Bucket, Key: contentKey(stored.sha256), CopySource }));
        }
      } finally {
        await remove(tmpKey);
      }
      return stored;
    },

    async get(sha256: string, range?: ByteRange): Promise<Readable> {
      const Key = contentKey(sha256);
      if (range) checkRange(range);
      try {
        const Range = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
        const answer = await client.send(new GetObjectCommand({ Bucket, Key, Range }));
        if (!answer.Body) throw new Error(`S3 answered GetObject ${Key} without a body`);
        return answer.Body as Readable;
      } catch (err) {
        if (statusOf(err) === 404) throw new StorageError('not-found', `no stored object ${sha256}`);
        if (statusOf(err) === 416) throw new StorageError('bad-range', `the range starts at ${range?.start}, past the object's end`);
        throw err;
      }
    },

    async has(sha256: string): Promise<boolean> {
      return (await headOrNothing(sha256)) !== undefined;
    },

    async size(sha256: string): Promise<number> {
      const found = await headOrNothing(sha256);
      if (!found) throw new StorageError('not-found', `no stored object ${sha256}`);
      return found.ContentLength ?? 0;
    },

    async delete(sha256: string): Promise<void> {
      await remove(contentKey(sha256));
    },

    async close(): Promise<void> {
      client.destroy();
    },
  };
}

/** The HTTP status of an S3 error (told by the service's answer, never by its message); undefined for anything else. */
function statusOf(err: unknown): number | undefined {
  return err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
}
