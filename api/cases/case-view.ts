import type { Db } from '../../db/connection';
import { caseOverview } from '../../db/repositories/case-overview';
import { listCaseMembers, type CaseRow } from '../../db/repositories/cases';
import { caseTags } from '../../db/repositories/tags';
import { can, viewerOf } from '../../domain/policy';
import type { SessionUser } from '../middleware/session';

/** A case as the API answers it: the row, its team and tags, names, and its open tasks' due dates. */
export async function caseView(db: Db, c: CaseRow) {
  const team = await listCaseMembers(db, c.id);
  const overview = await caseOverview(db, c);
  const tags = (await caseTags(db, c.id)).map(({ id, vocabulary, name, color }) => ({ id, vocabulary, name, color }));
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    clientId: c.clientId,
    practiceArea: c.practiceArea,
    caseType: c.caseType,
    causeOfAction: c.causeOfAction,
    court: c.court,
    amountInDisputeFen: c.amountInDisputeFen,
    priority: c.priority,
    status: c.status,
    currentStage: c.currentStageId ? { id: c.currentStageId, name: c.currentStageName ?? c.currentStageId } : null,
    templateVersionId: c.templateVersionId,
    workflowId: c.workflowId,
    leadLawyerId: c.leadLawyerId,
    openedOn: c.openedOn,
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
    outcome: c.outcome,
    team,
    clientName: overview.clientName,
    leadLawyerName: overview.leadLawyerName,
    description: c.description,
    tags,
    conflictCheckId: c.conflictCheckId,
    archivedAt: c.archivedAt ? c.archivedAt.toISOString() : null,
    archiveChecklist: c.archiveChecklist,
    reopenedAt: c.reopenedAt ? c.reopenedAt.toISOString() : null,
    nextDueDate: overview.nextDueDate,
    overdueTasks: overview.overdueTasks,
  };
}

/**
 * Whether the viewer reads the descriptions of the cases it is shown (finance only with
 * finance.seeCaseDescriptions). Only cases the viewer may read reach here, so it is on them.
 */
const readsDescriptions = (user: SessionUser) => can(viewerOf(user, true), 'case.readDescription');

/** A case as this viewer may read it: without the description for one who may not. */
export function forViewer<T extends { description: string | null }>(user: SessionUser, view: T): T {
  return readsDescriptions(user) ? view : { ...view, description: null };
}

/** A case list as this viewer may read it: no snippet of descriptions the viewer may not read. */
export function listForViewer<T extends { items: Array<{ highlight?: { snippet: unknown } }> }>(user: SessionUser, list: T): T {
  if (readsDescriptions(user)) return list;
  return { ...list, items: list.items.map((i) => (i.highlight ? { ...i, highlight: { ...i.highlight, snippet: null } } : i)) };
}
