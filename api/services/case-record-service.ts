import type { Db } from '../../db/connection';
import { deleteParty, insertParties, listParties, updateParty, type PartyInput } from '../../db/repositories/case-parties';
import { reindexCase } from '../../db/repositories/case-search';
import { addCaseMembers } from '../../db/repositories/cases';
import { can, isColleague, mayLeadCases, ownerDecision, viewerOf } from '../../domain/policy';
import type { CaseRole } from '../../domain/roles';
import { deleteNote, findNote, insertNote, listNotes, updateNote } from '../../db/repositories/case-notes';
import { caseTags, findTags, setCaseTags } from '../../db/repositories/tags';
import { getSetting } from '../../db/repositories/settings';
import { ZTemplateModel } from '../../process-templates/model/schema';
import { WORKFLOW_TYPES, caseWorkflowId } from '../../workflows/definitions';
import type { CaseWorkflowInput } from '../../workflows/case/state';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { AppError } from '../app-error';
import { ARCHIVE_ITEMS } from '../../domain/records';
import type { TemporalHandle } from '../temporal';
import { assertCaseAccess, type Actor } from './cases-service';

export async function patchCase(
  db: Db,
  actor: Actor,
  caseId: string,
  patch: { title?: string; description?: string | null; causeOfAction?: string | null; court?: string | null; amountInDisputeFen?: number | null; priority?: string; leadLawyerId?: string },
) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (c.status === 'closed' && c.archivedAt) throw new AppError('conflict', 'an archived case cannot be changed; reopen it first');
  const cols: Record<string, unknown> = {};
  if (patch.title !== undefined) cols.title = patch.title;
  if (patch.description !== undefined) cols.description = patch.description || null;
  if (patch.causeOfAction !== undefined) cols.cause_of_action = patch.causeOfAction || null;
  if (patch.court !== undefined) cols.court = patch.court || null;
  if (patch.amountInDisputeFen !== undefined) cols.amount_in_dispute_fen = patch.amountInDisputeFen;
  if (patch.priority !== undefined) cols.priority = patch.priority;
  await db.transaction(async (trx) => {
    if (patch.leadLawyerId !== undefined && patch.leadLawyerId !== c.leadLawyerId) {
      // assertCaseAccess above has let the actor onto the case.
      if (!can(viewerOf(actor, true), 'case.changeLead')) throw new AppError('forbidden', 'only a partner changes the lead lawyer');
      const lead = await trx('users').where({ id: patch.leadLawyerId, active: true }).first('role');
      if (!lead || !mayLeadCases(lead.role)) throw new AppError('validation-error', 'the lead lawyer must be an active lawyer or partner', { errors: [{ path: 'body.leadLawyerId', message: 'not a lawyer' }] });
      cols.lead_lawyer_id = patch.leadLawyerId;
      await trx('case_members').where({ case_id: caseId, role: 'lead' }).delete();
      await trx('case_members').where({ case_id: caseId, user_id: patch.leadLawyerId }).delete();
      await addCaseMembers(trx, caseId, [{ userId: patch.leadLawyerId, role: 'lead' }]);
    }
    if (Object.keys(cols).length) await trx('cases').where({ id: caseId }).update({ ...cols, updated_at: trx.fn.now() });
    await reindexCase(trx, caseId);
  });
}

// Parties ///////////////////////////////////////////////////////////////////////////////////////

export async function caseParties(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  return { items: await listParties(db, caseId) };
}

export async function addParty(db: Db, actor: Actor, caseId: string, p: PartyInput) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const [row] = await insertParties(trx, caseId, [p]);
    await reindexCase(trx, caseId);
    return row;
  });
}

export async function changeParty(db: Db, actor: Actor, caseId: string, id: string, p: Partial<PartyInput>) {
  await assertCaseAccess(db, actor, caseId);
  return db.transaction(async (trx) => {
    const row = await updateParty(trx, caseId, id, p);
    if (!row) throw new AppError('not-found', `no party ${id} on this case`);
    await reindexCase(trx, caseId);
    return row;
  });
}

