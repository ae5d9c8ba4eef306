import type { Knex } from 'knex';
import type { Db } from '../../db/connection';
import { findVisibleDocument, type DocumentRow } from '../../db/repositories/documents';
import { isCaseMember } from '../../db/repositories/cases';
import { clientVisibleTo } from '../../db/repositories/clients';
import { decide, documentScope, maySeeDocument, type Action } from '../../domain/policy';
import { AppError } from '../app-error';
import type { Actor } from '../cases';

/**
 * A document the actor may see (policy: documentScope — team, finance categories, confidential)
 * and may do `action` on (its rule: roles, and membership of the document's case or client for
 * roles that are not firm-wide). What the actor may not see does not exist for them (404).
 */
export async function documentFor(
  db: Db | Knex.Transaction,
  actor: Actor,
  id: string,
  action: Action,
  opts: { withDeleted?: boolean } = {},
): Promise<DocumentRow> {
  const scope = documentScope({ userId: actor.id, role: actor.role });
  const doc = await findVisibleDocument(db, id, scope, opts);
  if (!doc) throw new AppError('not-found', 'no such document');
  const member = doc.caseId
    ? doc.leadLawyerId === actor.id || (await isCaseMember(db as Db, doc.caseId, actor.id))
    : await clientVisibleTo(db as Db, doc.clientId!, actor.id);
  // The row rule again, on what the SQL found: the two say the same, or the document stays hidden.
  const facts = {
    confidential: doc.confidential,
    categoryFinanceVisible: doc.categoryFinanceVisible,
    createdBy: doc.createdBy.id,
    leadLawyerId: doc.leadLawyerId,
  };
  if (!maySeeDocument(scope, { ...facts, viewerOnTeam: member })) throw new AppError('not-found', 'no such document');
  const decision = decide({ userId: actor.id, role: actor.role, case: { member } }, action);
  if (decision === 404) throw new AppError('not-found', 'no such document');
  if (decision !== 'allow') throw new AppError('forbidden');
  return doc;
}

/** The document as the API shows it (ZDocument). */
export function documentView(d: DocumentRow) {
  return {
    id: d.id,
    caseId: d.caseId,
    clientId: d.clientId,
    folderId: d.folderId,
    category: d.category,
    name: d.name,
    mime: d.mime,
    size: d.size,
    version: d.version,
    confidential: d.confidential,
    clientVisible: d.clientVisible,
    source: d.source,
    textStatus: d.textStatus,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    deletedAt: d.deletedAt,
    openComments: d.openComments,
  };
}
