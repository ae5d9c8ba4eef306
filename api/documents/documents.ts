import type { Request } from 'express';
import type { Db } from '../../db/connection';
import type { BlobStorage } from '../../db/storage';
import {
  documentVersions,
  findVersion,
  bytesStillStored,
  removeUnreferenced,
  moveToRecycleBin,
  purgeRecycleBin,
  takeOutOfRecycleBin,
  updateDocumentRecord,
} from '../../db/repositories/document-records';
import type { Knex } from 'knex';
import { findCategory, findFolder } from '../../db/repositories/document-folders';
import { addVersion, findSameContent, findVisibleDocument, insertDocument, type DocumentRow } from '../../db/repositories/documents';
import { documentScope } from '../../domain/policy';
import { nameTsvLiteral } from '../../db/repositories/document-names';
import type { IdempotentRequest } from '../middleware/idempotency';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from '../cases';
import { assertClientAccess } from '../clients';
import { documentFor, documentView } from './document-access';
import { receiveFiles } from './multipart';
import { cleanFileName } from './sniff';

export interface DocumentDeps {
  db: Db;
  storage: BlobStorage;
  uploadMaxBytes: number;
}

export const MAX_FILES_PER_UPLOAD = 20;

async function reread(db: Db, actor: Actor, id: string): Promise<DocumentRow> {
  const doc = await findVisibleDocument(db, id, documentScope({ userId: actor.id, role: actor.role }), { withDeleted: true });
  if (!doc) throw new AppError('not-found', 'no such document');
  return doc;
}

/** Under the purge lock: the bytes are (still) there, so the version about to refer to them is safe. */
async function assertStored(trx: Knex.Transaction, storage: BlobStorage, sha256s: string[]): Promise<void> {
  if (!(await bytesStillStored(trx, storage, sha256s))) {
    throw new AppError('service-unavailable', 'The recycle bin was emptied while this file arrived; send it again', {
      retryAfterSeconds: 1,
    });
  }
}

async function assertCategory(db: Db, key: string | undefined): Promise<string> {
  const category = await findCategory(db, key ?? 'other');
  if (!category || category.archived) {
    throw new AppError('validation-error', 'Unknown document category', {
      errors: [{ path: 'body.category', message: `no category ${key}` }],
    });
  }
  return category.key;
}

/**
 * Files uploaded to a case or a client: access is checked before a byte is read; each file is
 * streamed to storage, then all become documents in one transaction (a retry with the same
 * Idempotency-Key answers the first result). Bytes already in the same case are stored once and
 * reported as `duplicateOf`, not refused: a lawyer may file one scan under two headings.
 */
export async function uploadDocuments(
  deps: DocumentDeps,
  actor: Actor,
  owner: { caseId: string } | { clientId: string },
  req: Request,
  idem: IdempotentRequest | undefined,
) {
  const { db, storage } = deps;
  if ('caseId' in owner) await assertCaseAccess(db, actor, owner.caseId, 'document.edit');
  else await assertClientAccess(db, actor, owner.clientId);
  const scope = documentScope({ userId: actor.id, role: actor.role });
  // A retry of an upload whose answer was lost: the documents it made, not a second set.
  if (idem?.resumedEntityId) {
    req.resume();
    const items = [];
    for (const id of idem.resumedEntityId.split(',')) items.push({ ...documentView(await reread(db, actor, id)), duplicateOf: null });
    return { items };
  }
  const caseId = 'caseId' in owner ? owner.caseId : null;
  const clientId = 'clientId' in owner ? owner.clientId : null;
  let category = 'other';
  let folderId: string | null = null;
  const { fields, files } = await receiveFiles(req, storage, {
    maxBytes: deps.uploadMaxBytes,
    maxFiles: MAX_FILES_PER_UPLOAD,
    beforeFiles: async (f) => {
      category = await assertCategory(db, f.category || undefined);
      if (f.folderId) {
        if (!caseId || !(await findFolder(db, caseId, f.folderId).catch(() => undefined))) {
          throw new AppError('validation-error', 'Unknown folder', {
            errors: [{ path: 'body.folderId', message: 'no such folder in this case' }],
          });
        }
        folderId = f.folderId;
      }
    },
    discard: (stored) => removeUnreferenced(db, storage, stored).then(() => undefined),
  });
  const note = fields.note?.trim().slice(0, 500) || null;
  const created = await db.transaction(async (trx) => {
    await assertStored(
      trx,
      storage,
      files.map((f) => f.sha256),
    );
    const out: Array<{ id: string; duplicateOf: { id: string; name: string; caseId: string | null } | null }> = [];
    for (const f of files) {
      // Named only if the uploader may see it: a confidential file is not revealed by its bytes.
      const duplicateOf = (await findSameContent(trx, { caseId, clientId }, f.sha256, scope)) ?? null;
      const id = await insertDocument(
        trx,
        { caseId, clientId, folderId, category, name: f.name, nameTsv: nameTsvLiteral(f.name), source: 'upload', createdBy: actor.id },
        { sha256: f.sha256, size: f.size, mime: f.mime, name: f.name, note, uploadedBy: actor.id },
      );
      out.push({ id, duplicateOf });
    }
    if (idem) await idem.bind(trx, out.map((o) => o.id).join(','));
    return out;
  });
  const items = [];
  for (const c of created) items.push({ ...documentView(await reread(db, actor, c.id)), duplicateOf: c.duplicateOf });
  return { items };
}