export async function removeParty(db: Db, actor: Actor, caseId: string, id: string) {
  await assertCaseAccess(db, actor, caseId);
  await db.transaction(async (trx) => {
    const party = (await listParties(trx, caseId)).find((p) => p.id === id);
    if (!party) throw new AppError('not-found', `no party ${id} on this case`);
    if (party.role === 'client') throw new AppError('conflict', 'the client party stays on the case');
    await deleteParty(trx, caseId, id);
    await reindexCase(trx, caseId);
  });
}

// Team //////////////////////////////////////////////////////////////////////////////////////////

export async function caseTeam(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  const rows = await db('case_members as m').join('users as u', 'u.id', 'm.user_id').where('m.case_id', caseId).orderByRaw(`m.role = 'lead' desc, u.name`).select('m.user_id', 'm.role', 'u.name', 'u.role as user_role');
  return { items: rows.map((r) => ({ userId: r.user_id, role: r.role, name: r.name, userRole: r.user_role })) };
}

export async function addTeamMember(db: Db, actor: Actor, caseId: string, m: { userId: string; role: CaseRole }) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (m.role === 'lead') throw new AppError('validation-error', 'change the lead lawyer on the case itself', { errors: [{ path: 'body.role', message: 'use PATCH /cases/:id leadLawyerId' }] });
  const user = await db('users').where({ id: m.userId, active: true }).first('role');
  if (!user || !isColleague(user.role)) throw new AppError('validation-error', 'not an active colleague', { errors: [{ path: 'body.userId', message: 'no such colleague' }] });
  if (m.userId === c.leadLawyerId) throw new AppError('conflict', 'this colleague leads the case');
  await db('case_members').where({ case_id: caseId, user_id: m.userId }).delete();
  await addCaseMembers(db, caseId, [m]);
  return caseTeam(db, actor, caseId);
}

export async function removeTeamMember(db: Db, actor: Actor, caseId: string, userId: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (userId === c.leadLawyerId) throw new AppError('conflict', 'the lead lawyer stays on the case');
  const n = await db('case_members').where({ case_id: caseId, user_id: userId }).delete();
  if (!n) throw new AppError('not-found', 'not on the team');
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
    return { ...n, authorName: (await trx('users').where({ id: actor.id }).first('name'))?.name ?? null };
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

export async function tagCase(db: Db, actor: Actor, caseId: string, tagIds: string[]) {
  await assertCaseAccess(db, actor, caseId);
  const unique = [...new Set(tagIds)];
  const found = await findTags(db, unique);
  if (found.length !== unique.length) throw new AppError('validation-error', 'unknown tag', { errors: [{ path: 'body.tagIds', message: 'some tags do not exist' }] });
  await db.transaction(async (trx) => {
    await setCaseTags(trx, caseId, unique);
    await reindexCase(trx, caseId);
  });
  return caseTags(db, caseId);
}

// Archive and reopen ////////////////////////////////////////////////////////////////////////////

/** 结案归档: a closed case is archived once its checklist is complete; then it is read-only. */
export async function archiveCase(db: Db, actor: Actor, caseId: string, body: { checklist: Partial<Record<(typeof ARCHIVE_ITEMS)[number], boolean>>; note?: string }) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (c.status !== 'closed') throw new AppError('conflict', 'close the case before archiving it');
  if (c.archivedAt) throw new AppError('conflict', 'the case is already archived');
  const missing = ARCHIVE_ITEMS.filter((k) => !body.checklist[k]);
  if (missing.length) throw new AppError('unprocessable-entity', 'the archive checklist is not complete', { errors: missing.map((k) => ({ path: `body.checklist.${k}`, message: 'not done' })) });
  await db('cases')
    .where({ id: caseId })
    .update({ archived_at: db.fn.now(), archive_checklist: JSON.stringify({ ...body.checklist }), archive_note: body.note ?? null, updated_at: db.fn.now() });
}

