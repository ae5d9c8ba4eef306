import type { Db } from '../../db/connection';
import { countDoneTasks, stageVisits } from '../../db/repositories/case-history';
import type { CaseRow } from '../../db/repositories/cases';
import { findVersion } from '../../db/repositories/templates';
import { ZTemplateModel } from '../../process-templates/model/schema';
import { AppError } from '../app-error';
import { percentComplete } from '../../domain/percent-complete';
import { progressView } from '../contracts/case-runtime';
import type { Engine } from '../engine';
import { assertCaseAccess, type Actor } from './case-access';

export async function caseProgress(db: Db, t: Engine, actor: Actor, caseId: string) {
  const c = await assertCaseAccess(db, actor, caseId);
  if (!c.workflowId) return progressFromHistory(db, c);
  return progressView(await t.progress(caseId));
}

/**
 * A case carried over from before LexFlow (no workflow): its progress as recorded in
 * stage_history against its template's stages. Closed, no open tasks.
 */
async function progressFromHistory(db: Db, c: CaseRow) {
  if (!c.templateVersionId) throw new AppError('not-found', 'the case has no process');
  const version = await findVersion(db, c.templateVersionId);
  const model = ZTemplateModel.parse(version!.model);
  const history = await stageVisits(db, c.id);
  const stages = model.stages.map((id) => {
    const h = history.filter((x) => x.stageId === id);
    const node = model.nodes[id];
    const last = h[h.length - 1];
    return {
      id,
      name: node.name,
      ...(node.nameEn ? { nameEn: node.nameEn } : {}),
      status: !last ? ('skipped' as const) : last.skipped ? ('skipped' as const) : last.exitedAt ? ('done' as const) : ('active' as const),
      ...(h[0] ? { enteredAt: h[0].enteredAt.toISOString() } : {}),
      ...(last?.exitedAt ? { exitedAt: last.exitedAt.toISOString() } : {}),
    };
  });
  const done = await countDoneTasks(db, c.id);
  return {
    caseId: c.id,
    versionId: c.templateVersionId,
    status: c.status === 'closed' ? ('closed' as const) : ('running' as const),
    percentComplete: percentComplete({
      finished: c.status === 'closed',
      done: stages.filter((s) => s.status === 'done').length,
      total: stages.length,
    }),
    stages,
    openTasks: [],
    waiting: [],
    variables: {},
    completedTasks: done,
  };
}
