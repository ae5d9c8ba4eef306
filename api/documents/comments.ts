import type { Db } from '../../db/connection';
import { resolveCaseRole } from '../../db/repositories/cases';
import { documentComments, findComment, insertComment, setCommentResolved } from '../../db/repositories/document-comments';
import { findVersion } from '../../db/repositories/document-records';
import { insertNotificationsOnce } from '../../db/repositories/notifications';
import { message } from '../../domain/notification-texts';
import { AppError } from '../app-error';
import type { Actor } from '../cases';
import { documentFor } from './document-access';
import { findVisibleDocument, type DocumentRow } from '../../db/repositories/documents';
import { userRole } from '../../db/repositories/user-lookups';
import { documentScope } from '../../domain/policy';

/** The mentioned colleagues on the case team who may see the document (a confidential one: lead, partners, its maker). */
async function mentionable(db: Db, doc: DocumentRow, mentions: string[]) {
  if (!doc.caseId || !mentions.length) return [];
  const team = (await resolveCaseRole(db, doc.caseId, 'team')).filter((t) => mentions.includes(t.id));
  const out = [];
  for (const t of team) {
    const role = await userRole(db, t.id);
    if (role && (await findVisibleDocument(db, doc.id, documentScope({ userId: t.id, role })))) out.push(t);
  }
  return out;
}

export async function listComments(db: Db, actor: Actor, id: string) {
  const doc = await documentFor(db, actor, id, 'document.read');
  return { items: await documentComments(db, doc.id) };
}

/**
 * A comment on a version (default: the current one), optionally anchored to a page or paragraph
 * and replying to a thread. @mentioned colleagues must be on the case team; each gets a notice
 * (the notification channel: bell, digest and mail by their preferences), once.
 */
export async function addComment(
  db: Db,
  actor: Actor & { name?: string },
  id: string,
  body: { body: string; version?: number; anchor?: unknown; parentId?: string; mentions: string[] },
) {
  const doc = await documentFor(db, actor, id, 'document.comment');
  const version = body.version ?? doc.version;
  if (!(await findVersion(db, doc.id, version))) {
    throw new AppError('validation-error', 'Unknown version', { errors: [{ path: 'body.version', message: `no version ${version}` }] });
  }
  if (body.parentId) {
    const parent = await findComment(db, doc.id, body.parentId);
    if (!parent || parent.parentId) {
      throw new AppError('validation-error', 'Unknown thread', {
        errors: [{ path: 'body.parentId', message: 'reply to the first comment of a thread' }],
      });
    }
  }
  const mentions = [...new Set(body.mentions)];
  const team = await mentionable(db, doc, mentions);
  const strangers = mentions.filter((m) => !team.some((t) => t.id === m));
  if (strangers.length) {
    throw new AppError('validation-error', 'Only colleagues on the case team who may see this document can be mentioned', {
      errors: [{ path: 'body.mentions', message: `not on the team or may not see it: ${strangers.join(', ')}` }],
    });
  }
  const commentId = await db.transaction(async (trx) => {
    const cid = await insertComment(trx, {
      documentId: doc.id,
      version,
      parentId: body.parentId ?? null,
      authorId: actor.id,
      body: body.body,
      anchor: body.anchor ?? null,
      mentions,
    });
    const author = (await findComment(trx, doc.id, cid))!.author.name;
    const link = `/cases/${doc.caseId}?tab=documents&document=${doc.id}`;
    const excerpt = body.body.length > 80 ? `${body.body.slice(0, 80)}…` : body.body;
    await insertNotificationsOnce(
      trx,
      team
        .filter((t) => mentions.includes(t.id) && t.id !== actor.id)
        .map((t) => {
          const text = message('documentMention', t.locale, {
            author,
            document: doc.name,
            caseNumber: doc.caseNumber ?? undefined,
            excerpt,
            link,
          });
          return {
            userId: t.id,
            caseId: doc.caseId,
            taskId: null,
            kind: 'documentMention',
            title: text.title,
            body: text.body,
            link,
            key: `document-comment:${cid}`,
            scheduledFor: null,
          };
        }),
    );
    return cid;
  });
  return (await findComment(db, doc.id, commentId))!;
}

/** Resolving or reopening applies to a thread: its first comment carries the state. */
export async function setResolved(db: Db, actor: Actor, id: string, commentId: string, resolved: boolean) {
  const doc = await documentFor(db, actor, id, 'document.comment');
  const c = await findComment(db, doc.id, commentId);
  if (!c) throw new AppError('not-found', 'no such comment');
  if (c.parentId)
    throw new AppError('validation-error', 'Resolve the thread, not a reply', {
      errors: [{ path: 'params.commentId', message: 'a reply' }],
    });
  await db.transaction((trx) => setCommentResolved(trx, c.id, resolved ? actor.id : null));
  return (await findComment(db, doc.id, c.id))!;
}
