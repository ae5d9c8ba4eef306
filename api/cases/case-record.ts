import type { Db } from '../../db/connection';
import { archiveCaseRow, reopenCaseRow, updateCaseDetails, type CaseDetailsPatch } from '../../db/repositories/case-changes';
import { insertCaseOpening } from '../../db/repositories/case-openings';
import { caseEventVariables, caseWorkflowTaskIds, doneTaskOutputs, stageVisits } from '../../db/repositories/case-history';
import { deleteNote, findNote, insertNote, listNotes, updateNote } from '../../db/repositories/case-notes';
import { reindexCase } from '../../db/repositories/case-search';
import { caseTags, findTags, setCaseTags } from '../../db/repositories/tags';
import type { CaseRole } from '../../domain/roles';
import { can, isColleague, mayLeadCases, ownerDecision, viewerOf } from '../../domain/policy';
import { listTeam, putTeamMember, removeTeamMember as deleteTeamMember, replaceLead } from '../../db/repositories/case-team';
import { findVersion } from '../../db/repositories/templates';
import { findActiveUserRole, userName } from '../../db/repositories/user-lookups';
import { ZTemplateModel } from '../../process-templates/model/schema';
import type { CaseWorkflowInput } from '../../workflows/case/state';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { AppError } from '../app-error';
import { ARCHIVE_ITEMS } from '../../domain/records';
import { firmTimeZone } from '../firm';
import type { Engine } from '../engine';
import { assertCaseAccess, type Actor } from './case-access';
import { ensureCaseRunning } from './case-openings';

/**
 * The case record around the workflow: details (and the lead lawyer), team, notes, tags, archive,
 * reopen. What the case is searched by is re-indexed in the same transaction as the change.
 */
export async function patchCase(db: Db, actor: Actor, caseId: string, patch: CaseDetailsPatch) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (c.status === 'closed' && c.archivedAt) throw new AppError('conflict', 'an archived case cannot be changed; reopen it first');
  const { leadLawyerId, ...details } = patch;
  await db.transaction(async (trx) => {
    const newLead = leadLawyerId !== undefined && leadLawyerId !== c.leadLawyerId ? leadLawyerId : undefined;
    if (newLead) {
      // assertCaseAccess above has let the actor onto the case.
      if (!can(viewerOf(actor, true), 'case.changeLead')) throw new AppError('forbidden', 'only a partner changes the lead lawyer');
      const lead = await findActiveUserRole(trx, newLead);
      if (!lead || !mayLeadCases(lead.role))
        throw new AppError('validation-error', 'the lead lawyer must be an active lawyer or partner', {
          errors: [{ path: 'body.leadLawyerId', message: 'not a lawyer' }],
        });
      await replaceLead(trx, caseId, newLead);
    }
    await updateCaseDetails(trx, caseId, newLead ? { ...details, leadLawyerId: newLead } : details);
    await reindexCase(trx, caseId);
  });
}

// Team //////////////////////////////////////////////////////////////////////////////////////////

export async function caseTeam(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  return { items: await listTeam(db, caseId) };
}

export async function addTeamMember(db: Db, actor: Actor, caseId: string, m: { userId: string; role: CaseRole }) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (m.role === 'lead')
    throw new AppError('validation-error', 'change the lead lawyer on the case itself', {
      errors: [{ path: 'body.role', message: 'use PATCH /cases/:id leadLawyerId' }],
    });
  const user = await findActiveUserRole(db, m.userId);
  if (!user || !isColleague(user.role))
    throw new AppError('validation-error', 'not an active colleague', { errors: [{ path: 'body.userId', message: 'no such colleague' }] });
  if (m.userId === c.leadLawyerId) throw new AppError('conflict', 'this colleague leads the case');
  await db.transaction((trx) => putTeamMember(trx, caseId, m));
  return caseTeam(db, actor, caseId);
}

export async function removeTeamMember(db: Db, actor: Actor, caseId: string, userId: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (userId === c.leadLawyerId) throw new AppError('conflict', 'the lead lawyer stays on the case');
  if (!(await deleteTeamMember(db, caseId, userId))) throw new AppError('not-found', 'not on the team');
}

// Notes /////////////////////////////////////////////////////////////////////////////////////////

export async function caseNotes(db: Db, actor: Actor, caseId: string, page: { limit: number; offset: number }) {
  await assertCaseAccess(db, actor, caseId);
  return listNotes(db, caseId, page.limit, page.offset);
}

export async function addNote(db: Db, actor: Actor, caseId: string, body: string) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const n = await insertNote(trx, caseId, actor.id, body);
    await reindexCase(trx, caseId);
    return { ...n, authorName: await userName(trx, actor.id) };
  });
}

