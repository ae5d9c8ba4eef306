import { createLocalStorage } from './local-storage';
import { createS3Storage, type S3StorageConfig } from './s3-storage';
import type { BlobStorage } from './storage';

export {
  StorageError,
  isStorageError,
  readObject,
  type BlobStorage,
  type ByteRange,
  type StoredBlob,
  type StorageErrorCode,
} from './storage';
export type { S3StorageConfig } from './s3-storage';

/** Where files live: a directory of this machine (one API process, `npm start`), or a bucket several API processes share. */
export type StorageConfig = { kind: 'local'; root: string } | ({ kind: 's3' } & S3StorageConfig);

/** The adapter the configuration names (cli/config.ts builds the configuration from DATA_DIR and S3_*). */
export function createStorage(config: StorageConfig): BlobStorage {
  if (config.kind === 'local') return createLocalStorage(config.root);
  const { kind: _kind, ...s3 } = config;
  return createS3Storage(s3);
}
