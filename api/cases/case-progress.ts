import type { Db } from '../../db/connection';
import { caseVariableHistory, countDoneTasks, stageVisits, type StageVisit } from '../../db/repositories/case-history';
import type { CaseRow } from '../../db/repositories/cases';
import { findVersion } from '../../db/repositories/templates';
import { variableLabel } from '../../process-templates/model/questions';
import { ZTemplateModel } from '../../process-templates/model/schema';
import { AppError } from '../app-error';
import { percentComplete } from '../../domain/percent-complete';
import { progressView } from '../contracts/case-runtime';
import type { Engine } from '../engine';
import { assertCaseAccess, type Actor } from './case-access';
import { ensureCaseRunning } from './case-openings';

/**
 * A case's progress. Only a running case asks its workflow; a closed one is read from the
 * database alone — Temporal keeps a finished run's history only for the namespace's retention
 * (24 h on the dev server), the database keeps the case for good.
 */
export async function caseProgress(db: Db, t: Engine, actor: Actor, caseId: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (!c.workflowId) return progressFromDatabase(db, c, 'skipped');
  if (c.status === 'closed') return progressFromDatabase(db, c, 'pending');
  await ensureCaseRunning(db, t, caseId);
  return withVariableLabels(db, withRecordedStageDates(progressView(await t.progress(caseId)), await stageVisits(db, caseId)));
}

/**
 * When a running case's stages were entered and left, as stage_history records them. The engine
 * writes each instant there as it happens, so the two agree; the record also holds a case's earlier
 * life the engine never saw (the demo firm's cases, walked through their stages on past days), and
 * the stepper must say what the timeline says. Which stages and their status stay the engine's.
 */
function withRecordedStageDates<P extends { stages: Array<{ id: string; status: string; enteredAt?: string; exitedAt?: string }> }>(
  p: P,
  visits: StageVisit[],
): P {
  const stages = p.stages.map((s) => {
    const last = visits.filter((v) => v.stageId === s.id).pop();
    if (!last || s.enteredAt === undefined) return s;
    return {
      ...s,
      enteredAt: last.enteredAt.toISOString(),
      ...(s.exitedAt !== undefined && last.exitedAt ? { exitedAt: last.exitedAt.toISOString() } : {}),
    };
  });
  return { ...p, stages };
}

/**
 * The words for the variable an open task's due date waits for: the workflow answers its name
 * (awardReceivedAt), which the case page showed as it was (the page-walk test found it).
 */
async function withVariableLabels(db: Db, view: ReturnType<typeof progressView>) {
  if (!view.openTasks.some((x) => x.waitingFor)) return view;
  const version = await findVersion(db, view.versionId);
  if (!version) return view;
  const model = ZTemplateModel.parse(version.model);
  const openTasks = view.openTasks.map((x) => {
    if (!x.waitingFor) return x;
    const { label, labelEn } = variableLabel(model, x.waitingFor);
    return { ...x, waitingForLabel: label, waitingForLabelEn: labelEn };
  });
  return { ...view, openTasks };
}

/**
 * A case's progress as recorded in stage_history, tasks and case events against its template's
 * stages: a closed case (no open tasks, nothing waiting) or one carried over from before LexFlow
 * (no workflow; its stages never entered count as skipped).
 */
async function progressFromDatabase(db: Db, c: CaseRow, neverEntered: 'pending' | 'skipped') {
  if (!c.templateVersionId) throw new AppError('not-found', 'the case has no process');
  const version = await findVersion(db, c.templateVersionId);
  const model = ZTemplateModel.parse(version!.model);
  const history = await stageVisits(db, c.id);
  const stages = model.stages.map((id) => {
    const h = history.filter((x) => x.stageId === id);
    const node = model.nodes[id];
    const last = h[h.length - 1];
    const status = !last ? neverEntered : last.skipped ? ('skipped' as const) : last.exitedAt ? ('done' as const) : ('active' as const);
    return {
      id,
      name: node.name,
      ...(node.nameEn ? { nameEn: node.nameEn } : {}),
      status,
      ...(last ? { enteredAt: last.enteredAt.toISOString() } : {}),
      ...(last?.exitedAt ? { exitedAt: last.exitedAt.toISOString() } : {}),
    };
  });
  const { start, changes } = await caseVariableHistory(db, c.id);
  const variables: Record<string, unknown> = { ...(start ?? {}) };
  for (const change of changes) Object.assign(variables, change);
  const closed = c.status === 'closed';
  return {
    caseId: c.id,
    versionId: c.templateVersionId,
    status: closed ? (c.finishedAs ?? 'closed') : ('running' as const),
    percentComplete: percentComplete({
      finished: closed,
      done: stages.filter((s) => s.status === 'done' || s.status === 'skipped').length,
      total: stages.length,
    }),
    stages,
    openTasks: [],
    waiting: [],
    variables,
    completedTasks: await countDoneTasks(db, c.id),
  };
}
