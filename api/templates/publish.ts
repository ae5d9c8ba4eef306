import type { Db } from '../../db/connection';
import { clearPublishedDraft, insertVersion, latestVersion, matchingConflicts, updateTemplateMeta } from '../../db/repositories/templates';
import { compile } from '../../process-templates/model/compiler';
import type { TemplateModel } from '../../process-templates/model/schema';
import { AppError } from '../app-error';
import { assertNoConflicts, mustFind, versionSummary } from './templates';

/** What a template serves: one practice area and the case types matched to it. */
interface Matching {
  practiceArea: string;
  caseTypes: string[];
}

const serving = (practiceArea: string | null | undefined, caseTypes: readonly string[] | undefined): Matching | null =>
  practiceArea && caseTypes?.length ? { practiceArea, caseTypes: [...new Set(caseTypes)] } : null;

const sameMatching = (a: Matching | null, b: Matching | null) =>
  a === null || b === null
    ? a === b
    : a.practiceArea === b.practiceArea && a.caseTypes.length === b.caseTypes.length && a.caseTypes.every((c) => b.caseTypes.includes(c));

/** The matching a stored model declares, read loosely: versions published long ago need not fit today's schema. */
const declaredBy = (model: unknown) => {
  const m = (model ?? {}) as Partial<TemplateModel>;
  return serving(m.practiceArea, Array.isArray(m.caseTypes) ? m.caseTypes : undefined);
};

/**
 * The matching a template has once this model is published. The model's declaration is taken while the
 * template serves nothing or still serves what its previous version declared (it follows its model);
 * matching set in the app (PATCH) stands, and a model never takes matching away. A declaration that
 * another live template already serves is not taken (two templates never serve one case type, the
 * PATCH rule) and is answered as `conflicts`, so that publishing a copy of a template still works.
 */
async function nextMatching(db: Db, t: { id: string; practiceArea: string | null; caseTypes: string[] }, model: TemplateModel) {
  const current = serving(t.practiceArea, t.caseTypes);
  const declared = declaredBy(model);
  const previous = await latestVersion(db, t.id);
  const follows = current === null || (previous !== undefined && sameMatching(current, declaredBy(previous.model)));
  if (!declared || !follows || sameMatching(declared, current)) return { matching: current, adopt: false, conflicts: [] };
  const conflicts = await matchingConflicts(db, t.id, declared.practiceArea, declared.caseTypes);
  return conflicts.length ? { matching: current, adopt: false, conflicts } : { matching: declared, adopt: true, conflicts: [] };
}

/**
 * Compiles the draft (or the given XML) and stores it as the next immutable version; refuses on any
 * error. The template's matching follows the model (see `nextMatching`) in the same transaction, and
 * the published draft is dropped, so the template shows no unpublished changes.
 */
export async function publishTemplate(db: Db, key: string, input: { changeNote?: string; xml?: string }, by: string) {
  const t = await mustFind(db, key);
  const xml = input.xml ?? t.draftXml;
  if (!xml) throw new AppError('conflict', 'there is no draft to publish');
  const r = await compile(xml);
  if (!r.model)
    throw new AppError('template-invalid', `the template has ${r.errors.length} error(s)`, {
      errors: r.errors.map((e) => ({ path: e.elementId, message: e.message })),
    });
  const model = r.model;
  return db.transaction(async (trx) => {
    const next = await nextMatching(trx, t, model);
    if (next.adopt) await updateTemplateMeta(trx, t.id, next.matching!);
    else if (next.matching) await assertNoConflicts(trx, t.id, next.matching.practiceArea, next.matching.caseTypes);
    const v = await insertVersion(trx, { templateId: t.id, bpmnXml: xml, model, changeNote: input.changeNote ?? null, publishedBy: by });
    await clearPublishedDraft(trx, t.id, xml);
    return {
      ...versionSummary(v),
      serves: next.matching,
      conflicts: next.conflicts,
    };
  });
}