function numericSuffix(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

/**
 * Reopens a closed case: a new run of `case-<id>` on the same pinned template version, resuming
 * in a top-level stage, with ids continuing after the earlier run's so no task row is reused.
 */
export async function reopenCase(db: Db, t: TemporalHandle, actor: Actor, caseId: string, body: { reason: string; stageId?: string }, defaultTimeZone: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (c.status !== 'closed') throw new AppError('conflict', 'only a closed case can be reopened');
  if (!c.templateVersionId) throw new AppError('conflict', 'the case has no template version');
  const version = await db('process_template_versions').where({ id: c.templateVersionId }).first('model');
  const model = ZTemplateModel.parse(version.model);
  const history = await db('stage_history').where({ case_id: caseId }).orderBy('entered_at', 'desc').select('stage_id', 'stage_instance_id');
  const lastTop = history.find((h) => model.stages.includes(h.stage_id))?.stage_id as string | undefined;
  const stageId = body.stageId ?? lastTop ?? model.stages[0];
  if (!stageId || !model.stages.includes(stageId)) throw new AppError('validation-error', 'not a stage of the case template', { errors: [{ path: 'body.stageId', message: `one of ${model.stages.join(', ')}` }] });
  const taskIds: string[] = await db('tasks').where({ case_id: caseId }).pluck('workflow_task_id');
  const seqStart = Math.max(0, ...taskIds.map(numericSuffix), ...history.map((h) => numericSuffix(h.stage_instance_id))) + 1000;
  const timeZone = (await getSetting<{ timezone?: string }>(db, 'firm'))?.timezone ?? defaultTimeZone;
  const variables: Record<string, unknown> = { practiceArea: c.practiceArea, caseType: c.caseType, priority: c.priority, openedAt: c.openedOn };
  const events = await db('case_events').where({ case_id: caseId }).orderBy('created_at').select('variables');
  for (const e of events) if (e.variables) Object.assign(variables, e.variables);
  const outputs = await db('tasks').where({ case_id: caseId, status: 'done' }).whereNotNull('outputs').orderBy('completed_at').pluck('outputs');
  for (const o of outputs) Object.assign(variables, o);
  for (const [k] of Object.entries(variables)) if (!(k in model.variables) && !['practiceArea', 'caseType', 'priority', 'openedAt'].includes(k)) delete variables[k];
  const input: CaseWorkflowInput = { caseId, versionId: c.templateVersionId, model, variables, timeZone, startAt: stageId, seqStart };
  const reopening = await db.transaction(async (trx) => {
    const [row] = await trx('case_reopenings')
      .insert({ case_id: caseId, closed_at: c.closedAt, outcome: c.outcome, close_reason: c.closeReason, archived_at: c.archivedAt, reopened_by: actor.id, reason: body.reason, stage_id: stageId, reopened_at: trx.fn.now() })
      .returning('id');
    await trx('cases').where({ id: caseId }).update({ status: 'active', closed_at: null, outcome: null, close_reason: null, archived_at: null, archive_checklist: null, archive_note: null, updated_at: trx.fn.now() });
    return row.id as number;
  });
  try {
    await t.client.workflow.start(WORKFLOW_TYPES.case, { taskQueue: t.taskQueue, workflowId: caseWorkflowId(caseId), args: [input] });
  } catch (err) {
    await db.transaction(async (trx) => {
      await trx('case_reopenings').where({ id: reopening }).delete();
      await trx('cases').where({ id: caseId }).update({ status: 'closed', closed_at: c.closedAt, outcome: c.outcome, close_reason: c.closeReason, archived_at: c.archivedAt, archive_checklist: c.archiveChecklist ? JSON.stringify(c.archiveChecklist) : null });
    });
    throw new AppError('service-unavailable', 'the process engine did not restart the case', {}, { cause: err });
  }
  return { stageId, openedOn: civilDateAt(Date.now(), timeZone) };
}
