import type { Db } from '../../db/connection';
import { addCaseMembers, findCase, insertCase, isCaseMember, listCaseMembers, nextCaseNumber, type CaseRole, type CaseRow } from '../../db/repositories/cases';
import { insertParties } from '../../db/repositories/case-parties';
import { reindexCase } from '../../db/repositories/case-search';
import { findClient } from '../../db/repositories/clients';
import { attachConflictCheck, findConflictCheck, runConflictCheck } from '../../db/repositories/conflict-checks';
import { getSetting } from '../../db/repositories/settings';
import { caseTags, findTags, setCaseTags } from '../../db/repositories/tags';
import { CASE_NUMBER_PREFIX } from '../../domain/records';
import { normalizeName } from '../../domain/search/normalize';
import { findTaskById, listCaseTasks } from '../../db/repositories/tasks';
import { findTemplateByKey, findVersion, latestVersion, matchVersion } from '../../db/repositories/templates';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { mayLeadCases, needsMembership, type Action } from '../../domain/policy';
import type { Role } from '../../domain/roles';
import { ZTemplateModel, type TemplateModel } from '../../process-templates/model/schema';
import { checkValue } from '../../workflows/case/validators';
import type { CaseWorkflowInput } from '../../workflows/case/state';
import { CASE_UPDATES, WORKFLOW_TYPES, caseWorkflowId } from '../../workflows/definitions';
import { AppError } from '../app-error';
import type { CreateCase } from '../contracts/cases';
import type { TemporalHandle } from '../temporal';
import { commandView, progressView, queryProgress, runCaseUpdate } from './case-commands';

export interface Actor {
  id: string;
  role: Role;
}


export async function firmTimeZone(db: Db, fallback: string): Promise<string> {
  return (await getSetting<{ timezone?: string }>(db, 'firm'))?.timezone ?? fallback;
}

/**
 * The case, if the policy lets the actor at it for `action`: firm-wide roles see every case;
 * everyone else only the cases whose team they are on — other cases do not exist for them (404).
 */
export async function assertCaseAccess(db: Db, actor: Actor, caseId: string, action: Action = 'case.read'): Promise<CaseRow> {
  const c = await findCase(db, caseId);
  if (!c) throw new AppError('not-found', `no case ${caseId}`);
  if (!needsMembership(actor.role, action)) return c;
  if (c.leadLawyerId === actor.id || (await isCaseMember(db, caseId, actor.id))) return c;
  throw new AppError('not-found', `no case ${caseId}`);
}

export async function caseView(db: Db, c: CaseRow) {
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
    team: await listCaseMembers(db, c.id),
    clientName: (await db('clients').where({ id: c.clientId }).first('name')).name as string,
    leadLawyerName: (await db('users').where({ id: c.leadLawyerId }).first('name')).name as string,
    description: c.description,
    tags: (await caseTags(db, c.id)).map(({ id, vocabulary, name, color }) => ({ id, vocabulary, name, color })),
    conflictCheckId: c.conflictCheckId,
    archivedAt: c.archivedAt ? c.archivedAt.toISOString() : null,
    archiveChecklist: c.archiveChecklist,
    reopenedAt: c.reopenedAt ? c.reopenedAt.toISOString() : null,
    nextDueDate: ((await db('tasks').where({ case_id: c.id, status: 'open' }).min('due_date as d').first())?.d as string | null) ?? null,
    overdueTasks: Number((await db('tasks').where({ case_id: c.id, status: 'open' }).andWhereRaw('due_at < now()').count('* as n').first())?.n ?? 0),
  };
}

/**
 * The intake conflict check: the one the user ran (it must be for these names and, if it found a
 * conflict, decided proceed or waived by a partner), or — when none is given — one run now.
 * A conflict that nobody waived stops the intake.
 */
async function intakeCheck(db: Db, input: CreateCase, clientName: string, clientIdNumber: string | null, actor: Actor): Promise<string> {
  if (input.conflictCheckId) {
    const check = await findConflictCheck(db, input.conflictCheckId);
    if (!check) throw new AppError('validation-error', 'unknown conflict check', { errors: [{ path: 'body.conflictCheckId', message: 'no such check' }] });
    if (check.caseId) throw new AppError('conflict', 'this conflict check already belongs to a case');
    const checked = new Set(check.subjects.map((s) => normalizeName(s.name)));
    const missing = [clientName, ...input.parties.map((p) => p.name)].filter((n) => !checked.has(normalizeName(n)));
    if (missing.length) throw new AppError('unprocessable-entity', 'the conflict check does not cover every party', { errors: missing.map((n) => ({ path: 'body.parties', message: `not checked: ${n}` })) });
    if (check.decision === 'declined') throw new AppError('conflict-of-interest', 'the intake was declined after the conflict check');
    if (check.result === 'conflict' && check.decision !== 'proceed' && check.decision !== 'waived') throw new AppError('conflict-of-interest', 'the conflict check found a conflict; a partner must record a waiver first');
    return check.id;
  }
  const subjects = [{ name: clientName, idNumber: clientIdNumber, role: 'client' as const }, ...input.parties.map((p) => ({ name: p.name, idNumber: p.idNumber ?? null, role: p.role }))];
  const check = await runConflictCheck(db, subjects, actor.id);
  if (check.result === 'conflict') throw new AppError('conflict-of-interest', 'the conflict check found a conflict; a partner must record a waiver first', { conflictCheckId: check.id });
  return check.id;
}

