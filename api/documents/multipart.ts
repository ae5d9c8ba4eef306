import { Readable } from 'node:stream';
import type { Request } from 'express';
import busboy from 'busboy';
import { isStorageError, type BlobStorage } from '../../db/storage';
import { storableText, unstorableReason } from '../../domain/text';
import { AppError } from '../app-error';
import { SNIFF_BYTES, cleanFileName, sniffType } from './sniff';

export interface StoredFile {
  name: string;
  mime: string;
  sha256: string;
  size: number;
}

export interface Received {
  fields: Record<string, string>;
  files: StoredFile[];
}

const MIB = 1024 * 1024;

export interface ReceiveOptions {
  maxBytes: number;
  maxFiles: number;
  /** Checks the text fields once the first file part begins (fields come first): a refusal stores nothing. */
  beforeFiles?: (fields: Record<string, string>) => Promise<void>;
  /** Called with what this request stored when it is refused after all: to remove bytes nothing refers to. */
  discard?: (stored: StoredFile[]) => Promise<void>;
}

/**
 * Reads a multipart/form-data upload: text fields, and every `file` part streamed into storage as
 * it arrives — never held whole in memory. The fields must come before the files: they are checked
 * (`beforeFiles`) before a byte is stored. Each file's type is told from its first bytes before any
 * of it is stored (a program is refused however it is named); an empty file, one past `maxBytes`, a
 * body that ends early or a client that goes away is refused with a problem, the file being stored
 * is abandoned (storage keeps nothing of it) and what the request stored before is handed to
 * `discard`. The rest of a refused body is read and dropped, so the client gets the answer.
 */
export function receiveFiles(req: Request, storage: BlobStorage, opts: ReceiveOptions): Promise<Received> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(new AppError('unsupported-media-type', 'Send the files as multipart/form-data, in parts named "file"'));
  }
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: opts.maxFiles, fields: 20, fieldSize: 8 * 1024, fieldNameSize: 100, parts: opts.maxFiles + 20 },
      });
    } catch {
      reject(new AppError('bad-request', 'The multipart body has no boundary'));
      return;
    }
    const fields: Record<string, string> = {};
    const files: StoredFile[] = [];
    let chain = Promise.resolve();
    let checked = false;
    let failed = false;
    let current: Readable | undefined;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      // The file being stored ends with the error: storage abandons it (no temporary file, no open upload).
      current?.destroy(err instanceof Error ? err : new Error(String(err)));
      void chain
        .catch(() => undefined)
        .then(() => (opts.discard && files.length ? opts.discard(files).catch(() => undefined) : undefined))
        .then(() => reject(err));
    };
    bb.on('field', (name, value, info) => {
      const unstorable = unstorableReason(name) ?? unstorableReason(value);
      if (info.valueTruncated || info.nameTruncated)
        fail(new AppError('validation-error', `The form field ${name.slice(0, 40)} is too long`));
      // A text field PostgreSQL cannot store is refused here, before a file is stored (as routing does for JSON bodies).
      else if (unstorable)
        fail(
          new AppError('validation-error', unstorable, {
            errors: [{ path: `body.${storableText(name).slice(0, 40)}`, message: unstorable }],
          }),
        );
      else fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      // Every part's stream gets a listener at once: one that ends early errors, and must not crash the process.
      stream.on('error', (err) =>
        fail(err instanceof AppError ? err : new AppError('bad-request', 'The upload ended before its last part')),
      );
      if (field !== 'file' || failed) {
        stream.resume();
        return;
      }
      chain = chain
        .then(async () => {
          if (failed) return void stream.resume();
          if (!checked) {
            checked = true;
            await opts.beforeFiles?.(fields);
          }
          current = stream;
          files.push(await storeOne(stream, info.filename ?? '', storage, opts.maxBytes));
          current = undefined;
        })
        .catch(fail);
    });
    bb.on('filesLimit', () => fail(new AppError('validation-error', `At most ${opts.maxFiles} files per upload`)));
    bb.on('partsLimit', () => fail(new AppError('validation-error', 'Too many parts in the upload')));
    bb.on('fieldsLimit', () => fail(new AppError('validation-error', 'Too many form fields in the upload')));
    bb.on('error', () => fail(new AppError('bad-request', 'The multipart body cannot be read (it ended early or is malformed)')));
    bb.on('close', () => {
      void chain.then(() => {
        if (failed) return;
        if (!files.length) fail(new AppError('validation-error', 'No file: send one or more parts named "file"'));
        else resolve({ fields, files });
      });
    });
    req.on('aborted', () => fail(new AppError('bad-request', 'The upload was interrupted')));
    req.on('close', () => {
      if (!req.complete) fail(new AppError('bad-request', 'The upload was interrupted'));
    });
    req.pipe(bb);
  });
}

async function storeOne(stream: Readable, rawName: string, storage: BlobStorage, maxBytes: number): Promise<StoredFile> {
  const name = cleanFileName(rawName);
  const source = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value as Buffer);
    headBytes += (next.value as Buffer).length;
  }
  const first = Buffer.concat(head);
  if (!first.length) throw new AppError('empty-file', `${name} is empty (0 bytes)`, { file: name });
  const sniffed = await sniffType(first.subarray(0, SNIFF_BYTES));
  if (!sniffed.ok)
    throw new AppError('file-type-refused', `${name} is a program (${sniffed.detected}); programs are not accepted`, { file: name });
  async function* all() {
    yield first;
    if (ended) return;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  try {
    const stored = await storage.put(Readable.from(all()), { maxBytes });
    return { name, mime: sniffed.mime, ...stored };
  } catch (err) {
    if (isStorageError(err) && err.code === 'too-large') {
      throw new AppError('file-too-large', `${name} is larger than ${Math.floor(maxBytes / MIB)} MB`, { file: name, limitBytes: maxBytes });
    }
    throw err;
  }
}
