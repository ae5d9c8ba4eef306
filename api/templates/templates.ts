import type { Db } from '../../db/connection';
import {
  findTemplateByKey,
  findVersionByNumber,
  insertTemplate,
  latestVersion,
  listTemplates,
  archiveTemplate,
  listVersions,
  matchVersion,
  matchingConflicts,
  runningCasesOfTemplate,
  saveDraft,
  updateTemplateMeta,
  type TemplateSummary,
} from '../../db/repositories/templates';
import { openTaskNodeIds } from '../../db/repositories/case-history';
import { diffModels } from '../../process-templates/model/diff';
import { ZTemplateModel } from '../../process-templates/model/schema';
import { compile } from '../../process-templates/model/compiler';
import { AppError } from '../app-error';
import type { Validation } from '../contracts/templates';

const summary = (t: TemplateSummary) => ({
  key: t.key,
  name: t.name,
  nameEn: t.nameEn,
  practiceArea: t.practiceArea,
  caseTypes: t.caseTypes,
  latestVersion: t.latestVersion,
  latestVersionId: t.latestVersionId,
  hasDraft: t.hasDraft,
  runningCases: t.runningCases,
  runningByVersion: t.runningByVersion,
});

export async function validateXml(xml: string): Promise<Validation> {
  const r = await compile(xml);
  return r.model ? { valid: true, errors: [], model: r.model as unknown as Record<string, unknown> } : { valid: false, errors: r.errors };
}

export async function templateList(db: Db) {
  return { items: (await listTemplates(db)).map(summary) };
}

export async function mustFind(db: Db, key: string) {
  const t = await findTemplateByKey(db, key);
  if (!t || t.archivedAt) throw new AppError('not-found', `no template ${key}`);
  return t;
}

export async function templateDetail(db: Db, key: string) {
  await mustFind(db, key);
  const t = (await listTemplates(db)).find((x) => x.key === key)!;
  const latest = t.latestVersionId ? await latestVersion(db, t.id) : undefined;
  const versions = await listVersions(db, t.id);
  return {
    ...summary(t),
    draftXml: t.draftXml,
    latestXml: latest?.bpmnXml ?? null,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      changeNote: v.changeNote,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy,
    })),
  };
}

export async function createTemplate(db: Db, input: { key: string; name: string; copyFrom?: string }, by: string) {
  if (await findTemplateByKey(db, input.key)) throw new AppError('conflict', `a template ${input.key} exists already`);
  let draft: string | null = null;
  if (input.copyFrom) {
    const source = await mustFind(db, input.copyFrom);
    const v = await latestVersion(db, source.id);
    if (!v) throw new AppError('conflict', `${input.copyFrom} has no published version to copy`);
    draft = v.bpmnXml;
  }
  const t = await db.transaction(async (trx) => {
    const created = await insertTemplate(trx, { key: input.key, name: input.name, caseTypes: [], createdBy: by });
    if (draft) await saveDraft(trx, created.id, draft, by);
    return created;
  });
  return templateDetail(db, t.key);
}

export async function saveTemplateDraft(db: Db, key: string, xml: string, by: string): Promise<Validation> {
  const t = await mustFind(db, key);
  await saveDraft(db, t.id, xml, by);
  return validateXml(xml);
}

export async function matchTemplate(db: Db, practiceArea: string, caseType: string) {
  const v = await matchVersion(db, practiceArea, caseType);
  if (!v) throw new AppError('no-template', `no published template for ${practiceArea} / ${caseType}`);
  return { templateKey: v.templateKey, versionId: v.id, version: v.version };
}

/** A published version as answers name it. */
export function versionSummary(v: {
  id: string;
  version: number;
  changeNote: string | null;
  publishedAt: Date;
  publishedBy: string | null;
}) {
  return { id: v.id, version: v.version, changeNote: v.changeNote, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy };
}

export async function templateVersion(db: Db, key: string, version: number) {
  const t = await findTemplateByKey(db, key);
  const v = t && (await findVersionByNumber(db, t.id, version));
  if (!v) throw new AppError('not-found', `no version ${version} of ${key}`);
  return {
    ...versionSummary(v),
    bpmnXml: v.bpmnXml,
    model: v.model as Record<string, unknown>,
  };
}

/** Two live templates never serve the same practice area and case type: matching stays unambiguous. */
export async function assertNoConflicts(db: Db, templateId: string, practiceArea: string, caseTypes: string[]) {
  const conflicts = await matchingConflicts(db, templateId, practiceArea, caseTypes);
  if (conflicts.length) {
    throw new AppError('conflict', `already served by another template: ${conflicts.map((c) => `${c.caseType} (${c.key})`).join(', ')}`, {
      errors: conflicts.map((c) => ({ path: `caseTypes.${c.caseType}`, message: `served by ${c.key}` })),
      conflicts,
    });
  }
}

export async function updateMatching(
  db: Db,
  key: string,
  input: { name?: string; nameEn?: string | null; practiceArea: string | null; caseTypes: string[] },
) {
  const t = await mustFind(db, key);
  if (input.practiceArea) await assertNoConflicts(db, t.id, input.practiceArea, input.caseTypes);
  await updateTemplateMeta(db, t.id, { ...input, caseTypes: [...new Set(input.caseTypes)] });
  return templateDetail(db, key);
}

export async function archive(db: Db, key: string) {
  const t = await mustFind(db, key);
  await archiveTemplate(db, t.id);
}

export async function versionDiff(db: Db, key: string, from: number, to: number) {
  const [a, b] = await Promise.all([templateVersion(db, key, from), templateVersion(db, key, to)]);
  return { from, to, ...diffModels(ZTemplateModel.parse(a.model), ZTemplateModel.parse(b.model)), toXml: b.bpmnXml };
}

/** Running cases on other versions, where each stands, and whether the target version has a place for it. */
export async function migrationPreview(db: Db, key: string, toVersion: number) {
  const t = await mustFind(db, key);
  const target = await templateVersion(db, key, toVersion);
  const model = ZTemplateModel.parse(target.model);
  const cases = await runningCasesOfTemplate(db, t.id, target.id);
  const items = [];
  for (const c of cases) {
    const open = await openTaskNodeIds(db, c.id);
    const missing = [...new Set([c.current_stage_id, ...open].filter((id): id is string => Boolean(id) && !model.nodes[id!]))];
    items.push({
      caseId: c.id,
      number: c.number,
      title: c.title,
      fromVersion: c.version,
      stageId: c.current_stage_id,
      stageName: c.current_stage_name,
      missing,
    });
  }
  return { toVersion, toVersionId: target.id, items };
}
