import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { StorageError } from './storage';

/**
 * A pass-through that hashes and counts what flows through it and fails with 'too-large' on the
 * first chunk that goes past `maxBytes` — before that chunk is passed on, so the sink never holds
 * more than the limit. The digest is known only once the stream has ended.
 */
export class HashMeter extends Transform {
  private readonly hash = createHash('sha256');
  private count = 0;
  private digest?: string;

  constructor(private readonly maxBytes: number) {
    super();
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError('maxBytes must be a non-negative integer');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) {
      callback(new StorageError('too-large', `the upload is larger than ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    callback();
  }

  /** The hash and size of everything that passed; only after the stream has ended. */
  result(): { sha256: string; size: number } {
    if (this.digest === undefined) throw new Error('HashMeter.result() before the stream ended');
    return { sha256: this.digest, size: this.count };
  }
}
