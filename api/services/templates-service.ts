import type { Db } from '../../db/connection';
import {
  findTemplateByKey,
  findVersionByNumber,
  insertTemplate,
  insertVersion,
  latestVersion,
  listTemplates,
  listVersions,
  matchVersion,
  saveDraft,
  updateTemplateMeta,
  type TemplateSummary,
} from '../../db/repositories/templates';
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
});

export async function validateXml(xml: string): Promise<Validation> {
  const r = await compile(xml);
  return r.model ? { valid: true, errors: [], model: r.model as unknown as Record<string, unknown> } : { valid: false, errors: r.errors };
}

export async function templateList(db: Db) {
  return { items: (await listTemplates(db)).map(summary) };
}

async function mustFind(db: Db, key: string) {
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
    versions: versions.map((v) => ({ id: v.id, version: v.version, changeNote: v.changeNote, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy })),
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
  const t = await insertTemplate(db, { key: input.key, name: input.name, caseTypes: [], createdBy: by });
  if (draft) await saveDraft(db, t.id, draft, by);
  return templateDetail(db, t.key);
}

export async function saveTemplateDraft(db: Db, key: string, xml: string, by: string): Promise<Validation> {
  const t = await mustFind(db, key);
  await saveDraft(db, t.id, xml, by);
  return validateXml(xml);
}

/** Compiles the draft (or the given XML) and stores it as the next immutable version; refuses on any error. */
export async function publishTemplate(db: Db, key: string, input: { changeNote?: string; xml?: string }, by: string) {
  const t = await mustFind(db, key);
  const xml = input.xml ?? t.draftXml;
  if (!xml) throw new AppError('conflict', 'there is no draft to publish');
  const r = await compile(xml);
  if (!r.model) throw new AppError('template-invalid', `the template has ${r.errors.length} error(s)`, { errors: r.errors.map((e) => ({ path: e.elementId, message: e.message })) });
  return db.transaction(async (trx) => {
    const v = await insertVersion(trx, { templateId: t.id, bpmnXml: xml, model: r.model, changeNote: input.changeNote ?? null, publishedBy: by });
    await updateTemplateMeta(trx, t.id, {
      ...(r.model.practiceArea ? { practiceArea: r.model.practiceArea } : {}),
      ...(r.model.caseTypes.length ? { caseTypes: r.model.caseTypes } : {}),
      ...(r.model.nameEn ? { nameEn: r.model.nameEn } : {}),
    });
    return { id: v.id, version: v.version, changeNote: v.changeNote, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy };
  });
}

export async function matchTemplate(db: Db, practiceArea: string, caseType: string) {
  const v = await matchVersion(db, practiceArea, caseType);
  if (!v) throw new AppError('no-template', `no published template for ${practiceArea} / ${caseType}`);
  return { templateKey: v.templateKey, versionId: v.id, version: v.version };
}

export async function templateVersion(db: Db, key: string, version: number) {
  const t = await findTemplateByKey(db, key);
  const v = t && (await findVersionByNumber(db, t.id, version));
  if (!v) throw new AppError('not-found', `no version ${version} of ${key}`);
  return {
    id: v.id,
    version: v.version,
    changeNote: v.changeNote,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: v.publishedBy,
    bpmnXml: v.bpmnXml,
    model: v.model as Record<string, unknown>,
  };
}
