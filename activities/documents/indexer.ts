import type { Logger } from 'pino';
import type { Db } from '../../db/connection';
import { claimPendingVersions, releaseClaim, saveExtraction, type PendingVersion } from '../../db/repositories/document-text';
import { readObject, type BlobStorage } from '../../db/storage';
import { searchTokens, tsvectorLiteral, unwrapLines } from '../../domain/search/segment';
import { extractText } from './extract';

/** Files larger than this are not read for text (a 200 MB scan would hold the worker's memory). */
export const INDEX_MAX_BYTES = 64 * 1024 * 1024;
const LEASE_SECONDS = 300;
const MAX_ATTEMPTS = 3;
/** PostgreSQL refuses a tsvector over 1 MB: a page keeps its first distinct words up to this much. */
const TSV_MAX_CHARS = 600_000;

/** A page's tsvector literal, cut at whole words before it grows past what PostgreSQL takes. */
function pageTsv(text: string): string {
  const tokens = searchTokens(text);
  let size = 0;
  let n = 0;
  for (; n < tokens.length; n++) {
    size += Buffer.byteLength(tokens[n]) + 12;
    if (size > TSV_MAX_CHARS) break;
  }
  return tsvectorLiteral({ D: tokens.slice(0, n) });
}

/**
 * One version's text: read, segmented with the case search's jieba path, saved per page. A fault
 * of storage or the database gives the claim back (tried again later, at most MAX_ATTEMPTS); what
 * the reader refuses is a result (`failed`), not a retry.
 */
export async function indexVersion(deps: { db: Db; storage: BlobStorage }, v: PendingVersion): Promise<void> {
  if (v.size > INDEX_MAX_BYTES) {
    await saveExtraction(deps.db, v.id, { status: 'unsupported', pageCount: null, error: 'too large to read for search', pages: [] });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readObject(deps.storage, v.sha256);
  } catch (err) {
    if (v.attempts >= MAX_ATTEMPTS) {
      await saveExtraction(deps.db, v.id, { status: 'failed', pageCount: null, error: 'the stored file could not be read', pages: [] });
      return;
    }
    await releaseClaim(deps.db, v.id);
    throw err;
  }
  const x = await extractText(bytes, v.mime);
  await saveExtraction(deps.db, v.id, {
    status: x.status,
    pageCount: x.pageCount,
    error: x.error ?? null,
    pages: x.pages.map((p) => {
      const text = unwrapLines(p.text);
      return { page: p.page, text, tsv: pageTsv(text) };
    }),
  });
}

/**
 * Claims and indexes waiting versions until none is left, or `stopping()` says so (checked between
 * documents: a shutdown waits for one document, not the queue); answers how many it indexed.
 * Claims not reached when it stops lapse with their lease and are taken again.
 */
export async function indexPending(
  deps: { db: Db; storage: BlobStorage; logger?: Logger },
  batch = 8,
  stopping: () => boolean = () => false,
): Promise<number> {
  let done = 0;
  for (;;) {
    if (stopping()) return done;
    const claimed = await claimPendingVersions(deps.db, batch, LEASE_SECONDS);
    if (!claimed.length) return done;
    for (const v of claimed) {
      if (stopping()) {
        await releaseClaim(deps.db, v.id, { atOnce: true }).catch(() => undefined);
        continue;
      }
      try {
        await indexVersion(deps, v);
        done++;
      } catch (err) {
        // No document content in the log: the version id and the error only.
        deps.logger?.warn({ err, versionId: v.id }, 'document text extraction failed');
        // Whatever failed (the database refusing the text, say), a version is tried at most MAX_ATTEMPTS times.
        if (v.attempts >= MAX_ATTEMPTS) {
          await saveExtraction(deps.db, v.id, {
            status: 'failed',
            pageCount: null,
            error: 'the text could not be indexed',
            pages: [],
          }).catch(() => undefined);
        }
      }
    }
  }
}

/**
 * The worker's background job: text extraction off the upload path. Every `intervalMs` it works
 * through the queue (document_versions waiting for text); several workers share it (claims with
 * leases, SKIP LOCKED). Answers its stop.
 */
export function startDocumentIndexer(deps: { db: Db; storage: BlobStorage; logger: Logger }, intervalMs = 2000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = indexPending(deps, 8, () => stopped)
      .catch((err) => deps.logger.warn({ err }, 'document indexer pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 200);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