/** A new version of a document: the earlier ones stay as they are. */
export async function uploadVersion(deps: DocumentDeps, actor: Actor, id: string, req: Request) {
  const { db, storage } = deps;
  const doc = await documentFor(db, actor, id, 'document.edit');
  const { fields, files } = await receiveFiles(req, storage, {
    maxBytes: deps.uploadMaxBytes,
    maxFiles: 1,
    discard: (stored) => removeUnreferenced(db, storage, stored).then(() => undefined),
  });
  const f = files[0];
  await db.transaction(async (trx) => {
    await assertStored(trx, storage, [f.sha256]);
    await addVersion(trx, doc.id, {
      sha256: f.sha256,
      size: f.size,
      mime: f.mime,
      name: f.name,
      note: fields.note?.trim().slice(0, 500) || null,
      uploadedBy: actor.id,
    });
  });
  return documentView(await reread(db, actor, id));
}

/** Restoring an earlier version makes it the newest (a new version with its bytes): nothing is lost. */
export async function restoreVersion(deps: DocumentDeps, actor: Actor, id: string, number: number) {
  const { db, storage } = deps;
  const doc = await documentFor(db, actor, id, 'document.edit');
  const v = await findVersion(db, doc.id, number);
  if (!v) throw new AppError('not-found', `no version ${number}`);
  if (number === doc.version) throw new AppError('conflict', `version ${number} is already the current one`);
  await db.transaction(async (trx) => {
    await assertStored(trx, storage, [v.sha256]);
    await addVersion(trx, doc.id, {
      sha256: v.sha256,
      size: v.size,
      mime: v.mime,
      name: v.name,
      note: v.note,
      uploadedBy: actor.id,
      restoredFrom: number,
    });
  });
  return documentView(await reread(db, actor, id));
}

export async function documentDetail(db: Db, actor: Actor, id: string) {
  const doc = await documentFor(db, actor, id, 'document.read');
  const versions = (await documentVersions(db, doc.id)).map(({ id: _id, ...v }) => v);
  return { ...documentView(doc), caseNumber: doc.caseNumber, caseTitle: doc.caseTitle, versions };
}

export async function changeDocument(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string; folderId?: string | null; category?: string; confidential?: boolean; clientVisible?: boolean },
) {
  const doc = await documentFor(db, actor, id, 'document.edit');
  if (patch.category !== undefined) await assertCategory(db, patch.category);
  if (patch.folderId) {
    if (!doc.caseId || !(await findFolder(db, doc.caseId, patch.folderId))) {
      throw new AppError('validation-error', 'Unknown folder', {
        errors: [{ path: 'body.folderId', message: 'no such folder in this case' }],
      });
    }
  }
  // A new name is cleaned as an uploaded one is (no path, no bidi or control characters).
  const name = patch.name !== undefined ? cleanFileName(patch.name) : undefined;
  await db.transaction(async (trx) => {
    await updateDocumentRecord(trx, doc.id, { ...patch, ...(name ? { name, nameTsv: nameTsvLiteral(name) } : {}) });
  });
  return documentView(await reread(db, actor, id));
}

export async function deleteDocument(db: Db, actor: Actor, id: string): Promise<void> {
  const doc = await documentFor(db, actor, id, 'document.delete');
  await db.transaction((trx) => moveToRecycleBin(trx, doc.id, actor.id));
}

export async function undeleteDocument(db: Db, actor: Actor, id: string) {
  const doc = await documentFor(db, actor, id, 'document.delete', { withDeleted: true });
  if (!doc.deletedAt) throw new AppError('conflict', 'the document is not in the recycle bin');
  await db.transaction((trx) => takeOutOfRecycleBin(trx, doc.id));
  return documentView(await reread(db, actor, id));
}

/** Empties the recycle bin: the rows go (committed), then the bytes no other row refers to. */
export async function emptyRecycleBin(deps: DocumentDeps) {
  const { purged, objects } = await deps.db.transaction((trx) => purgeRecycleBin(trx));
  const freedBytes = await removeUnreferenced(deps.db, deps.storage, objects);
  return { purged, freedBytes };
}