/** Only the author edits a note; the author or a partner deletes it. */
export async function changeNote(db: Db, actor: Actor, caseId: string, id: string, body: string | null) {
  await assertCaseAccess(db, actor, caseId);
  const note = await findNote(db, caseId, id);
  if (!note) throw new AppError('not-found', `no note ${id} on this case`);
  const action = body === null ? 'caseNote.delete' : 'caseNote.edit';
  if (ownerDecision(viewerOf(actor), action, note.authorId) !== 'allow') throw new AppError('forbidden', 'only the author changes a note');
  return db.transaction(async (trx) => {
    const row = body === null ? (await deleteNote(trx, caseId, id), undefined) : await updateNote(trx, caseId, id, body);
    await reindexCase(trx, caseId);
    return row;
  });
}

// Tags //////////////////////////////////////////////////////////////////////////////////////////

/** Sets the case's tags and categories (from the vocabularies) and re-indexes it in one transaction. */
export async function tagCase(db: Db, actor: Actor, caseId: string, tagIds: string[]) {
  await assertCaseAccess(db, actor, caseId);
  const unique = [...new Set(tagIds)];
  const found = await findTags(db, unique);
  if (found.length !== unique.length)
    throw new AppError('validation-error', 'unknown tag', { errors: [{ path: 'body.tagIds', message: 'some tags do not exist' }] });
  await db.transaction(async (trx) => {
    await setCaseTags(trx, caseId, unique);
    await reindexCase(trx, caseId);
  });
  return caseTags(db, caseId);
}

// Archive and reopen ////////////////////////////////////////////////////////////////////////////

/** 结案归档: a closed case is archived once its checklist is complete; then it is read-only. */
export async function archiveCase(
  db: Db,
  actor: Actor,
  caseId: string,
  body: { checklist: Partial<Record<(typeof ARCHIVE_ITEMS)[number], boolean>>; note?: string },
) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (c.status !== 'closed') throw new AppError('conflict', 'close the case before archiving it');
  if (c.archivedAt) throw new AppError('conflict', 'the case is already archived');
  const missing = ARCHIVE_ITEMS.filter((k) => !body.checklist[k]);
  if (missing.length)
    throw new AppError('unprocessable-entity', 'the archive checklist is not complete', {
      errors: missing.map((k) => ({ path: `body.checklist.${k}`, message: 'not done' })),
    });
  await archiveCaseRow(db, caseId, { checklist: body.checklist, note: body.note ?? null });
}

function numericSuffix(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

/**
 * Reopens a closed case: a new run of `case-<id>` on the same pinned template version, resuming
 * in a top-level stage, with ids continuing after the earlier run's so no task row is reused.
 */
export async function reopenCase(
  db: Db,
  t: Engine,
  actor: Actor,
  caseId: string,
  body: { reason: string; stageId?: string },
  defaultTimeZone: string,
) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (c.status !== 'closed') throw new AppError('conflict', 'only a closed case can be reopened');
  if (!c.templateVersionId) throw new AppError('conflict', 'the case has no template version');
  const version = await findVersion(db, c.templateVersionId);
  const model = ZTemplateModel.parse(version!.model);
  const history = await stageVisits(db, caseId, 'desc');
  const lastTop = history.find((h) => model.stages.includes(h.stageId))?.stageId;
  const stageId = body.stageId ?? lastTop ?? model.stages[0];
  if (!stageId || !model.stages.includes(stageId))
    throw new AppError('validation-error', 'not a stage of the case template', {
      errors: [{ path: 'body.stageId', message: `one of ${model.stages.join(', ')}` }],
    });
  const taskIds = await caseWorkflowTaskIds(db, caseId);
  const seqStart = Math.max(0, ...taskIds.map(numericSuffix), ...history.map((h) => numericSuffix(h.stageInstanceId))) + 1000;
  const timeZone = await firmTimeZone(db, defaultTimeZone);
  const variables: Record<string, unknown> = {
    practiceArea: c.practiceArea,
    caseType: c.caseType,
    priority: c.priority,
    openedAt: c.openedOn,
  };
  for (const e of await caseEventVariables(db, caseId)) if (e) Object.assign(variables, e);
  const outputs = await doneTaskOutputs(db, caseId);
  for (const o of outputs) Object.assign(variables, o);
  for (const [k] of Object.entries(variables))
    if (!(k in model.variables) && !['practiceArea', 'caseType', 'priority', 'openedAt'].includes(k)) delete variables[k];
  const input: CaseWorkflowInput = { caseId, versionId: c.templateVersionId, model, variables, timeZone, startAt: stageId, seqStart };
  // The reopening and the opening of its run commit together; the run starts from the opening (case-openings.ts).
  const reopened = await db.transaction(async (trx) => {
    if (!(await reopenCaseRow(trx, c, { by: actor.id, reason: body.reason, stageId }))) return false;
    await insertCaseOpening(trx, { caseId, kind: 'reopen', input });
    return true;
  });
  if (!reopened) throw new AppError('conflict', 'only a closed case can be reopened');
  await ensureCaseRunning(db, t, caseId);
  return { stageId, openedOn: civilDateAt(Date.now(), timeZone) };
}