async function pickVersion(db: Db, input: CreateCase) {
  if (input.templateKey) {
    const t = await findTemplateByKey(db, input.templateKey);
    const v = t && !t.archivedAt ? await latestVersion(db, t.id) : undefined;
    if (!v) throw new AppError('no-template', `template ${input.templateKey} has no published version`);
    return v;
  }
  const v = await matchVersion(db, input.practiceArea, input.caseType);
  if (!v) throw new AppError('no-template', `no published template for ${input.practiceArea} / ${input.caseType}`);
  return v;
}

function initialVariables(model: TemplateModel, input: CreateCase, openedOn: string): Record<string, unknown> {
  const errors: Array<{ path: string; message: string }> = [];
  for (const [name, value] of Object.entries(input.variables)) {
    const type = model.variables[name];
    if (!type) errors.push({ path: `variables.${name}`, message: 'the template does not use this variable' });
    else {
      const problem = checkValue(type, value);
      if (problem) errors.push({ path: `variables.${name}`, message: problem });
    }
  }
  if (errors.length) throw new AppError('validation-error', 'some case variables do not fit the template', { errors });
  return {
    practiceArea: input.practiceArea,
    caseType: input.caseType,
    priority: input.priority,
    openedAt: openedOn,
    ...(input.amountInDisputeFen !== undefined ? { amountInDisputeFen: input.amountInDisputeFen } : {}),
    ...input.variables,
  };
}

/**
 * Opens a case: allocates its number, pins the matching published template version, records the
 * team, then starts `case-<id>`. The case is committed before the workflow starts (its first
 * activities read it); if the start fails, the case is removed again.
 */
export async function createCase(db: Db, t: TemporalHandle, input: CreateCase, actor: Actor, defaultTimeZone: string) {
  const version = await pickVersion(db, input);
  const model = ZTemplateModel.parse(version.model);
  const lead = await db('users').where({ id: input.leadLawyerId, active: true }).first('role');
  if (!lead || !mayLeadCases(lead.role)) {
    throw new AppError('validation-error', 'the lead lawyer must be an active lawyer or partner', { errors: [{ path: 'body.leadLawyerId', message: 'not a lawyer' }] });
  }
  const client = await findClient(db, input.clientId);
  if (!client) throw new AppError('validation-error', 'unknown client', { errors: [{ path: 'body.clientId', message: 'no such client' }] });
  const tagIds = [...new Set(input.tagIds)];
  if ((await findTags(db, tagIds)).length !== tagIds.length) throw new AppError('validation-error', 'unknown tag', { errors: [{ path: 'body.tagIds', message: 'some tags do not exist' }] });
  const checkId = await intakeCheck(db, input, client.name, client.idNumber, actor);
  const timeZone = await firmTimeZone(db, defaultTimeZone);
  const openedOn = civilDateAt(Date.now(), timeZone);
  const variables = initialVariables(model, input, openedOn);
  const created = await db.transaction(async (trx) => {
    const number = await nextCaseNumber(trx, Number(openedOn.slice(0, 4)), CASE_NUMBER_PREFIX[input.practiceArea] ?? '案');
    const c = await insertCase(trx, { ...input, number, templateVersionId: version.id, workflowId: null, openedOn, createdBy: actor.id });
    const members: Array<{ userId: string; role: CaseRole }> = [{ userId: input.leadLawyerId, role: 'lead' }, ...input.team];
    await addCaseMembers(trx, c.id, members);
    await trx('cases').where({ id: c.id }).update({ workflow_id: caseWorkflowId(c.id), description: input.description || null });
    await insertParties(trx, c.id, [{ role: 'client', kind: client.kind, name: client.name, idNumber: client.idNumber }, ...input.parties]);
    await setCaseTags(trx, c.id, tagIds);
    await attachConflictCheck(trx, checkId, c.id);
    await reindexCase(trx, c.id);
    return c;
  });
  const workflowInput: CaseWorkflowInput = { caseId: created.id, versionId: version.id, model, variables, timeZone };
  try {
    await t.client.workflow.start(WORKFLOW_TYPES.case, { taskQueue: t.taskQueue, workflowId: caseWorkflowId(created.id), args: [workflowInput] });
  } catch (err) {
    await db('cases').where({ id: created.id }).delete();
    throw new AppError('service-unavailable', 'the process engine did not start the case', {}, { cause: err });
  }
  return caseView(db, (await findCase(db, created.id))!);
}

export async function caseProgress(db: Db, t: TemporalHandle, actor: Actor, caseId: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (!c.workflowId) return progressFromHistory(db, c);
  return progressView(await queryProgress(t, caseId));
}

/**
 * A case carried over from before LexFlow (no workflow): its progress as recorded in
 * stage_history against its template's stages. Closed, no open tasks.
 */
