import type { Db } from '../connection';

export interface TemplateRow {
  id: string;
  key: string;
  name: string;
  nameEn: string | null;
  practiceArea: string | null;
  caseTypes: string[];
  draftXml: string | null;
  draftUpdatedAt: Date | null;
  archivedAt: Date | null;
  createdAt: Date;
}

export interface VersionRow {
  id: string;
  templateId: string;
  version: number;
  bpmnXml: string;
  model: unknown;
  changeNote: string | null;
  publishedAt: Date;
  publishedBy: string | null;
}

const toTemplate = (r: Record<string, any>): TemplateRow => ({
  id: r.id,
  key: r.key,
  name: r.name,
  nameEn: r.name_en,
  practiceArea: r.practice_area,
  caseTypes: r.case_types ?? [],
  draftXml: r.draft_xml,
  draftUpdatedAt: r.draft_updated_at,
  archivedAt: r.archived_at,
  createdAt: r.created_at,
});

const toVersion = (r: Record<string, any>): VersionRow => ({
  id: r.id,
  templateId: r.template_id,
  version: r.version,
  bpmnXml: r.bpmn_xml,
  model: r.model,
  changeNote: r.change_note,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

export async function findTemplateByKey(db: Db, key: string): Promise<TemplateRow | undefined> {
  const row = await db('process_templates').where({ key }).first();
  return row ? toTemplate(row) : undefined;
}

export async function insertTemplate(
  db: Db,
  t: { key: string; name: string; nameEn?: string | null; practiceArea?: string | null; caseTypes: string[]; createdBy: string | null },
): Promise<TemplateRow> {
  const [row] = await db('process_templates')
    .insert({
      key: t.key,
      name: t.name,
      name_en: t.nameEn ?? null,
      practice_area: t.practiceArea ?? null,
      case_types: t.caseTypes,
      created_by: t.createdBy,
    })
    .returning('*');
  return toTemplate(row);
}

export async function updateTemplateMeta(
  db: Db,
  id: string,
  m: { name?: string; nameEn?: string | null; practiceArea?: string | null; caseTypes?: string[] },
): Promise<void> {
  const cols: Record<string, unknown> = {};
  if (m.name !== undefined) cols.name = m.name;
  if (m.nameEn !== undefined) cols.name_en = m.nameEn;
  if (m.practiceArea !== undefined) cols.practice_area = m.practiceArea;
  if (m.caseTypes !== undefined) cols.case_types = m.caseTypes;
  if (Object.keys(cols).length) await db('process_templates').where({ id }).update(cols);
}

export async function saveDraft(db: Db, id: string, xml: string, by: string | null): Promise<void> {
  await db('process_templates').where({ id }).update({ draft_xml: xml, draft_updated_at: db.fn.now(), draft_updated_by: by });
}

/** Drops the draft once it is published; a draft saved since (other XML) is kept. */
export async function clearPublishedDraft(db: Db, id: string, publishedXml: string): Promise<void> {
  await db('process_templates').where({ id, draft_xml: publishedXml }).update({ draft_xml: null });
}

export async function insertVersion(
  db: Db,
  v: { templateId: string; bpmnXml: string; model: unknown; changeNote: string | null; publishedBy: string | null },
): Promise<VersionRow> {
  const { rows } = await db.raw(
    `insert into process_template_versions (template_id, version, bpmn_xml, model, change_note, published_by)
     select :templateId, coalesce(max(version), 0) + 1, :xml, :model, :note, :by
       from process_template_versions where template_id = :templateId
     returning *`,
    { templateId: v.templateId, xml: v.bpmnXml, model: JSON.stringify(v.model), note: v.changeNote, by: v.publishedBy },
  );
  return toVersion(rows[0]);
}

export async function findVersion(db: Db, id: string): Promise<VersionRow | undefined> {
  const row = await db('process_template_versions').where({ id }).first();
  return row ? toVersion(row) : undefined;
}

export async function findVersionByNumber(db: Db, templateId: string, version: number): Promise<VersionRow | undefined> {
  const row = await db('process_template_versions').where({ template_id: templateId, version }).first();
  return row ? toVersion(row) : undefined;
}

export async function latestVersion(db: Db, templateId: string): Promise<VersionRow | undefined> {
  const row = await db('process_template_versions').where({ template_id: templateId }).orderBy('version', 'desc').first();
  return row ? toVersion(row) : undefined;
}

export async function listVersions(db: Db, templateId: string): Promise<Array<Omit<VersionRow, 'bpmnXml' | 'model'>>> {
  const rows = await db('process_template_versions')
    .where({ template_id: templateId })
    .orderBy('version', 'desc')
    .select('id', 'template_id', 'version', 'change_note', 'published_at', 'published_by');
  return rows.map((r) => {
    const { bpmnXml: _x, model: _m, ...rest } = toVersion({ ...r, bpmn_xml: '', model: null });
    return rest;
  });
}

export interface TemplateSummary extends TemplateRow {
  latestVersion: number | null;
  latestVersionId: string | null;
  hasDraft: boolean;
  runningCases: number;
  /** Open cases per published version, oldest version first; versions without cases are left out. */
  runningByVersion: { version: number; count: number }[];
}

export async function listTemplates(db: Db, opts: { includeArchived?: boolean } = {}): Promise<TemplateSummary[]> {
  const rows = await db('process_templates as t')
    .modify((b) => !opts.includeArchived && b.whereNull('t.archived_at'))
    .select(
      't.*',
      db.raw('(select max(version) from process_template_versions v where v.template_id = t.id) as latest_version'),
      db.raw('(select id from process_template_versions v where v.template_id = t.id order by version desc limit 1) as latest_version_id'),
      db.raw(
        `(select coalesce(json_agg(json_build_object('version', x.version, 'count', x.n) order by x.version), '[]'::json)
            from (select v.version, count(*)::int as n from cases c join process_template_versions v on v.id = c.template_version_id
                   where v.template_id = t.id and c.status <> 'closed' group by v.version) x) as running_by_version`,
      ),
    )
    .orderBy('t.key');
  return rows.map((r: Record<string, any>) => ({
    ...toTemplate(r),
    latestVersion: r.latest_version,
    latestVersionId: r.latest_version_id,
    hasDraft: r.draft_xml !== null,
    runningByVersion: r.running_by_version,
    runningCases: (r.running_by_version as { count: number }[]).reduce((n, v) => n + v.count, 0),
  }));
}

/** The published version that serves a practice area and case type (the most recent template wins ties). */
export async function matchVersion(
  db: Db,
  practiceArea: string,
  caseType: string,
): Promise<(VersionRow & { templateKey: string }) | undefined> {
  const row = await db('process_templates as t')
    .join('process_template_versions as v', 'v.template_id', 't.id')
    .whereNull('t.archived_at')
    .andWhere('t.practice_area', practiceArea)
    .andWhereRaw('? = any(t.case_types)', [caseType])
    .orderBy([{ column: 'v.version', order: 'desc' }])
    .select('v.*', 't.key as template_key', 't.created_at as template_created_at')
    .orderBy('t.created_at', 'desc')
    .first();
  return row ? { ...toVersion(row), templateKey: row.template_key } : undefined;
}

/** Other live templates with a published version that already serve one of these case types of the area. */
export async function matchingConflicts(
  db: Db,
  templateId: string,
  practiceArea: string,
  caseTypes: string[],
): Promise<Array<{ key: string; caseType: string }>> {
  if (!caseTypes.length) return [];
  const rows = await db('process_templates as t')
    .whereNull('t.archived_at')
    .whereNot('t.id', templateId)
    .andWhere('t.practice_area', practiceArea)
    .whereExists(db('process_template_versions as v').whereRaw('v.template_id = t.id'))
    .select('t.key', db.raw('array(select unnest(t.case_types) intersect select unnest(?::text[])) as shared', [caseTypes]));
  return rows.flatMap((r: { key: string; shared: string[] }) => r.shared.map((caseType) => ({ key: r.key, caseType })));
}

export async function archiveTemplate(db: Db, id: string): Promise<void> {
  await db('process_templates').where({ id }).update({ archived_at: db.fn.now() });
}

/** Cases not yet closed that run on a version of this template other than `exceptVersionId`. */
export async function runningCasesOfTemplate(db: Db, templateId: string, exceptVersionId: string) {
  return db('cases as c')
    .join('process_template_versions as v', 'v.id', 'c.template_version_id')
    .where('v.template_id', templateId)
    .whereNot('c.status', 'closed')
    .whereNot('v.id', exceptVersionId)
    .orderBy('c.number')
    .select('c.id', 'c.number', 'c.title', 'c.current_stage_id', 'c.current_stage_name', 'v.version', 'c.lead_lawyer_id');
}
