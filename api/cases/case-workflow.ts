import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { addCaseMembers, findCase, insertCase, nextCaseNumber, type CaseRole } from '../../db/repositories/cases';
import { setCaseWorkflow } from '../../db/repositories/case-changes';
import { insertCaseOpening } from '../../db/repositories/case-openings';
import { insertParties } from '../../db/repositories/case-parties';
import { reindexCase } from '../../db/repositories/case-search';
import { findClient } from '../../db/repositories/clients';
import { attachConflictCheck, findConflictCheck, runConflictCheck } from '../../db/repositories/conflict-checks';
import { findTags, setCaseTags } from '../../db/repositories/tags';
import { findTaskById } from '../../db/repositories/tasks';
import { findTemplateByKey, findVersion, latestVersion, matchVersion } from '../../db/repositories/templates';
import { findActiveUserRole } from '../../db/repositories/user-lookups';
import { CLIENT_PARTY } from '../../domain/records';
import { caseNumberPatternOf } from '../../db/repositories/settings';
import { normalizeName } from '../../domain/search/normalize';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { ZTemplateModel, type TemplateModel } from '../../process-templates/model/schema';
import { checkValue } from '../../workflows/case/validators';
import type { CaseWorkflowInput } from '../../workflows/case/state';
import { caseWorkflowId } from '../../workflows/definitions';
import { mayLeadCases } from '../../domain/policy';
import { AppError } from '../app-error';
import type { CreateCase } from '../contracts/cases';
import { addClient, assertIdNumberFree } from '../clients';
import { firmTimeZone } from '../firm';
import { commandView } from '../contracts/case-runtime';
import type { Engine } from '../engine';
import { assertCaseAccess, type Actor } from './case-access';
import { caseView } from './case-view';
import { ensureCaseRunning } from './case-openings';
import { crashPoint } from '../crash-points';
import type { IdempotentRequest } from '../middleware/idempotency';

/**
 * The intake conflict check: the one the user ran (it must be for these names and, if it found a
 * conflict, decided proceed or waived by a partner), or — when none is given — one run now.
 * A conflict that nobody waived stops the intake.
 */
async function intakeCheck(db: Db, input: CreateCase, clientName: string, clientIdNumber: string | null, actor: Actor): Promise<string> {
  if (input.conflictCheckId) {
    const check = await findConflictCheck(db, input.conflictCheckId);
    if (!check)
      throw new AppError('validation-error', 'unknown conflict check', {
        errors: [{ path: 'body.conflictCheckId', message: 'no such check' }],
      });
    if (check.caseId) throw new AppError('conflict', 'this conflict check already belongs to a case');
    const checked = new Set(check.subjects.map((s) => normalizeName(s.name)));
    const missing = [clientName, ...input.parties.map((p) => p.name)].filter((n) => !checked.has(normalizeName(n)));
    if (missing.length)
      throw new AppError('unprocessable-entity', 'the conflict check does not cover every party', {
        errors: missing.map((n) => ({ path: 'body.parties', message: `not checked: ${n}` })),
      });
    if (check.decision === 'declined') throw new AppError('conflict-of-interest', 'the intake was declined after the conflict check');
    if (check.result === 'conflict' && check.decision !== 'proceed' && check.decision !== 'waived')
      throw new AppError('conflict-of-interest', 'the conflict check found a conflict; a partner must record a waiver first');
    return check.id;
  }
  const subjects = [
    { name: clientName, idNumber: clientIdNumber, role: CLIENT_PARTY },
    ...input.parties.map((p) => ({ name: p.name, idNumber: p.idNumber ?? null, role: p.role })),
  ];
  const check = await runConflictCheck(db, subjects, actor.id);
  if (check.result === 'conflict')
    throw new AppError('conflict-of-interest', 'the conflict check found a conflict; a partner must record a waiver first', {
      conflictCheckId: check.id,
    });
  return check.id;
}

