import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { auditedSince, insertAudit } from '../../db/repositories/audit-log';
import { findVersion } from '../../db/repositories/document-records';
import { isStorageError, type ByteRange } from '../../db/storage';
import { AppError } from '../app-error';
import type { Actor } from '../cases';
import { documentFor } from './document-access';
import type { DocumentDeps } from './documents';

/** Types a browser shows inline without running anything of the file's own (no SVG, no HTML). */
const INLINE = /^(application\/pdf|image\/(png|jpeg|gif|webp|bmp|tiff)|text\/plain)$/;

/**
 * `bytes=a-b`, `bytes=a-` or `bytes=-n` (one range; several are served whole). As RFC 9110 says,
 * a range that is invalid (its end before its start) is ignored: the whole file, 200.
 */
function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (!m[1] && !m[2])) return null;
  if (!m[1]) {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] && Number(m[2]) < start) return null;
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** One viewing of a file is one audit row, however many range reads a PDF viewer makes. */
const VIEWING_MS = 10 * 60_000;

function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The bytes of a document's version, checked against the session on every request (no public or
 * guessable URL), with HTTP ranges so a 500-page PDF is read page by page. Each read is in the
 * audit log before a byte leaves ("who looked at this file"); a file a browser could run (HTML,
 * SVG, anything not plainly viewable) is always an attachment, in a sandbox.
 */
export async function sendContent(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  query: { version?: number; download?: '0' | '1' },
  req: Request,
  res: Response,
): Promise<void> {
  const doc = await documentFor(deps.db, actor, id, 'document.read');
  await sendVersionContent(deps, actor, doc, query, req, res);
}

/**
 * The bytes of a version of a document the caller has already found the actor may see (the staff
 * route above; the client portal, for a document shared with the client): audited, ranged, sandboxed.
 */
export async function sendVersionContent(
  deps: Pick<DocumentDeps, 'db' | 'storage'>,
  actor: Actor,
  doc: { id: string; version: number; caseId: string | null; clientId: string | null },
  query: { version?: number; download?: '0' | '1' },
  req: Request,
  res: Response,
): Promise<void> {
  const version = query.version ?? doc.version;
  const v = await findVersion(deps.db, doc.id, version);
  if (!v) throw new AppError('not-found', `no version ${version}`);
  const range = parseRange(req.headers.range, v.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${v.size}`);
    throw new AppError('range-not-satisfiable', `the file has ${v.size} bytes`);
  }
  // Every read is on the record before a byte leaves; the range reads of one viewing share its row.
  const action = query.download === '1' ? 'document.download' : 'document.view';
  const since = new Date(Date.now() - VIEWING_MS);
  if (
    req.method !== 'HEAD' &&
    !(await auditedSince(deps.db, { actorId: actor.id, action, entityId: doc.id, since, details: { version } }))
  ) {
    await insertAudit(deps.db, {
      actorId: actor.id,
      action,
      entity: 'document',
      entityId: doc.id,
      status: 200,
      requestId: String(req.id ?? ''),
      ip: req.ip,
      details: { version, caseId: doc.caseId, clientId: doc.clientId },
    });
  }
  let body;
  try {
    body = await deps.storage.get(v.sha256, range ?? undefined);
  } catch (err) {
    if (isStorageError(err) && err.code === 'not-found') throw new AppError('not-found', 'the stored file is missing');
    throw err;
  }
  const inline = query.download !== '1' && INLINE.test(v.mime);
  res.status(range ? 206 : 200);
  res.setHeader('Content-Type', v.mime === 'text/plain' ? 'text/plain; charset=utf-8' : v.mime);
  res.setHeader('Content-Length', String(range ? range.end! - range.start + 1 : v.size));
  if (range) res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${v.size}`);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', `"${v.sha256}"`);
  res.setHeader('Content-Disposition', disposition(inline ? 'inline' : 'attachment', v.name));
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  res.setHeader('Cache-Control', 'private, no-store');
  await pipeline(body, res);
}
