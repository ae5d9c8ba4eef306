import type { Request } from 'express';
import type { Knex } from 'knex';
import { bytesStillStored, removeUnreferenced } from '../../db/repositories/document-records';
import { insertDocument } from '../../db/repositories/documents';
import { nameTsvLiteral } from '../../db/repositories/document-names';
import type { IdempotentRequest } from '../middleware/idempotency';
import { AppError } from '../app-error';
import type { DocumentDeps } from './documents';
import { receiveFiles } from './multipart';

/** At most this many files in one client upload. */
export const MAX_CLIENT_FILES = 10;

/**
 * Files a client sends through the portal for a case, by the documents domain's upload path:
 * streamed to storage (type told from the bytes, never buffered), then — in one transaction, under
 * the purge lock — documents of the case (source `portal`, category 证据材料, made by the portal
 * user), handed to `then` in the same transaction (the portal ties them to the request). Whoever
 * calls has checked the uploader may do it. A retry with the same Idempotency-Key answers the same ids.
 */
export async function receiveClientFiles(
  deps: DocumentDeps,
  uploaderId: string,
  caseId: string,
  req: Request,
  idem: IdempotentRequest | undefined,
  then: (trx: Knex.Transaction, documentIds: string[]) => Promise<void>,
): Promise<string[]> {
  const { db, storage } = deps;
  if (idem?.resumedEntityId) {
    req.resume();
    return idem.resumedEntityId.split(',');
  }
  const { fields, files } = await receiveFiles(req, storage, {
    maxBytes: deps.uploadMaxBytes,
    maxFiles: MAX_CLIENT_FILES,
    discard: (stored) => removeUnreferenced(db, storage, stored).then(() => undefined),
  });
  if (!files.length)
    throw new AppError('validation-error', 'Send at least one file', { errors: [{ path: 'body.file', message: 'no file' }] });
  const note = fields.note?.trim().slice(0, 500) || null;
  return db.transaction(async (trx) => {
    if (
      !(await bytesStillStored(
        trx,
        storage,
        files.map((f) => f.sha256),
      ))
    ) {
      throw new AppError('service-unavailable', 'The file could not be kept; send it again', { retryAfterSeconds: 1 });
    }
    const ids: string[] = [];
    for (const f of files) {
      ids.push(
        await insertDocument(
          trx,
          {
            caseId,
            clientId: null,
            folderId: null,
            category: 'evidence',
            name: f.name,
            nameTsv: nameTsvLiteral(f.name),
            source: 'portal',
            createdBy: uploaderId,
          },
          { sha256: f.sha256, size: f.size, mime: f.mime, name: f.name, note, uploadedBy: uploaderId },
        ),
      );
    }
    await then(trx, ids);
    if (idem) await idem.bind(trx, ids.join(','));
    return ids;
  });
}