/** The case's client: one on record, or the new one the intake names (its identity number still free). */
async function intakeClient(db: Db, input: CreateCase) {
  if (input.newClient) {
    await assertIdNumberFree(db, input.newClient.idNumber);
    return input.newClient;
  }
  const client = await findClient(db, input.clientId!);
  if (!client) throw new AppError('validation-error', 'unknown client', { errors: [{ path: 'body.clientId', message: 'no such client' }] });
  return client;
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
 * Opens a case as one durable step: the case, its team, parties, tags, conflict check, search row,
 * the opening of its run (`case_openings`) and the Idempotency-Key's claim on it commit together;
 * then the run `case-<id>` is started from the opening. A crash after the commit leaves the opening
 * for the retry, the next command or the reconciler to finish (case-openings.ts); the retry with the
 * same key (`idem.resumedEntityId`) finishes that case instead of opening another.
 */
export async function createCase(db: Db, t: Engine, input: CreateCase, actor: Actor, defaultTimeZone: string, idem?: IdempotentRequest) {
  if (idem?.resumedEntityId) {
    const earlier = await findCase(db, idem.resumedEntityId);
    if (earlier) {
      await ensureCaseRunning(db, t, earlier.id);
      return caseView(db, earlier);
    }
  }
  const version = await pickVersion(db, input);
  const model = ZTemplateModel.parse(version.model);
  const lead = await findActiveUserRole(db, input.leadLawyerId);
  if (!lead || !mayLeadCases(lead.role)) {
    throw new AppError('validation-error', 'the lead lawyer must be an active lawyer or partner', {
      errors: [{ path: 'body.leadLawyerId', message: 'not a lawyer' }],
    });
  }
  const client = await intakeClient(db, input);
  const tagIds = [...new Set(input.tagIds)];
  if ((await findTags(db, tagIds)).length !== tagIds.length)
    throw new AppError('validation-error', 'unknown tag', { errors: [{ path: 'body.tagIds', message: 'some tags do not exist' }] });
  const checkId = await intakeCheck(db, input, client.name, client.idNumber ?? null, actor);
  const timeZone = await firmTimeZone(db, defaultTimeZone);
  const openedOn = civilDateAt(Date.now(), timeZone);
  const variables = initialVariables(model, input, openedOn);
  const created = await db.transaction(async (trx) => {
    const pattern = await caseNumberPatternOf(trx, input.practiceArea);
    const number = await nextCaseNumber(trx, Number(openedOn.slice(0, 4)), pattern.prefix, pattern.digits);
    // A new client is created only now, after its conflict check passed, in the case's transaction.
    const clientId = input.clientId ?? (await addClient(trx, actor, input.newClient!)).id;
    const c = await insertCase(trx, {
      ...input,
      clientId,
      number,
      templateVersionId: version.id,
      workflowId: null,
      openedOn,
      createdBy: actor.id,
      startVariables: variables,
    });
    const members: Array<{ userId: string; role: CaseRole }> = [{ userId: input.leadLawyerId, role: 'lead' }, ...input.team];
    await addCaseMembers(trx, c.id, members);
    await setCaseWorkflow(trx, c.id, { workflowId: caseWorkflowId(c.id), description: input.description || null });
    await insertParties(trx, c.id, [
      { role: CLIENT_PARTY, kind: client.kind, name: client.name, idNumber: client.idNumber ?? null },
      ...input.parties,
    ]);
    await setCaseTags(trx, c.id, tagIds);
    await attachConflictCheck(trx, checkId, c.id);
    await reindexCase(trx, c.id);
    const run: CaseWorkflowInput = { caseId: c.id, versionId: version.id, model, variables, timeZone };
    await insertCaseOpening(trx, { caseId: c.id, kind: 'open', input: run });
    await idem?.bind(trx, c.id);
    return c;
  });
  crashPoint('case-opening-saved');
  await ensureCaseRunning(db, t, created.id);
  crashPoint('case-opening-cleared');
  return caseView(db, (await findCase(db, created.id))!);
}

// Commands to a running case: each is one Workflow Update, checked by the workflow //////////////

/** A case the actor may command, its run started first if its opening is still pending (a crash left it so). */
export async function commandableCase(db: Db, t: Engine, actor: Actor, caseId: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  await ensureCaseRunning(db, t, caseId);
  return c;
}

export async function completeTask(
  db: Db,
  t: Engine,
  actor: Actor,
  caseId: string,
  taskId: string,
  outputs: Record<string, unknown>,
  updateId?: string,
) {
  await commandableCase(db, t, actor, caseId);
  const task = await findTaskById(db, taskId);
  if (!task || task.caseId !== caseId) throw new AppError('not-found', `no task ${taskId} on this case`);
  const done = new AppError('conflict', `the task is ${task.status}`);
  if (task.status === 'open')
    return commandView(await t.completeTask(caseId, { instanceId: task.workflowTaskId, outputs, by: actor.id }, updateId));
  // A done task and a client's key: perhaps this very request completed it and its answer was lost.
  // The same update id makes Temporal answer that first outcome; any other update is refused.
  if (task.status !== 'done' || !updateId) throw done;
  try {
    return commandView(await t.completeTask(caseId, { instanceId: task.workflowTaskId, outputs, by: actor.id }, updateId));
  } catch (err) {
    if (err instanceof AppError && err.status < 500) throw done;
    throw err;
  }
}

export async function advanceCase(
  db: Db,
  t: Engine,
  actor: Actor,
  caseId: string,
  body: { reason: string; stageId?: string; toStageId?: string },
  updateId?: string,
) {
  await commandableCase(db, t, actor, caseId);
  return commandView(await t.advanceStage(caseId, { ...body, by: actor.id }, updateId));
}

export async function recordCaseEvent(
  db: Db,
  t: Engine,
  actor: Actor,
  caseId: string,
  body: { name: string; date?: string; variables?: Record<string, unknown> },
  updateId: string = randomUUID(),
) {
  await commandableCase(db, t, actor, caseId);
  return commandView(await t.recordCaseEvent(caseId, { ...body, by: actor.id, key: `${caseId}:${updateId}` }, updateId));
}

export async function closeCase(
  db: Db,
  t: Engine,
  actor: Actor,
  caseId: string,
  body: { outcome: string; reason?: string },
  updateId?: string,
) {
  await commandableCase(db, t, actor, caseId);
  return commandView(await t.closeCase(caseId, { ...body, by: actor.id }, updateId));
}

/** Moves a running case to a newer published version of its template, at the stage it is in. */
export async function migrateCase(
  db: Db,
  t: Engine,
  actor: Actor,
  caseId: string,
  body: { templateVersionId?: string; mapping: Record<string, string> },
  updateId?: string,
) {
  const c = await commandableCase(db, t, actor, caseId);
  const current = c.templateVersionId ? await findVersion(db, c.templateVersionId) : undefined;
  if (!current) throw new AppError('conflict', 'the case has no template version');
  const target = body.templateVersionId ? await findVersion(db, body.templateVersionId) : await latestVersion(db, current.templateId);
  if (!target || target.templateId !== current.templateId)
    throw new AppError('unprocessable-entity', 'the target must be a published version of the same template');
  if (target.id === current.id) throw new AppError('conflict', 'the case already runs on that version');
  const model = ZTemplateModel.parse(target.model);
  return commandView(await t.migrateTemplate(caseId, { versionId: target.id, model, mapping: body.mapping, by: actor.id }, updateId));
}