async function progressFromHistory(db: Db, c: CaseRow) {
  if (!c.templateVersionId) throw new AppError('not-found', 'the case has no process');
  const version = await findVersion(db, c.templateVersionId);
  const model = ZTemplateModel.parse(version!.model);
  const history = await db('stage_history').where({ case_id: c.id }).orderBy('entered_at');
  const stages = model.stages.map((id) => {
    const h = history.filter((x) => x.stage_id === id);
    const node = model.nodes[id];
    const last = h[h.length - 1];
    return {
      id,
      name: node.name,
      ...(node.nameEn ? { nameEn: node.nameEn } : {}),
      status: !last ? ('skipped' as const) : last.skipped ? ('skipped' as const) : last.exited_at ? ('done' as const) : ('active' as const),
      ...(h[0] ? { enteredAt: (h[0].entered_at as Date).toISOString() } : {}),
      ...(last?.exited_at ? { exitedAt: (last.exited_at as Date).toISOString() } : {}),
    };
  });
  const done = await db('tasks').where({ case_id: c.id, status: 'done' }).count('* as n').first();
  return {
    caseId: c.id,
    versionId: c.templateVersionId,
    status: c.status === 'closed' ? ('closed' as const) : ('running' as const),
    percentComplete: c.status === 'closed' ? 100 : Math.round((100 * stages.filter((s) => s.status === 'done').length) / Math.max(1, stages.length)),
    stages,
    openTasks: [],
    waiting: [],
    variables: {},
    completedTasks: Number(done?.n ?? 0),
  };
}

export async function completeTask(db: Db, t: TemporalHandle, actor: Actor, caseId: string, taskId: string, outputs: Record<string, unknown>, updateId?: string) {
  await assertCaseAccess(db, actor, caseId);
  const task = await findTaskById(db, taskId);
  if (!task || task.caseId !== caseId) throw new AppError('not-found', `no task ${taskId} on this case`);
  if (task.status !== 'open') throw new AppError('conflict', `the task is ${task.status}`);
  return commandView(await runCaseUpdate(t, caseId, CASE_UPDATES.completeTask, { instanceId: task.workflowTaskId, outputs, by: actor.id }, updateId));
}

export async function advanceCase(db: Db, t: TemporalHandle, actor: Actor, caseId: string, body: { reason: string; stageId?: string; toStageId?: string }, updateId?: string) {
  await assertCaseAccess(db, actor, caseId);
  return commandView(await runCaseUpdate(t, caseId, CASE_UPDATES.advanceStage, { ...body, by: actor.id }, updateId));
}

export async function recordCaseEvent(db: Db, t: TemporalHandle, actor: Actor, caseId: string, body: { name: string; date?: string; variables?: Record<string, unknown> }, updateId: string) {
  await assertCaseAccess(db, actor, caseId);
  return commandView(await runCaseUpdate(t, caseId, CASE_UPDATES.recordCaseEvent, { ...body, by: actor.id, key: `${caseId}:${updateId}` }, updateId));
}

export async function closeCase(db: Db, t: TemporalHandle, actor: Actor, caseId: string, body: { outcome: string; reason?: string }, updateId?: string) {
  await assertCaseAccess(db, actor, caseId);
  return commandView(await runCaseUpdate(t, caseId, CASE_UPDATES.closeCase, { ...body, by: actor.id }, updateId));
}

/** Moves a running case to a newer published version of its template, at the stage it is in. */
export async function migrateCase(db: Db, t: TemporalHandle, actor: Actor, caseId: string, body: { templateVersionId?: string; mapping: Record<string, string> }, updateId?: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  const current = c.templateVersionId ? await findVersion(db, c.templateVersionId) : undefined;
  if (!current) throw new AppError('conflict', 'the case has no template version');
  const target = body.templateVersionId ? await findVersion(db, body.templateVersionId) : await latestVersion(db, current.templateId);
  if (!target || target.templateId !== current.templateId) throw new AppError('unprocessable-entity', 'the target must be a published version of the same template');
  if (target.id === current.id) throw new AppError('conflict', 'the case already runs on that version');
  const model = ZTemplateModel.parse(target.model);
  return commandView(await runCaseUpdate(t, caseId, CASE_UPDATES.migrateTemplate, { versionId: target.id, model, mapping: body.mapping, by: actor.id }, updateId));
}

export async function caseTasks(db: Db, actor: Actor, caseId: string) {
  await assertCaseAccess(db, actor, caseId);
  const rows = await listCaseTasks(db, caseId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      workflowTaskId: r.workflowTaskId,
      nodeId: r.nodeId,
      stageId: r.stageId,
      title: r.title,
      kind: r.kind,
      assigneeRole: r.assigneeRole,
      assigneeId: r.assigneeId,
      status: r.status,
      required: r.required,
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
      dueDate: r.dueDate,
      dueProvisional: r.dueProvisional,
      dueBasis: r.dueBasis,
      outputs: r.outputs,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt ? r.completedAt.toISOString() : null,
      escalatedAt: r.escalatedAt ? r.escalatedAt.toISOString() : null,
    })),
  };
}
